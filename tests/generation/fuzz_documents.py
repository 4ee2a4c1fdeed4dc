"""Hypothesis strategies for random *valid* OpenAPI 3.0 documents: schemas (primitives with formats,
enums, arrays, objects with required properties, maps, allOf/oneOf/anyOf, nullable, `$ref`s and
recursion through properties), operations with parameters in path, query and header (cookie
parameters are refused by design: RSG302), request bodies and responses, and odd names and strings
everywhere a document allows them: long names, enum values and words, wide characters, defaults, and
description lines indented by spaces or tabs and ending in quotes or backslashes (black's docstring rules).

Whole-schema references (`$ref`, allOf parts) point only at earlier components, so no schema includes
itself (RSG015); properties may refer to their own component (a recursive model).
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import strategies as st

Schema = dict[str, Any]

ODD_NAMES = [
    "class", "import", "self", "type", "id", "from", "match", "case", "None", "True", "Client", "AsyncClient",
    "Endpoint", "RunaiModel", "OpenEnum", "model_config", "model_dump", "json", "schema", "__init__", "_", "-",
    "a b", "x-y", "1abc", "Ünïcödé", "日本", "😀", "Async", "Sync", "Resource", "models", "str", "list",
    "body", "options", "timeout", "with_options", "close", "Field", "Any", "dict", "0", "a.b", "A-B", "a__b",
]  # fmt: skip
_COMPONENT = re.compile(r"^[a-zA-Z0-9.\-_]+\Z")

# any text but lone surrogates (those are a hostile case of their own: tests/documents/hostile)
_text = st.text(st.characters(codec="utf-8"), max_size=12)
# text that tests black's rules: East Asian wide characters (2 columns), words too long for a line
_wide = st.sampled_from(["日本語の説明", "全角テキスト" * 12, "😀", "Ünïcödé", "e\u0301"])
_long_word = st.integers(100, 160).map(lambda n: "w" * n)
names = st.one_of(
    st.sampled_from(ODD_NAMES),
    st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,10}", fullmatch=True),
    _text.filter(bool),
    st.from_regex(r"[a-z][A-Za-z0-9]{60,120}", fullmatch=True),  # long, camelCase: an alias
)
component_names = st.one_of(
    st.sampled_from([n for n in ODD_NAMES if _COMPONENT.match(n)]),
    st.from_regex(r"[A-Za-z0-9._-]{1,12}", fullmatch=True),
    st.from_regex(r"[A-Za-z][A-Za-z0-9._-]{60,110}", fullmatch=True),
)
# lines indented by spaces or tabs (black dedents a docstring), ending in quotes, backslashes or spaces
_line = st.tuples(
    st.sampled_from(["", " ", "  ", "\t", " \t", "\t\t", "    "]),
    st.one_of(_text, _wide, _long_word, st.sampled_from(["- item", "`code`", "a", ""])),
    st.sampled_from(["", '"', '""', '"""', "\\", "\\\\", " ", "\t", "'"]),
).map("".join)
_hostile_text = st.lists(_line, min_size=1, max_size=4).map("\n".join)
descriptions = st.one_of(
    st.none(), _text, _hostile_text, st.sampled_from(['"""', "\\", "'''", "\x00\r\n", "{{ x }}", "%s"])
)


def _ref(name: str) -> Schema:
    return {"$ref": "#/components/schemas/" + name.replace("~", "~0").replace("/", "~1")}


_primitives: st.SearchStrategy[Schema] = st.one_of(
    st.sampled_from([None, "date-time", "date", "uuid", "byte", "binary", "email", "odd-format"]).map(
        lambda f: {"type": "string", **({"format": f} if f else {})}
    ),
    st.sampled_from([None, "int32", "int64"]).map(lambda f: {"type": "integer", **({"format": f} if f else {})}),
    st.just({"type": "number"}),
    st.just({"type": "boolean"}),
    st.just({}),
    st.lists(
        st.one_of(names, _text, _wide, st.from_regex(r"[A-Za-z][A-Za-z ._-]{80,150}", fullmatch=True)),
        min_size=1,
        max_size=5,
        unique=True,
    ).map(lambda values: {"type": "string", "enum": values}),
    st.one_of(_text, _hostile_text).map(lambda default: {"type": "string", "default": default}),
    st.lists(st.integers(-(2**40), 2**40), min_size=1, max_size=4, unique=True).map(
        lambda values: {"type": "integer", "enum": values}
    ),
)


def _with(schema: Schema, nullable: bool, description: str | None) -> Schema:
    if "$ref" in schema:
        return schema
    out = dict(schema)
    if nullable:
        out["nullable"] = True
    if description is not None:
        out["description"] = description
    return out


def schemas(earlier: list[str], own: str | None) -> st.SearchStrategy[Schema]:
    """Schemas referring whole only to `earlier` components, and through properties also to `own`."""
    whole = st.sampled_from(earlier).map(_ref) if earlier else st.nothing()
    leaves = st.one_of(_primitives, whole)
    in_property = st.one_of(leaves, st.just(_ref(own))) if own else leaves

    def extend(children: st.SearchStrategy[Schema]) -> st.SearchStrategy[Schema]:
        properties = st.dictionaries(names, st.one_of(children, in_property), min_size=1, max_size=4)
        objects = st.tuples(properties, st.integers(0, 4)).map(
            lambda t: {"type": "object", "properties": t[0], **({"required": list(t[0])[: t[1]]} if t[1] else {})}
        )
        return st.one_of(
            children.map(lambda item: {"type": "array", "items": item}),
            objects,
            st.tuples(objects, objects).map(lambda t: {"type": "object", "properties": {**t[0]["properties"]}}),
            st.lists(st.one_of(whole, objects), min_size=1, max_size=3).map(lambda parts: {"allOf": parts}),
            st.lists(children, min_size=2, max_size=3).map(lambda parts: {"oneOf": parts}),
            st.lists(children, min_size=2, max_size=3).map(lambda parts: {"anyOf": parts}),
            children.map(lambda value: {"type": "object", "additionalProperties": value}),
        )

    base = st.recursive(leaves, extend, max_leaves=6)
    return st.builds(_with, base, st.booleans(), descriptions)


@st.composite
def _components(draw: st.DrawFn) -> dict[str, Schema]:
    chosen = draw(st.lists(component_names, min_size=0, max_size=5, unique=True))
    out: dict[str, Schema] = {}
    for i, name in enumerate(chosen):
        out[name] = draw(schemas(chosen[:i], name))
    return out


_header_names = st.from_regex(r"X-[A-Za-z0-9-]{1,8}", fullmatch=True)


@st.composite
def _operation(draw: st.DrawFn, refs: list[str], path_param: str | None, op_id: str | None) -> Schema:
    body_schemas = schemas(refs, None)
    params: list[Schema] = []
    if path_param:
        params.append({"name": path_param, "in": "path", "required": True, "schema": draw(_primitives)})
    for name in draw(st.lists(names, max_size=3, unique=True)):
        schema = draw(st.one_of(_primitives, _primitives.map(lambda item: {"type": "array", "items": item})))
        query: Schema = {"name": name, "in": "query", "required": draw(st.booleans()), "schema": schema}
        if schema.get("type") == "array" and draw(st.booleans()):
            query["explode"] = False
        params.append(query)
    for name in draw(st.lists(_header_names, max_size=2, unique_by=str.lower)):
        header: Schema = {"name": name, "in": "header", "schema": draw(_primitives)}
        description = draw(descriptions)
        if description is not None:
            header["description"] = description
        params.append(header)
    operation: Schema = {"responses": {}, "parameters": params, "tags": [draw(names)]}
    if op_id is not None:
        operation["operationId"] = op_id
    if draw(st.booleans()):
        operation["deprecated"] = True
    summary = draw(descriptions)
    if summary is not None:
        operation["summary"] = summary
    if draw(st.booleans()):
        operation["requestBody"] = {
            "required": draw(st.booleans()),
            "content": {"application/json": {"schema": draw(body_schemas)}},
        }
    status = draw(st.sampled_from(["200", "201", "204", "default"]))
    response: Schema = {"description": draw(_text)}
    if status != "204":
        response["content"] = {"application/json": {"schema": draw(body_schemas)}}
    operation["responses"][status] = response
    return operation


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A random valid OpenAPI 3.0 document."""
    components = draw(_components())
    refs = list(components)
    op_ids = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    paths: dict[str, Schema] = {}
    for i, op_id in enumerate(op_ids):
        path_param = draw(st.one_of(st.none(), st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,8}", fullmatch=True)))
        path = f"/p{i}" + (f"/{{{path_param}}}" if path_param else "")
        method = draw(st.sampled_from(["get", "post", "put", "patch", "delete"]))
        use_id = draw(st.booleans())
        paths[path] = {method: draw(_operation(refs, path_param, op_id if use_id else None))}
    document: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": draw(_text) or "t", "version": "1", "description": draw(descriptions)},
        "paths": paths,
    }
    if document["info"]["description"] is None:
        del document["info"]["description"]
    if components:
        document["components"] = {"schemas": components}
    return document
