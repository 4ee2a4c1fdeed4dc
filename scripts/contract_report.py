"""Standalone Prism contract report: `python scripts/contract_report.py [--out DIR] [--generated DIR] [VERSION...]`.

Runs what `tests/contract/test_prism.py` runs (Prism per version, every operation through the sync
client and a sample through the async one) and writes `contract-<version>.json|txt` into --out
(default `.cache/contract`), printing one summary line per version. Needs `npm ci` (Prism) and the
generated packages (`runai-sdkgen generate`, default `generated/`). Exit 1 when a failure is not allow-listed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.generate import package_dir  # noqa: E402
from tests.contract.allowlist import ALLOWED  # noqa: E402
from tests.contract.prism import PrismServer, prism_binary  # noqa: E402
from tests.contract.runner import VERSIONS, run_version, summary_line, write_reports  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("versions", nargs="*", default=list(VERSIONS))
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "contract")
    parser.add_argument("--generated", type=Path, default=ROOT / "generated")
    args = parser.parse_args()
    if prism_binary() is None:
        print("node_modules/.bin/prism is missing: run `npm ci` at the repository root", file=sys.stderr)
        return 2
    bad = 0
    for version in args.versions:
        started = time.perf_counter()
        server = PrismServer(ROOT / "specs" / "synced" / f"{version}.json", args.out / f"prism-{version}.log")
        try:
            server.wait()
            outcomes = run_version(version, server.document, package_dir(args.generated, version), server.base_url)
        finally:
            server.stop()
        seconds = time.perf_counter() - started
        allowed = ALLOWED.get(version, {})
        reasons = {op: a.reason for op, a in allowed.items()}
        _, text = write_reports(args.out, version, outcomes, reasons, seconds)
        bad += sum(
            1
            for o in outcomes
            if not o.passed and (o.operation not in allowed or allowed[o.operation].category != o.category)
        )
        print(f"{summary_line(version, outcomes, reasons)} in {seconds:.0f} s -> {text}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
