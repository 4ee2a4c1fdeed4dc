"""Default settings, in one place so the README and the code agree."""

from __future__ import annotations

from typing import Final

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_READ_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "ENV_BASE_URL",
    "ENV_CA_BUNDLE",
    "ENV_CLIENT_ID",
    "ENV_CLIENT_SECRET",
    "ENV_TOKEN",
    "ENV_TRUSTED_CA_FILE",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "TOKEN_REFRESH_SKEW",
]

DEFAULT_MAX_RETRIES: Final = 2
"""Retries after the first attempt, for retryable failures of idempotent calls."""

DEFAULT_CONNECT_TIMEOUT: Final = 5.0
DEFAULT_READ_TIMEOUT: Final = 60.0
DEFAULT_TIMEOUT: Final = (DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_READ_TIMEOUT)
"""(connect, read, write, pool) seconds, a form httpx takes as it takes `httpx.Timeout(60, connect=5)`;
a tuple, so that importing the package does not import httpx."""

INITIAL_RETRY_DELAY: Final = 0.5
"""Seconds before the first retry; doubles with each further retry, with jitter."""
MAX_RETRY_DELAY: Final = 8.0
MAX_RETRY_AFTER: Final = 60.0
"""The longest `Retry-After` the client honours (the `max_retry_after` option); a longer, negative
or unreadable value is ignored and the exponential backoff used instead."""

TOKEN_REFRESH_SKEW: Final = 30.0
"""Seconds before expiry at which a client-credentials token is renewed."""

ENV_BASE_URL: Final = "RUNAI_BASE_URL"
ENV_TOKEN: Final = "RUNAI_TOKEN"
ENV_CLIENT_ID: Final = "RUNAI_CLIENT_ID"
ENV_CLIENT_SECRET: Final = "RUNAI_CLIENT_SECRET"
ENV_CA_BUNDLE: Final = "RUNAI_CA_BUNDLE"
"""A PEM file of the certificate authorities to trust instead of the default ones."""
ENV_TRUSTED_CA_FILE: Final = "SSL_CERT_FILE"
"""The OpenSSL convention, read when `RUNAI_CA_BUNDLE` is not set."""
