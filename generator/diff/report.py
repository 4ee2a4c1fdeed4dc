"""Reports: the changes between two versions (`PairReport`) and over the whole history (`HistoryReport`).

    Version, Version ──compare──▶ ApiDiff ──rules.run──▶ [Change] ──▶ PairReport ──render──▶ text

The report also carries the figures the release notes and the chart need (operations added, removed,
newly deprecated) and the deprecation policy table (`policy.DeprecatedItem`). The JSON form is
documented in `REPORT_SCHEMA.md`; `to_json` is the only place that spells it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator.diff import rules
from generator.diff.changes import Change, ChangeLevel
from generator.diff.compare import compare
from generator.diff.policy import DeprecatedItem, Policy, Version
from generator.diff.roots import RootChange, group

__all__ = [
    "Counts",
    "HistoryReport",
    "PairReport",
    "VersionStats",
    "diff_pair",
    "diff_history",
    "single",
    "POLICY_RULES",
    "SCHEMA_VERSION",
]

SCHEMA_VERSION = 1
POLICY_RULES = frozenset({"removed-without-deprecation", "removed-before-sunset"})


@dataclass(frozen=True)
class Counts:
    """Operation figures for one pair; `newly_deprecated_flag` counts only `deprecated: true`."""

    operations_old: int
    operations_new: int
    added: int
    removed: int
    newly_deprecated: int
    newly_deprecated_flag: int
    deprecated_new: int

    def to_json(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class PairReport:
    """Everything that changed from `old` to `new`."""

    old: str
    new: str
    changes: tuple[Change, ...]
    counts: Counts
    deprecations: tuple[DeprecatedItem, ...]
    roots: tuple[RootChange, ...] = ()

    @property
    def active_roots(self) -> tuple[RootChange, ...]:
        """The root changes with at least one change not acknowledged in the ignore file."""
        return tuple(r for r in self.roots if not r.ignored)

    @property
    def root_levels(self) -> dict[str, int]:
        """Count of (not ignored) root changes per level: the headline figure of every format."""
        counts = Counter(r.level.value for r in self.active_roots)
        return {lv.value: counts[lv.value] for lv in ChangeLevel}

    @property
    def active(self) -> tuple[Change, ...]:
        """The changes not acknowledged in the ignore file."""
        return tuple(c for c in self.changes if not c.ignored)

    @property
    def summary(self) -> dict[str, int]:
        """Count of (not ignored) changes per rule id, in registry order."""
        counts = Counter(c.rule for c in self.active)
        return {r.id: counts[r.id] for r in rules.RULES if counts[r.id]}

    @property
    def levels(self) -> dict[str, int]:
        counts = Counter(c.level.value for c in self.active)
        return {lv.value: counts[lv.value] for lv in ChangeLevel}

    @property
    def violations(self) -> tuple[Change, ...]:
        return tuple(c for c in self.active if c.rule in POLICY_RULES)

    @property
    def ignored(self) -> int:
        return sum(1 for c in self.changes if c.ignored)

    def worst(self) -> ChangeLevel | None:
        levels = [c.level for c in self.active]
        return min(levels, key=lambda lv: lv.rank) if levels else None

    def to_json(self) -> dict[str, object]:
        return {
            "old": self.old,
            "new": self.new,
            "counts": self.counts.to_json(),
            "levels": self.levels,
            "root_levels": self.root_levels,
            "roots": [r.to_json() for r in self.roots],
            "summary": self.summary,
            "ignored": self.ignored,
            "violations": len(self.violations),
            "changes": [c.to_json() for c in self.changes],
            "deprecations": [d.to_json() for d in self.deprecations],
        }


@dataclass(frozen=True)
class VersionStats:
    """Per-version figures for the chart."""

    label: str
    operations: int
    deprecated_operations: int
    breaking: int  # breaking changes in the pair that leads to this version
    breaking_roots: int  # the root changes they come down to

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class HistoryReport:
    """Every consecutive pair of the history, oldest first."""

    versions: tuple[VersionStats, ...]
    pairs: tuple[PairReport, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "schema_version": SCHEMA_VERSION,
            "versions": [v.to_json() for v in self.versions],
            "pairs": [p.to_json() for p in self.pairs],
        }


def _counts(old: Version, new: Version) -> Counts:
    olds = {(o.method, o.path): o for o in old.api.operations}
    news = {(o.method, o.path): o for o in new.api.operations}
    both = [(olds[k], news[k]) for k in news if k in olds]
    newly = [(o, n) for o, n in both if o.deprecation is None and n.deprecation is not None]

    def flagged(op: object) -> bool:
        d = getattr(op, "deprecation", None)
        return d is not None and d.source == "flag"

    return Counts(
        operations_old=len(olds),
        operations_new=len(news),
        added=sum(1 for k in news if k not in olds),
        removed=sum(1 for k in olds if k not in news),
        newly_deprecated=len(newly),
        newly_deprecated_flag=sum(1 for o, n in both if flagged(n) and not flagged(o)),
        deprecated_new=sum(1 for n in news.values() if n.deprecation is not None),
    )


def diff_pair(
    old: Version,
    new: Version,
    *,
    history: Sequence[Version] | None = None,
    levels: Mapping[str, ChangeLevel] | None = None,
    ignored: Iterable[str] = (),
) -> PairReport:
    """The report for `old` → `new`; `history` (containing both) makes deprecation dates exact."""
    hist = list(history) if history else [old, new]
    policy = Policy(hist, old.label, new.label)
    diff = compare(old.api, new.api)
    changes = rules.run(rules.Context(diff, policy), levels=levels, ignored=ignored)
    roots = tuple(group(changes, old.api, new.api))
    return PairReport(old.label, new.label, tuple(changes), _counts(old, new), tuple(policy.deprecated_items()), roots)


def diff_history(
    versions: Sequence[Version], *, levels: Mapping[str, ChangeLevel] | None = None, ignored: Iterable[str] = ()
) -> HistoryReport:
    """Reports for each consecutive pair of `versions` (history order: releases, then latest)."""
    ignored = tuple(ignored)
    pairs = tuple(
        diff_pair(a, b, history=versions, levels=levels, ignored=ignored) for a, b in zip(versions, versions[1:])
    )
    return HistoryReport(_stats(versions, pairs), pairs)


def single(old: Version, new: Version, pair: PairReport) -> HistoryReport:
    """A history of one pair, for `runai-sdkgen diff`."""
    return HistoryReport(_stats([old, new], (pair,)), (pair,))


def _stats(versions: Sequence[Version], pairs: Sequence[PairReport]) -> tuple[VersionStats, ...]:
    breaking = {p.new: p.levels["breaking"] for p in pairs}
    roots = {p.new: p.root_levels["breaking"] for p in pairs}
    return tuple(
        VersionStats(
            v.label,
            len(v.api.operations),
            sum(1 for o in v.api.operations if o.deprecation is not None),
            breaking.get(v.label, 0),
            roots.get(v.label, 0),
        )
        for v in versions
    )
