"""Document → IR: walk a validated OpenAPI 3.0 document into an `ir.Api`, collecting diagnostics.

This module is the stage's entry; its parts are sibling modules, one concept of the document each:

    build_references.py   the document: components, `$ref` resolution, pointers, diagnostics
    build_schemas.py      schema → type, class names for components and inline types
                          (build_models.py: fields and allOf merges; build_enums.py: members)
    build_operations.py   tags → resources, operationIds → method names, pagination
                          (build_messages.py: parameters, request bodies, responses, results)
    build_placement.py    the module of `models/` each named type lives in

Names come from `naming.py` and are decided here once for the whole API, in document order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import codes, ir, naming
from .build_operations import Operations
from .build_placement import place
from .build_references import Document, text
from .build_schemas import Schemas
from .diagnostics import Diagnostic, Level

__all__ = ["BuildResult", "build_api"]


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
    source = Document(document, file)
    schemas = Schemas(source)
    package_version = package_version or f"{version}.0"
    try:
        schemas.build_components()
        resources = Operations(source, schemas).resources()
        models, enums, aliases = place(schemas.named)
    except RecursionError:
        where = schemas.deepest
        message = f"too deep at {where or '#'}: the schemas nest beyond what can be generated"
        empty = ir.Api(
            version=version,
            package_name=naming.package_name(version),
            distribution_name=naming.distribution_name(version),
            package_version=package_version,
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
    info = document.get("info", {})
    servers = document.get("servers") or []
    api = ir.Api(
        version=version,
        package_name=naming.package_name(version),
        distribution_name=naming.distribution_name(version),
        package_version=package_version,
        title=str(info.get("title") or "API"),
        description=text(info.get("description")),
        server_url=str(servers[0].get("url")) if servers and isinstance(servers[0], dict) else None,
        resources=resources,
        models=models,
        enums=enums,
        aliases=aliases,
        security_schemes=tuple(sorted(source.components("securitySchemes"))),
    )
    return BuildResult(api, sorted(source.diagnostics))


def relabel(built: BuildResult, version: str, package_version: str, files: tuple[str, str]) -> BuildResult:
    """What `build_api` gives for the same document under another pin: the pin's `version` names only
    the package, and the file (`files` = (old, new) display names) only where diagnostics point."""
    api = dataclasses.replace(
        built.api,
        version=version,
        package_name=naming.package_name(version),
        distribution_name=naming.distribution_name(version),
        package_version=package_version,
    )
    old, new = files
    return BuildResult(api, [dataclasses.replace(d, file=new) if d.file == old else d for d in built.diagnostics])
