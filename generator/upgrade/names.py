"""The Python names one generated package exposes, indexed from its IR (never from generated text).

    Api ──index──▶ ApiIndex: package, client classes, resources → methods → operations, models → fields

Every name comes from the IR, which took it from `naming.py`. The few names the templates add on
their own (the client classes, the `iter_` twin of a paginated method, the `models` sub-package and
pydantic's `model_validate`) are spelt once here, next to the template that writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import naming
from generator.ir import Alias, Api, Enum, Field, Model, Operation, Resource

__all__ = ["ApiIndex", "MethodRef", "CLIENT_CLASSES", "MODELS_PACKAGE", "VALIDATE_METHODS", "index"]

# templates/package/_client.py.jinja: the two client classes and whether they are async.
CLIENT_CLASSES = {"Client": False, "AsyncClient": True}
# templates/package/_method.jinja: paginated operations get a lazy `iter_<name>` twin.
ITER_PREFIX = "iter_"
# templates/package: models live in `<package>.models` (one module per model module name).
MODELS_PACKAGE = "models"
# pydantic classmethods that build a model from a mapping of wire (or Python) names.
VALIDATE_METHODS = frozenset({"model_validate", "model_construct"})


@dataclass(frozen=True)
class MethodRef:
    """A method of a resource: the operation behind it; `iterator` for the `iter_` twin."""

    resource: Resource
    operation: Operation
    iterator: bool = False


@dataclass
class ApiIndex:
    """Lookups by Python name for one version's package."""

    api: Api
    package: str
    resources: dict[str, Resource] = field(default_factory=dict)
    methods: dict[tuple[str, str], MethodRef] = field(default_factory=dict)  # (attribute, method)
    operations: dict[tuple[str, str], MethodRef] = field(default_factory=dict)  # (HTTP method, path)
    models: dict[str, Model] = field(default_factory=dict)
    enums: dict[str, Enum] = field(default_factory=dict)
    aliases: dict[str, Alias] = field(default_factory=dict)

    def field(self, class_name: str, python_name: str) -> Field | None:
        model = self.models.get(class_name)
        if model is None:
            return None
        return next((f for f in model.fields if f.name == python_name), None)

    def is_class(self, name: str) -> bool:
        return name in self.models or name in self.enums or name in self.aliases

    def model_modules(self) -> dict[str, str]:
        """Model module name → one class it defines (to resolve `from pkg.models.<module> import X`)."""
        out: dict[str, str] = {}
        items: list[Model | Enum | Alias] = [*self.models.values(), *self.enums.values(), *self.aliases.values()]
        for item in items:
            out.setdefault(item.module, item.class_name)
        return out


def iter_name(operation: Operation) -> str:
    """The name of the lazy iterator twin of a paginated operation."""
    return ITER_PREFIX + operation.python_name


def index(api: Api) -> ApiIndex:
    """Index every Python name of `api`'s generated package."""
    out = ApiIndex(api, api.package_name or naming.package_name(api.version))
    for resource in api.resources:
        out.resources[resource.attribute] = resource
        for op in resource.operations:
            ref = MethodRef(resource, op)
            out.methods[(resource.attribute, op.python_name)] = ref
            out.operations[(op.method, op.path)] = ref
            if op.pagination is not None:
                out.methods[(resource.attribute, iter_name(op))] = MethodRef(resource, op, iterator=True)
    out.models = {m.class_name: m for m in api.models}
    out.enums = {e.class_name: e for e in api.enums}
    out.aliases = {a.class_name: a for a in api.aliases}
    return out
