"""Match the uses found in one file against the changes of a pair: one `Finding` per affected use.

    [Use] + PairChanges ──match──▶ [Finding]  (each standing on a Change, with its root id)

Renames are applied by the fixer only where the mapping is certain: a method or keyword whose
operation or parameter is the same on the wire (same method + path, same location + wire name), or a
parameter/field replaced by exactly one new one of the same place and type whose wire name differs
only in case or separators (`nodepoolName` → `nodePoolName`). Anything else is reported, not edited.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator import naming
from generator.diff.changes import Change
from generator.diff.compare import OperationDiff, shape
from generator.diff.policy import find_replacement
from generator.ir import Enum, Field, Model, ModelRef, Parameter, strip_nullable
from generator.upgrade.changes import PairChanges, root_id
from generator.upgrade.findings import Edit, Finding
from generator.upgrade.names import MethodRef, iter_name
from generator.upgrade.uses import (
    ClassUse,
    ConstructUse,
    FieldUse,
    ImportUse,
    KeyUse,
    MemberUse,
    MethodUse,
    ModuleUse,
    Pos,
    ResourceUse,
    Use,
)

__all__ = ["match"]


def _norm(wire_name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", wire_name.lower())


def _level(kind: str) -> str:
    return {"deprecated": "deprecation", "module": "info"}.get(kind, "breaking")


class _Matcher:
    def __init__(self, pc: PairChanges, file: str) -> None:
        self.pc = pc
        self.file = file
        self.old, self.new = pc.old_index, pc.new_index
        self.label = pc.new.label
        self.modified = {(od.old.operation.method, od.old.operation.path): od for od in pc.diff.modified}

    def finding(
        self,
        pos: Pos,
        kind: str,
        python: str,
        message: str,
        change: Change | None,
        *,
        replacement: str | None = None,
        removal: str | None = None,
        edits: Sequence[Edit] = (),
    ) -> Finding:
        return Finding(
            self.file,
            pos.line,
            pos.col,
            pos.end_line,
            pos.end_col,
            kind,
            _level(kind),
            python,
            message,
            replacement,
            removal,
            change.rule if change else None,
            change.fingerprint if change else None,
            root_id(change) if change else None,
            tuple(edits),
        )

    # ----------------------------------------------------------------------------- modules
    def module(self, pos: Pos, package_pos: Pos, dotted: tuple[str, ...]) -> Finding:
        old = ".".join(dotted)
        new = ".".join((self.new.package, *dotted[1:]))
        edit = Edit(package_pos.line, package_pos.col, self.old.package, self.new.package)
        return self.finding(pos, "module", old, f"{old} becomes {new}", None, replacement=new, edits=[edit])

    def imports(self, use: ImportUse) -> Iterator[Finding]:
        moved = [n for n in use.names if len(use.module) == 3 and self._moved(use.module[2], n.name)]
        if moved:
            target = f"{self.new.package}.{use.module[1]}"
            names = ", ".join(n.name for n in moved)
            yield self.finding(
                use.pos,
                "renamed",
                ".".join(use.module),
                f"{names} is no longer in {'.'.join(use.module)}: import it from {target}",
                None,
                replacement=target,
            )
        else:
            yield self.module(use.pos, use.package_pos, use.module)
        for name in use.names:
            if self.old.is_class(name.name):
                yield from self.class_ref(name.pos, name.name)

    def _moved(self, module: str, name: str) -> bool:
        target = self.pc.classes.get(name)
        if target is None:
            return False
        new = self.new.models.get(target) or self.new.enums.get(target) or self.new.aliases.get(target)
        return new is not None and new.module != module

    def class_ref(self, pos: Pos, name: str) -> Iterator[Finding]:
        item = self.old.models.get(name) or self.old.enums.get(name) or self.old.aliases.get(name)
        assert item is not None
        target = self.pc.classes.get(name)
        if target is None:
            if item.schema_name is not None:
                change = self.pc.at("schema-removed", "", "", f"schema:{item.schema_name}")
            else:
                change = self.pc.at("model-class-removed", "", "", f"class:{name}")
            yield self.finding(pos, "removed", name, f"model class {name} is removed in {self.label}", change)
            return
        if target != name:
            change = self.pc.at("model-class-renamed", "", "", f"class:{name}")
            message = f"model class {name} is {target} in {self.label}"
            yield self.finding(pos, "renamed", name, message, change, replacement=target)
        if item.schema_name is not None:
            change = self.pc.at("schema-deprecated", "", "", f"schema:{item.schema_name}")
            if change is not None:
                yield self.finding(
                    pos, "deprecated", name, f"model class {target} is deprecated in {self.label}", change
                )

    # ----------------------------------------------------------------------------- methods
    def resource(self, use: ResourceUse) -> Iterator[Finding]:
        """A resource kept in a variable that the target version no longer has."""
        if use.resource in self.new.resources:
            return
        moved: list[tuple[str, bool]] = []  # (new resource, same method name) per operation still there
        changes: list[Change | None] = []
        for op in self.old.resources[use.resource].operations:
            ref = self.new.operations.get((op.method, op.path))
            rule = "operation-python-name-changed" if ref is not None else "operation-removed"
            changes.append(self.pc.at(rule, op.method, op.path, "operation"))
            if ref is not None:
                moved.append((ref.resource.attribute, ref.operation.python_name == op.python_name))
        change = next((c for c in changes if c is not None), None)
        targets = sorted({attribute for attribute, _ in moved})
        if len(targets) == 1 and len(moved) == len(changes):
            certain = all(same for _, same in moved)
            edits = [Edit(use.pos.line, use.pos.col, use.resource, targets[0])] if certain else []
            message = f"{use.resource} is {targets[0]} in {self.label}"
            yield self.finding(use.pos, "renamed", use.resource, message, change, replacement=targets[0], edits=edits)
        else:
            message = f"{use.resource} is gone in {self.label}"
            message += f"; its operations are now in {', '.join(targets)}" if targets else ""
            yield self.finding(use.pos, "removed", use.resource, message, change)

    def method(self, use: MethodUse) -> Iterator[Finding]:
        ref = self.old.methods[(use.resource, use.method)]
        op = ref.operation
        python = f"{use.resource}.{use.method}"
        new_ref = self.new.operations.get((op.method, op.path))
        if new_ref is None:
            change = self.pc.at("operation-removed", op.method, op.path, "operation")
            successor = self._successor(ref)
            message = f"{python} ({op.method} {op.path}) is removed in {self.label}"
            message += f"; use {successor}" if successor else ""
            yield self.finding(use.pos, "removed", python, message, change, replacement=successor)
            return
        new_name = iter_name(new_ref.operation) if ref.iterator else new_ref.operation.python_name
        new_resource = new_ref.resource.attribute
        # a resource the target lacks, taken into a variable: reported (and fixed) where it was taken
        via_variable = use.resource_pos is None and new_name == use.method and use.resource not in self.new.resources
        if (new_resource, new_name) != (use.resource, use.method) and not via_variable:
            change = self.pc.at("operation-python-name-changed", op.method, op.path, "operation")
            edits = [Edit(use.pos.line, use.pos.col, use.method, new_name)] if new_name != use.method else []
            if new_resource != use.resource:
                rp = use.resource_pos
                edits = [*edits, Edit(rp.line, rp.col, use.resource, new_resource)] if rp is not None else []
            replacement = f"{new_resource}.{new_name}"
            message = f"{python} is {replacement} in {self.label}"
            yield self.finding(use.pos, "renamed", python, message, change, replacement=replacement, edits=edits)
        deprecation = new_ref.operation.deprecation
        if deprecation is not None:
            rule = "operation-still-deprecated" if op.deprecated else "operation-deprecated"
            change = self.pc.at(rule, op.method, op.path, "operation")
            instead = self._successor(new_ref) or deprecation.replacement
            removal = self.pc.removal(op.method, op.path)
            message = f"{python} is deprecated in {self.label}"
            message += f" (earliest removal: {removal})" if removal else ""
            message += f"; use {instead}" if instead else ""
            yield self.finding(use.pos, "deprecated", python, message, change, replacement=instead, removal=removal)
        if use.called:
            od = self.modified.get((op.method, op.path))
            if od is not None:
                yield from self.keywords(use, python, ref, od)
            if use.body_keys is not None and op.body is not None:
                body = strip_nullable(op.body.type)
                if isinstance(body, ModelRef) and body.class_name in self.old.models:
                    yield from self.construct(ConstructUse(use.pos, body.class_name, use.body_keys, True))

    def _successor(self, ref: MethodRef) -> str | None:
        """The obvious replacement of a removed or deprecated operation in the target version."""
        resource = next((r for r in self.new.api.resources if r.tag == ref.resource.tag), None)
        if resource is None:
            return None
        successor = find_replacement(self.new.api, resource, ref.operation)
        return f"{resource.attribute}.{successor.python_name}" if successor is not None else None

    def keywords(self, use: MethodUse, python: str, ref: MethodRef, od: OperationDiff) -> Iterator[Finding]:
        op = ref.operation
        old_enums = {e.class_name: e for e in self.pc.diff.old.enums}
        new_enums = {e.class_name: e for e in self.pc.diff.new.enums}
        diffs = {pd.old.name: pd for pd in od.parameters if pd.old is not None}
        added = [pd.new for pd in od.parameters if pd.old is None and pd.new is not None]
        params = {p.name: p for p in op.parameters}
        passed: set[str] = set()
        for key in use.keywords:
            passed.add(key.name)
            p, pd = params.get(key.name), diffs.get(key.name)
            if key.name in naming.METHOD_RESERVED or p is None or pd is None:
                continue
            here = f"{python}({key.name}=)"
            if pd.new is None:
                change = self.pc.at("parameter-removed", op.method, op.path, f"{p.location}:{p.wire_name}")
                twin = self._twin(p, added, old_enums, new_enums)
                if twin is not None and _norm(twin.wire_name) == _norm(p.wire_name):
                    passed.add(twin.name)
                    edit = Edit(key.pos.line, key.pos.col, key.name, twin.name)
                    message = f"keyword {key.name} of {python} is {twin.name} in {self.label}"
                    yield self.finding(key.pos, "renamed", here, message, change, replacement=twin.name, edits=[edit])
                else:
                    message = f"keyword {key.name} of {python} is removed in {self.label}"
                    message += f" (perhaps renamed to {twin.name})" if twin is not None else ""
                    yield self.finding(
                        key.pos, "parameter-removed", here, message, change, replacement=twin.name if twin else None
                    )
                continue
            new = pd.new
            where = f"{new.location}:{new.wire_name}"
            if new.name != p.name:
                passed.add(new.name)
                change = self.pc.at("parameter-python-name-changed", op.method, op.path, where)
                edit = Edit(key.pos.line, key.pos.col, key.name, new.name)
                message = f"keyword {key.name} of {python} is {new.name} in {self.label}"
                yield self.finding(key.pos, "renamed", here, message, change, replacement=new.name, edits=[edit])
            old_shape, new_shape = shape(p.type, old_enums), shape(new.type, new_enums)
            if old_shape != new_shape:
                change = self.pc.at("parameter-type-changed", op.method, op.path, where)
                message = f"keyword {key.name} of {python}: type {old_shape} -> {new_shape} in {self.label}"
                yield self.finding(key.pos, "type-changed", here, message, change)
            if new.deprecation is not None and p.deprecation is None:
                change = self.pc.at("parameter-deprecated", op.method, op.path, where)
                removal = self.pc.field_removal(new.pointer)
                message = f"keyword {key.name} of {python} is deprecated in {self.label}"
                message += f" (earliest removal: {removal})" if removal else ""
                yield self.finding(
                    key.pos,
                    "deprecated",
                    here,
                    message,
                    change,
                    replacement=new.deprecation.replacement,
                    removal=removal,
                )
        if use.open_keywords:
            return
        for pd in od.parameters:
            wanted = pd.new
            if wanted is None or not wanted.required or wanted.name in passed or (pd.old and pd.old.required):
                continue
            rule = "parameter-made-required" if pd.old is not None else "required-parameter-added"
            change = self.pc.at(rule, op.method, op.path, f"{wanted.location}:{wanted.wire_name}")
            message = f"{python} requires keyword {wanted.name} in {self.label}"
            yield self.finding(use.pos, "made-required", f"{python}({wanted.name}=)", message, change)

    @staticmethod
    def _twin(
        p: Parameter, added: list[Parameter], old_enums: dict[str, Enum], new_enums: dict[str, Enum]
    ) -> Parameter | None:
        """The one added parameter at the same location with the same wire type, if exactly one."""
        same = [n for n in added if n.location == p.location and shape(n.type, new_enums) == shape(p.type, old_enums)]
        return same[0] if len(same) == 1 else None

    # ------------------------------------------------------------------------------ models
    def construct(self, use: ConstructUse) -> Iterator[Finding]:
        target = self.pc.classes.get(use.class_name)
        if target is None or target not in self.new.models:
            return
        old, new = self.old.models[use.class_name], self.new.models[target]
        given: set[str] = set()
        for key in use.keys:
            of = self._field(old, key)
            if of is None:
                continue
            given.add(of.wire_name)
            for finding in self.field(key.pos, old, new, of, key.keyword, reading=False):
                if finding.kind == "renamed" and finding.replacement:
                    nf = next((f for f in new.fields if f.name == finding.replacement), None)
                    given.add(nf.wire_name if nf else "")
                yield finding
        if not use.complete:
            return
        olds = {f.wire_name: f for f in old.fields}
        for nf in new.fields:
            of = olds.get(nf.wire_name)
            if not nf.required or nf.wire_name in given or (of is not None and of.required):
                continue
            rule = "request-property-made-required" if of is not None else "required-property-added"
            surface = "required" if of is not None else "added-required"
            change = self.pc.by_pointer([rule], [nf.pointer]) or self.pc.where(
                "model-field-changed", nf.pointer, change=surface
            )
            python = f"{new.class_name}.{nf.name}"
            message = f"{use.class_name} requires field {nf.name} in {self.label}"
            yield self.finding(use.pos, "made-required", python, message, change)

    @staticmethod
    def _field(model: Model, key: KeyUse) -> Field | None:
        by_name = next((f for f in model.fields if f.name == key.name), None)
        if key.keyword:
            return by_name
        return next((f for f in model.fields if f.wire_name == key.name), by_name)

    def field(self, pos: Pos, old: Model, new: Model, of: Field, editable: bool, *, reading: bool) -> Iterator[Finding]:
        python = f"{old.class_name}.{of.name}"
        written = of.name if editable else of.wire_name
        nf = next((f for f in new.fields if f.wire_name == of.wire_name), None)
        if nf is None:
            change = self.pc.by_pointer(["property-removed"], [of.pointer]) or self.pc.where(
                "model-field-changed", of.pointer, change="removed"
            )
            olds = {f.wire_name for f in old.fields}
            twins = [f for f in new.fields if f.wire_name not in olds and _norm(f.wire_name) == _norm(of.wire_name)]
            if len(twins) == 1:
                twin = twins[0]
                edits = [Edit(pos.line, pos.col, of.name, twin.name)] if editable and twin.name != of.name else []
                message = f"field {written} of {old.class_name} is {twin.name if editable else twin.wire_name} in {self.label}"
                yield self.finding(pos, "renamed", python, message, change, replacement=twin.name, edits=edits)
            else:
                message = f"field {written} of {old.class_name} is removed in {self.label}"
                yield self.finding(pos, "field-removed", python, message, change)
            return
        if nf.name != of.name and editable:
            change = self.pc.where("model-field-changed", nf.pointer, change="renamed")
            edit = Edit(pos.line, pos.col, of.name, nf.name)
            message = f"field {of.name} of {old.class_name} is {nf.name} in {self.label}"
            yield self.finding(pos, "renamed", python, message, change, replacement=nf.name, edits=[edit])
        old_enums = {e.class_name: e for e in self.pc.diff.old.enums}
        new_enums = {e.class_name: e for e in self.pc.diff.new.enums}
        old_shape, new_shape = shape(of.type, old_enums), shape(nf.type, new_enums)
        if old_shape != new_shape:
            change = self.pc.by_pointer(["property-type-changed"], [nf.pointer, of.pointer]) or self.pc.where(
                "model-field-changed", nf.pointer, change="type"
            )
            message = f"field {written} of {old.class_name}: type {old_shape} -> {new_shape} in {self.label}"
            yield self.finding(pos, "type-changed", python, message, change)
        if reading and of.required and not nf.required:
            change = self.pc.by_pointer(["response-property-made-optional"], [nf.pointer]) or self.pc.where(
                "model-field-changed", nf.pointer, change="optional"
            )
            message = f"field {written} of {old.class_name} may be None in {self.label}"
            yield self.finding(pos, "made-optional", python, message, change)
        if nf.deprecation is not None:
            change = (
                self.pc.by_pointer(["property-deprecated"], [nf.pointer]) if of.deprecation is None else None
            ) or self.pc.where("model-field-changed", nf.pointer, change="deprecated")
            removal = self.pc.field_removal(nf.pointer)
            message = f"field {written} of {old.class_name} is deprecated in {self.label}"
            message += f" (earliest removal: {removal})" if removal else ""
            instead = self._field_named(new, nf.deprecation.replacement)
            message += f"; use {instead}" if instead else ""
            yield self.finding(pos, "deprecated", python, message, change, replacement=instead, removal=removal)

    @staticmethod
    def _field_named(model: Model, text: str | None) -> str | None:
        """A replacement the document names: the Python name when it is a wire name of the model's fields."""
        wire = (text or "").strip("`'\" ")
        return next((f.name for f in model.fields if f.wire_name == wire), text)

    def read(self, use: FieldUse) -> Iterator[Finding]:
        target = self.pc.classes.get(use.class_name)
        of = self.old.field(use.class_name, use.field)
        if target is None or target not in self.new.models or of is None:
            return
        yield from self.field(use.pos, self.old.models[use.class_name], self.new.models[target], of, True, reading=True)

    def member(self, use: MemberUse) -> Iterator[Finding]:
        target = self.new.enums.get(self.pc.classes.get(use.enum) or "")
        old = self.old.enums[use.enum]
        value = next(m.value for m in old.members if m.name == use.member)
        if target is None:
            return
        python = f"{use.enum}.{use.member}"
        where = f"enum:{use.enum}.{use.member}"
        successor = next((m for m in target.members if m.value == value), None)
        if successor is None:
            change = self.pc.at("enum-member-changed", "", "", where)
            message = f"{python} ({value!r}) is removed in {self.label}"
            yield self.finding(use.pos, "removed", python, message, change)
        elif successor.name != use.member:
            change = self.pc.at("enum-member-changed", "", "", where)
            edit = Edit(use.pos.line, use.pos.col, use.member, successor.name)
            message = f"{python} is {target.class_name}.{successor.name} in {self.label}"
            yield self.finding(use.pos, "renamed", python, message, change, replacement=successor.name, edits=[edit])

    # ------------------------------------------------------------------------------ dispatch
    def use(self, use: Use) -> Iterator[Finding]:
        if isinstance(use, ImportUse):
            yield from self.imports(use)
        elif isinstance(use, ModuleUse):
            yield self.module(use.pos, use.pos, (self.old.package,))
        elif isinstance(use, ClassUse):
            yield from self.class_ref(use.pos, use.class_name)
        elif isinstance(use, ResourceUse):
            yield from self.resource(use)
        elif isinstance(use, MethodUse):
            yield from self.method(use)
        elif isinstance(use, ConstructUse):
            yield from self.construct(use)
        elif isinstance(use, MemberUse):
            yield from self.member(use)
        else:
            yield from self.read(use)


def match(uses: Sequence[Use], pc: PairChanges, file: str) -> list[Finding]:
    """The findings for the uses of one file, in source order, each once."""
    matcher = _Matcher(pc, file)
    seen: set[tuple[int, int, str, str | None]] = set()
    out: list[Finding] = []
    for use in uses:
        for f in matcher.use(use):
            key = (f.line, f.col, f.kind, f.change)
            if key not in seen:
                seen.add(key)
                out.append(f)
    out.sort(key=lambda f: (f.line, f.col, f.kind))
    return out
