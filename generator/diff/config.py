"""The ignore file (`.runai-sdkgen-ignore`): acknowledged changes and level overrides.

    # one fingerprint per line, a comment after `#` says why
    3f2a9c1b7e4d5a60  # client.projects.get_projects removed on purpose (PLAT-123)
    # level overrides, the same as `--level rule-id=level` on the command line
    level schema-removed=info

Blank lines and comments are ignored. Fingerprints are the `fingerprint` of a change in any report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.diff import rules
from generator.diff.changes import ChangeLevel

__all__ = ["DEFAULT_IGNORE_FILE", "ConfigError", "IgnoreConfig", "parse_level", "read_ignore_file"]

DEFAULT_IGNORE_FILE = ".runai-sdkgen-ignore"
_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")


class ConfigError(ValueError):
    """A malformed ignore file line or level override, with the place and a message for the user."""


@dataclass(frozen=True)
class IgnoreConfig:
    fingerprints: frozenset[str] = frozenset()
    levels: dict[str, ChangeLevel] = field(default_factory=dict)


def parse_level(spec: str) -> tuple[str, ChangeLevel]:
    """`rule-id=level` → (rule id, level); unknown ids and levels are errors."""
    rule_id, sep, level = spec.partition("=")
    rule_id, level = rule_id.strip(), level.strip()
    if not sep or not rule_id:
        raise ConfigError(f"level override {spec!r}: expected RULE-ID=LEVEL")
    try:
        rules.by_id(rule_id)
    except rules.UnknownRuleError as e:
        raise ConfigError(str(e)) from None
    try:
        return rule_id, ChangeLevel(level)
    except ValueError:
        choices = ", ".join(lv.value for lv in ChangeLevel)
        raise ConfigError(f"level override {spec!r}: level must be one of {choices}") from None


def parse_ignore(lines: Iterable[str], name: str = DEFAULT_IGNORE_FILE) -> IgnoreConfig:
    fingerprints: set[str] = set()
    levels: dict[str, ChangeLevel] = {}
    for number, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("level "):
            try:
                rule_id, level = parse_level(line[len("level ") :])
            except ConfigError as e:
                raise ConfigError(f"{name}:{number}: {e}") from None
            levels[rule_id] = level
        elif _FINGERPRINT.match(line):
            fingerprints.add(line)
        else:
            raise ConfigError(
                f"{name}:{number}: expected a 16-hex-digit fingerprint or 'level RULE-ID=LEVEL', got {line!r}"
            )
    return IgnoreConfig(frozenset(fingerprints), levels)


def read_ignore_file(path: Path | None) -> IgnoreConfig:
    """Read `path`; a missing default file is an empty config, a missing named file an error."""
    if path is None:
        default = Path(DEFAULT_IGNORE_FILE)
        if not default.is_file():
            return IgnoreConfig()
        path = default
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot read ignore file {path}: {e.strerror}") from None
    return parse_ignore(text.splitlines(), str(path))
