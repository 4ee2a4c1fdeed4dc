"""Which certificates a client's own connection pool trusts, and its proxy.

Checked when the client is made (cheap: a file test); the `ssl.SSLContext` is built with the
pool, on the first request. Order: `verify=` (False, a CA bundle path or an `ssl.SSLContext`),
else `system_trust=True` (the OS trust store, through the optional `truststore` package), else
the PEM file named by `RUNAI_CA_BUNDLE`, else `SSL_CERT_FILE`, else httpx's default (certifi).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

from ._constants import ENV_CA_BUNDLE, ENV_TRUSTED_CA_FILE
from ._exceptions import RunaiError
from ._logging import redact_url

if TYPE_CHECKING:
    import ssl

__all__ = ["ConnectionSettings", "VerifyTypes", "connection_settings"]

VerifyTypes: TypeAlias = "bool | str | os.PathLike[str] | ssl.SSLContext"
"""True (default trust), False (no verification: never in production), a CA bundle path or a context."""


@dataclass(frozen=True, slots=True)
class ConnectionSettings:
    """What to pass httpx for TLS and proxying when the client makes its own pool."""

    trust: Literal["default", "off", "cafile", "context", "system"]
    cafile: str | None = None
    context: ssl.SSLContext | None = None
    proxy: str | None = None

    def verify(self) -> bool | ssl.SSLContext:
        """The `verify=` argument for httpx, loading the CA bundle or trust store now."""
        if self.trust == "off":
            return False
        if self.context is not None:
            return self.context
        import ssl

        if self.trust == "system":
            import truststore

            return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        if self.cafile is None:
            return True
        try:
            return ssl.create_default_context(cafile=self.cafile)
        except (OSError, ssl.SSLError) as error:
            raise RunaiError(f"cannot load the CA bundle {self.cafile}: {error}") from None

    def __repr__(self) -> str:
        proxy = f" proxy={redact_url(self.proxy)!r}" if self.proxy else ""
        cafile = f" cafile={self.cafile!r}" if self.cafile else ""
        return f"<ConnectionSettings trust={self.trust}{cafile}{proxy}>"


def connection_settings(verify: VerifyTypes | None, system_trust: bool, proxy: str | None) -> ConnectionSettings:
    """Check the TLS and proxy options (and the CA bundle variables) of a client that makes its pool."""
    if system_trust and verify not in (None, True):
        raise ValueError("pass verify=... or system_trust=True, not both")
    if verify is False:
        return ConnectionSettings("off", proxy=proxy)
    if isinstance(verify, (str, os.PathLike)):
        return ConnectionSettings("cafile", cafile=_bundle(os.fspath(verify), "verify"), proxy=proxy)
    if verify is not None and verify is not True:
        return ConnectionSettings("context", context=verify, proxy=proxy)
    if system_trust:
        import importlib.util

        if importlib.util.find_spec("truststore") is None:
            raise RunaiError(
                "system_trust=True needs the truststore package: install this package's [truststore] extra"
            )
        return ConnectionSettings("system", proxy=proxy)
    for name in (ENV_CA_BUNDLE, ENV_TRUSTED_CA_FILE):
        if path := os.environ.get(name):
            return ConnectionSettings("cafile", cafile=_bundle(path, name), proxy=proxy)
    return ConnectionSettings("default", proxy=proxy)


def _bundle(path: str, source: str) -> str:
    if not os.path.isfile(path):
        raise RunaiError(f"{source}: the CA bundle {path} is not a file")
    return path
