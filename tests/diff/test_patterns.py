"""`patterns.accepts_all_of`: a changed request pattern is cleared only when the new one provably accepts more."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diff.patterns import accepts_all_of

from .helpers import pair_of

NAME = "/components/schemas/ProjectCreate/properties/name"


@pytest.mark.parametrize(
    ("old", "new", "accepts"),
    [
        ("^[A-Za-z0-9]+$", "^[-._A-Za-z0-9]+$", True),  # the 2.23 -> 2.24 case: a class widened
        ("^[-._A-Za-z0-9]+$", "^[A-Za-z0-9]+$", False),
        ("^([+-]?[0-9.]+)$", "^([+]?[0-9.]+)$", False),  # the 2.22 -> 2.23 case: a sign refused
        (r"^a\.b$", "^a[.]b$", True),  # escaping aside
        (r"^a\-b$", "^a-b$", True),
        (r"^a\.b$", "^a.b$", True),
        (r"^a.b$", r"^a\.b$", False),
        ("^[a-z]+$", "[a-z]+", True),  # anchors dropped
        ("[a-z]+", "^[a-z]+$", False),
        ("^[a-z]{1,63}$", "^[a-z]{1,253}$", True),
        ("^[a-z]{1,63}$", "^[a-z]{2,63}$", False),
        ("^[a-z]{2}$", "^[a-z]{2,}$", True),
        ("^[a-z]+$", "^[a-z]*$", True),
        ("^[a-z]*$", "^[a-z]+$", False),
        ("^a$", ".*", True),
        (r"^\d+$", r"^\d+$", True),
        (r"^\d+$", "^[0-9]+$", False),  # not decided: reported
        (r"^\u0041$", r"^\u[01]041$", False),  # escapes that read on are compared as text only
        ("^(?!a)[a-z]$", "^(?!a)[a-z0-9]$", False),  # a negative look-ahead turns widening around
    ],
)
def test_accepts_all_of(old: str, new: str, accepts: bool) -> None:
    assert accepts_all_of(old, new) is accepts


_TOKENS = ["a", "b", "[ab]", "[a-c]", ".", r"\.", "+", "*", "?", "{1,2}", "^", "$", "(", ")", "|"]
_pattern = st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=5).map("".join)


def _compiles(p: str) -> bool:
    try:
        re.compile(p)
    except re.error:
        return False
    return True


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(old=_pattern.filter(_compiles), new=_pattern.filter(_compiles), text=st.text("abc.", max_size=6))
def test_accepts_all_of_is_sound(old: str, new: str, text: str) -> None:
    if accepts_all_of(old, new) and re.search(old, text):
        assert re.search(new, text), (old, new, text)


def _pattern_findings(old: str, new: str) -> list[str]:
    before = [{"op": "add", "path": f"{NAME}/pattern", "value": old}]
    after = [{"op": "add", "path": f"{NAME}/pattern", "value": new}]
    return [c.message for c in pair_of(before, after).changes if c.rule == "request-constraint-tightened"]


def test_a_widened_pattern_is_not_reported() -> None:
    assert _pattern_findings("^[A-Za-z0-9]+$", "^[-._A-Za-z0-9]+$") == []
    assert _pattern_findings("^[a-z]+$", r"[a-z]+") == []


def test_a_pattern_not_shown_to_accept_more_is_reported_as_changed() -> None:
    (message,) = _pattern_findings("^[-._A-Za-z0-9]+$", "^[A-Za-z0-9]+$")
    assert "name pattern changed ^[-._A-Za-z0-9]+$ -> ^[A-Za-z0-9]+$ (may reject values accepted before)" in message
