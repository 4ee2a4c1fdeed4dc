"""The CLI starts without the generator's heavy machinery: each command module imports it when its command runs."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = [
    "black",
    "jinja2",
    "libcst",
    "openapi_spec_validator",
    "prance",
    "build",
    "generator.load",
    "generator.build",
    "generator.render",
    "generator.generate",
    "generator.release",
    "generator.bundle",
    "generator.artifacts",
]


def test_importing_the_cli_loads_no_heavy_module() -> None:
    code = "import json, sys; import generator.cli; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout))
    assert "generator.cli_generate" in loaded  # the command modules themselves are registered at import
    assert [name for name in HEAVY if name in loaded] == []
