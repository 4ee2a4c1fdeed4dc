"""`generator/modules.py`, the module plan: casts decided from the result's type, and imports of what is used."""

from __future__ import annotations

import pytest
from gen_support import build_document, operation, ref
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import ir, modules, python_types

A, B, E = ir.ModelRef("A"), ir.ModelRef("B"), ir.EnumRef("E")
STR, UUID = ir.Primitive("str"), ir.Primitive("str", "uuid")


@pytest.mark.parametrize(
    ("t", "cast"),
    [
        (A, False),
        (ir.ListOf(ir.UnionOf((A, B))), False),  # one generic: a type
        (ir.MapOf(ir.Nullable(STR)), False),
        (ir.UnionOf((STR, ir.Primitive("uuid", "uuid"))), False),  # both spelt `str`
        (ir.Nullable(A), True),
        (ir.UnionOf((A, B)), True),
        (ir.AnyValue(), False),  # `_call` gives `Any` already: pyright --strict calls a cast redundant
        (E, True),  # `OpenEnum[E]` is no class
        (ir.ListOf(E), True),
        (None, False),
    ],
)
def test_a_json_result_is_cast_when_its_type_is_no_class(t: ir.TypeRef | None, cast: bool) -> None:
    assert modules.needs_cast(ir.Result("json", t, "application/json")) is cast


def test_text_bytes_and_empty_results_are_never_cast() -> None:
    assert not any(modules.needs_cast(ir.Result(kind, None, None)) for kind in ("text", "bytes", "none"))


_leaves = st.sampled_from([A, B, E, STR, UUID, ir.Primitive("int"), ir.Primitive("datetime"), ir.AnyValue()])
_types = st.recursive(
    _leaves,
    lambda inner: st.one_of(
        st.builds(ir.ListOf, inner),
        st.builds(ir.MapOf, inner),
        st.builds(ir.Nullable, inner),
        st.lists(inner, min_size=2, max_size=3).map(lambda options: ir.UnionOf(tuple(options))),
    ),
    max_leaves=6,
)


def _top_level_union(spelt: str) -> bool:
    depth = 0
    for ch in spelt:
        depth += {"[": 1, "]": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            return True
    return False


@settings(max_examples=300, deadline=None)
@given(_types)
def test_the_plan_agrees_with_how_render_spells_the_type(t: ir.TypeRef) -> None:
    """The cast (and `optional`) is decided from the type; render writes `_call(..., cast_to=<the spelling>)`, which type
    checkers accept without a cast only for a plain class or generic (or `_t.Any`: `_call` gives `Any`, and a cast of
    it is redundant to pyright --strict)."""
    spelt = python_types.annotation(t)
    no_class = _top_level_union(spelt) or "OpenEnum[" in spelt
    assert modules.needs_cast(ir.Result("json", t, "application/json")) is no_class
    admits_none = spelt == "_t.Any" or spelt.endswith("| None")
    assert python_types.optional(t) == (spelt if admits_none else f"{spelt} | None")


def test_the_plan_imports_what_each_module_uses() -> None:
    user = {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}, "team": ref("Team")}}
    team = {"type": "object", "properties": {"since": {"type": "string", "format": "date"}}}
    result = build_document(
        {
            "/users": {"get": operation("listUsers", schema={"type": "array", "items": ref("User")})},
            "/teams": {"get": operation("getTeam", schema={**ref("Team")}, deprecated=True)},
        },
        {"User": user, "Team": team},
    )
    plan = modules.plan(result.api)
    by_name = {m.name: m for m in plan.models}
    assert by_name["user"].imports == (("team", "Team"),)
    assert "import datetime as _dt" in by_name["team"].import_block
    assert "import datetime as _dt" not in by_name["user"].import_block
    [resource] = plan.resources
    assert resource.methods["list_users"] == modules.MethodPlan(False, (("user", "User"),), ())
    assert resource.methods["get_team"] == modules.MethodPlan(False, (("team", "Team"),), ())
    assert "deprecated" in resource.import_block and "_dt" not in resource.import_block
