"""`generator/naming.py` by a table: for each public function, inputs and the names it must give.

Snake-case tokens (`test_names.py`) and reserved words (`test_reserved_names.py`) have tables of their
own; this one covers the rest: class and attribute names, case twins, operationIds, enum members,
package and distribution names, and the scopes that hand out unique names.
"""

from __future__ import annotations

import typing

import pytest

from generator import naming

TABLE: list[tuple[typing.Callable[..., object], tuple[object, ...], object]] = [
    # words and spellings
    (naming.words, ("chartRepoURL",), ["chart", "Repo", "URL"]),
    (naming.words, ("Déjà vu",), ["Deja", "vu"]),
    (naming.ascii_text, ("Déjà-vu™",), "Deja-vuTM"),
    (naming.upper_snake_case, ("Control-plane",), "CONTROL_PLANE"),
    (naming.pascal_case, ("Datavolume",), "Datavolume"),
    (naming.pascal_case, ("department",), "Department"),
    (naming.is_identifier, ("_x1",), True),
    (naming.is_identifier, ("match",), False),  # a soft keyword
    (naming.is_identifier, ("é",), False),
    (naming.is_identifier, ("2fa",), False),
    # class names
    (naming.class_name, ("department",), "Department"),
    (naming.class_name, ("node pools",), "NodePools"),
    (naming.class_name, ("k8s.Phase",), "K8sPhase"),
    (naming.class_name, ("TrainingSpec",), "TrainingSpec"),
    # attribute, field and parameter names
    (naming.attribute_name, ("Node Pools",), "node_pools"),
    (naming.attribute_name, ("",), "default"),
    (naming.attribute_name, ("2fa",), "api_2_fa"),
    (naming.field_name, ("numGPUs",), "num_gpus"),
    (naming.field_name, ("2fa",), "field_2_fa"),
    (naming.field_name, ("model_validate",), "model_validate_"),
    (naming.field_name, ("dict",), "dict_"),
    (naming.parameter_name, ("X-Request-ID",), "x_request_id"),
    (naming.parameter_name, ("3d",), "param_3d"),
    (naming.module_name, ("TrainingSpecSpec",), "training_spec_spec"),
    (naming.module_name, ("2fa",), "m_2_fa"),
    # operationIds
    (naming.method_name, ("getProjects", "get", "/x"), "get_projects"),
    (naming.method_name, (None, "get", "/api/v1/projects/{projectId}"), "get_api_v1_projects_by_project_id"),
    (naming.method_name, ("", "delete", "/a/{b}/c"), "delete_a_by_b_c"),
    (naming.without_counter, ("get_roles1",), "get_roles"),
    (naming.without_counter, ("get_roles_v3",), "get_roles_v3"),
    # enum members
    (naming.enum_member_name, ("",), "EMPTY"),
    (naming.enum_member_name, (3,), "VALUE_3"),
    (naming.enum_member_name, (-1,), "MINUS_1"),
    (naming.enum_member_name, (1.5,), "VALUE_1_5"),
    (naming.enum_member_name, ("Control-plane",), "CONTROL_PLANE"),
    (naming.enum_member_name, ("in",), "IN"),
    # packages and distributions
    (naming.version_slug, ("2.24",), "v2_24"),
    (naming.version_slug, ("latest",), "latest"),
    (naming.version_slug, ("v2.24-rc1",), "v2_24_rc1"),
    (naming.package_name, ("2.24",), "runai_v2_24"),
    (naming.package_name, ("latest",), "runai_latest"),
    (naming.distribution_name, ("2.24",), "runai-client-v2-24"),
    (naming.distribution_name, ("latest",), "runai-client-latest"),
]


@pytest.mark.parametrize(
    ("function", "arguments", "expected"),
    TABLE,
    ids=[f"{function.__name__}{arguments!r}" for function, arguments, _ in TABLE],
)
def test_naming_table(function: typing.Callable[..., object], arguments: tuple[object, ...], expected: object) -> None:
    assert function(*arguments) == expected


@pytest.mark.parametrize(
    ("candidate", "reserved", "expected"),
    [
        ("", frozenset(), "x"),
        ("9a", frozenset(), "p_9a"),
        ("a", frozenset({"a", "a_"}), "a__"),
        ("def", frozenset(), "def_"),
    ],
)
def test_safe_identifier(candidate: str, reserved: frozenset[str], expected: str) -> None:
    assert naming.safe_identifier(candidate, fallback="x", prefix="p_", reserved=reserved) == expected


def test_a_scope_hands_out_twins_in_the_order_asked() -> None:
    classes = naming.Namespace(reserved=frozenset({"None"}))
    assert [classes.claim(n) for n in ("Department", "Department", "None", "department")] == [
        "Department",
        "Department2",
        "None2",
        "department",  # a case twin is another class name
    ]
    snake = naming.Namespace()
    assert [snake.claim("name", separator="_") for _ in range(3)] == ["name", "name_2", "name_3"]


def test_a_case_insensitive_scope_keeps_file_names_apart() -> None:
    modules = naming.Namespace(case_insensitive=True, reserved=frozenset({"__init__"}))
    assert [modules.claim(n, separator="_") for n in ("project", "Project", "__INIT__")] == [
        "project",
        "Project_2",
        "__INIT___2",
    ]
    assert not modules.is_free("PROJECT") and modules.is_free("projects")
