"""Valid request values for an operation, built from the IR and the raw document's constraints.

The IR says what a value is (types, required fields, wire names); the raw document, reached
through each IR node's JSON pointer, adds what the IR does not keep: `minLength`/`maxLength`,
`pattern`, `minimum`/`maximum`, `minItems`, string formats (email, uri, ...) and enums that the IR
left as plain strings. Values are deterministic, so a failure reproduces.

Two shapes are built for each value: the *wire* value (JSON, used for request bodies, which are
then validated into the generated pydantic model) and the *python* value passed as a method
keyword (a `datetime` for a date-time parameter, the generated enum member for an enum).
"""

from __future__ import annotations

import datetime as dt
import re
import re._constants as sre_c  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from typing import Any

from generator import ir

UUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
DATETIME = "2024-01-02T03:04:05Z"
DATE = "2024-01-02"

# Plain, URL-safe strings tried (in order) against a schema's pattern before generating one.
_CANDIDATES = (
    "abc",
    "a",
    "abc-1",
    "test",
    "1",
    "10",
    "a1",
    "v1",
    "1.0.0",
    "10Gi",
    "100m",
    "abc_1",
    "ABC",
    "example.com",
    "user@example.com",
    "https://example.com",
    "/abc",
    "key=value",
    DATETIME,
    UUID,
)

_FORMATS: dict[str, str] = {
    "uuid": UUID,
    "date-time": DATETIME,
    "date": DATE,
    "email": "user@example.com",
    "uri": "https://example.com/abc",
    "url": "https://example.com/abc",
    "uri-reference": "https://example.com/abc",
    "hostname": "example.com",
    "ipv4": "10.0.0.1",
    "ipv6": "::1",
    "byte": "YWJj",
    "duration": "P1D",
    "time": "03:04:05Z",
}


class Document:
    """The raw document: JSON-pointer lookup, `$ref` resolution and `allOf` constraint merging."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def at(self, pointer: str | None) -> dict[str, Any] | None:
        if pointer is None or not pointer.startswith("/"):
            return None
        node: Any = self.raw
        for part in pointer[1:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return node if isinstance(node, dict) else None

    def schema(self, node: dict[str, Any] | None, depth: int = 0) -> dict[str, Any]:
        """`node` with `$ref`s followed and the constraints of its `allOf` parts merged in."""
        if not isinstance(node, dict) or depth > 20:
            return {}
        if "$ref" in node:
            target = self.schema(self.at(node["$ref"][1:]), depth + 1)
            return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        if "allOf" in node:
            merged: dict[str, Any] = {}
            for part in node["allOf"]:
                for key, value in self.schema(part, depth + 1).items():
                    if key == "properties":
                        merged.setdefault("properties", {}).update(value)
                    elif key == "required":
                        merged["required"] = [*merged.get("required", []), *value]
                    else:
                        merged.setdefault(key, value)
            return {**merged, **{k: v for k, v in node.items() if k != "allOf"}}
        return node

    def parameter_schema(self, pointer: str) -> dict[str, Any]:
        param = self.schema(self.at(pointer))
        return self.schema(param.get("schema"))


# ------------------------------------------------------------------------------------------- strings
def _from_regex(pattern: str, extra: int) -> str | None:
    """A short string matching `pattern` (repeats at their minimum plus `extra`), or None."""
    try:
        tree = sre_parse.parse(pattern)
    except (re.error, RecursionError, ValueError):
        return None

    def category(cat: Any) -> str:
        name = str(cat)
        if "NOT_DIGIT" in name or "NOT_SPACE" in name:
            return "a"
        if "DIGIT" in name:
            return "0"
        if "NOT_WORD" in name:
            return "-"
        if "SPACE" in name:
            return " "
        return "a"

    def one_in(items: list[Any]) -> str:
        negate = any(op is sre_c.NEGATE for op, _ in items)
        if negate:
            excluded = set()
            for op, av in items:
                if op is sre_c.LITERAL:
                    excluded.add(chr(av))
            return next(c for c in "abcxyz019-_" if c not in excluded)
        # Prefer a lower-case letter or digit when the class offers one.
        options: list[str] = []
        for op, av in items:
            if op is sre_c.LITERAL:
                options.append(chr(av))
            elif op is sre_c.RANGE:
                lo, hi = av
                options.extend(c for c in "abc012ABC" if lo <= ord(c) <= hi)
                options.append(chr(lo))
            elif op is sre_c.CATEGORY:
                options.append(category(av))
        good = [c for c in options if c.isalnum()]
        return (good or options or ["a"])[0]

    def emit(items: Any) -> str:
        out = []
        for op, av in items:
            if op is sre_c.LITERAL:
                out.append(chr(av))
            elif op is sre_c.NOT_LITERAL:
                out.append("a" if chr(av) != "a" else "b")
            elif op is sre_c.ANY:
                out.append("a")
            elif op is sre_c.IN:
                out.append(one_in(av))
            elif op is sre_c.CATEGORY:
                out.append(category(av))
            elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
                lo, hi, sub = av
                count = lo + extra if hi is sre_c.MAXREPEAT else min(hi, lo + extra)
                count = max(count, lo)
                out.append(emit(sub) * count)
            elif op is sre_c.SUBPATTERN:
                out.append(emit(av[-1]))
            elif op is sre_c.BRANCH:
                out.append(emit(av[1][0]))
            elif op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
                continue
            elif op is sre_c.ATOMIC_GROUP if hasattr(sre_c, "ATOMIC_GROUP") else False:
                out.append(emit(av))
            else:
                return "\0"
        return "".join(out)

    text = emit(tree)
    return None if "\0" in text else text


def string_value(schema: dict[str, Any], *, url_safe: bool = False) -> str:
    """A string that satisfies the schema's enum, format, pattern and length constraints."""
    if schema.get("enum"):
        return str(next(v for v in schema["enum"] if v is not None))
    if "example" in schema and isinstance(schema["example"], str) and _fits(schema["example"], schema, url_safe):
        return schema["example"]
    lo = int(schema.get("minLength", 0) or 0)
    hi = schema.get("maxLength")
    pattern = schema.get("pattern")
    fmt = schema.get("format")
    if fmt in _FORMATS and _fits(_FORMATS[fmt], schema, url_safe):
        return _FORMATS[fmt]
    pool = [c for c in _CANDIDATES if not url_safe or re.fullmatch(r"[A-Za-z0-9._~-]+", c)]
    for candidate in pool:
        if _fits(candidate, schema, url_safe):
            return candidate
    if pattern:
        for extra in range(0, 64):
            text = _from_regex(pattern, extra)
            if text is not None and _fits(text, schema, url_safe):
                return text
            if text is not None and hi is not None and len(text) > int(hi):
                break
    base = "a" * max(lo, 3)
    return base[: int(hi)] if hi is not None else base


def _fits(text: str, schema: dict[str, Any], url_safe: bool) -> bool:
    if len(text) < int(schema.get("minLength", 0) or 0):
        return False
    if schema.get("maxLength") is not None and len(text) > int(schema["maxLength"]):
        return False
    pattern = schema.get("pattern")
    if pattern:
        try:
            if re.search(pattern, text) is None:
                return False
        except re.error:
            return False
    if url_safe and not re.fullmatch(r"[A-Za-z0-9._~:@-]+", text):
        return False
    return True


def number_value(schema: dict[str, Any], *, integer: bool) -> int | float:
    """1 (or 1.5), moved inside `minimum`/`maximum` (exclusive bounds too) and onto `multipleOf`."""
    lo, hi = schema.get("minimum"), schema.get("maximum")
    xlo, xhi = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    # OpenAPI 3.0 spells exclusive bounds as booleans beside minimum/maximum.
    if xlo is True and lo is not None:
        lo, xlo = None, lo
    if xhi is True and hi is not None:
        hi, xhi = None, hi
    value: float = 1
    if lo is not None and value < lo:
        value = lo
    if xlo not in (None, False) and value <= xlo:
        value = xlo + 1
    if hi is not None and value > hi:
        value = hi
    if xhi not in (None, False) and value >= xhi:
        value = xhi - 1 if integer else (xhi + (lo if lo is not None else xhi - 1)) / 2
    step = schema.get("multipleOf")
    if step:
        value = max(step, round(value / step) * step)
    if schema.get("enum"):
        value = next(v for v in schema["enum"] if v is not None)
    return int(value) if integer else value


# --------------------------------------------------------------------------------------------- values
class ValueBuilder:
    """Builds wire (JSON) and Python values for IR types of one API and its generated package."""

    def __init__(self, api: ir.Api, raw: dict[str, Any], package: Any) -> None:
        self.api = api
        self.doc = Document(raw)
        self.package = package
        self.models = {m.class_name: m for m in api.models}
        self.enums = {e.class_name: e for e in api.enums}

    # -- wire values (JSON) ---------------------------------------------------------------------
    def wire(self, t: ir.TypeRef, schema: dict[str, Any] | None = None, depth: int = 0, url_safe: bool = False) -> Any:
        s = self.doc.schema(schema or {})
        if isinstance(t, ir.Nullable):
            return self.wire(t.inner, s, depth, url_safe)
        if isinstance(t, ir.EnumRef):
            values = [m.value for m in self.enums[t.class_name].members]
            allowed = [v for v in s.get("enum", values) if v is not None]
            return allowed[0] if allowed else values[0]
        if isinstance(t, ir.Primitive):
            if t.kind == "bool":
                return True
            if t.kind == "int":
                return number_value(s, integer=True)
            if t.kind == "float":
                return number_value(s, integer=False)
            if t.kind == "datetime":
                return DATETIME
            if t.kind == "date":
                return DATE
            if t.kind == "uuid":
                return UUID
            return string_value(s, url_safe=url_safe)
        if isinstance(t, ir.ListOf):
            count = max(1, int(s.get("minItems", 0) or 0))
            item = self.wire(t.item, s.get("items"), depth + 1)
            return [item for _ in range(count)] if not s.get("uniqueItems") or count == 1 else [item]
        if isinstance(t, ir.MapOf):
            if depth > 6:
                return {}
            additional = s.get("additionalProperties")
            return {"key": self.wire(t.value, additional if isinstance(additional, dict) else None, depth + 1)}
        if isinstance(t, ir.UnionOf):
            raw_options = s.get("oneOf") or s.get("anyOf") or []
            index = self._union_choice(t, raw_options)
            option_schema = raw_options[index] if index < len(raw_options) else None
            return self.wire(t.options[index], option_schema, depth + 1, url_safe)
        if isinstance(t, ir.ModelRef):
            return self.model(t.class_name, depth)
        return "value"  # AnyValue

    def _union_choice(self, t: ir.UnionOf, raw_options: list[Any]) -> int:
        """The first option that is not `null`-only; a primitive first, since it cannot match two options."""
        for i, option in enumerate(t.options):
            if isinstance(option, ir.Primitive):
                return i
        return 0

    def model(self, class_name: str, depth: int = 0) -> dict[str, Any]:
        model = self.models[class_name]
        out: dict[str, Any] = {}
        if depth > 8:
            return out
        for f in model.fields:
            if not f.required or f.read_only:
                continue
            out[f.wire_name] = self.wire(f.type, self.doc.at(f.pointer), depth + 1)
        # Document defect seen in the Run:ai documents: a name in `required` that is not among the
        # `properties`. The IR (rightly) has no field for it; a server that enforces the schema still
        # wants it, so send a placeholder (models keep unknown keys: `extra="allow"`).
        raw = self.doc.schema(self.doc.at(model.pointer))
        declared = set(raw.get("properties", {}))
        for name in raw.get("required", []):
            if name not in declared and name not in out:
                out[name] = "value"
        return out

    # -- python values (method keywords) --------------------------------------------------------------
    def python(self, t: ir.TypeRef, schema: dict[str, Any] | None, url_safe: bool = False) -> Any:
        base = ir.strip_nullable(t)
        if isinstance(base, ir.ListOf):
            return [self.python(base.item, self.doc.schema(schema or {}).get("items"), url_safe)]
        wire = self.wire(base, schema, url_safe=url_safe)
        if isinstance(base, ir.EnumRef):
            enum_cls = getattr(self.package.models, base.class_name, None)
            if enum_cls is not None:
                try:
                    return enum_cls(wire)
                except ValueError:
                    return wire
            return wire
        if isinstance(base, ir.Primitive) and base.kind == "datetime":
            return dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
        if isinstance(base, ir.Primitive) and base.kind == "date":
            return dt.date(2024, 1, 2)
        return wire

    def body(self, body: ir.Body) -> tuple[Any, str]:
        """The `body=` argument: the generated model validated from the wire dict when there is one."""
        schema_node = self.doc.schema(self.doc.at(body.pointer) or {})
        media = (schema_node.get("content") or {}).get(body.media_type) or {}
        wire = self.wire(body.type, media.get("schema"))
        base = ir.strip_nullable(body.type)
        if isinstance(base, ir.ModelRef) and body.media_type.endswith("json"):
            model_cls = getattr(self.package.models, base.class_name, None)
            if model_cls is not None:
                return model_cls.model_validate(wire), f"{base.class_name} model"
        return wire, "plain " + type(wire).__name__
