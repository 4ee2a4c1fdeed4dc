"""A real HTTP(S) server on 127.0.0.1 that misbehaves on cue, for the fault-injection tests.

Each (method, path) is answered by scripted actions in order, the last one repeating; every
request is counted and recorded (method, target, headers, body). Actions write the reply
themselves, so they can reset the connection, cut a body short, hang or redirect.
"""

from __future__ import annotations

import json
import socket
import ssl
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

HANG_LIMIT = 30.0
"""The longest a hanging action holds its connection; the server's stop releases it sooner."""


@dataclass(frozen=True)
class Seen:
    """One request as the server received it."""

    method: str
    target: str
    path: str
    headers: dict[str, str]
    body: bytes


Action = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        self.server.count_connection()
        if self.server.tls is not None:
            self.request = self.server.tls.wrap_socket(self.request, server_side=True)
        super().setup()

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            if self.server.tls is not None:  # the wrapped socket owns the connection now
                self.request.close()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = urlsplit(self.path).path if "://" in self.path else self.path.partition("?")[0]
        seen = Seen(self.command, self.path, path, {k.lower(): v for k, v in self.headers.items()}, body)
        self.server.action_for(seen)(self)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _dispatch

    def reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def reset(self) -> None:
        """Close with a TCP RST (SO_LINGER 0) instead of a clean FIN."""
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, tls: ssl.SSLContext | None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.tls = tls
        self.lock = threading.Lock()
        self.scripts: dict[tuple[str, str], list[Action]] = {}
        self.seen: list[Seen] = []
        self.connections = 0
        self.stopping = threading.Event()

    def count_connection(self) -> None:
        with self.lock:
            self.connections += 1

    def action_for(self, seen: Seen) -> Action:
        with self.lock:
            self.seen.append(seen)
            actions = self.scripts.get((seen.method, seen.path)) or [status(404, {"message": "not scripted"})]
            return actions.pop(0) if len(actions) > 1 else actions[0]

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # resets and failed TLS handshakes are the point of these tests


class FaultServer:
    """The server as the tests drive it: `script`, then count with `hits` and read `seen`."""

    def __init__(self, server: _Server) -> None:
        self._server = server
        host, port = server.server_address[:2]
        scheme = "https" if server.tls is not None else "http"
        self.url = f"{scheme}://{'localhost' if server.tls is not None else host}:{port}"

    def script(self, method: str, path: str, *actions: Action) -> None:
        with self._server.lock:
            self._server.scripts[(method, path)] = list(actions)

    def hits(self, method: str | None = None, path: str | None = None) -> int:
        return len(self.requests(method, path))

    def requests(self, method: str | None = None, path: str | None = None) -> list[Seen]:
        with self._server.lock:
            return [s for s in self._server.seen if method in (None, s.method) and path in (None, s.path)]

    @property
    def connections(self) -> int:
        return self._server.connections

    @property
    def stopping(self) -> threading.Event:
        return self._server.stopping


@contextmanager
def serve(tls: ssl.SSLContext | None = None) -> Iterator[FaultServer]:
    """A running server; stopping it releases hanging actions and joins the serving thread."""
    server = _Server(tls)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield FaultServer(server)
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# Actions.


def status(code: int, payload: Any = None, *, body: bytes | None = None, **headers: str) -> Action:
    """Answer `code` with a JSON payload (or raw `body`) and headers (`retry_after` -> `Retry-After`)."""
    content = body if body is not None else b"" if payload is None else json.dumps(payload).encode()
    fields = {key.replace("_", "-").title(): value for key, value in headers.items()}
    if payload is not None and body is None:
        fields.setdefault("Content-Type", "application/json")

    def act(handler: Handler) -> None:
        handler.reply(code, content, fields)

    return act


def reset_before_reply(handler: Handler) -> None:
    handler.reset()


def reset_mid_body(handler: Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    handler.wfile.write(b'{"id": 1, "na')
    handler.reset()


def cut_short(handler: Handler) -> None:
    """Promise 1000 bytes, send 13, close cleanly: a truncated body."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    handler.wfile.write(b'{"id": 1, "na')
    handler.wfile.flush()
    handler.close_connection = True


def hang(handler: Handler) -> None:
    """Answer nothing until the server stops (bounded by HANG_LIMIT)."""
    handler.server.stopping.wait(HANG_LIMIT)
    handler.close_connection = True


def redirect(location: str, code: int = 307) -> Action:
    return status(code, location=location)


def gated(arrived: threading.Event, release: threading.Event, then: Action) -> Action:
    """Signal `arrived`, wait for `release` (bounded), then act."""

    def act(handler: Handler) -> None:
        arrived.set()
        release.wait(HANG_LIMIT)
        then(handler)

    return act


def by_token(answers: dict[str, Action], otherwise: Action) -> Action:
    """Answer by the bearer token the request carried."""

    def act(handler: Handler) -> None:
        token = (handler.headers.get("Authorization") or "").removeprefix("Bearer ")
        answers.get(token, otherwise)(handler)

    return act


def token_issuer() -> Action:
    """A token endpoint issuing tok-1, tok-2, ... valid for an hour."""
    issued = iter(range(1, 10_000))

    def act(handler: Handler) -> None:
        status(200, {"accessToken": f"tok-{next(issued)}", "expiresIn": 3600})(handler)

    return act
