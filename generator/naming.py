"""Python names for everything the document names, decided once for the whole API.

Every identifier that reaches generated code comes from here: ASCII only, never a keyword, never a
name the surrounding generated code needs, unique in its namespace. Uniqueness is resolved by a
deterministic suffix, so the same document always gives the same names.
"""

from __future__ import annotations

import hashlib
import keyword
import re
import unicodedata

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\Z")
# Words of a name. Digits stay with the word before them, and so does one lowercase letter after the
# digits (`k8s`, `S3s`, `crc32c`, `24h`); acronyms keep their digits (`K8S`, `IPV4`); mixed-case
# tokens (`OAuth2`, `IPv4`) and plural acronyms (`GPUs`, `IDs`) stay whole.
_DIGITS = r"[0-9]*(?:(?<=[0-9])[a-z](?![a-z]))?"
_WORDS = re.compile(
    r"OAuth[0-9]*|IPv[0-9]+|[A-Z]{2,}s(?=[A-Z]|[^A-Za-z0-9]|\Z)"
    r"|[A-Z]+(?:[0-9]+[A-Z])?[0-9]*(?=[A-Z][a-z]|[^A-Za-z0-9]|\Z)"
    rf"|[A-Z]?[a-z]+{_DIGITS}|[A-Z]+{_DIGITS}|[0-9]+{_DIGITS}"
)
# What the server's generator appends to an operationId to make it unique: `create_training1`, `get_roles_v1`.
_COUNTER = re.compile(r"(?<=[a-z])(?:_v1|1)\Z")

# Builtins that generated annotations and method bodies use by name: a field or parameter must not
# shadow them inside a class body or a function.
SHADOWING_BUILTINS = frozenset({"str", "int", "float", "bool", "bytes", "list", "dict", "object"})

# Public attributes of pydantic's BaseModel (v1 names included: pydantic v2 still defines them).
BASEMODEL_ATTRIBUTES = frozenset(
    {
        "construct",
        "copy",
        "dict",
        "from_orm",
        "json",
        "parse_file",
        "parse_obj",
        "parse_raw",
        "schema",
        "schema_json",
        "update_forward_refs",
        "validate",
        "model_config",
        "model_fields",
        "model_extra",
        "model_fields_set",
        "model_computed_fields",
        "model_construct",
        "model_copy",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
    }
)

# Keyword arguments that every generated method takes (`**options: Unpack[RequestOptions]`) and the
# names its body uses.
METHOD_RESERVED = frozenset(
    {
        "self",
        "body",
        "options",
        "timeout",
        "max_retries",
        "extra_headers",
        "extra_query",
        "extra_body",
        "retry_non_idempotent",
        "deadline",
        "strict_responses",
    }
)

# Attributes of the generated Client classes that a resource attribute must not replace.
CLIENT_RESERVED = frozenset(
    {
        "base_url",
        "close",
        "aclose",
        "with_options",
        "with_raw_response",
        "with_streaming_response",
        "timeout",
        "max_retries",
        "http_client",
        "token",
        "auth",
        # the escape hatches for paths the document lacks (`client.get(path, cast_to=...)`)
        "get",
        "post",
        "put",
        "patch",
        "delete",
    }
)


# Every public name the runtime (`templates/runtime/`) and the package templates bind at module level
# where generated classes live beside them or are imported next to them (resource modules import
# models and runtime names; `_client.py` imports resource classes). A model, enum or resource class
# never takes one of these: it gets a trailing `_` instead (as keywords do). `tests/generation/
# test_reserved_names.py` checks that this table covers every such name of the runtime and templates.
# fmt: off
RESERVED_CLASS_NAMES = frozenset(
    {
        # runtime (templates/runtime/*.py)
        "APIConnectionError", "APIStatusError", "APITimeoutError", "AsyncBaseClient", "AsyncResource",
        "AsyncTokenProvider", "AuthenticationError", "BadRequestError", "Capture", "ClientConfig",
        "ClientCredentials", "ClientOptions", "ConflictError", "ConnectionSettings", "Credentials", "Endpoint",
        "InternalServerError", "REDACTED", "Secret", "VerifyTypes", "AsyncRequest", "CallArguments", "JsonValue",
        "RequestMethods", "ResponseValidationWarning", "SyncRequest", "BaseClient", "LazyHttp", "PreparedCall",
        "LogEvent", "LogHook", "NotFoundError", "NotGiven", "Pagination", "PermissionDeniedError",
        "RateLimitError", "RawResponse", "RequestOptions", "ResponseValidationError", "ResultKind", "RunaiError",
        "StaticToken", "SyncBaseClient", "SyncResource", "SyncTokenProvider", "TimeoutTypes", "TokenGrant",
        "UnprocessableEntityError",
        # names the runtime and templates import (typing and friends)
        "Any", "AsyncGenerator", "AsyncIterator", "Awaitable", "Callable", "ContextVar", "Final", "Generator",
        "Generic", "HttpT", "Iterable", "Iterator", "Sequence", "Union",
        "Literal", "Mapping", "NamedTuple", "P", "ParamSpec", "ProviderT", "Self", "T", "TracebackType",
        "TypeAlias", "TypeIs", "TypeVar", "TypedDict", "Unpack",
        # the package templates: clients, model bases
        "AsyncClient", "Client", "OpenEnum", "RunaiModel",
    }
)
# fmt: on
MAX_IDENTIFIER = 80
"""Longest identifier handed out: longer names are cut and keep a hash of the whole, so module file
names stay far below file-system limits and two long names never meet."""


def _bounded(name: str) -> str:
    if len(name) <= MAX_IDENTIFIER:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: MAX_IDENTIFIER - 9].rstrip('_')}_{digest}"


def ascii_text(text: str) -> str:
    """Fold accents away and drop anything that is not ASCII."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[str]:
    """Split `chartRepoURL`, `cpu-memory`, `DataVolume` or `401Unauthorized` into words."""
    return _WORDS.findall(ascii_text(text))


def snake_case(text: str) -> str:
    """`chartRepoURL` → `chart_repo_url`, `appID` → `app_id`, `gpu-memory` → `gpu_memory`."""
    return "_".join(w.lower() for w in words(text))


def pascal_case(text: str) -> str:
    """`node pools` → `NodePools`, `DataVolume` stays, `Datavolume` stays, `department` → `Department`."""
    return "".join(w[0].upper() + w[1:] for w in words(text))


def upper_snake_case(text: str) -> str:
    """`Control-plane` → `CONTROL_PLANE`, `Deletion failed` → `DELETION_FAILED`."""
    return "_".join(w.upper() for w in words(text))


def is_identifier(name: str) -> bool:
    """True for an ASCII identifier that is not a keyword."""
    return bool(_IDENTIFIER.match(name)) and not keyword.iskeyword(name) and not keyword.issoftkeyword(name)


def safe_identifier(candidate: str, *, fallback: str, prefix: str, reserved: frozenset[str] = frozenset()) -> str:
    """Make `candidate` a usable identifier: `fallback` when empty, `prefix` before a digit,
    a trailing `_` after a keyword or a reserved name."""
    name = _bounded(candidate or fallback)
    if name[0].isdigit():
        name = prefix + name
    while not is_identifier(name) or name in reserved:
        name += "_"
    return name


class Namespace:
    """Hands out unique names in one scope: the first asker gets the plain name, later ones `Name2`,
    `Name3` (or `name_2` for snake names). Case-insensitive scopes guard module file names on
    case-insensitive file systems."""

    def __init__(self, *, case_insensitive: bool = False, reserved: frozenset[str] = frozenset()) -> None:
        self._case_insensitive = case_insensitive
        self._taken: set[str] = {self._key(r) for r in reserved}

    def _key(self, name: str) -> str:
        return name.lower() if self._case_insensitive else name

    def is_free(self, name: str) -> bool:
        """True when `name` has not been handed out or reserved."""
        return self._key(name) not in self._taken

    def claim(self, name: str, *, separator: str = "") -> str:
        """Return `name`, or the first free `name{separator}{n}` for n = 2, 3, ..."""
        candidate, n = name, 1
        while not self.is_free(candidate):
            n += 1
            candidate = f"{name}{separator}{n}"
        self._taken.add(self._key(candidate))
        return candidate


def class_name(text: str) -> str:
    """A PascalCase class name for a schema or an inline object: never a keyword, never starting with a digit."""
    return safe_identifier(pascal_case(text), fallback="Model", prefix="Model", reserved=RESERVED_CLASS_NAMES)


def resource_class_name(attribute: str, taken: Namespace) -> str:
    """The class of a resource (`ProjectsResource`; `Async` + it for the async one), claimed in the
    namespace of the model classes so neither ever meets a model, an enum or a reserved name."""
    name = class_name(attribute) + "Resource"
    while not (taken.is_free(name) and taken.is_free("Async" + name)) or {name, "Async" + name} & RESERVED_CLASS_NAMES:
        name += "_"
    taken.claim("Async" + name)
    return taken.claim(name)


def module_name(text: str) -> str:
    """A module file name (without `.py`) for a class or a resource: snake case, never a keyword."""
    return safe_identifier(snake_case(text), fallback="model", prefix="m_")


def field_name(wire_name: str) -> str:
    """A pydantic field name for a JSON property; the wire name stays as the field's alias."""
    name = snake_case(wire_name)
    reserved = SHADOWING_BUILTINS | BASEMODEL_ATTRIBUTES
    if name.startswith(("model_validate", "model_dump")):
        name += "_"
    return safe_identifier(name, fallback="field", prefix="field_", reserved=reserved)


def parameter_name(wire_name: str) -> str:
    """A keyword-argument name for a path, query or header parameter."""
    reserved = SHADOWING_BUILTINS | METHOD_RESERVED
    return safe_identifier(snake_case(wire_name), fallback="param", prefix="param_", reserved=reserved)


def method_name(operation_id: str | None, method: str, path: str) -> str:
    """A method name from the operationId, or from the HTTP method and path when there is none."""
    source = operation_id or f"{method} {path.replace('{', ' by ').replace('}', ' ')}"
    return safe_identifier(snake_case(source), fallback="call", prefix="op_", reserved=METHOD_RESERVED)


def without_counter(name: str) -> str:
    """`create_training1` → `create_training`, `get_roles_v1` → `get_roles`: a method name without the
    counter the server's generator appended to its operationId (`_v2` and up name a real version: kept)."""
    stripped = _COUNTER.sub("", name)
    return stripped if stripped and is_identifier(stripped) and stripped not in METHOD_RESERVED else name


def attribute_name(tag: str) -> str:
    """The client attribute for a tag: `Node Pools` → `node_pools`."""
    return safe_identifier(snake_case(tag), fallback="default", prefix="api_", reserved=CLIENT_RESERVED)


def enum_member_name(value: object) -> str:
    """An enum member name: `Control-plane` → `CONTROL_PLANE`, `""` → `EMPTY`, `3` → `VALUE_3`."""
    if value == "":
        return "EMPTY"
    text = upper_snake_case(str(value))
    if str(value).startswith("-") and text:
        text = "MINUS_" + text
    return safe_identifier(text, fallback="VALUE", prefix="VALUE_")


def version_slug(version: str) -> str:
    """`2.24` → `v2_24`, `latest` → `latest`: the version part of package names."""
    slug = re.sub(r"[^0-9A-Za-z]+", "_", version).strip("_").lower()
    return f"v{slug}" if slug[:1].isdigit() else slug


def package_name(version: str) -> str:
    """The import name of a version's client package: `runai_v2_24`, `runai_latest`."""
    return f"runai_{version_slug(version)}"


def distribution_name(version: str) -> str:
    """The distribution (pip) name of a version's client package: `runai-client-v2-24`."""
    return "runai-client-" + version_slug(version).replace("_", "-")
