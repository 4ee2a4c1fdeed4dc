"""The changes behind upgrade findings: the `diff` rules plus the Python-surface rules, on one pair.

    Version, Version ──compare──▶ ApiDiff ──rules.run(wire + surface)──▶ [Change] ──▶ PairChanges

`PairChanges` finds the `Change` a finding stands on (by rule and place, or by the field's JSON
pointer) and `root_id` (from `generator.diff.roots`, the grouping `diff` and `report` use) gives the
id a finding shares with the wire change behind it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from generator.diff import rules
from generator.diff.changes import Change
from generator.diff.compare import ApiDiff, compare
from generator.diff.policy import Policy, Version, removable_in
from generator.diff.roots import root_id
from generator.upgrade import surface
from generator.upgrade.names import ApiIndex, index

__all__ = ["PairChanges", "pair_changes", "root_id"]


@dataclass
class PairChanges:
    """Both versions of a pair, their Python indexes, the structural diff and every change."""

    old: Version
    new: Version
    policy: Policy
    diff: ApiDiff
    changes: tuple[Change, ...]
    old_index: ApiIndex
    new_index: ApiIndex
    classes: dict[str, str | None]  # old class name → new class name (None: gone)
    _by_place: dict[tuple[str, str, str, str], Change] = field(default_factory=dict)
    _by_pointer: dict[tuple[str, str], list[Change]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for c in self.changes:
            self._by_place.setdefault((c.rule, c.method, c.path, c.location), c)
            self._by_pointer.setdefault((c.rule, c.pointer), []).append(c)

    def at(self, rule: str, method: str, path: str, location: str) -> Change | None:
        """The change of `rule` at one place (`operation`, `query:filterBy`, `class:Project1`, ...)."""
        return self._by_place.get((rule, method, path, location))

    def by_pointer(self, rule_ids: Iterable[str], pointers: Iterable[str | None]) -> Change | None:
        """The first change (rule order, then fingerprint) of one of `rule_ids` whose pointer is one of `pointers`."""
        for rule_id in rule_ids:
            for ptr in pointers:
                found = self._by_pointer.get((rule_id, ptr or ""))
                if found:
                    return min(found, key=lambda c: c.fingerprint)
        return None

    def where(self, rule_id: str, pointer: str, **args: str) -> Change | None:
        """The change of `rule_id` at `pointer` whose arguments include `args`."""
        for c in self._by_pointer.get((rule_id, pointer), []):
            if all(c.args.get(k) == v for k, v in args.items()):
                return c
        return None

    def removal(self, method: str, path: str) -> str | None:
        """The earliest version that may drop a deprecated operation (release number or SaaS date)."""
        since, _ = self.policy.operation_since(method, path, self.new.label)
        return self._removal(since)

    def field_removal(self, pointer: str) -> str | None:
        since, _ = self.policy.field_since(pointer, self.new.label)
        return self._removal(since)

    def _removal(self, since: str) -> str | None:
        if self.new.channel == "saas":
            after = self.policy.removable_after(since)
            return after.isoformat() if after else None
        return removable_in(since)


def pair_changes(old: Version, new: Version, history: Sequence[Version] | None = None) -> PairChanges:
    """Compare `old` with `new` and run the wire and the surface rules on the result."""
    policy = Policy(list(history) if history else [old, new], old.label, new.label)
    diff = compare(old.api, new.api)
    changes = rules.run(rules.Context(diff, policy), rules=(*rules.RULES, *surface.RULES))
    return PairChanges(
        old,
        new,
        policy,
        diff,
        tuple(changes),
        index(old.api),
        index(new.api),
        surface.pair_models(old.api, new.api),
    )
