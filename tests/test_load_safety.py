"""Loading never reaches the network or leaves the document's directory, and a bad document is a
diagnostic: a local server counts requests while documents refer to it."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import load, validator
from generator.parse import MAX_DEPTH


class _Counting(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        type(self).hits += 1
        body = json.dumps({"Thing": {"type": "string"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def _document(ref: str) -> dict[str, object]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/x": {
                "get": {
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": ref}}}}
                    }
                }
            }
        },
    }


@pytest.mark.parametrize("nested", [False, True])
def test_remote_references_are_never_fetched(server: str, tmp_path: Path, nested: bool) -> None:
    _Counting.hits = 0
    if nested:  # the remote reference is in a file the document refers to
        (tmp_path / "other.json").write_text(json.dumps({"Thing": {"$ref": f"{server}/s.json#/Thing"}}))
        ref = "other.json#/Thing"
    else:
        ref = f"{server}/s.json#/Thing"
    (tmp_path / "doc.json").write_text(json.dumps(_document(ref)))
    diagnostics = load.validate(tmp_path / "doc.json", cache_dir=None)
    assert [d.code for d in diagnostics] == ["RSG012"]
    assert _Counting.hits == 0


def test_references_outside_the_directory_are_never_read(tmp_path: Path) -> None:
    (tmp_path / "secret.json").write_text(json.dumps({"Thing": {"type": "string"}}))
    inner = tmp_path / "api"
    inner.mkdir()
    (inner / "link.json").symlink_to(tmp_path / "secret.json")
    for ref in ["../secret.json#/Thing", "link.json#/Thing", (tmp_path / "secret.json").as_uri() + "#/Thing"]:
        (inner / "doc.json").write_text(json.dumps(_document(ref)))
        [diagnostic] = load.validate(inner / "doc.json", cache_dir=None)
        assert diagnostic.code == "RSG014", ref
        assert diagnostic.pointer.endswith("/schema/$ref")


def test_the_validator_resolves_nothing_itself() -> None:
    handlers = validator.VALIDATORS["3.0"].resolver_handlers
    assert "http" in handlers and "file" in handlers and "anything" in handlers
    with pytest.raises(ValueError, match="not fetched"):
        handlers["https"]("https://127.0.0.1/x.json")


def test_depth_limit_names_the_pointer(tmp_path: Path) -> None:
    node: dict[str, object] = {"type": "string"}
    for _ in range(MAX_DEPTH):
        node = {"type": "array", "items": node}
    document = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "x-deep": node}
    (tmp_path / "deep.json").write_text(json.dumps(document))
    [diagnostic] = load.validate(tmp_path / "deep.json", cache_dir=None)
    assert diagnostic.code == "RSG005" and diagnostic.pointer.startswith("/x-deep/items/items/")
    assert f"too deep at {diagnostic.pointer}" in diagnostic.message


def test_parser_warnings_reach_the_diagnostics(tmp_path: Path) -> None:
    text = '{"openapi": "3.0.3", "openapi": "3.0.3", "info": {"title": "\\ud800", "version": "1"}, "paths": {}}'
    (tmp_path / "doc.json").write_text(text)
    loaded = load.load(tmp_path / "doc.json", cache_dir=None)
    assert loaded.ok and loaded.document is not None and loaded.document["info"]["title"] == "\ufffd"
    assert sorted((d.code, d.pointer) for d in loaded.diagnostics) == [("RSG008", "/info/title"), ("RSG009", "")]
