"""The error of a lazily loading module (`__getattr__`) for a name it does not have."""

from __future__ import annotations

from collections.abc import Iterable


def no_attribute(module: str, name: str, known: Iterable[str]) -> AttributeError:
    """`AttributeError` for `module.name`, suggesting the closest known names (a misspelt model or client)."""
    import difflib  # only on this error path: keeps `import` fast

    message = f"module {module!r} has no attribute {name!r}"
    close = difflib.get_close_matches(name, list(known), n=3)
    if close:
        message += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    # `obj` set: Python keeps the message as it is instead of appending its own suggestion.
    return AttributeError(message, obj=None)
