"""`generator/build_operations.py` and `build_messages.py`: resources, method names, parameters, bodies, results and
pagers, on documents written here."""

from __future__ import annotations

from typing import Any

from gen_support import build_document, operation, ref

from generator import codes, ir

PAGE = [{"name": n, "in": "query", "schema": {"type": "integer"}} for n in ("offset", "limit")]
USER = {"type": "object", "properties": {"id": {"type": "string"}}}


def _only(paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> ir.Operation:
    result = build_document(paths, schemas)
    assert result.ok, result.diagnostics
    [op] = result.api.operations
    return op


def test_a_paged_operation_pages_over_its_one_array_of_models() -> None:
    page = {"type": "object", "properties": {"total": {"type": "integer"}, "users": {"type": "array", "items": USER}}}
    op = _only({"/users": {"get": operation("listUsers", schema=page, parameters=PAGE)}})
    assert op.pagination == ir.Pagination("offset", "limit", "users", ir.ModelRef("ListUsersResponseUsersItem"))


def test_no_pager_without_offset_and_limit_or_without_models() -> None:
    users = {"type": "array", "items": USER}
    assert _only({"/u": {"get": operation("a", schema=users, parameters=PAGE[:1])}}).pagination is None
    strings = {"type": "array", "items": {"type": "string"}}
    assert _only({"/u": {"get": operation("a", schema=strings, parameters=PAGE)}}).pagination is None


def test_a_deprecated_twin_gives_its_name_way() -> None:
    result = build_document(
        {
            "/v1/k8s/things": {"get": operation("getThings", deprecated=True)},
            "/api/v1/things": {"get": operation("getThings1")},
            "/api/v1/other": {"get": operation("getThings")},
        }
    )
    names = {op.path: (op.python_name, op.deprecated) for op in result.api.operations}
    assert names == {
        "/api/v1/other": ("get_things", False),  # named so by the document
        "/api/v1/things": ("get_things1", False),  # gets its counter back
        "/v1/k8s/things": ("get_things_deprecated", True),
    }


def test_resources_come_from_first_tags_sorted_by_attribute() -> None:
    result = build_document(
        {
            "/b": {"get": {**operation("b"), "tags": ["Node Pools", "Other"]}},
            "/a": {"get": {"operationId": "a", "responses": {"204": {"description": "none"}}}},
        },
        tags=[{"name": "Node Pools", "description": "Pools of nodes."}],
    )
    assert [(r.tag, r.attribute, r.class_name, r.module, r.description) for r in result.api.resources] == [
        ("default", "default", "DefaultResource", "default", None),
        ("Node Pools", "node_pools", "NodePoolsResource", "node_pools", "Pools of nodes."),
    ]


def test_parameters_merge_path_item_and_operation_path_first_then_required() -> None:
    item = {
        "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
            {"name": "verbose", "in": "query", "schema": {"type": "boolean"}},
        ],
        "get": operation(
            "getThing",
            parameters=[
                {"name": "verbose", "in": "query", "required": True, "schema": {"type": "integer"}},
                {"name": "X-Trace", "in": "header", "schema": {"type": "string", "default": "on"}},
                {"name": "Accept", "in": "header", "schema": {"type": "string"}},
                {"name": "filterBy", "in": "query", "explode": False, "schema": {"type": "array"}},
            ],
        ),
    }
    op = _only({"/things/{id}": item})
    assert [(p.name, p.location, p.required, p.type) for p in op.parameters] == [
        ("id", "path", True, ir.Primitive("str")),
        ("verbose", "query", True, ir.Primitive("int")),  # the operation's wins
        ("x_trace", "header", False, ir.Primitive("str")),
        ("filter_by", "query", False, ir.ListOf(ir.AnyValue())),
    ]
    assert [(p.wire_name, p.default, p.has_default, p.explode) for p in op.parameters][2:] == [
        ("X-Trace", "on", True, False),
        ("filterBy", None, False, False),
    ]


def test_unusable_parameters_are_reported() -> None:
    result = build_document(
        {
            "/things/{id}": {
                "get": operation(
                    "getThing",
                    parameters=[
                        {"name": "session", "in": "cookie", "schema": {"type": "string"}},
                        {"name": "bad header", "in": "header", "schema": {"type": "string"}},
                        {"name": "x", "in": "body"},
                    ],
                )
            }
        }
    )
    assert result.api.operations[0].parameters == ()
    found = sorted((d.code, d.pointer.removeprefix("/paths/~1things~1{id}/get")) for d in result.diagnostics)
    assert found == [
        (codes.RSG301.code, "/parameters/2"),
        (codes.RSG302.code, "/parameters/0"),
        (codes.RSG303.code, ""),
        (codes.RSG305.code, "/parameters/1/name"),
    ]


def test_a_body_is_typed_and_named_after_its_operation() -> None:
    body = {"required": True, "content": {"application/json": {"schema": USER}}}
    op = _only({"/users": {"post": operation("createUser", status="204", requestBody=body)}})
    assert op.body == ir.Body(ir.ModelRef("CreateUserRequest"), "application/json", True, None, op.body.pointer)
    assert op.result == ir.Result("none", None, None)


def test_results_by_media_type_and_status() -> None:
    def result(responses: dict[str, Any]) -> ir.Result:
        return _only({"/x": {"get": {"operationId": "x", "responses": responses}}}, {"User": USER}).result

    def content(media: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {"description": "ok", "content": {media: {"schema": schema}}}

    user, text = content("application/json", ref("User")), content("text/plain", {"type": "string"})
    assert result({"200": text}) == ir.Result("text", None, "text/plain")
    assert result({"200": content("application/octet-stream", {})}) == ir.Result(
        "bytes", None, "application/octet-stream"
    )
    assert result({"200": user}) == ir.Result("json", ir.ModelRef("User"), "application/json")
    assert result({"200": user, "204": {"description": "none"}}) == ir.Result(
        "json", ir.Nullable(ir.ModelRef("User")), "application/json"
    )
    number = content("application/json", {"type": "number"})
    assert result({"200": user, "201": number}).type == ir.UnionOf((ir.ModelRef("User"), ir.Primitive("float")))
    assert result({"default": user}).type == ir.ModelRef("User")
