"""`generator/build_references.py`: `$ref` chains, broken references and pointers, on documents written here."""

from __future__ import annotations

from generator import codes
from generator.build_references import Document, text, tokens

DOC = {
    "components": {
        "schemas": {
            "A": {"$ref": "#/components/schemas/B"},
            "B": {"$ref": "#/components/schemas/C"},
            "C": {"type": "string"},
            "Loop": {"$ref": "#/components/schemas/Loop"},
            "a/b~c": {"type": "integer"},
        },
        "parameters": {"List": [{"type": "boolean"}]},
    }
}


def test_a_ref_chain_resolves_to_its_last_target_and_pointer() -> None:
    document = Document(DOC, "doc.json")
    node, ptr = document.resolve({"$ref": "#/components/schemas/A"}, "/paths/x")
    assert (node, ptr) == ({"type": "string"}, "/components/schemas/C")
    assert document.diagnostics == []


def test_escaped_tokens_and_list_indexes_resolve() -> None:
    document = Document(DOC, "doc.json")
    assert document.resolve({"$ref": "#/components/schemas/a~1b~0c"}, "")[0] == {"type": "integer"}
    assert document.resolve({"$ref": "#/components/parameters/List/0"}, "")[0] == {"type": "boolean"}


def test_broken_references_are_reported_and_resolve_to_nothing() -> None:
    document = Document(DOC, "doc.json")
    for ref in ("#/components/schemas/Loop", "other.json#/X", "#/components/schemas/Missing"):
        assert document.resolve({"$ref": ref}, "/use")[0] == {}
    assert [(d.code, d.pointer) for d in document.diagnostics] == [
        (codes.RSG101.code, "/components/schemas/Loop"),  # a cycle: where it closes
        (codes.RSG101.code, "/use"),  # not a local reference
        (codes.RSG102.code, "/use"),  # no such target
    ]


def test_components_of_a_kind_and_malformed_ones() -> None:
    assert list(Document(DOC, "doc.json").components("parameters")) == ["List"]
    assert Document({"components": {"schemas": []}}, "doc.json").components("schemas") == {}
    assert Document({}, "doc.json").components("responses") == {}


def test_tokens_and_text() -> None:
    assert tokens("/components/schemas/a~1b~0c") == ["components", "schemas", "a/b~c"]
    assert [text(v) for v in (None, "", "  ", " Hi ", 3)] == [None, None, None, "Hi", "3"]
