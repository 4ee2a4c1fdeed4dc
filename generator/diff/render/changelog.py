"""`CHANGELOG.md` of a generated package: the report against the previous pinned version."""

from __future__ import annotations

from generator.diff.render.templates import environment
from generator.diff.report import PairReport


def render_changelog(report_for_pair: PairReport | None, *, version: str | None = None) -> str:
    """Markdown changelog of `report_for_pair.new` against `.old`.

    For the oldest pinned version there is nothing to compare with: pass `None` and `version`.
    """
    if report_for_pair is None and version is None:
        raise ValueError("render_changelog(None) needs the version of the first pinned release")
    return (
        environment(html=False)
        .get_template("changelog.md.jinja")
        .render(report=report_for_pair, version=version or (report_for_pair and report_for_pair.new))
    )
