"""The names a user writes: snake case keeps common tokens whole, nullable schemas keep their class name,
operation names follow the rule API.md states, and every offset/limit list of models gets a pager."""

from __future__ import annotations

from typing import Any

import pytest
from gen_support import build_document

from generator import ir, naming


@pytest.mark.parametrize(
    ("wire", "snake"),
    [
        ("k8sPhase", "k8s_phase"),
        ("k8sPhaseUpdatedAt", "k8s_phase_updated_at"),
        ("K8SVersion", "k8s_version"),
        ("OAuth2Error", "oauth2_error"),
        ("IPv4Address", "ipv4_address"),
        ("s3Bucket", "s3_bucket"),
        ("S3sDefaults", "s3s_defaults"),
        ("crc32c", "crc32c"),
        ("numGPUs", "num_gpus"),
        ("userIDs", "user_ids"),
        ("gpuPortionRequest", "gpu_portion_request"),
        ("chartRepoURL", "chart_repo_url"),
        ("appID", "app_id"),
        ("autoRedirectSSO", "auto_redirect_sso"),
        ("cpu-memory", "cpu_memory"),
        ("WorkloadV2Id", "workload_v2_id"),
        ("v1Alpha", "v1_alpha"),
        ("md5Hash", "md5_hash"),
        ("401Unauthorized", "401_unauthorized"),
        ("Deletion failed", "deletion_failed"),
    ],
)
def test_snake_case_keeps_common_tokens_whole(wire: str, snake: str) -> None:
    assert naming.snake_case(wire) == snake


def test_pascal_case_keeps_tokens_too() -> None:
    assert [naming.pascal_case(n) for n in ("S3sDefaults", "k8sPhase", "OAuth2Error", "node pools")] == [
        "S3sDefaults",
        "K8sPhase",
        "OAuth2Error",
        "NodePools",
    ]


@pytest.mark.parametrize(
    ("given", "wanted"),
    [
        ("create_training1", "create_training"),
        ("get_roles_v1", "get_roles"),
        ("get_storage_classes_v2", "get_storage_classes_v2"),
        ("list_s3", "list_s3"),
        ("body1", "body1"),  # `body` is the request body's keyword: the counter stays
    ],
)
def test_without_counter(given: str, wanted: str) -> None:
    assert naming.without_counter(given) == wanted


def _op(op_id: str, *, deprecated: bool = False, result: dict[str, Any] | None = None, paged: bool = False) -> Any:
    op: dict[str, Any] = {"operationId": op_id, "tags": ["Things"], "responses": {"204": {"description": "ok"}}}
    if deprecated:
        op["deprecated"] = True
    if result is not None:
        op["responses"] = {"200": {"description": "ok", "content": {"application/json": {"schema": result}}}}
    if paged:
        op["parameters"] = [{"name": n, "in": "query", "schema": {"type": "integer"}} for n in ("offset", "limit")]
    return op


def _api(paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> ir.Api:
    result = build_document(paths, schemas)
    assert result.ok, result.diagnostics
    return result.api


def _names(api: ir.Api) -> dict[str, str]:
    return {f"{op.method} {op.path}": op.python_name for op in api.operations}


def test_operation_names_follow_the_documented_rule() -> None:
    api = _api(
        {
            "/api/v1/things": {"post": _op("create_thing1"), "get": _op("get_things_v1")},
            "/v1/k8s/things": {"get": _op("getThings", deprecated=True)},
            "/api/v2/things": {"get": _op("get_things_v2")},
            "/api/v1/widgets": {"get": _op("list_widgets1")},
            "/api/v1/widgets/all": {"get": _op("list_widgets")},
        }
    )
    assert _names(api) == {
        "POST /api/v1/things": "create_thing",  # the counter is dropped
        "GET /api/v1/things": "get_things",  # so is `_v1`; the current operation keeps the plain name
        "GET /v1/k8s/things": "get_things_deprecated",  # the deprecated one gives way
        "GET /api/v2/things": "get_things_v2",  # a real version stays
        "GET /api/v1/widgets/all": "list_widgets",  # named so by the document: keeps it
        "GET /api/v1/widgets": "list_widgets1",  # gets its counter back
    }


NULLABLE_SPEC = {"allOf": [{"nullable": True, "properties": {"image": {"type": "string"}}}]}


def test_a_nullable_schema_is_the_class_of_its_own_name() -> None:
    schemas = {
        "TrainingSpec": NULLABLE_SPEC,
        "Pvc": {"type": "object", "nullable": True, "properties": {"claimName": {"type": "string"}}},
        "PVCAssetSpec": {"allOf": [{"$ref": "#/components/schemas/Pvc"}]},
        "Request": {
            "type": "object",
            "properties": {
                "spec": {"$ref": "#/components/schemas/TrainingSpec"},
                "pvc": {"$ref": "#/components/schemas/PVCAssetSpec"},
            },
        },
    }
    api = _api({}, schemas)
    models = {m.class_name: m for m in api.models}
    assert models["TrainingSpec"].schema_name == "TrainingSpec"
    assert not any(name.startswith("TrainingSpec2") for name in models)
    assert {a.class_name: a.target for a in api.aliases} == {"PVCAssetSpec": ir.ModelRef("Pvc")}
    fields = {f.name: f.type for f in models["Request"].fields}
    assert fields == {"spec": ir.Nullable(ir.ModelRef("TrainingSpec")), "pvc": ir.Nullable(ir.ModelRef("Pvc"))}


def test_every_offset_limit_list_of_models_has_a_pager() -> None:
    user = {"type": "object", "properties": {"id": {"type": "string"}}}
    nullable_user = {"nullable": True, "allOf": [{"$ref": "#/components/schemas/User"}]}
    api = _api(
        {
            "/users": {"get": _op("getUsers", paged=True, result={"type": "array", "items": user})},
            "/events": {
                "get": _op(
                    "getEvents",
                    paged=True,
                    result={
                        "type": "object",
                        "properties": {
                            "next": {"type": "integer"},
                            "events": {"type": "array", "items": nullable_user},
                        },
                    },
                )
            },
            "/names": {"get": _op("getNames", paged=True, result={"type": "array", "items": {"type": "string"}})},
        },
        {"User": user},
    )
    pagers = {op.python_name: op.pagination for op in api.operations}
    assert pagers["get_users"] == ir.Pagination("offset", "limit", None, ir.ModelRef("GetUsersResponseItem"))
    assert pagers["get_events"] == ir.Pagination("offset", "limit", "events", ir.ModelRef("User"))
    assert pagers["get_names"] is None  # items are not models
