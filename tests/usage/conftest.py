"""Fixtures of the usage scripts: the generated 2.24 package, and Prism serving the 2.24 document behind a
small proxy (see `TokenProxy`)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.contract.prism import PrismServer, prism_binary

VERSION = "2.24"
TOKEN_PATH = "/api/v1/token"
# Response headers the proxy must not copy: it sends the whole body with its own length.
_HOP_HEADERS = frozenset({"connection", "content-length", "transfer-encoding", "keep-alive"})


class TokenProxy(ThreadingHTTPServer):
    """Forwards every request to Prism; a token request without `Authorization` gets a dummy one.

    The document says every operation needs a bearer token, the token endpoint included (a known
    flaw of the Run:ai documents); Prism enforces it and answers the client-credentials exchange with
    401, where a real server hands out the token. Nothing else is changed.
    """

    daemon_threads = True

    def __init__(self, upstream: str) -> None:
        super().__init__(("127.0.0.1", 0), _Forward)
        self.upstream = httpx.Client(base_url=upstream, timeout=60)
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}"


class _Forward(BaseHTTPRequestHandler):
    server: TokenProxy

    def _forward(self) -> None:
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
        if self.path.split("?")[0] == TOKEN_PATH and "authorization" not in {k.lower() for k in headers}:
            headers["Authorization"] = "Bearer usage-tests-token-exchange"
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        answer = self.server.upstream.request(self.command, self.path, headers=headers, content=body)
        try:
            self.send_response(answer.status_code)
            for key, value in answer.headers.multi_items():
                if key.lower() not in _HOP_HEADERS:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the script went away (it failed, or exited) before reading the answer

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _forward

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        """Quiet: Prism's own log has every request."""


@pytest.fixture(scope="session")
def package_dir(real_packages: dict[str, Path]) -> Path:
    """The generated 2.24 package's directory (import `runai_v2_24` from there)."""
    return real_packages[VERSION]


@pytest.fixture(scope="module")
def mock_server(real_documents: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of Prism serving the 2.24 document (through `TokenProxy`)."""
    if prism_binary() is None:
        pytest.fail("Prism is missing: run `npm ci` at the repository root (scripts/bootstrap does)", pytrace=False)
    server = PrismServer(real_documents[VERSION], tmp_path_factory.mktemp("usage") / "prism.log")
    try:
        server.wait()
        proxy = TokenProxy(server.base_url)
        thread = threading.Thread(target=proxy.serve_forever, daemon=True)
        thread.start()
        try:
            yield proxy.base_url
        finally:
            proxy.shutdown()
            proxy.server_close()
            proxy.upstream.close()
            thread.join(timeout=10)
    finally:
        server.stop()
