"""Does a generated package work? Import every module, build the clients and every resource, construct
every model and enum, `ruff check` (unused imports, undefined names), then one `mypy --strict` over all
the packages at once (mypy per package is slow)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_SCRIPT = r"""
import importlib, pkgutil, sys, enum, json
import pydantic
for root, name in zip(sys.argv[1::2], sys.argv[2::2]):
    sys.path.insert(0, root)
    package = importlib.import_module(name)
    for info in pkgutil.walk_packages(package.__path__, name + "."):
        importlib.import_module(info.name)
    models = importlib.import_module(name + ".models")
    built = 0
    for attr in models.__all__:
        obj = getattr(models, attr)
        if isinstance(obj, type) and issubclass(obj, pydantic.BaseModel) and obj.__name__ != "RunaiModel":
            json.dumps(obj.model_json_schema())
            try:
                obj.model_validate({})
            except pydantic.ValidationError:
                pass
            obj.model_construct()
            built += 1
        elif isinstance(obj, type) and issubclass(obj, enum.Enum):
            assert list(obj) or obj.__members__ == {}
            built += 1
    for client_name in ("Client", "AsyncClient"):
        client = getattr(package, client_name)("http://127.0.0.1:9", token="t")
        for resource in [a for a in dir(type(client)) if not a.startswith("_")]:
            value = getattr(client, resource)
            assert value is not None
    print(name, built)
"""


# pyflakes' unused imports and variables, redefinitions, undefined names (also in `__all__`)
RUFF_RULES = "F401,F811,F821,F822,F823,F841"


def ruff_check(paths: list[Path]) -> None:
    """Every generated module imports only what it uses and uses only what it defines or imports."""
    checked = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--select", RUFF_RULES, *map(str, paths)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout[-4000:] + checked.stderr[-2000:]


def check_packages(packages: dict[str, Path], cache: Path) -> str:
    """`packages` maps import names to the directories holding them. Raises AssertionError with the
    output of the first failing step; returns the import step's output (one line per package)."""
    if not packages:
        return ""
    args = [part for name, root in sorted(packages.items()) for part in (str(root), name)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    imported = subprocess.run([sys.executable, "-c", _SCRIPT, *args], capture_output=True, text=True, env=env)
    assert imported.returncode == 0, imported.stderr[-4000:]
    ruff_check([root / name for name, root in sorted(packages.items())])
    mypy_env = {**env, "MYPYPATH": os.pathsep.join(str(root) for root in sorted(set(packages.values())))}
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *(f"-p{n}" for n in sorted(packages))],
        capture_output=True,
        text=True,
        env=mypy_env,
    )
    assert checked.returncode == 0, checked.stdout[-4000:] + checked.stderr[-2000:]
    return imported.stdout
