"""Document → IR: walk a validated OpenAPI 3.0 document into an `ir.Api`, collecting diagnostics.

Internal `$ref`s are followed lazily and each referenced component schema becomes one named type,
so recursive schemas are fine. `allOf` parts are merged into one model's fields; inline objects and
enums get class names from where they stand (`Project` + `resources` → `ProjectResources`). Names
come from `naming.py` and are decided here once for the whole API, in document order.

Module layout of the generated models is decided here too: each component schema gets a module,
inline types live in the module of the schema that owns them, and modules that import each other
are merged (strongly connected components), so generated imports never form a cycle.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import codes, ir, naming
from .constraints import constraints_of
from .deprecation import deprecation_of, tag_is_deprecated
from .diagnostics import Diagnostic, Level, pointer

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
_HEADER_NAME = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+\Z")
_FORMATS: dict[tuple[str, str], ir.PrimitiveKind] = {
    ("string", "date-time"): "datetime",
    ("string", "date"): "date",
    ("string", "binary"): "bytes",
}
_KINDS: dict[str, ir.PrimitiveKind] = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
_KNOWN_FORMATS = frozenset(
    {"date-time", "date", "binary", "uuid", "int32", "int64", "float", "double", "byte", "email", "uri", "password"}
)


@dataclass(frozen=True)
class BuildResult:
    """The API built from one document, and what was noticed on the way."""

    api: ir.Api
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        """True when no diagnostic is an error."""
        return not any(d.level is Level.ERROR for d in self.diagnostics)


def build_api(
    document: Mapping[str, Any], *, version: str, file: str, package_version: str | None = None
) -> BuildResult:
    """Build the IR of one pinned version. `version` names the pin (never `info.version`).

    A document too deep for Python's recursion (one that did not go through `load.validate`, which
    rejects it first) gives an empty API and an RSG105 error at the deepest pointer reached.
    """
    builder = _Builder(document, version=version, file=file)
    try:
        return builder.build(package_version or f"{version}.0")
    except RecursionError:
        where = builder.deepest
        message = f"too deep at {where or '#'}: the schemas nest beyond what can be generated"
        empty = ir.Api(
            version=version,
            package_name=naming.package_name(version),
            distribution_name=naming.distribution_name(version),
            package_version=package_version or f"{version}.0",
            title="API",
            description=None,
            server_url=None,
            resources=(),
            models=(),
            enums=(),
            aliases=(),
            security_schemes=(),
        )
        return BuildResult(empty, [codes.RSG105(file, where, message)])


@dataclass
class _ModelDraft:
    """A model while its fields are being built (recursion needs the name before the fields)."""

    class_name: str
    owner: str | None
    schema_name: str | None
    description: str | None
    deprecation: ir.Deprecation | None
    pointer: str
    fields: tuple[ir.Field, ...] = ()
    additional: ir.TypeRef | None = None
    parts: tuple[str, ...] = ()


@dataclass
class _Named:
    """Named types in document order, and which component owns each inline one."""

    models: dict[str, _ModelDraft] = field(default_factory=dict)
    enums: dict[str, tuple[ir.Enum, str | None]] = field(default_factory=dict)
    aliases: dict[str, ir.Alias] = field(default_factory=dict)


class _Builder:
    def __init__(self, document: Mapping[str, Any], *, version: str, file: str) -> None:
        self.doc = document
        self.version = version
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.classes = naming.Namespace(reserved=frozenset({"None", "True", "False"}))
        self.named = _Named()
        self.by_pointer: dict[str, ir.TypeRef] = {}
        self.in_progress: set[str] = set()
        self.deepest = ""  # the pointer of the schema being typed, for the RecursionError diagnostic
        schemas = self._components("schemas")
        self.component_classes = self._claim_component_names(schemas)

    # ------------------------------------------------------------------------------ entry point
    def build(self, package_version: str) -> BuildResult:
        for name in self._components("schemas"):
            self._component_type(name)
        resources = self._resources()
        models, enums, aliases = self._assign_modules()
        info = self.doc.get("info", {})
        servers = self.doc.get("servers") or []
        schemes = tuple(sorted(self._components("securitySchemes")))
        api = ir.Api(
            version=self.version,
            package_name=naming.package_name(self.version),
            distribution_name=naming.distribution_name(self.version),
            package_version=package_version,
            title=str(info.get("title") or "API"),
            description=_text(info.get("description")),
            server_url=str(servers[0].get("url")) if servers and isinstance(servers[0], dict) else None,
            resources=resources,
            models=models,
            enums=enums,
            aliases=aliases,
            security_schemes=schemes,
        )
        return BuildResult(api, sorted(self.diagnostics))

    # ------------------------------------------------------------------------------ helpers
    def _components(self, kind: str) -> dict[str, Any]:
        components = self.doc.get("components") or {}
        found = components.get(kind) or {}
        return found if isinstance(found, dict) else {}

    def _report(self, ptr: str, code: codes.Code, message: str) -> None:
        self.diagnostics.append(code(self.file, ptr, message))

    def _resolve(self, node: Any, ptr: str) -> tuple[Any, str]:
        """Follow `$ref` chains to the target node and its pointer; a broken ref is reported."""
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if not ref.startswith("#/") or ref in seen:
                why = "a reference cycle" if ref in seen else "not a local reference (bundle external files first)"
                self._report(ptr, codes.RSG101, f"cannot resolve $ref {ref!r}: {why}")
                return {}, ptr
            seen.add(ref)
            target: Any = self.doc
            for token in ref[2:].split("/"):
                token = token.replace("~1", "/").replace("~0", "~")
                if isinstance(target, dict) and token in target:
                    target = target[token]
                elif isinstance(target, list) and token.isdigit() and int(token) < len(target):
                    target = target[int(token)]
                else:
                    self._report(ptr, codes.RSG102, f"unresolvable $ref {ref!r}")
                    return {}, ptr
            node, ptr = target, ref[1:]
        return (node if isinstance(node, dict) else {}), ptr

    # ------------------------------------------------------------------------------ schema names
    def _claim_component_names(self, schemas: dict[str, Any]) -> dict[str, str]:
        """Class names for every component schema before any inline name: names already in
        PascalCase win over their case-only twins (`Department` before `department`)."""
        wanted = {name: naming.class_name(name) for name in schemas}
        order = sorted(schemas, key=lambda n: (wanted[n] != n, n))
        return {name: self.classes.claim(wanted[name]) for name in order}

    def _component_type(self, name: str) -> ir.TypeRef:
        ptr = pointer("components", "schemas", name)
        if ptr in self.by_pointer:
            return self.by_pointer[ptr]
        node = self._components("schemas")[name]
        if not isinstance(node, dict):
            self._report(ptr, codes.RSG103, "a schema must be an object")
            node = {}
        cls = self.component_classes[name]
        return self._named_type(node, ptr, cls, owner=None, schema_name=name)

    def _named_type(
        self, node: dict[str, Any], ptr: str, cls: str, *, owner: str | None, schema_name: str | None
    ) -> ir.TypeRef:
        """The type of a schema that gets a name: a model, an enum, or (components only) an alias."""
        if ptr in self.by_pointer:
            return self.by_pointer[ptr]
        description = _text(node.get("description"))
        deprecation = deprecation_of(node, description)
        if _is_object_like(node):
            self.by_pointer[ptr] = ir.ModelRef(cls)
            draft = _ModelDraft(cls, owner, schema_name, description, deprecation, ptr, parts=_ref_parts(node))
            self.named.models[cls] = draft
            self._fill_model(draft, node, ptr)
            return ir.ModelRef(cls)
        if "enum" in node:
            enum_type = self._enum(node, ptr, cls, owner=owner, schema_name=schema_name)
            self.by_pointer[ptr] = enum_type
            return enum_type
        sole = _sole_inline_part(node) if schema_name is not None else None
        if sole is not None:
            # `X: {allOf: [{nullable: true, properties: ...}]}`: the part is the class `X` itself (not an
            # `X2` behind an `X2 | None` alias named `X`); the fields that use `X` say `X | None`.
            index, part = sole
            annotations: dict[str, Any] = {k: node[k] for k in ("description", "deprecated") if k in node}
            named = self._named_type(
                {**annotations, **part}, f"{ptr}/allOf/{index}", cls, owner=owner, schema_name=schema_name
            )
            self.by_pointer[ptr] = self._nullable(part, named)
            return self.by_pointer[ptr]
        if ptr in self.in_progress:
            self._report(ptr, codes.RSG104, "a non-object schema refers to itself: typed as any value")
            return ir.AnyValue()
        self.in_progress.add(ptr)
        target = self._anonymous_type(node, ptr, cls, owner=owner if schema_name is None else cls)
        self.in_progress.discard(ptr)
        if schema_name is not None:
            self.by_pointer[ptr] = target
            # An alias of a model is the model itself (callable, `PVCAssetSpec(...)`); nullability stays
            # with the fields that use it, which inline the alias.
            aliased = (
                target.inner if isinstance(target, ir.Nullable) and isinstance(target.inner, ir.ModelRef) else target
            )
            self.named.aliases[cls] = ir.Alias(cls, "", schema_name, description, aliased, deprecation, ptr)
        return target

    # ------------------------------------------------------------------------------ schema types
    def type_of(self, node: Any, ptr: str, hint: str, owner: str | None) -> ir.TypeRef:
        """The type of any schema node; `hint` names inline objects and enums, `owner` places them."""
        self.deepest = ptr
        if not isinstance(node, dict):
            return ir.AnyValue()
        if isinstance(node.get("$ref"), str):
            target, target_ptr = self._resolve(node, ptr)
            parts = target_ptr.split("/")
            if len(parts) == 4 and parts[1:3] == ["components", "schemas"]:
                name = parts[3].replace("~1", "/").replace("~0", "~")
                resolved = self._component_type(name)
            else:
                resolved = self._anonymous_or_named(target, target_ptr, hint, owner)
            return self._nullable(node, self._nullable(target, resolved))
        return self._nullable(node, self._anonymous_or_named(node, ptr, hint, owner))

    def constraints(self, node: Any) -> ir.Constraints | None:
        """The validation keywords of a schema, its `$ref` target's and single-part allOf's included."""
        merged: dict[str, Any] = {}
        mark = len(self.diagnostics)  # a broken `$ref` is reported once, where the type is built
        for _ in range(8):
            if not isinstance(node, dict):
                break
            merged = {**node, **merged}
            parts = node.get("allOf")
            if isinstance(node.get("$ref"), str):
                node = self._resolve(node, "")[0]
            elif isinstance(parts, list) and len(parts) == 1:
                node = parts[0]
            else:
                break
        del self.diagnostics[mark:]
        return constraints_of(merged)

    def _nullable(self, node: dict[str, Any], t: ir.TypeRef) -> ir.TypeRef:
        if self._null_verdict(node, 0) and not isinstance(t, (ir.Nullable, ir.AnyValue)):
            return ir.Nullable(t)
        return t

    def _null_verdict(self, node: Any, depth: int) -> bool | None:
        """Whether a schema says null is valid: True, False, or None when it does not constrain it.

        `nullable: true` or a null enum member say yes; a `type` without them says no. An allOf
        says yes when one part says yes and none says no: its type-less parts (`{"properties":
        ...}`) accept null too, so `EnvironmentAssetSpec` = allOf[allOf[nullable...],
        allOf[nullable..., {properties}]] accepts null, as servers and Prism rightly send. A schema
        with no `type` at all stays non-nullable unless something says yes.
        """
        node, _ = self._resolve(node, "")
        if not isinstance(node, dict) or depth > 32:
            return None
        if node.get("nullable") is True:
            return True
        if isinstance(node.get("enum"), list):
            return None in node["enum"]
        parts = node.get("allOf")
        if isinstance(parts, list) and parts:
            verdicts = [self._null_verdict(part, depth + 1) for part in parts]
            if False in verdicts or "type" in node:
                return False
            return True if True in verdicts else None
        return False if "type" in node else None

    def _anonymous_or_named(self, node: dict[str, Any], ptr: str, hint: str, owner: str | None) -> ir.TypeRef:
        if ptr in self.by_pointer:
            return self.by_pointer[ptr]
        if _is_object_like(node) or "enum" in node:
            return self._named_type(
                node, ptr, self.classes.claim(naming.class_name(hint)), owner=owner, schema_name=None
            )
        return self._anonymous_type(node, ptr, hint, owner)

    def _anonymous_type(self, node: dict[str, Any], ptr: str, hint: str, owner: str | None) -> ir.TypeRef:
        """Types that need no class: arrays, maps, unions, scalars, single-part allOf."""
        for key in ("oneOf", "anyOf"):
            if isinstance(node.get(key), list) and node[key]:
                options: list[ir.TypeRef] = []
                for i, option in enumerate(node[key]):
                    t = self.type_of(option, f"{ptr}/{key}/{i}", f"{hint}Option{i + 1}", owner)
                    if t not in options:
                        options.append(t)
                return options[0] if len(options) == 1 else ir.UnionOf(tuple(options))
        parts = typed_parts(node)
        if len(parts) == 1:
            index, part = parts[0]
            return self.type_of(part, f"{ptr}/allOf/{index}", hint, owner)
        kind = node.get("type")
        if kind == "array":
            return ir.ListOf(self.type_of(node.get("items", {}), f"{ptr}/items", f"{hint}Item", owner))
        if kind == "object" or "additionalProperties" in node:
            extra = node.get("additionalProperties", True)
            if isinstance(extra, dict) and extra:
                return ir.MapOf(self.type_of(extra, f"{ptr}/additionalProperties", f"{hint}Value", owner))
            return ir.MapOf(ir.AnyValue())
        if isinstance(kind, str) and kind in _KINDS:
            fmt = node.get("format") if isinstance(node.get("format"), str) else None
            if fmt is not None and fmt not in _KNOWN_FORMATS:
                self._report(ptr, codes.RSG201, f"unknown format {fmt!r} ignored")
            return ir.Primitive(_FORMATS.get((kind, fmt or ""), _KINDS[kind]), fmt)
        return ir.AnyValue()

    def _enum(
        self, node: dict[str, Any], ptr: str, cls: str, *, owner: str | None, schema_name: str | None
    ) -> ir.TypeRef:
        values = [v for v in node["enum"] if v is not None]
        if not values or any(isinstance(v, (bool, dict, list)) for v in values):
            self._report(ptr, codes.RSG202, "enum without string or number values: typed by its type")
            return self._anonymous_type({k: v for k, v in node.items() if k != "enum"}, ptr, cls, owner)
        if all(isinstance(v, str) for v in values):
            kind: Any = "str"
        elif all(isinstance(v, int) for v in values):
            kind = "int"
        elif all(isinstance(v, (int, float)) for v in values):
            kind = "float"
        else:
            kind, values = "str", [str(v) for v in values]
        names = naming.Namespace()
        members, seen = [], set()
        for value in values:
            if value in seen:
                continue
            seen.add(value)
            members.append(ir.EnumMember(names.claim(naming.enum_member_name(value), separator="_"), value))
        description = _text(node.get("description"))
        enum = ir.Enum(cls, "", schema_name, description, tuple(members), kind, deprecation_of(node, description), ptr)
        self.named.enums[cls] = (enum, owner)
        return ir.EnumRef(cls)

    # ------------------------------------------------------------------------------ models
    def _fill_model(self, draft: _ModelDraft, node: dict[str, Any], ptr: str) -> None:
        properties: dict[str, tuple[Any, str]] = {}
        required: set[str] = set()
        extra: list[tuple[Any, str]] = []
        self._collect(node, ptr, properties, required, extra, set())
        names = naming.Namespace()
        owner = draft.owner or draft.class_name
        fields = []
        for wire, (prop, prop_ptr) in properties.items():
            if not isinstance(prop, dict):
                prop = {}
            description = _text(prop.get("description"))
            if description is None and isinstance(prop.get("$ref"), str):
                description = _text(self._resolve(prop, prop_ptr)[0].get("description"))
            hint = draft.class_name + naming.pascal_case(wire)
            has_default = "default" in prop
            fields.append(
                ir.Field(
                    name=names.claim(naming.field_name(wire), separator="_"),
                    wire_name=wire,
                    type=self.type_of(prop, prop_ptr, hint, owner),
                    required=wire in required,
                    description=description,
                    deprecation=deprecation_of(prop, description),
                    default=prop.get("default") if has_default else None,
                    has_default=has_default,
                    read_only=prop.get("readOnly") is True,
                    write_only=prop.get("writeOnly") is True,
                    pointer=prop_ptr,
                    constraints=self.constraints(prop),
                )
            )
        for name in sorted(required - properties.keys()):
            self._report(ptr, codes.RSG203, f"required property {name!r} is not among the properties")
        draft.fields = tuple(fields)
        for extra_node, extra_ptr in extra:
            draft.additional = self.type_of(extra_node, extra_ptr, draft.class_name + "Value", owner)

    def _collect(
        self,
        node: dict[str, Any],
        ptr: str,
        properties: dict[str, tuple[Any, str]],
        required: set[str],
        extra: list[tuple[Any, str]],
        visiting: set[str],
    ) -> None:
        """Merge the effective properties of a schema and of all its `allOf` parts."""
        if ptr in visiting:
            return
        visiting.add(ptr)
        for i, part in enumerate(node.get("allOf") or []):
            target, target_ptr = self._resolve(part, f"{ptr}/allOf/{i}")
            self._collect(target, target_ptr, properties, required, extra, visiting)
        props = node.get("properties")
        if isinstance(props, dict):
            for wire, prop in props.items():
                properties[str(wire)] = (prop, pointer(*_tokens(ptr), "properties", str(wire)))
        if isinstance(node.get("required"), list):
            required.update(str(r) for r in node["required"])
        if isinstance(node.get("additionalProperties"), dict) and node["additionalProperties"]:
            extra.append((node["additionalProperties"], f"{ptr}/additionalProperties"))

    # ------------------------------------------------------------------------------ operations
    def _resources(self) -> tuple[ir.Resource, ...]:
        tags = {str(t.get("name")): t for t in self.doc.get("tags") or [] if isinstance(t, dict)}
        grouped: dict[str, list[tuple[str, str, dict[str, Any], dict[str, Any]]]] = {}
        for path, item in (self.doc.get("paths") or {}).items():
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
            description = _text(tag.get("description"))
            resources.append(
                ir.Resource(
                    tag=tag_name,
                    attribute=attribute,
                    class_name=naming.resource_class_name(attribute, self.classes),
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
        description = _text(op.get("description"))
        parameters = self._parameters(op, item, ptr, path, hint)
        body = self._body(op.get("requestBody"), f"{ptr}/requestBody", hint)
        responses = self._responses(op.get("responses") or {}, f"{ptr}/responses", hint)
        security_source = op["security"] if isinstance(op.get("security"), list) else self.doc.get("security") or []
        security = tuple(sorted({str(k) for req in security_source if isinstance(req, dict) for k in req}))
        result = _result(responses)
        return ir.Operation(
            operation_id=str(op.get("operationId") or python_name),
            python_name=python_name,
            method=method.upper(),  # type: ignore[arg-type]
            path=path,
            tag=tag,
            summary=_text(op.get("summary")),
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
            fields = self.named.models[result_type.class_name].fields
            arrays = [f for f in fields if isinstance(ir.strip_nullable(f.type), ir.ListOf)]
            if len(arrays) != 1:
                return None
            items, field = ir.strip_nullable(arrays[0].type), arrays[0].wire_name
        if not isinstance(items, ir.ListOf):
            return None
        item = ir.strip_nullable(items.item)  # null entries of a page are skipped
        return ir.Pagination("offset", "limit", field, item) if isinstance(item, ir.ModelRef) else None

    def _parameters(
        self, op: dict[str, Any], item: dict[str, Any], ptr: str, path: str, hint: str
    ) -> tuple[ir.Parameter, ...]:
        merged: dict[tuple[str, str], tuple[dict[str, Any], str, str]] = {}
        path_ptr = pointer("paths", path)
        for source, base in (
            (item.get("parameters"), f"{path_ptr}/parameters"),
            (op.get("parameters"), f"{ptr}/parameters"),
        ):
            for i, raw in enumerate(source or []):
                param, param_ptr = self._resolve(raw, f"{base}/{i}")
                location, wire = str(param.get("in", "")), str(param.get("name", ""))
                if location not in ("path", "query", "header", "cookie") or not wire:
                    self._report(f"{base}/{i}", codes.RSG301, "parameter without a valid `in` and `name`")
                    continue
                if location == "header" and wire.lower() in _IGNORED_HEADERS:
                    continue
                if location == "header" and not _HEADER_NAME.match(wire):
                    message = f"header name {wire!r} is not an HTTP token (RFC 9110): no request could send it"
                    self._report(f"{base}/{i}/name", codes.RSG305, message)
                    continue
                merged[(location, wire)] = (param, param_ptr, f"{base}/{i}")
        names = naming.Namespace(reserved=naming.METHOD_RESERVED)
        order = sorted(merged.values(), key=lambda p: (p[0].get("in") != "path", p[0].get("required") is not True))
        built = []
        for param, param_ptr, use_ptr in order:
            location, wire = str(param["in"]), str(param["name"])
            if location == "cookie":
                self._report(use_ptr, codes.RSG302, "cookie parameters are not supported")
                continue
            schema = param.get("schema")
            schema_ptr = f"{param_ptr}/schema"
            if schema is None and isinstance(param.get("content"), dict) and param["content"]:
                media = next(iter(param["content"]))
                schema, schema_ptr = param["content"][media].get("schema"), pointer(
                    *_tokens(param_ptr), "content", media, "schema"
                )
            component = param_ptr.startswith("/components/parameters/")
            type_hint = param_ptr.rsplit("/", 1)[-1] if component else hint + naming.pascal_case(wire)
            description = _text(param.get("description"))
            has_default = isinstance(schema, dict) and "default" in schema
            style_default = location in ("query", "cookie")
            built.append(
                ir.Parameter(
                    name=names.claim(naming.parameter_name(wire), separator="_"),
                    wire_name=wire,
                    location=location,  # type: ignore[arg-type]
                    type=self.type_of(schema or {}, schema_ptr, type_hint, None),
                    required=location == "path" or param.get("required") is True,
                    description=description,
                    deprecation=deprecation_of(param, description),
                    explode=param.get("explode", style_default) is True,
                    default=schema.get("default") if has_default and isinstance(schema, dict) else None,
                    has_default=has_default,
                    pointer=use_ptr,
                    constraints=self.constraints(schema),
                )
            )
        for name in _path_placeholders(path) - {p.wire_name for p in built if p.location == "path"}:
            self._report(ptr, codes.RSG303, f"path placeholder {{{name}}} has no path parameter")
        return tuple(built)

    def _body(self, raw: Any, ptr: str, hint: str) -> ir.Body | None:
        if raw is None:
            return None
        body, body_ptr = self._resolve(raw, ptr)
        content = body.get("content") or {}
        media = _pick_media(content)
        if media is None:
            self._report(ptr, codes.RSG304, "request body without content")
            return None
        schema_ptr = pointer(*_tokens(body_ptr), "content", media, "schema")
        body_hint = body_ptr.rsplit("/", 1)[-1] if body_ptr.startswith("/components/") else hint + "Request"
        schema = (content.get(media) or {}).get("schema", {})
        return ir.Body(
            type=self.type_of(schema, schema_ptr, body_hint, None),
            media_type=media,
            required=body.get("required") is True,
            description=_text(body.get("description")),
            pointer=ptr,
        )

    def _responses(self, raw: dict[str, Any], ptr: str, hint: str) -> tuple[ir.Response, ...]:
        responses = []
        statuses = sorted((str(s) for s in raw), key=lambda s: (s == "default", s))
        success = [s for s in statuses if s.startswith("2")]
        for status in statuses:
            response, response_ptr = self._resolve(raw[status], pointer(*_tokens(ptr), status))
            content = response.get("content") or {}
            media = _pick_media(content)
            t: ir.TypeRef | None = None
            if media is not None and (status in success or status == "default"):
                schema = (content.get(media) or {}).get("schema")
                if schema is not None and not _is_binary(media):
                    component = response_ptr.startswith("/components/responses/")
                    suffix = "" if len(success) <= 1 else status
                    type_hint = "Response" + response_ptr.rsplit("/", 1)[-1] if component else f"{hint}Response{suffix}"
                    t = self.type_of(
                        schema, pointer(*_tokens(response_ptr), "content", media, "schema"), type_hint, None
                    )
            responses.append(
                ir.Response(status, media, t, _text(response.get("description")), pointer(*_tokens(ptr), status))
            )
        return tuple(responses)

    # ------------------------------------------------------------------------------ modules
    def _assign_modules(self) -> tuple[tuple[ir.Model, ...], tuple[ir.Enum, ...], tuple[ir.Alias, ...]]:
        """One module per root type (a component schema, or an inline type of an operation); inline
        types join their owner's module; modules that import each other are merged into one."""
        owners: dict[str, str | None] = {c: d.owner for c, d in self.named.models.items()}
        owners.update({c: owner for c, (_, owner) in self.named.enums.items()})
        owners.update({c: None for c in self.named.aliases})
        module_names = naming.Namespace(case_insensitive=True, reserved=frozenset({"__init__"}))
        home = {
            cls: module_names.claim(naming.module_name(cls), separator="_")
            for cls in sorted(c for c, owner in owners.items() if owner is None)
        }
        home.update({cls: home[owner] for cls, owner in owners.items() if owner is not None})
        merged = _merge_cycles(home, self._module_edges(home))
        models = tuple(
            ir.Model(
                d.class_name,
                merged[c],
                d.schema_name,
                d.description,
                d.fields,
                d.additional,
                d.deprecation,
                d.pointer,
                d.parts,
            )
            for c, d in self.named.models.items()
        )
        enums = tuple(
            ir.Enum(
                e.class_name, merged[c], e.schema_name, e.description, e.members, e.value_kind, e.deprecation, e.pointer
            )
            for c, (e, _) in self.named.enums.items()
        )
        aliases = tuple(
            ir.Alias(a.class_name, merged[c], a.schema_name, a.description, a.target, a.deprecation, a.pointer)
            for c, a in self.named.aliases.items()
        )
        return models, enums, aliases

    def _module_edges(self, home: dict[str, str]) -> dict[str, set[str]]:
        edges: dict[str, set[str]] = {m: set() for m in home.values()}
        for cls, draft in self.named.models.items():
            types = [f.type for f in draft.fields] + ([draft.additional] if draft.additional else [])
            for name in (n for t in types for n in ir.referenced_classes(t)):
                if home.get(name, home[cls]) != home[cls]:
                    edges[home[cls]].add(home[name])
        for cls, alias in self.named.aliases.items():
            for name in ir.referenced_classes(alias.target):
                if home.get(name, home[cls]) != home[cls]:
                    edges[home[cls]].add(home[name])
        return edges


def _merge_cycles(home: dict[str, str], edges: dict[str, set[str]]) -> dict[str, str]:
    """Map each class to the module of its strongly connected component (Tarjan), named after the
    component's first module in sorted order, so merged names are deterministic."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    rename: dict[str, str] = {}
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                name = min(component)
                rename.update({m: name for m in component})
    return {cls: rename.get(module, module) for cls, module in home.items()}


_TYPE_KEYWORDS = frozenset(
    {"$ref", "type", "properties", "allOf", "oneOf", "anyOf", "enum", "items", "additionalProperties"}
)


def typed_parts(node: dict[str, Any]) -> list[tuple[int, Any]]:
    """The `allOf` parts that say something about the type, with their indexes; parts that only
    annotate (`{"description": ...}`, `{"nullable": true}`) are left out."""
    parts = node.get("allOf")
    if not isinstance(parts, list):
        return []
    return [(i, p) for i, p in enumerate(parts) if isinstance(p, dict) and _TYPE_KEYWORDS & p.keys()]


def _ref_parts(node: dict[str, Any]) -> tuple[str, ...]:
    """The names of the component schemas a schema's own `allOf` parts refer to (`$ref` parts only)."""
    prefix = "#/components/schemas/"
    refs = [p.get("$ref") for _, p in typed_parts(node)]
    return tuple(
        r[len(prefix) :].replace("~1", "/").replace("~0", "~")
        for r in refs
        if isinstance(r, str) and r.startswith(prefix)
    )


def _sole_inline_part(node: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
    """The one typed `allOf` part of a schema when it is an inline object or enum (no `$ref`), with its index."""
    parts = typed_parts(node)
    if len(parts) != 1 or _is_object_like(node) or "enum" in node or {"oneOf", "anyOf"} & node.keys():
        return None
    index, part = parts[0]
    return (index, part) if "$ref" not in part and (_is_object_like(part) or "enum" in part) else None


def _is_object_like(node: dict[str, Any]) -> bool:
    """Objects with properties (typed or not) and `allOf`s of several typed parts become models."""
    if "enum" in node:
        return False
    if isinstance(node.get("properties"), dict) and node["properties"]:
        return True
    return len(typed_parts(node)) > 1


def _result(responses: tuple[ir.Response, ...]) -> ir.Result:
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


def _tokens(ptr: str) -> list[str]:
    """The unescaped tokens of a JSON pointer (inverse of `diagnostics.pointer`)."""
    return [t.replace("~1", "/").replace("~0", "~") for t in ptr.split("/")[1:]]


def _text(value: Any) -> str | None:
    """A description or summary as text, or None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
