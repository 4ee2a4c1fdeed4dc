"""What one operation takes and returns: parameters, request body, responses and the result of a call."""

from __future__ import annotations

import re
from typing import Any

from . import codes, ir, naming
from .build_references import text, tokens
from .build_schemas import Schemas
from .deprecation import deprecation_of
from .diagnostics import pointer

_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
_HEADER_NAME = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+\Z")


def parameters_of(
    schemas: Schemas, op: dict[str, Any], item: dict[str, Any], ptr: str, path: str, hint: str
) -> tuple[ir.Parameter, ...]:
    """The parameters of an operation and of its path item (the operation's win), path ones first, then
    required ones; the headers the runtime sets and cookies are left out."""
    merged: dict[tuple[str, str], tuple[dict[str, Any], str, str]] = {}
    path_ptr = pointer("paths", path)
    for source, base in (
        (item.get("parameters"), f"{path_ptr}/parameters"),
        (op.get("parameters"), f"{ptr}/parameters"),
    ):
        for i, raw in enumerate(source or []):
            param, param_ptr = schemas.document.resolve(raw, f"{base}/{i}")
            location, wire = str(param.get("in", "")), str(param.get("name", ""))
            if location not in ("path", "query", "header", "cookie") or not wire:
                schemas.document.report(f"{base}/{i}", codes.RSG301, "parameter without a valid `in` and `name`")
                continue
            if location == "header" and wire.lower() in _IGNORED_HEADERS:
                continue
            if location == "header" and not _HEADER_NAME.match(wire):
                message = f"header name {wire!r} is not an HTTP token (RFC 9110): no request could send it"
                schemas.document.report(f"{base}/{i}/name", codes.RSG305, message)
                continue
            merged[(location, wire)] = (param, param_ptr, f"{base}/{i}")
    names = naming.Namespace(reserved=naming.METHOD_RESERVED)
    order = sorted(merged.values(), key=lambda p: (p[0].get("in") != "path", p[0].get("required") is not True))
    built = []
    for param, param_ptr, use_ptr in order:
        location, wire = str(param["in"]), str(param["name"])
        if location == "cookie":
            schemas.document.report(use_ptr, codes.RSG302, "cookie parameters are not supported")
            continue
        schema = param.get("schema")
        schema_ptr = f"{param_ptr}/schema"
        if schema is None and isinstance(param.get("content"), dict) and param["content"]:
            media = next(iter(param["content"]))
            schema, schema_ptr = param["content"][media].get("schema"), pointer(
                *tokens(param_ptr), "content", media, "schema"
            )
        component = param_ptr.startswith("/components/parameters/")
        type_hint = param_ptr.rsplit("/", 1)[-1] if component else hint + naming.pascal_case(wire)
        description = text(param.get("description"))
        has_default = isinstance(schema, dict) and "default" in schema
        style_default = location in ("query", "cookie")
        built.append(
            ir.Parameter(
                name=names.claim(naming.parameter_name(wire), separator="_"),
                wire_name=wire,
                location=location,  # type: ignore[arg-type]
                type=schemas.type_of(schema or {}, schema_ptr, type_hint, None),
                required=location == "path" or param.get("required") is True,
                description=description,
                deprecation=deprecation_of(param, description),
                explode=param.get("explode", style_default) is True,
                default=schema.get("default") if has_default and isinstance(schema, dict) else None,
                has_default=has_default,
                pointer=use_ptr,
                constraints=schemas.constraints(schema),
            )
        )
    for name in _path_placeholders(path) - {p.wire_name for p in built if p.location == "path"}:
        schemas.document.report(ptr, codes.RSG303, f"path placeholder {{{name}}} has no path parameter")
    return tuple(built)


def body_of(schemas: Schemas, raw: Any, ptr: str, hint: str) -> ir.Body | None:
    """The request body: its JSON content if offered, else its first media type."""
    if raw is None:
        return None
    body, body_ptr = schemas.document.resolve(raw, ptr)
    content = body.get("content") or {}
    media = _pick_media(content)
    if media is None:
        schemas.document.report(ptr, codes.RSG304, "request body without content")
        return None
    schema_ptr = pointer(*tokens(body_ptr), "content", media, "schema")
    body_hint = body_ptr.rsplit("/", 1)[-1] if body_ptr.startswith("/components/") else hint + "Request"
    schema = (content.get(media) or {}).get("schema", {})
    return ir.Body(
        type=schemas.type_of(schema, schema_ptr, body_hint, None),
        media_type=media,
        required=body.get("required") is True,
        description=text(body.get("description")),
        pointer=ptr,
    )


def responses_of(schemas: Schemas, raw: dict[str, Any], ptr: str, hint: str) -> tuple[ir.Response, ...]:
    """The declared responses, `default` last; only successful and `default` ones are typed."""
    responses = []
    statuses = sorted((str(s) for s in raw), key=lambda s: (s == "default", s))
    success = [s for s in statuses if s.startswith("2")]
    for status in statuses:
        response, response_ptr = schemas.document.resolve(raw[status], pointer(*tokens(ptr), status))
        content = response.get("content") or {}
        media = _pick_media(content)
        t: ir.TypeRef | None = None
        if media is not None and (status in success or status == "default"):
            schema = (content.get(media) or {}).get("schema")
            if schema is not None and not _is_binary(media):
                component = response_ptr.startswith("/components/responses/")
                suffix = "" if len(success) <= 1 else status
                type_hint = "Response" + response_ptr.rsplit("/", 1)[-1] if component else f"{hint}Response{suffix}"
                t = schemas.type_of(schema, pointer(*tokens(response_ptr), "content", media, "schema"), type_hint, None)
        responses.append(
            ir.Response(status, media, t, text(response.get("description")), pointer(*tokens(ptr), status))
        )
    return tuple(responses)


def result_of(responses: tuple[ir.Response, ...]) -> ir.Result:
    """What a successful call returns: the JSON type of the 2xx responses, text, bytes or nothing."""
    success = [r for r in responses if r.status.startswith("2")] or [r for r in responses if r.status == "default"]
    typed = [r for r in success if r.type is not None]
    if typed:
        options: list[ir.TypeRef] = []
        for r in typed:
            if r.type is not None and r.type not in options:
                options.append(r.type)
        t: ir.TypeRef = options[0] if len(options) == 1 else ir.UnionOf(tuple(options))
        if any(r.media_type is None for r in success) and not isinstance(t, (ir.Nullable, ir.AnyValue)):
            t = ir.Nullable(t)
        return ir.Result("json", t, typed[0].media_type)
    media = next((r.media_type for r in success if r.media_type), None)
    if media is None:
        return ir.Result("none", None, None)
    if _is_json(media):
        return ir.Result("json", ir.AnyValue(), media)
    return ir.Result("text" if media.startswith("text/") else "bytes", None, media)


def _pick_media(content: Any) -> str | None:
    """JSON if offered, else the first media type."""
    if not isinstance(content, dict) or not content:
        return None
    for media in content:
        if _is_json(str(media)):
            return str(media)
    return str(next(iter(content)))


def _is_json(media: str) -> bool:
    base = media.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def _is_binary(media: str) -> bool:
    return not _is_json(media) and media != "application/x-www-form-urlencoded"


def _path_placeholders(path: str) -> set[str]:
    return set(re.findall(r"{([^{}]+)}", path))
