"""Run inside a generated package's directory: check that its README's Python examples use only what
the package has. Prints one problem per line; exit 1 when there are any.

Every ```python block must compile (top-level `await`/`async with` allowed); every name imported from
the package must exist; every `client.<resource>.<method>` (or `async_client....`) must exist, and the
keywords of a call to it (or of `with_raw_response(method, ...)`) must be parameters of the method or
per-call options.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import sys
from pathlib import Path

OPTIONS = {
    "timeout",
    "max_retries",
    "extra_headers",
    "extra_query",
    "extra_body",
    "retry_non_idempotent",
    "strict_responses",
    "deadline",
}


def blocks(readme: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", readme, flags=re.S)


def resolve(package: str, node: ast.AST) -> tuple[str, object] | None:
    """`client.<resource>.<method>` as ("resource.method", the method of the sync or async class)."""
    if not (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and isinstance(node.value.value, ast.Name)
        and node.value.value.id in ("client", "async_client")
    ):
        return None
    kind = "AsyncClient" if node.value.value.id == "async_client" else "Client"
    client = getattr(importlib.import_module(package), kind)("http://127.0.0.1:9", token="t")  # sends nothing
    resource = getattr(client, node.value.attr, None)
    return f"{node.value.attr}.{node.attr}", getattr(type(resource), node.attr, None) if resource else None


def check(package: str, readme: str) -> list[str]:
    problems = []
    for number, code in enumerate(blocks(readme), 1):
        try:
            tree = compile(code, f"README block {number}", "exec", ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        except SyntaxError as error:
            problems.append(f"block {number}: {error}")
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == package:
                module = importlib.import_module(node.module)
                problems += [
                    f"block {number}: {node.module} has no {a.name}" for a in node.names if not hasattr(module, a.name)
                ]
            found = resolve(package, node)
            if found is not None and found[1] is None:
                problems.append(f"block {number}: no method {found[0]}")
            if isinstance(node, ast.Call):
                target = (
                    node.args[0]
                    if node.args and isinstance(node.func, ast.Attribute) and node.func.attr.startswith("with_")
                    else node.func
                )
                called = resolve(package, target)
                if called is not None and called[1] is not None:
                    params = set(inspect.signature(called[1]).parameters) | OPTIONS
                    problems += [
                        f"block {number}: {called[0]} has no parameter {k.arg}"
                        for k in node.keywords
                        if k.arg is not None and k.arg not in params
                    ]
    return problems


if __name__ == "__main__":
    sys.path.insert(0, str(Path.cwd()))
    package = sys.argv[1]
    problems = check(package, Path("README.md").read_text(encoding="utf-8"))
    print("\n".join(problems))
    sys.exit(1 if problems else 0)
