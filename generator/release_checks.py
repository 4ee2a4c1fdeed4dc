"""The release's checks before anything is built: validation, the change report, the `--fail-on` policy."""

from __future__ import annotations

from pathlib import Path

from . import load, versioning
from .diagnostics import Level
from .diff.changes import ChangeLevel
from .diff.report import HistoryReport, diff_pair, single
from .diff.sources import Source
from .diff.sources import load as load_version
from .release_documents import Staged
from .release_outcome import MAX_SHOWN, FailOnHit, ReleaseError, Result
from .specs import Pin
from .workspace import Workspace

__all__ = ["change_report", "check_policy", "validate_document"]


def validate_document(ws: Workspace, pin: Pin, document: Path) -> Pin:
    """Raise when the new document has errors (the first `MAX_SHOWN` quoted); else the pin, recording a
    validation when it found nothing beyond reading's own warnings (not validated again when the pin
    records one)."""
    diagnostics = load.validate(document, display=f"{pin.version}.json", cache_dir=ws.cache / "validate", pin=pin)
    errors = [d for d in diagnostics if d.level is Level.ERROR]
    if errors:
        shown = "\n".join(str(d) for d in errors[:MAX_SHOWN])
        more = f"\n... and {len(errors) - MAX_SHOWN} more" if len(errors) > MAX_SHOWN else ""
        raise ReleaseError(f"{pin.version}: the document fails validation ({len(errors)} error(s)):\n{shown}{more}")
    _, read = load.bundle(document, display=f"{pin.version}.json")
    return pin.recording(load.validation_record() if load.recordable(diagnostics, read) else None)


def change_report(staged: Staged, result: Result) -> HistoryReport | None:
    """The change report against the old pin of this version when it moved, else the version before."""
    new, old = staged.new, staged.old
    if old is not None and old.sha256 != new.sha256 and old.sha256 in staged.documents:
        base = f"{old.version} ({versioning.base_version(old)})"
        label = f"{new.version} ({versioning.base_version(new)})"
        previous, previous_label = old, base
    elif staged.before is not None:
        previous, previous_label, label = staged.before, staged.before.version, new.version
    else:
        result.notes.append("first pinned version: no change report")
        return None
    if old is not None and old.sha256 != new.sha256 and previous is not old:
        result.notes.append(f"the old {old.version} document is not synced: compared with {previous.version}")
    a = load_version(Source(previous_label, staged.documents[previous.sha256], previous.channel, previous.pinned))
    b = load_version(Source(label, staged.documents[new.sha256], new.channel, new.pinned))
    pair = diff_pair(a, b)
    result.compared_with = previous_label
    result.levels = pair.levels
    return single(a, b, pair)


def check_policy(report: HistoryReport | None, fail_on: str | None) -> None:
    """Raise when a change reaches the --fail-on level (policy: a removal that broke the policy)."""
    if report is None or fail_on is None:
        return
    [pair] = report.pairs
    if fail_on == "policy":
        hits = list(pair.violations)
    else:
        threshold = ChangeLevel(fail_on).rank
        hits = [c for c in pair.active if c.level.rank <= threshold]
    if hits:
        shown = "\n".join(f"  {c.level.value} {c.rule}: {c.message}" for c in hits[:MAX_SHOWN])
        more = f"\n  ... and {len(hits) - MAX_SHOWN} more" if len(hits) > MAX_SHOWN else ""
        raise FailOnHit(
            f"--fail-on {fail_on}: {len(hits)} change(s) from {pair.old} to {pair.new}; nothing released:\n"
            f"{shown}{more}"
        )
