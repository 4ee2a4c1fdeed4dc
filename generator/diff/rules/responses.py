"""success-status-removed / media-type-removed / response-body-removed: what a call can answer shrank."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, operation_finding


def check_status(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for status in od.responses.statuses_removed:
            yield operation_finding(od.new, f"response.{status}", status=status)


def check_media(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for where, media in od.responses.media_types_removed:
            location = "body" if where == "request" else f"response.{where}"
            yield operation_finding(od.new, location, media_type=media, where=where)


def check_body(ctx: Context) -> Iterator[Finding]:
    for od in ctx.diff.modified:
        for status, media in od.responses.bodies_removed:
            yield operation_finding(od.new, f"response.{status}", status=status, media_type=media)


RULES = (
    Rule(
        "success-status-removed",
        ChangeLevel.BREAKING,
        "A success status code was removed",
        "{method} {path}: success status {status} removed",
        check_status,
    ),
    Rule(
        "media-type-removed",
        ChangeLevel.BREAKING,
        "A request or response media type was removed",
        "{method} {path}: media type {media_type} removed from {location}",
        check_media,
    ),
    Rule(
        "response-body-removed",
        ChangeLevel.BREAKING,
        "A success response no longer declares a body schema",
        "{method} {path}: response {status} ({media_type}) no longer has a body schema",
        check_body,
    ),
)
