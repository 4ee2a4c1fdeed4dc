"""Names a file imports or spells: the package and its modules, model classes, enum members.

A package name is always rewritten (`runai_v2_22` becomes `runai_v2_24`); a class or enum member
renamed on the Python side only is rewritten too; one removed or deprecated is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.upgrade.findings import Edit, Finding
from generator.upgrade.match.context import MatchContext
from generator.upgrade.uses import ImportUse, MemberUse, Pos

__all__ = ["class_ref", "imports", "member", "module"]


def module(cx: MatchContext, pos: Pos, package_pos: Pos, dotted: tuple[str, ...]) -> Finding:
    """The package name written in `dotted` (an import, or `runai_v2_22.x`) becomes the target's."""
    old = ".".join(dotted)
    new = ".".join((cx.new.package, *dotted[1:]))
    edit = Edit(package_pos.line, package_pos.col, cx.old.package, cx.new.package)
    return cx.finding(pos, "module", old, f"{old} becomes {new}", None, replacement=new, edits=[edit])


def imports(cx: MatchContext, use: ImportUse) -> Iterator[Finding]:
    """An import: its package name (or the new module of classes that moved), then each class it names."""
    moved = [n for n in use.names if len(use.module) == 3 and _moved(cx, use.module[2], n.name)]
    if moved:
        target = f"{cx.new.package}.{use.module[1]}"
        names = ", ".join(n.name for n in moved)
        yield cx.finding(
            use.pos,
            "renamed",
            ".".join(use.module),
            f"{names} is no longer in {'.'.join(use.module)}: import it from {target}",
            None,
            replacement=target,
        )
    else:
        yield module(cx, use.pos, use.package_pos, use.module)
    for name in use.names:
        if cx.old.is_class(name.name):
            yield from class_ref(cx, name.pos, name.name)


def _moved(cx: MatchContext, module: str, name: str) -> bool:
    target = cx.pc.classes.get(name)
    if target is None:
        return False
    new = cx.new.models.get(target) or cx.new.enums.get(target) or cx.new.aliases.get(target)
    return new is not None and new.module != module


def class_ref(cx: MatchContext, pos: Pos, name: str) -> Iterator[Finding]:
    """A model, enum or alias class named: removed, renamed or deprecated in the target."""
    item = cx.old.models.get(name) or cx.old.enums.get(name) or cx.old.aliases.get(name)
    assert item is not None
    target = cx.pc.classes.get(name)
    if target is None:
        if item.schema_name is not None:
            change = cx.pc.at("schema-removed", "", "", f"schema:{item.schema_name}")
        else:
            change = cx.pc.at("model-class-removed", "", "", f"class:{name}")
        yield cx.finding(pos, "removed", name, f"model class {name} is removed in {cx.label}", change)
        return
    if target != name:
        change = cx.pc.at("model-class-renamed", "", "", f"class:{name}")
        message = f"model class {name} is {target} in {cx.label}"
        yield cx.finding(pos, "renamed", name, message, change, replacement=target)
    if item.schema_name is not None:
        change = cx.pc.at("schema-deprecated", "", "", f"schema:{item.schema_name}")
        if change is not None:
            yield cx.finding(pos, "deprecated", name, f"model class {target} is deprecated in {cx.label}", change)


def member(cx: MatchContext, use: MemberUse) -> Iterator[Finding]:
    """An enum member, followed by its value: removed or renamed in the target."""
    target = cx.new.enums.get(cx.pc.classes.get(use.enum) or "")
    old = cx.old.enums[use.enum]
    value = next(m.value for m in old.members if m.name == use.member)
    if target is None:
        return
    python = f"{use.enum}.{use.member}"
    where = f"enum:{use.enum}.{use.member}"
    successor = next((m for m in target.members if m.value == value), None)
    if successor is None:
        change = cx.pc.at("enum-member-changed", "", "", where)
        message = f"{python} ({value!r}) is removed in {cx.label}"
        yield cx.finding(use.pos, "removed", python, message, change)
    elif successor.name != use.member:
        change = cx.pc.at("enum-member-changed", "", "", where)
        edit = Edit(use.pos.line, use.pos.col, use.member, successor.name)
        message = f"{python} is {target.class_name}.{successor.name} in {cx.label}"
        yield cx.finding(use.pos, "renamed", python, message, change, replacement=successor.name, edits=[edit])
