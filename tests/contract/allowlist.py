"""Operations allowed to fail the Prism contract run, each with the failure category and why.

Only failures that are not the client's: Prism cannot serve the operation, or the document makes a
valid exchange impossible. A generator or runtime bug never goes here; it fails the test until fixed.
Keys are `resource_attribute.method_name`; an entry covers every version it is listed for, and
only failures of its category (any other failure of the operation still fails the test).
"""

from __future__ import annotations

from typing import NamedTuple


class Allowed(NamedTuple):
    category: str
    reason: str


ALL = ("2.22", "2.23", "2.24", "latest")

ALLOWED: dict[str, dict[str, Allowed]] = {v: {} for v in ALL}


def allow(versions: tuple[str, ...], operations: list[str], category: str, reason: str) -> None:
    for version in versions:
        for operation in operations:
            ALLOWED[version][operation] = Allowed(category, reason)


REASONS = {
    "pattern": (
        "the document's pattern for the `version` path parameter is double-escaped (`\\\\d`, `\\\\.`): it "
        "asks for literal backslashes, so no real version (`v2.24.0`) matches and Prism rejects every "
        "URL-safe value"
    ),
    "prism-response": (
        "Prism's generated response violates the document itself (Prism answers 500 with response "
        "violations): json-schema-faker cuts recursive schemas short (missing required properties), "
        "ignores `maxProperties`/`hostname`, or meets a required property that is not declared, or a "
        "regex written with JS slashes (`/^...$/`); the client never gets a response to parse here, so "
        "test_response_models.py parses document-valid bodies of these operations instead"
    ),
    "prism-invalid-response": (
        "Prism's body breaks the document without Prism flagging it: json-schema-faker cuts the "
        "recursive `parent` (DepartmentProjectParent, required `id` and `name`) at depth 3 with `{}`; "
        "openapi-schema-validator confirms the violation on every run (see the reason), and the client "
        "rightly rejects the body"
    ),
    "prism-error": (
        "Prism cannot serve it: the 2xx response is a file (application/octet-stream, text/csv) or has "
        "no schema, and Prism's dynamic mode refuses (`Tried to force a dynamic response ... schema is "
        "not defined`)"
    ),
}

allow(
    ("2.22", "2.23", "2.24", "latest"),
    [
        "administrator_command_line_interface.get_admin_cli_release_by_version",
        "administrator_command_line_interface.get_admin_cli_release_by_version_checksum",
    ],
    "request-violation",
    REASONS["pattern"],
)  # noqa: E501
allow(
    ("2.22", "2.23", "2.24", "latest"),
    [
        "audit_logs.get_audit_logs",
        "clusters.create_cluster",
        "clusters.get_cluster_by_uuid",
        "clusters.get_clusters",
        "idps.get_idp_mappers",
        "idps.get_idps",
        "settings.get_security_settings",
    ],
    "prism-response",
    REASONS["prism-response"],
)  # noqa: E501
allow(
    ("2.23", "2.24", "latest"),
    [
        "distributed.create_distributed",
        "distributed.get_distributed",
        "network_topologies.create_network_topology",
        "network_topologies.get_network_topologies",
        "network_topologies.get_network_topology_by_id",
        "template.list_templates",
        "workload_templates.list_templates",
        "workload_templates.list_training_templates",
    ],
    "prism-response",
    REASONS["prism-response"],
)  # noqa: E501
allow(
    ("2.22",),
    ["notification_channels.get_notification_channel_config", "users.create_group"],
    "prism-response",
    REASONS["prism-response"],
)  # noqa: E501
allow(
    ("2.23",),
    [
        "workload_templates.create_distributed_template",
        "workload_templates.get_distributed_template",
        "workload_templates.patch_distributed_template",
        "workload_templates.update_distributed_template",
    ],
    "prism-response",
    REASONS["prism-response"],
)  # noqa: E501
allow(
    ("2.24", "latest"),
    [
        "workload_templates.create_inference_template",
        "workload_templates.get_inference_template",
        "workload_templates.list_distributed_templates",
    ],
    "prism-response",
    REASONS["prism-response"],
)  # noqa: E501
allow(
    ("2.22", "2.23", "2.24", "latest"),
    ["audit_logs.download_audit_logs", "idps.get_idp", "reports.download_report_by_id"],
    "prism-error",
    REASONS["prism-error"],
)  # noqa: E501
allow(
    ("2.22", "2.23", "2.24", "latest"),
    ["projects.get_projects"],
    "prism-invalid-response",
    REASONS["prism-invalid-response"],
)  # noqa: E501
