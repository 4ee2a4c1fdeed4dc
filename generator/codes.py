"""The diagnostics registry: every code defined once, with its level, what it means and how to fix it.

Stages make diagnostics only through these objects (`codes.RSG010(file, pointer, message)`), so a
code cannot be used at another level or with another meaning; `lookup` fails for an unknown code.
The README's table is generated from `REGISTRY` (`scripts/diagnostics_table.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.diagnostics import Diagnostic, Level

__all__ = ["Code", "REGISTRY", "lookup", "markdown_table", "with_table"]


@dataclass(frozen=True)
class Code:
    """One diagnostic code: `meaning` is one line, `fix` says what the document's author can do."""

    code: str
    level: Level
    meaning: str
    fix: str

    def __call__(self, file: str, pointer: str, message: str) -> Diagnostic:
        return Diagnostic(file=file, pointer=pointer, code=self.code, level=self.level, message=message)


REGISTRY: dict[str, Code] = {}


def _define(code: str, level: Level, meaning: str, fix: str) -> Code:
    if code in REGISTRY:
        raise ValueError(f"{code} is defined twice")
    REGISTRY[code] = Code(code, level, meaning, fix)
    return REGISTRY[code]


def lookup(code: str) -> Code:
    """The registered code; KeyError (naming it) for a code nobody defined."""
    try:
        return REGISTRY[code]
    except KeyError:
        raise KeyError(f"unknown diagnostic code {code!r}") from None


E, W = Level.ERROR, Level.WARNING

# load and parse (load.py, parse.py, refs.py, refgraph.py)
RSG001 = _define(
    "RSG001", E, "not UTF-8, not JSON/YAML, or a JSON NaN/Infinity literal", "fix the syntax at the line shown"
)
RSG002 = _define(
    "RSG002", E, "the file cannot be read, or is larger than the size limit", "check the path, or --max-document-size"
)
RSG003 = _define("RSG003", E, "not a mapping at the top, or no `openapi` version string", "give an OpenAPI 3 document")
RSG004 = _define("RSG004", E, "unsupported OpenAPI version (Swagger 2.0, or not 3.0/3.1)", "convert it to OpenAPI 3")
RSG005 = _define(
    "RSG005",
    E,
    "nested deeper than 128 levels (also through `$ref`s), or a recursive YAML alias",
    "flatten the nesting at the pointer shown",
)
RSG006 = _define("RSG006", E, "a number that is not finite (`1e400`, YAML `.nan`)", "write a finite number")
RSG007 = _define("RSG007", E, "YAML aliases expand to too many nodes (an alias bomb)", "expand fewer aliases")
RSG008 = _define(
    "RSG008", W, "a lone surrogate in a string, replaced by U+FFFD", "write the character as a valid code point"
)
RSG009 = _define("RSG009", W, "a duplicate key in a mapping: the last value wins", "remove the duplicate key")
RSG010 = _define("RSG010", E, "an internal `$ref` (`#/...`) points at nothing", "point it at an existing component")
RSG011 = _define(
    "RSG011", E, "an external `$ref` (another file) cannot be resolved", "fix the file name or the fragment"
)
RSG012 = _define("RSG012", E, "a remote `$ref` (a URL): never fetched", "download the file and refer to it locally")
RSG013 = _define("RSG013", E, "bundling external references failed", "remove the recursive external reference")
RSG014 = _define(
    "RSG014", E, "an external `$ref` is absolute or leaves the document's directory", "keep the files beside it"
)
RSG015 = _define(
    "RSG015", E, "a schema includes itself through references alone", "break the cycle with a property or an item"
)
# pins
RSG020 = _define(
    "RSG020", E, "a moving pin (`latest`) has no `pinned` date", "pin it again: specs pin VERSION --from DOC"
)
# validation (validator.py: openapi-spec-validator, wrapped)
RSG030 = _define(
    "RSG030", E, "the document does not match the OpenAPI schema", "fix the structure, or declare a fix-up (--patch)"
)
RSG031 = _define("RSG031", E, "a schema object is not a valid schema", "fix the schema at the pointer shown")
RSG032 = _define("RSG032", E, "duplicate operationId", "give each operation its own operationId")
RSG033 = _define(
    "RSG033", E, "a path parameter is not declared, or not in the path template", "declare it or use it in the path"
)
RSG034 = _define("RSG034", E, "duplicate parameter", "remove one of the two")
RSG035 = _define("RSG035", E, "`required` names a property that is not defined", "define it or drop it from `required`")
RSG036 = _define("RSG036", E, "a `default` value does not match its schema", "fix the default")
RSG037 = _define("RSG037", E, "duplicate tag name", "keep one tag of each name")
RSG038 = _define("RSG038", E, "another semantic validation error", "see the message")
RSG039 = _define(
    "RSG039", E, "validation stopped early; later errors may be missing", "fix the errors shown, then validate again"
)
RSG040 = _define(
    "RSG040",
    W,
    "a known misspelling of a keyword (`depracted` is read as `deprecated`, others have no effect)",
    "declare the fix-up printed in the message (specs pin --patch)",
)
# build (build.py and build_*.py)
RSG101 = _define(
    "RSG101", E, "a `$ref` that is not local, or a reference cycle, met while building", "bundle it, or break the cycle"
)
RSG102 = _define("RSG102", E, "a `$ref` that resolves nowhere, met while building", "point it at an existing node")
RSG103 = _define("RSG103", E, "a schema that is not an object", "write the schema as a mapping")
RSG104 = _define(
    "RSG104", W, "a non-object schema refers to itself: typed as any value", "give it an object or array type"
)
RSG105 = _define("RSG105", E, "schemas nest beyond what can be generated", "flatten the nesting at the pointer shown")
RSG201 = _define("RSG201", W, "an unknown `format`, ignored", "use a standard format, or none")
RSG202 = _define(
    "RSG202", W, "an enum without string or number values: typed by its type", "list string or number values"
)
RSG203 = _define("RSG203", W, "a required property is not among the properties", "define it or drop it")
RSG301 = _define("RSG301", E, "a parameter without a valid `in` and `name`", "give it `in` and `name`")
RSG302 = _define("RSG302", E, "a cookie parameter (not supported)", "send it as a header or a query parameter")
RSG303 = _define("RSG303", E, "a path placeholder without a path parameter", "declare the path parameter")
RSG304 = _define("RSG304", E, "a request body without content", "give the body a `content` media type")
RSG305 = _define(
    "RSG305", E, "a header name that is not an HTTP token (RFC 9110)", "rename the header to a valid token"
)

del E, W


def markdown_table() -> str:
    """The README's table: one row per code, in code order."""
    rows = ["| code | level | meaning | how to fix |", "|---|---|---|---|"]
    for c in sorted(REGISTRY.values(), key=lambda c: c.code):
        rows.append(f"| {c.code} | {c.level.value} | {c.meaning} | {c.fix} |")
    return "\n".join(rows) + "\n"


START, END = "<!-- diagnostics:start -->", "<!-- diagnostics:end -->"


def with_table(readme: str) -> str:
    """`readme` with the text between the diagnostics markers replaced by the current table."""
    head, start, rest = readme.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise ValueError(f"the README has no {START} ... {END} markers")
    return f"{head}{START}\n{markdown_table()}{END}{tail}"
