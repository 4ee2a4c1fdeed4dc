"""Helpers shared by the runtime tests: a recording MockTransport handler and canned replies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

BASE_URL = "https://runai.test"
RT_VERSION = "0.0"  # runtime_api.json is generated as this version ...
RT_PACKAGE = "runai_v0_0"  # ... into this package

Answer = Callable[[httpx.Request], httpx.Response]


def reply(status: int = 200, json: Any = None, *, content: bytes | None = None, **headers: str) -> Answer:
    """An answer that builds a fresh response each time it is used."""

    def answer(request: httpx.Request) -> httpx.Response:
        header_list = [(key.replace("_", "-"), value) for key, value in headers.items()]
        if content is not None:
            return httpx.Response(status, content=content, headers=header_list)
        if json is None:
            return httpx.Response(status, headers=header_list)
        return httpx.Response(status, json=json, headers=header_list)

    return answer


class Recorder:
    """Records requests; answers with the scripted answers in order, repeating the last."""

    def __init__(self, *answers: Answer) -> None:
        self.requests: list[httpx.Request] = []
        self._answers = list(answers)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self._answers.pop(0) if len(self._answers) > 1 else self._answers[0]
        return answer(request)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def api_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path != "/api/v1/token"]

    def token_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path == "/api/v1/token"]
