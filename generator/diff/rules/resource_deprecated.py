"""resource-deprecated: a tag (a resource class, `client.<attribute>`) is newly deprecated."""

from collections.abc import Iterator

from generator.diff.changes import ChangeLevel, Finding
from generator.diff.rules.base import Context, Rule, deprecation_extra
from generator.diagnostics import pointer

ID = "resource-deprecated"
LEVEL = ChangeLevel.DEPRECATION


def check(ctx: Context) -> Iterator[Finding]:
    for old, new in ctx.diff.resources:
        if old is not None and new is not None and old.deprecation is None and new.deprecation:
            yield Finding(
                "",
                "",
                f"tag:{new.tag}",
                pointer("tags"),
                python=f"client.{new.attribute}",
                args={"tag": new.tag},
                extra=deprecation_extra(new.deprecation),
            )


RULE = Rule(ID, LEVEL, "A tag (resource) was deprecated", "tag {tag} deprecated ({python})", check)
