"""schema-deprecated / schema-removed: component schemas (the generated model classes).

A removed schema takes its model class away from the package (`from ... import Project1` breaks), so
removal is breaking. A schema that became an alias of another (or an alias that became a model) keeps
its name in `models`: that is not a removal.
"""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, deprecation_extra


def check_deprecated(ctx: Context) -> Iterator[Finding]:
    for sd in ctx.diff.schemas:
        if sd.old is not None and sd.new is not None:
            if sd.old.deprecation is None and sd.new.deprecation is not None:
                yield Finding(
                    "",
                    "",
                    f"schema:{sd.name}",
                    sd.new.pointer,
                    python=sd.new.class_name,
                    args={"schema": sd.name},
                    extra=deprecation_extra(sd.new.deprecation),
                )


def check_removed(ctx: Context) -> Iterator[Finding]:
    for sd in ctx.diff.schemas:
        if sd.old is not None and sd.new is None:
            yield Finding(
                "", "", f"schema:{sd.name}", sd.old.pointer, python=sd.old.class_name, args={"schema": sd.name}
            )


RULES = (
    Rule(
        "schema-deprecated",
        ChangeLevel.DEPRECATION,
        "A component schema was deprecated",
        "schema {schema} deprecated",
        check_deprecated,
    ),
    Rule(
        "schema-removed",
        ChangeLevel.BREAKING,
        "A component schema (and its model class) was removed",
        "schema {schema} removed: models.{python} no longer exists",
        check_removed,
    ),
)
