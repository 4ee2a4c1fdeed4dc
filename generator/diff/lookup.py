"""Name lookups over one `Api` (aliases and enums by class name), built once per `Api` object.

Rules run per property difference; building these dicts per call cost more than the rules themselves.
"""

from __future__ import annotations

from generator.ir import Api, Enum, TypeRef

__all__ = ["alias_targets", "enums"]

_RECENT: list[tuple[Api, dict[str, TypeRef], dict[str, Enum]]] = []


def _tables(api: Api) -> tuple[dict[str, TypeRef], dict[str, Enum]]:
    global _RECENT
    for known, aliases, by_name in _RECENT:
        if known is api:
            return aliases, by_name
    aliases = {a.class_name: a.target for a in api.aliases}
    by_name = {e.class_name: e for e in api.enums}
    _RECENT = [*_RECENT[-7:], (api, aliases, by_name)]
    return aliases, by_name


def alias_targets(api: Api) -> dict[str, TypeRef]:
    """Class name of each alias -> the type it stands for."""
    return _tables(api)[0]


def enums(api: Api) -> dict[str, Enum]:
    """Class name -> enum."""
    return _tables(api)[1]
