"""Operations: one resource per tag, a method name per operation (the naming rule API.md states), and
offset/limit pagination. What an operation takes and returns is built by `build_messages.py`."""

from __future__ import annotations

from typing import Any

from . import ir, naming
from .build_messages import body_of, parameters_of, responses_of, result_of
from .build_references import Document, text
from .build_schemas import Schemas
from .deprecation import deprecation_of, tag_is_deprecated
from .diagnostics import pointer

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


class Operations:
    """Builds the resources of one document, typing what they use through `schemas`."""

    def __init__(self, document: Document, schemas: Schemas) -> None:
        self.document = document
        self.schemas = schemas

    def resources(self) -> tuple[ir.Resource, ...]:
        """One resource per tag (an operation's first tag, `default` without one), sorted by attribute name."""
        tags = {str(t.get("name")): t for t in self.document.doc.get("tags") or [] if isinstance(t, dict)}
        grouped: dict[str, list[tuple[str, str, dict[str, Any], dict[str, Any]]]] = {}
        for path, item in (self.document.doc.get("paths") or {}).items():
            if not isinstance(item, dict):
                continue
            for method in HTTP_METHODS:
                op = item.get(method)
                if isinstance(op, dict):
                    op_tags = op.get("tags") or ["default"]
                    grouped.setdefault(str(op_tags[0]), []).append((str(path), method, op, item))
        attributes = naming.Namespace()
        modules = naming.Namespace(case_insensitive=True, reserved=frozenset({"__init__"}))
        resources = []
        for tag_name in sorted(grouped, key=lambda t: (naming.attribute_name(t), t)):
            tag = tags.get(tag_name, {"name": tag_name})
            attribute = attributes.claim(naming.attribute_name(tag_name), separator="_")
            tag_deprecated = tag_is_deprecated(tag)
            operations = self._operations(grouped[tag_name], tag_name, tag_deprecated)
            description = text(tag.get("description"))
            resources.append(
                ir.Resource(
                    tag=tag_name,
                    attribute=attribute,
                    class_name=naming.resource_class_name(attribute, self.schemas.classes),
                    module=modules.claim(attribute, separator="_"),
                    description=description,
                    deprecation=deprecation_of({}, description, tag_deprecated=tag_deprecated),
                    operations=operations,
                )
            )
        return tuple(resources)

    def _operations(
        self, entries: list[tuple[str, str, dict[str, Any], dict[str, Any]]], tag: str, tag_deprecated: bool
    ) -> tuple[ir.Operation, ...]:
        """Name the operations of one resource (the rule the package's API.md states): the operationId in
        snake case without the server generator's counter (`create_training1` → `create_training`); when
        two want the same name, the current one (not deprecated, under `/api/`, named so by the document)
        keeps it, a deprecated one takes `_deprecated`, another gets its counter back, then `_2`, `_3`."""
        given = [naming.method_name(op.get("operationId"), m, p) for p, m, op, _ in entries]
        wanted = [naming.without_counter(name) for name in given]
        rank = sorted(
            range(len(entries)),
            key=lambda i: (
                entries[i][2].get("deprecated") is True,
                not entries[i][0].startswith("/api/"),
                wanted[i] != given[i],
                entries[i][0],
                HTTP_METHODS.index(entries[i][1]),
            ),
        )
        methods = naming.Namespace(reserved=naming.METHOD_RESERVED)
        names: dict[int, str] = {}
        for i in rank:
            name = wanted[i]
            if not methods.is_free(name):
                name = name + "_deprecated" if entries[i][2].get("deprecated") is True else given[i]
            names[i] = methods.claim(name, separator="_")
        built = [self._operation(*entries[i], names[i], tag, tag_deprecated) for i in range(len(entries))]
        return tuple(built)

    def _operation(
        self,
        path: str,
        method: str,
        op: dict[str, Any],
        item: dict[str, Any],
        python_name: str,
        tag: str,
        tag_deprecated: bool,
    ) -> ir.Operation:
        ptr = pointer("paths", path, method)
        hint = naming.class_name(python_name)
        description = text(op.get("description"))
        parameters = parameters_of(self.schemas, op, item, ptr, path, hint)
        body = body_of(self.schemas, op.get("requestBody"), f"{ptr}/requestBody", hint)
        responses = responses_of(self.schemas, op.get("responses") or {}, f"{ptr}/responses", hint)
        security_source = (
            op["security"] if isinstance(op.get("security"), list) else self.document.doc.get("security") or []
        )
        security = tuple(sorted({str(k) for req in security_source if isinstance(req, dict) for k in req}))
        result = result_of(responses)
        return ir.Operation(
            operation_id=str(op.get("operationId") or python_name),
            python_name=python_name,
            method=method.upper(),  # type: ignore[arg-type]
            path=path,
            tag=tag,
            summary=text(op.get("summary")),
            description=description,
            deprecation=deprecation_of(op, description, tag_deprecated=tag_deprecated),
            parameters=parameters,
            body=body,
            responses=responses,
            result=result,
            security=security,
            pointer=ptr,
            pagination=self._pagination(parameters, result),
        )

    def _pagination(self, parameters: tuple[ir.Parameter, ...], result: ir.Result) -> ir.Pagination | None:
        """Offset/limit list operations whose result is an array of models, or a model with exactly one
        array-of-models field (whatever it is called: `projects`, `events`, `entries`)."""
        query = {p.wire_name for p in parameters if p.location == "query"}
        result_type = ir.strip_nullable(result.type) if result.type is not None else None
        if not {"offset", "limit"} <= query:
            return None
        items: ir.TypeRef | None = result_type
        field = None
        if isinstance(result_type, ir.ModelRef):
            fields = self.schemas.named.models[result_type.class_name].fields
            arrays = [f for f in fields if isinstance(ir.strip_nullable(f.type), ir.ListOf)]
            if len(arrays) != 1:
                return None
            items, field = ir.strip_nullable(arrays[0].type), arrays[0].wire_name
        if not isinstance(items, ir.ListOf):
            return None
        item = ir.strip_nullable(items.item)  # null entries of a page are skipped
        return ir.Pagination("offset", "limit", field, item) if isinstance(item, ir.ModelRef) else None
