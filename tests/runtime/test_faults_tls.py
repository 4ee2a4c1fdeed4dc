"""Private networks: an HTTPS server on 127.0.0.1 whose certificate a throwaway CA (trustme) issued.

Without the CA the call fails once, unretried, with a hint; with each way of giving it, it works.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import trustme
from fault_server import FaultServer, serve, status

PROJECT = {"id": 7, "name": "p"}
ONE = "/api/v1/projects/7"


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def https(ca: trustme.CA) -> Iterator[FaultServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    with serve(tls=context) as running:
        running.script("GET", ONE, status(200, PROJECT))
        yield running


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "private-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def get(runai: ModuleType, server: FaultServer, **options: Any) -> Any:
    with runai.Client(server.url, token="t0ken", timeout=5.0, **options) as api:
        return api.projects.get_project(project_id=7)


def test_an_untrusted_certificate_fails_once_with_a_hint(
    runai: ModuleType, https: FaultServer, waits: list[float]
) -> None:
    with pytest.raises(runai.APIConnectionError, match="not trusted .*RUNAI_CA_BUNDLE"):
        get(runai, https)
    assert https.hits() == 0 and https.connections == 1 and waits == []  # a certificate error is not retried


def test_verify_takes_a_ca_bundle_path_or_a_context(runai: ModuleType, https: FaultServer, ca_file: str) -> None:
    assert get(runai, https, verify=ca_file).id == 7
    assert get(runai, https, verify=Path(ca_file)).id == 7
    assert get(runai, https, verify=ssl.create_default_context(cafile=ca_file)).id == 7
    assert get(runai, https, verify=False).id == 7
    assert https.hits("GET", ONE) == 4


@pytest.mark.parametrize("variable", ["RUNAI_CA_BUNDLE", "SSL_CERT_FILE"])
def test_the_ca_bundle_from_the_environment(
    runai: ModuleType, https: FaultServer, ca_file: str, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, ca_file)
    assert get(runai, https).id == 7

    async def main() -> Any:
        async with runai.AsyncClient(https.url, token="t0ken") as api:
            return await api.projects.get_project(project_id=7)

    assert asyncio.run(main()).id == 7
    assert https.hits("GET", ONE) == 2


def test_the_system_trust_store(
    runai: ModuleType, https: FaultServer, ca_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(runai.APIConnectionError, match="not trusted"):  # the OS does not know the test CA
        get(runai, https, system_trust=True)
    monkeypatch.setenv("SSL_CERT_FILE", ca_file)  # OpenSSL's own variable: truststore reads it on Linux
    assert get(runai, https, system_trust=True).id == 7
    assert https.hits("GET", ONE) == 1


def test_bad_tls_options_are_refused_before_any_request(
    runai: ModuleType, https: FaultServer, ca_file: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with pytest.raises(runai.RunaiError, match="not a file"):
        runai.Client(https.url, token="t0ken", verify=str(tmp_path / "missing.pem"))
    monkeypatch.setenv("RUNAI_CA_BUNDLE", str(tmp_path / "missing.pem"))
    with pytest.raises(runai.RunaiError, match="RUNAI_CA_BUNDLE"):
        runai.Client(https.url, token="t0ken")
    with pytest.raises(ValueError, match="not both"):
        runai.Client(https.url, token="t0ken", verify=ca_file, system_trust=True)
    import httpx

    with pytest.raises(ValueError, match="http_client"):
        runai.Client(https.url, token="t0ken", verify=ca_file, http_client=httpx.Client())
    not_pem = tmp_path / "not.pem"
    not_pem.write_text("garbage")
    with pytest.raises(runai.RunaiError, match="cannot load the CA bundle"):
        get(runai, https, verify=str(not_pem))
    assert https.connections == 0


def test_proxy(runai: ModuleType, waits: list[float]) -> None:
    with serve() as proxy:
        proxy.script("GET", ONE, status(200, PROJECT))
        with runai.Client("http://runai.invalid", token="t0ken", proxy=proxy.url) as api:
            assert api.projects.get_project(project_id=7).id == 7
        [seen] = proxy.requests()
    assert seen.target == "http://runai.invalid" + ONE  # absolute form: it went through the proxy
    assert seen.headers["authorization"] == "Bearer t0ken"
