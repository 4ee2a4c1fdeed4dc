#!/usr/bin/env python3
"""Write the diagnostics table (from `generator/codes.py`) into README.md between its markers.

    .venv/bin/python scripts/diagnostics_table.py [--check]

`--check` changes nothing and exits 1 when the README's table is not the registry's.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator import codes  # noqa: E402  (after the path is set)

README = Path(__file__).resolve().parents[1] / "README.md"


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    wanted = codes.with_table(text)
    if "--check" in argv:
        if wanted != text:
            print("README.md: the diagnostics table is stale; run scripts/diagnostics_table.py", file=sys.stderr)
            return 1
        return 0
    if wanted != text:
        README.write_text(wanted, encoding="utf-8")
    print(f"README.md: {len(codes.REGISTRY)} diagnostic codes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
