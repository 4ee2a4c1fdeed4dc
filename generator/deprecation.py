"""Every way the Run:ai documents say "deprecated", read into one `Deprecation` value.

The flag (`deprecated: true`, also beside a `$ref`), a deprecated tag (a name ending in "Deprecated"
or a description starting "**DEPRECATED:**"), and description text ("Deprecated - use X instead",
"... (deprecated)"). Replacements are only ever named in descriptions.
"""

from __future__ import annotations

import re
from typing import Any

from .ir import Deprecation

_MARKED = re.compile(
    r"^[\s*_]*deprecated\b"  # "Deprecated. Instead, use ...", "**DEPRECATED:** ..."
    r"|(?<!\bis\s)\bdeprecated\s*[-,.:]\s*(?:please\s+)?use\b"  # "... Deprecated - use X instead."
    r"|\(deprecated\)"  # "... (deprecated)"
    r"|\b(?:this|the)\s+(?:endpoint|api|operation|field|parameter|property)\s+is\s+deprecated\b",
    re.IGNORECASE,
)
_REPLACEMENT = re.compile(
    r"deprecated\b.*?\b(?:instead,?\s+)?(?:please\s+)?use\s+(?:the\s+)?(.{1,160}?)(?:\s+instead\b|\.\s|\.$|\n|$)",
    re.IGNORECASE | re.DOTALL,
)


def text_says_deprecated(text: str | None) -> bool:
    """True when a description marks its subject deprecated (not when it merely mentions a deprecated thing)."""
    return bool(text and _MARKED.search(text))


def replacement_in(text: str | None) -> str | None:
    """The replacement a deprecation text names ("use `/api/v1/nodes` instead" → "`/api/v1/nodes`")."""
    if not text:
        return None
    match = _REPLACEMENT.search(text)
    return match.group(1).strip() if match else None


def tag_is_deprecated(tag: dict[str, Any]) -> bool:
    """A tag named "... Deprecated" or described "**DEPRECATED:** ..."."""
    name = str(tag.get("name", ""))
    return name.lower().rstrip().endswith("deprecated") or text_says_deprecated(str(tag.get("description") or ""))


MISSPELLINGS = ("depracted", "deprected", "depricated", "deprecatd", "depreciated", "deprecate")


def misspelt_flag(node: dict[str, Any]) -> str | None:
    """The key of a misspelt `deprecated: true` (`depracted` in 2.22), which counts as the flag."""
    return next((key for key in MISSPELLINGS if node.get(key) is True), None)


def deprecation_of(
    node: dict[str, Any], description: str | None, *, tag_deprecated: bool = False
) -> Deprecation | None:
    """The deprecation of an operation, parameter, property or schema, or None."""
    replacement = replacement_in(description)
    if node.get("deprecated") is True or misspelt_flag(node):
        return Deprecation("flag", replacement)
    if tag_deprecated:
        return Deprecation("tag", replacement)
    if text_says_deprecated(description):
        return Deprecation("description", replacement)
    return None
