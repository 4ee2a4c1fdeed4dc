"""Response bodies synthesised from a document's schema: plausible values for every property.

Used by the response-model tests (every JSON result of every operation parsed by the client) and
by the benchmark (100 projects). A synthesised body is not guaranteed valid (patterns, lengths and
oneOf discriminators are not honoured): callers check it against the document before relying on it.
"""

from __future__ import annotations

import datetime as _dt
import zlib
from typing import Any

__all__ = ["accepts_null", "flatten", "resolve", "synth"]


def resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in schema and seen < 50:
        node: Any = doc
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        schema = node
        seen += 1
    return schema


def flatten(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    schema = resolve(doc, schema)
    if "allOf" not in schema:
        return schema
    merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
    for part in schema["allOf"]:
        sub = flatten(doc, part)
        merged["properties"].update(sub.get("properties", {}))
        merged["required"] += sub.get("required", [])
        for key in ("type", "enum", "format"):
            if key in sub and key != "type":
                merged[key] = sub[key]
        if sub.get("type") and sub.get("type") != "object" and not sub.get("properties"):
            merged["type"] = sub["type"]
    merged["properties"].update(schema.get("properties", {}))
    merged["required"] += schema.get("required", [])
    return merged


def accepts_null(doc: dict[str, Any], schema: dict[str, Any]) -> bool:
    """Whether the document lets `schema` be null: `nullable: true`, or an allOf whose parts all
    accept null or say nothing of types, at least one saying nullable (JSON Schema semantics)."""
    schema = resolve(doc, schema)
    if schema.get("nullable") is True:
        return True
    parts = [resolve(doc, part) for part in schema.get("allOf", [])]
    if not parts or "type" in schema:
        return False
    if any("type" in part and not accepts_null(doc, part) for part in parts):
        return False
    return any(accepts_null(doc, part) for part in parts)


def synth(
    doc: dict[str, Any],
    schema: dict[str, Any],
    i: int,
    name: str = "value",
    depth: int = 0,
    full: bool = True,
    nulls: bool = False,
) -> Any:
    """A plausible value for `schema`; index `i` varies strings and numbers between items.

    `full` fills the optional properties too (a rich object); otherwise only the required ones.
    `nulls` puts null wherever the document allows it below the top level."""
    if nulls and depth > 0 and accepts_null(doc, schema):
        return None
    schema = flatten(doc, schema)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            options = [o for o in schema[key] if resolve(doc, o).get("type") != "null"]
            if options:
                return synth(doc, options[0], i, name, depth, full, nulls)
    if schema.get("enum"):
        values = [v for v in schema["enum"] if v is not None]
        return values[i % len(values)] if values else None
    typ = schema.get("type")
    if isinstance(typ, list):
        typ = next((t for t in typ if t != "null"), None)
    if typ is None:
        typ = "object" if "properties" in schema or "additionalProperties" in schema else "string"
    if typ == "string":
        fmt = schema.get("format", "")
        if fmt == "date-time":
            return (
                (_dt.datetime(2025, 1, 1, tzinfo=_dt.timezone.utc) + _dt.timedelta(hours=i))
                .isoformat()
                .replace("+00:00", "Z")
            )
        if fmt == "date":
            return (_dt.date(2025, 1, 1) + _dt.timedelta(days=i % 300)).isoformat()
        if fmt == "uuid" or name.lower().endswith(("id", "uuid")):
            return f"{i:08x}-0000-4000-8000-{zlib.crc32(name.encode()):012d}"
        return f"{name}-{i}"
    if typ == "integer":
        lo = schema.get("minimum", 0)
        hi = schema.get("maximum", lo + 1000)
        return int(min(max(lo, i % 1000 + 1), hi))
    if typ == "number":
        lo = schema.get("minimum", 0)
        hi = schema.get("maximum", lo + 1000.0)
        return float(min(max(lo, (i % 100) + 0.5), hi))
    if typ == "boolean":
        return i % 2 == 0
    if typ == "array":
        if depth > 6:
            return []
        return [synth(doc, schema.get("items", {}), i + k, name, depth + 1, full, nulls) for k in range(2)]
    # object
    out: dict[str, Any] = {}
    required = set(schema.get("required", []))
    for prop, sub in schema.get("properties", {}).items():
        if (depth > 6 or not full) and prop not in required:
            continue
        out[prop] = synth(doc, sub, i, prop, depth + 1, full, nulls)
    for prop in sorted(required - out.keys()):  # required but never declared (`reqeust_id`): any value
        out[prop] = f"{prop}-{i}"
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and extra and not out and depth <= 6:
        out["key"] = synth(doc, extra, i, "key", depth + 1, full, nulls)
    return out
