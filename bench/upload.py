"""``python -m bench upload``: what each hostile upload costs the server (issue 23.1).

Every workbook of tests/hostile/workbooks.py (each at most 1 MB: an upload the app accepts) is
read in a fresh process, as the upload is: ``atlas.model.validate.validate_bytes`` (the reader and
every row check; the reference geography is left out, it is shared and cached in the app).
Per case and round: CPU time (user + system of that process, during the read) and the
growth of its peak memory (the peak resident set during the read, VmHWM after a reset through
/proc/self/clear_refs, minus the resident set before it: imports excluded).
Rows: per case the median over the rounds, against the bound: at most 3 s (3,000 ms) of CPU and
200 MB of peak growth; the process's whole peak (imports included) is in the notes.

Options: ``--rounds N`` (default 3), ``--only a,b`` (case names: those rows only).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import Row, register

REPO = Path(__file__).resolve().parent.parent
CPU_BOUND_MS = 3000.0
MEMORY_BOUND_MB = 200.0
CHILD = r"""
import json, resource, sys
from atlas.model.validate import validate_bytes
raw = open(sys.argv[1], "rb").read()

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(key)

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

rss0 = status("VmRSS")
with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")  # reset the peak (VmHWM) to the current RSS: the peak below is this read's
cpu0 = cpu()
result = validate_bytes(raw, "upload.xlsx", use_geo=False)
cpu1 = cpu()
peak = status("VmHWM")
first = str(result.problems[0]) if result.problems else ""
print(json.dumps({"cpu": (cpu1 - cpu0) * 1000, "peak": peak - rss0, "total": peak, "rows": len(result.rows),
                  "first": first[:160]}))
"""

def _measure(raw: bytes) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as fh:
        fh.write(raw)
    try:
        out = subprocess.run([sys.executable, "-c", CHILD, fh.name], cwd=REPO, capture_output=True, text=True,
                             timeout=600, env={**os.environ, "PYTHONPATH": str(REPO)})
    finally:
        os.unlink(fh.name)
    if out.returncode:
        return {"cpu": float("inf"), "peak": float("inf"), "total": float("inf"), "rows": 0,
                "first": out.stderr.strip()[-160:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _option(argv: list[str], name: str, default: str) -> str:
    return argv[argv.index(name) + 1] if name in argv and argv.index(name) + 1 < len(argv) else default


@register("upload", "CPU and peak memory per hostile upload (tests/hostile/workbooks.py), fresh process each")
def run(argv: list[str]) -> list[Row]:
    from tests.hostile.workbooks import CASES

    rounds = int(_option(argv, "--rounds", "3"))
    only = [n for n in _option(argv, "--only", "").split(",") if n]
    unknown = [n for n in only if n not in CASES]
    if unknown:
        print(f"unknown case {unknown[0]!r}; known: {', '.join(CASES)}", file=sys.stderr)
        raise SystemExit(2)
    cases = {n: CASES[n] for n in (only or CASES)}
    rows: list[Row] = []
    all_cpu, all_peak = [], []
    for name, (build, expected, _fragment) in cases.items():
        raw = build()
        runs = [_measure(raw) for _ in range(rounds)]
        cpu = [r["cpu"] for r in runs]
        peak = [r["peak"] for r in runs]
        all_cpu.append(statistics.median(cpu))
        all_peak.append(statistics.median(peak))
        outcome = runs[-1]["first"] or f"{runs[-1]['rows']} row(s) read"
        total = statistics.median(r["total"] for r in runs)
        note = f"{len(raw):,} B, {expected}, process peak {total:,.0f} MB: {outcome}"
        rows.append(Row(f"{name} CPU", statistics.median(cpu), rounds, min(cpu), max(cpu), CPU_BOUND_MS, note))
        rows.append(Row(f"{name} peak growth", statistics.median(peak), rounds, min(peak), max(peak),
                        MEMORY_BOUND_MB, unit="MB"))
    if len(cases) > 1:
        rows.append(Row("all cases: worst median CPU", max(all_cpu), len(all_cpu), min(all_cpu), max(all_cpu),
                        CPU_BOUND_MS))
        rows.append(Row("all cases: worst median peak growth", max(all_peak), len(all_peak), min(all_peak),
                        max(all_peak), MEMORY_BOUND_MB, unit="MB"))
    return rows
