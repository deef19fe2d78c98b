"""bench/trace.py's reading of a Chrome trace: the renderer main thread's CPU up to the first
marker, up to the end of the first frame painted after it, and up to the later of the marker and
DOMContentLoaded; other threads and processes do not count. A hand-made trace, no browser."""

from __future__ import annotations

import json

from bench.trace import measure

PID, MAIN, OTHER = 7, 1, 2


def task(ts_ms: float, cpu_ms: float, tid: int = MAIN, pid: int = PID, name: str = "RunTask") -> dict:
    return {"name": name, "ph": "X", "pid": pid, "tid": tid, "ts": ts_ms * 1000, "dur": cpu_ms * 1000,
            "tdur": cpu_ms * 1000}


def trace(events: list[dict]) -> bytes:
    meta = [{"name": "thread_name", "ph": "M", "pid": PID, "tid": MAIN, "args": {"name": "CrRendererMain"}},
            {"name": "thread_name", "ph": "M", "pid": PID, "tid": OTHER, "args": {"name": "Compositor"}}]
    return json.dumps({"traceEvents": meta + events}).encode()


def test_cpu_to_the_marker_to_its_first_frame_and_to_domcontentloaded():
    events = [
        task(0, 10), task(20, 30),                          # parse and the map script: 40 ms
        task(25, 5, name="EvaluateScript"),                  # inside a task: a kind, not more CPU
        {"name": "zb-first-marker", "ph": "R", "pid": PID, "tid": MAIN, "ts": 49_000},
        task(55, 8), task(57, 3, name="Paint"),              # the first frame after the marker
        task(70, 6),                                         # the rest of the parse
        {"name": "MarkDOMContent", "ph": "I", "pid": PID, "tid": MAIN, "ts": 77_000},
        task(80, 50),                                        # after both: never counted
        task(10, 99, tid=OTHER), task(10, 99, pid=PID + 1),  # other threads and processes
    ]
    m = measure(trace(events))
    assert m["cpu"] == 40 and m["kinds"] == {"EvaluateScript": 5}
    assert m["painted"] == 48 and m["paint_ms"] == 11
    assert m["dcl"] == 54 and m["dcl_ms"] == 28


def test_a_marker_inserted_after_domcontentloaded_counts_at_the_marker():
    events = [task(0, 10), {"name": "MarkDOMContent", "ph": "I", "pid": PID, "tid": MAIN, "ts": 15_000},
              task(20, 30), {"name": "zb-first-marker", "ph": "R", "pid": PID, "tid": MAIN, "ts": 50_000}]
    m = measure(trace(events))
    assert m["cpu"] == m["dcl"] == 40 and m["dcl_ms"] == 0
