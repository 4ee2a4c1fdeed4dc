"""Quality gates on the packages of the real documents: complete, importable, typed, installable."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from generator import naming
from tests.generation.package_check import black_check, ruff_check
from tests.pyright_support import files_analyzed, pyright_errors, run_pyright

VERSIONS = ("2.22", "2.23", "2.24", "latest")
EXPECTED_OPERATIONS = {"2.22": 335, "2.23": 361, "2.24": 391, "latest": 391}
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def _document_operations(document: Path) -> set[tuple[str, str]]:
    doc = json.loads(document.read_text())
    return {(m.upper(), p) for p, item in doc["paths"].items() for m in item if m in METHODS}


def _api_md_operations(package: Path) -> list[tuple[str, str]]:
    rows = [r for r in (package / "API.md").read_text().splitlines() if r.startswith("| `client.")]
    return [(r.split("|")[2].strip(), r.split("|")[3].strip().strip("`").replace("\\|", "|")) for r in rows]


@pytest.mark.parametrize("version", VERSIONS)
def test_api_md_lists_every_operation_of_the_document(
    version: str, real_documents: dict[str, Path], real_packages: dict[str, Path]
) -> None:
    expected = _document_operations(real_documents[version])
    listed = _api_md_operations(real_packages[version])
    assert len(expected) == EXPECTED_OPERATIONS[version]
    assert len(listed) == len(expected) and set(listed) == expected


@pytest.mark.parametrize("version", VERSIONS)
def test_every_module_imports_and_every_schema_has_a_class(
    version: str, real_documents: dict[str, Path], real_packages: dict[str, Path]
) -> None:
    package = naming.package_name(version)
    schemas = sorted(json.loads(real_documents[version].read_text())["components"]["schemas"])
    script = f"""
import importlib, json, pkgutil, sys
import {package}, {package}.models as models
names = []
for info in pkgutil.walk_packages({package}.__path__, "{package}."):
    importlib.import_module(info.name)
    names.append(info.name)
classes = [getattr(models, n) for n in models.__all__]
print(json.dumps({{"modules": len(names), "classes": len(classes)}}))
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=real_packages[version], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    counts = json.loads(result.stdout)
    assert counts["modules"] > 100 and counts["classes"] >= len(schemas)


def test_every_module_of_the_four_packages_is_black_formatted(real_packages: dict[str, Path]) -> None:
    """Black stays the formatter of record although the generator runs it only where needed."""
    assert black_check(real_packages.values()) > 1000


@pytest.mark.parametrize("version", VERSIONS)
def test_generated_package_passes_mypy_strict(version: str, real_packages: dict[str, Path], tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), naming.package_name(version)],
        cwd=real_packages[version],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_2_24_package_passes_pyright_strict(real_packages: dict[str, Path], tmp_path: Path) -> None:
    """One real package (~1,400 files, ~15 s), its runtime included; the fixture's test covers every version's
    runtime and templates, this one the shapes only the real documents have."""
    package = real_packages["2.24"] / naming.package_name("2.24")
    report = run_pyright([package], real_packages["2.24"], tmp_path)
    assert pyright_errors(report, relative_to=package) == []
    assert files_analyzed(report) > 1000


def test_two_versions_build_into_wheels_and_install_side_by_side(
    real_packages: dict[str, Path], tmp_path: Path
) -> None:
    wheels = tmp_path / "wheels"
    for version in ("2.23", "2.24"):
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), "."],
            cwd=real_packages[version],
            check=True,
        )
    built = sorted(p.name for p in wheels.glob("*.whl"))
    assert built == ["runai_client_v2_23-2.23.0-py3-none-any.whl", "runai_client_v2_24-2.24.0-py3-none-any.whl"]
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", *wheels.glob("*.whl")], check=True)
    check = (
        "import runai_v2_23, runai_v2_24; from importlib.metadata import version; "
        "print(runai_v2_23.API_VERSION, runai_v2_24.API_VERSION, version('runai-client-v2-24')); "
        "c = runai_v2_24.Client('http://127.0.0.1:9', token='t'); print(type(c.projects).__name__)"
    )
    out = subprocess.run([python, "-c", check], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["2.23", "2.24", "2.24.0", "ProjectsResource"]


@pytest.mark.parametrize("version", VERSIONS)
def test_readme_examples_use_only_what_the_package_has(version: str, real_packages: dict[str, Path]) -> None:
    checker = Path(__file__).with_name("readme_check.py")
    result = subprocess.run(
        [sys.executable, str(checker), naming.package_name(version)],
        cwd=real_packages[version],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    readme = (real_packages[version] / "README.md").read_text(encoding="utf-8")
    assert readme.count("```python") >= 8  # the checker had examples to check
    features = ("client_id=", "max_retries=", "except NotFoundError", "iter_get_projects", "with_raw_response")
    for feature in (*features, "strict_responses=True", "ResponseValidationWarning", 'client.get("/api/'):
        assert feature in readme


def test_import_client_and_a_resource_load_no_model_and_no_dependency(real_packages: dict[str, Path]) -> None:
    """Import cost stays small: the first resource loads neither httpx, pydantic nor any model; the first
    call loads them, and only the models its result needs."""
    script = """
import sys
import runai_v2_24
client = runai_v2_24.Client("http://127.0.0.1:9", token="t")
resource = client.projects
before = sorted(m for m in sys.modules if m.startswith(("httpx", "pydantic", "runai_v2_24.models.")))
import httpx
answer = httpx.Response(200, json={"projects": []})
client = runai_v2_24.Client("http://127.0.0.1:9", token="t", transport=httpx.MockTransport(lambda r: answer))
assert client.projects.get_projects().projects == []
models = sorted(m for m in sys.modules if m.startswith("runai_v2_24.models."))
print(before, len(models), "pydantic" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=real_packages["2.24"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    before, models, pydantic_loaded = result.stdout.rsplit(" ", 2)
    assert before == "[]" and pydantic_loaded.strip() == "True"
    total = len(list((real_packages["2.24"] / "runai_v2_24" / "models").glob("*.py")))
    assert 0 < int(models) < total // 10, (models, total)


@pytest.mark.parametrize("version", VERSIONS)
def test_modules_import_only_what_they_use_and_no_docstring_is_a_placeholder(
    version: str, real_packages: dict[str, Path]
) -> None:
    package = real_packages[version] / naming.package_name(version)
    ruff_check([package])
    texts = [p.read_text(encoding="utf-8") for p in package.rglob("*.py")]
    assert not [t for t in texts if "No description in the document" in t]
    assert sum(t.count("schema of the document.") for t in texts) > 100  # undescribed schemas say their name
