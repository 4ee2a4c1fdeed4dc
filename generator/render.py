"""IR → `{relative path: source text}` in memory, through the Jinja2 templates in `templates/`.

Safety: no document string may ever become code. The Python templates run in an environment whose
`finalize` refuses any value that is not known to be safe: a `Code` value made by one of the filters
here (`pystr` writes a string literal with `repr`, `docstring` escapes quotes, backslashes and
control characters), a valid identifier (names are decided by `naming.py`), or a number. A template
that prints raw document text fails the build instead of emitting it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import jinja2

from . import ir, layout, modules, naming, notes, paths
from .python_types import annotation, body_annotation, cast_to, item_cast, optional, result_annotation

TEMPLATES = paths.TEMPLATES
GENERATOR_NAME = "runai-sdkgen"
_VERSION_TEXT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]*\Z")
_HEX = re.compile(r"^[0-9a-f]{64}\Z")


class Code(str):
    """Text that is safe to place in generated source as it is."""


class UnsafeTemplateValue(Exception):
    """A template tried to print a value that is neither `Code` nor an identifier."""


@dataclass(frozen=True)
class Provenance:
    """Where a package comes from, for file headers and metadata: the pin, not the document."""

    version: str
    sha256: str
    generator_version: str
    patches: tuple[str, ...] = ()  # declared fix-ups applied to the document ("patches/2.18.json")

    def __post_init__(self) -> None:
        if not _VERSION_TEXT.match(self.version) or not _HEX.match(self.sha256):
            raise ValueError(f"unsafe provenance: {self.version!r} {self.sha256!r}")
        if not all(re.fullmatch(r"patches/[0-9a-z.]+\.json", p) for p in self.patches):
            raise ValueError(f"unsafe provenance: {self.patches!r}")


# ---------------------------------------------------------------------------------------- filters
def pystr(value: object) -> Code:
    """A Python literal for a JSON-like value: strings by `repr`, never by interpolation.

    Strings get the quotes black prefers, floats black's exponent (`layout`).
    """
    if isinstance(value, str):
        return Code(layout.string_literal(value))
    if isinstance(value, float):
        return Code(layout.float_literal(value))
    if value is None or isinstance(value, (bool, int, float)):
        return Code(repr(value))
    if isinstance(value, (list, tuple)):
        return Code("[" + ", ".join(pystr(v) for v in value) + "]")
    if isinstance(value, dict):
        return Code("{" + ", ".join(f"{pystr(str(k))}: {pystr(v)}" for k, v in value.items()) + "}")
    raise UnsafeTemplateValue(f"no literal for {type(value).__name__}")


# ASCII that must be escaped in a docstring: control characters but tab and newline (CR is gone by then)
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _escape_doc(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if text.isascii() and not _ASCII_CONTROL.search(text):  # most text: nothing to escape, no loop
        return "\n".join(line.rstrip() for line in text.strip().split("\n"))
    out = []
    for ch in text:
        if ch in "\n\t" or (ch >= " " and unicodedata.category(ch) not in ("Cc", "Cs", "Zl", "Zp")):
            out.append(ch)
        else:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
    return "\n".join(line.rstrip() for line in "".join(out).strip().split("\n"))


def docstring(parts: Iterable[str | None] | str | None, indent: int = 4) -> Code:
    """A triple-quoted docstring from document text, escaped so it can only ever be a string and laid
    out as black lays it out; nothing when there is no text (a class's docstring always has some: see
    `notes.py`)."""
    if isinstance(parts, str) or parts is None:
        parts = [parts]
    text = "\n\n".join(_escape_doc(p) for p in parts if p and p.strip())
    return Code(layout.docstring(text, indent) if text else "")


def md(text: str | None) -> str:
    """Document text for one Markdown table cell or line: one line, pipes escaped."""
    return " ".join((text or "").split()).replace("|", "\\|")


def deprecation_message(subject: str, deprecation: ir.Deprecation | None) -> str:
    """`projects.get_projects is deprecated: use `/api/v1/...` instead.`"""
    text = f"{subject} is deprecated"
    if deprecation is not None and deprecation.replacement:
        text += f"; the document says to use {deprecation.replacement} instead"
    return text + "."


def field_statement(f: ir.Field, model: ir.Model) -> Code:
    """A model field at class level: `name: T`, `name: T | None = None`, or `name: T = _p.Field(...)`
    with aliases, wrapped the way black wraps it (black still formats it; this only spares it work).

    An optional field's default is the `default=` keyword: `dataclass_transform` (how pyright and mypy
    without the pydantic plugin read models) ignores a positional default, so the field would look required."""
    head = f"{f.name}: {annotation(f.type) if f.required else optional(f.type)}"
    args = [] if f.required else ["default=None"]
    if f.name != f.wire_name:
        args += [f"validation_alias={pystr(f.wire_name)}", f"serialization_alias={pystr(f.wire_name)}"]
    if f.deprecation is not None:
        args.append(f"deprecated={pystr(deprecation_message(f'{model.class_name}.{f.name}', f.deprecation))}")
    if not args:
        return Code(head)
    if args == ["default=None"]:
        return Code(f"{head} = None")
    return Code(layout.call_statement(head, "_p.Field", args, indent=4))


def deprecated_params(op: ir.Operation, resource: ir.Resource) -> dict[str, str]:
    """Wire name → warning text, for the deprecated parameters of an operation."""
    call = f"{resource.attribute}.{op.python_name}"
    return {
        p.wire_name: deprecation_message(f"the parameter {p.name} of {call}", p.deprecation)
        for p in op.parameters
        if p.deprecation is not None
    }


def method_docstring(op: ir.Operation) -> list[str | None]:
    """The parts of a method's docstring: summary, description, HTTP line, arguments, returns."""
    args = []
    for p in op.parameters:
        notes = [md(p.description) or f"The {p.location} parameter `{p.wire_name}`."]
        if p.deprecation is not None:
            notes.append(
                "Deprecated" + (f": use {p.deprecation.replacement} instead." if p.deprecation.replacement else ".")
            )
        if p.has_default:
            notes.append(f"Server default: {json.dumps(p.default)}.")
        args.append(f"    {p.name}: " + " ".join(notes))
    if op.body is not None:
        args.append(f"    body: {md(op.body.description) or 'The request body'} ({op.body.media_type}).")
    returns = {
        "json": f"The parsed `{ir.describe(op.result.type) if op.result.type else 'any'}` response.",
        "text": f"The response body as text ({op.result.media_type}).",
        "bytes": f"The response body as bytes ({op.result.media_type}).",
        "none": "None: the response has no body.",
    }[op.result.kind]
    deprecated = None
    if op.deprecation is not None:
        replacement = op.deprecation.replacement
        deprecated = "Deprecated" + (f": use {replacement} instead." if replacement else ".")
    return [
        op.summary or f"{op.method} {op.path}",
        op.description if op.description != op.summary else None,
        deprecated,
        f"`{op.method} {op.path}`",
        "Args:\n" + "\n".join(args) if args else None,
        "Returns:\n    " + returns,
    ]


def location_items(op: ir.Operation, location: str) -> list[str]:
    """`"wireName": python_name` for each parameter of one location, in order."""
    return [f"{pystr(p.wire_name)}: {p.name}" for p in op.parameters if p.location == location]


def constant_name(op: ir.Operation) -> str:
    """The module constant that holds an operation's `Endpoint`."""
    return "_" + op.python_name.upper()


def _as_code(lay_out: Callable[..., str]) -> Callable[..., Code]:
    """A `layout` or `python_types` function for templates: its text is made of pieces that are already
    safe source text (identifiers chosen by `naming.py`, escaped literals, fixed Python)."""
    return lambda *args: Code(lay_out(*args))


def _rendered(value: str) -> Code:
    """Mark the output of one of our own template macros as safe: every expression inside a macro
    already went through `_finalize`, so its output holds nothing unescaped."""
    return Code(value.rstrip("\n"))


def _finalize(value: object) -> object:
    if isinstance(value, Code):
        return value
    if isinstance(value, str) and (naming.is_identifier(value) or value == ""):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise UnsafeTemplateValue(f"a template printed an unescaped value: {value!r:.80}")


def _environment(finalize: Callable[[object], object] | None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=finalize,
    )
    env.filters.update(
        pystr=pystr,
        pystr_pair=lambda pair: f"{pystr(pair[0])}: {pystr(pair[1])}",
        docstring=docstring,
        annotation=_as_code(annotation),
        optional=_as_code(optional),
        result_annotation=_as_code(result_annotation),
        body_annotation=_as_code(body_annotation),
        md=md,
        describe=ir.describe,
        rendered=_rendered,
        json=lambda value: json.dumps(value, sort_keys=True),
    )
    env.globals.update(
        field_statement=field_statement,
        deprecation_message=deprecation_message,
        deprecated_params=deprecated_params,
        method_docstring=method_docstring,
        cast_to=_as_code(cast_to),
        item_cast=_as_code(item_cast),
        constant_name=constant_name,
        location_items=location_items,
        keyword_dict=_as_code(layout.keyword_dict),
        pad=_as_code(layout.pad),
        import_line=_as_code(layout.import_line),
        all_names=lambda names: Code(layout.all_names([pystr(name) for name in names])),
        decorator_call=_as_code(layout.decorator_call),
        ASYNC_DEF=Code("async def"),
        DEF=Code("def"),
        AWAIT=Code("await "),
        ir=ir,
    )
    return env


def add_headers(files: dict[str, str], header: str) -> dict[str, str]:
    """Put the header comment on top of every Python file (after formatting, so that files which
    differ only in their header are formatted once)."""

    def headed(path: str, text: str) -> str:
        if path.endswith((".py", "py.typed")):
            return f"# {header}\n{text}"
        if path.endswith(".md") and not text.startswith("<!--"):
            return f"<!-- {header} -->\n{text}"
        return text

    return {path: headed(path, text) for path, text in files.items()}


class Renderer:
    """Renders one `ir.Api` into the files of its client package."""

    def __init__(self) -> None:
        self.code = _environment(_finalize)
        self.text = _environment(None)

    @staticmethod
    def header(provenance: Provenance) -> Code:
        """The first line of every generated file (as a comment)."""
        return Code(
            f"Generated by {GENERATOR_NAME} {provenance.generator_version} from the pinned Run:ai "
            f"{provenance.version} document (sha256 {provenance.sha256[:16]}). Do not edit."
        )

    def render(self, api: ir.Api, provenance: Provenance, extra_files: dict[str, str] | None = None) -> dict[str, str]:
        """Every file of the package, keyed by its path relative to the package's root directory."""
        header = self.header(provenance)
        fragment = TEMPLATES / "runtime" / "README.fragment.md"
        runtime_readme = fragment.read_text(encoding="utf-8") if fragment.is_file() else ""
        context = {
            "api": api,
            "header": header,
            "provenance": provenance,
            "runtime_readme": runtime_readme.replace("runai_vX", api.package_name),
        }
        pkg = api.package_name
        files: dict[str, str] = {}

        def code(template: str, path: str, **extra: Any) -> None:
            text = self.code.get_template(template).render(**context, **extra)
            files[path] = text.rstrip("\n") + "\n" if path.endswith(".py") else text  # one final newline

        code("package/__init__.py.jinja", f"{pkg}/__init__.py")
        code("package/_client.py.jinja", f"{pkg}/_client.py")
        code("package/py.typed.jinja", f"{pkg}/py.typed")
        code("package/resources_init.py.jinja", f"{pkg}/resources/__init__.py")
        plan = modules.plan(api)
        for planned in plan.resources:
            path = f"{pkg}/resources/{planned.resource.module}.py"
            block = Code(planned.import_block)
            code(
                "package/resource.py.jinja",
                path,
                resource=planned.resource,
                import_block=block,
                methods=planned.methods,
            )
        facts = notes.type_notes(api)

        def described(t: ir.Model | ir.Enum | ir.Alias) -> str:
            return t.description if t.description and t.description.strip() else facts[t.class_name]

        code("package/models_init.py.jinja", f"{pkg}/models/__init__.py", modules=plan.models)
        code("package/models_base.py.jinja", f"{pkg}/models/_base.py")
        for module in plan.models:
            path, block = f"{pkg}/models/{module.name}.py", Code(module.import_block)
            code("package/model_module.py.jinja", path, module=module, import_block=block, described=described)
        runtime = TEMPLATES / "runtime"
        for source in sorted(runtime.glob("*.py")):
            files[f"{pkg}/_runtime/{source.name}"] = source.read_text(encoding="utf-8")
        for name, template in (("pyproject.toml", "pyproject.toml"), ("README.md", "README.md"), ("API.md", "API.md")):
            files[name] = self.text.get_template(f"package/{template}.jinja").render(**context)
        files.update(extra_files or {})
        return files
