"""Where a page switch in Chromium goes: one Chromium trace and one JavaScript CPU profile per switch, read between
the click and the first frame painted after the run's ``script_finished``.

Used by ``python -m benchmarks.browser_switch --trace``. For each page it reports (medians over the rounds):
when the first and the last message of the run reached the page, the main thread's busy time split into
script (by the bundle the code lives in: vega-embed, the data grid, Streamlit's app code, protobuf/Arrow),
style and layout, paint and compositing, garbage collection, and the idle time between (the server still
running, or frames waiting), and what the page drew (charts, grids, static tables, DOM nodes).
Tracing and profiling slow the page itself down; read the split, not the totals, and time with the plain run.
"""

from __future__ import annotations

import json
import os
import re
import statistics
from collections import defaultdict
from typing import Any

from playwright.sync_api import CDPSession

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "v8", "toplevel"]
# Trace event name -> what it is, on the renderer's main thread (self time; script comes from the CPU profile).
KINDS = {
    "UpdateLayoutTree": "style+layout", "Layout": "style+layout", "RecalculateStyles": "style+layout",
    "ParseAuthorStyleSheet": "style+layout", "InvalidateLayout": "style+layout",
    "Paint": "paint", "PrePaint": "paint", "Layerize": "paint", "UpdateLayer": "paint", "Commit": "paint",
    "PaintImage": "paint", "CompositeLayers": "paint", "RasterTask": "paint", "Decode Image": "paint",
    "MinorGC": "gc", "MajorGC": "gc", "V8.GC_SCAVENGER": "gc", "V8.GC_MARK_COMPACTOR": "gc",
    "BlinkGC.AtomicPhase": "gc", "ThreadState::performIdleLazySweep": "gc",
}  # fmt: skip
# A bundle file of Streamlit's frontend (name.HASH.js) -> the part of the page it draws.
BUNDLES = {
    "embed": "vega-embed", "ArrowVegaLiteChart": "vega-embed", "DataFrame": "data grid", "ReadOnlyGrid": "data grid",
    "protobuf": "messages (protobuf)", "Quiver": "messages (Arrow)", "arrowFormatUtils": "messages (Arrow)",
    "Table": "static table", "StreamlitMarkdown": "markdown",
}  # fmt: skip
FUNCTIONS = bool(os.environ.get("SWITCH_TRACE_FUNCTIONS"))  # also each function's self time (long output)
COUNT_ELEMENTS = """() => ({
  charts: document.querySelectorAll('[data-testid="stVegaLiteChart"]').length,
  grids: document.querySelectorAll('[data-testid="stDataFrame"]').length,
  tables: document.querySelectorAll('[data-testid="stTable"]').length,
  nodes: document.getElementsByTagName('*').length,
})"""


def _bundle(url: str) -> str:
    name = url.rsplit("/", 1)[-1]
    stem = re.sub(r"\.[A-Za-z0-9_-]{8}\.js$", "", name)
    if not url:
        return "(program: native, style, layout)"
    return BUNDLES.get(stem, f"app ({stem})" if url.startswith("http") else stem or "other")


def script_split(profile: dict[str, Any], start_us: float, end_us: float) -> dict[str, float]:
    """JavaScript self time (ms) per bundle from a CDP CPU profile, for samples inside [start_us, end_us]."""
    frames = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    at, out = float(profile["startTime"]), defaultdict(float)
    deltas = profile.get("timeDeltas", [])
    for i, (node, delta) in enumerate(zip(profile.get("samples", []), deltas, strict=False)):
        at += delta
        step = deltas[i + 1] if i + 1 < len(deltas) else 0
        if start_us <= at <= end_us:
            frame = frames[node]
            name = frame.get("functionName", "")
            if name in ("(idle)", "(root)"):
                continue
            kind = "(garbage collector)" if name == "(garbage collector)" else _bundle(frame.get("url", ""))
            out[kind] += step / 1000
            if FUNCTIONS and frame.get("url"):
                where = f"{frame.get('lineNumber')}:{frame.get('columnNumber')}"
                out[f"fn {name or '(anonymous)'}:{where} {kind}"] += step / 1000
    return dict(out)


def _main_thread(events: list[dict[str, Any]]) -> tuple[int, int]:
    names = {(e["pid"], e["tid"]): e["args"].get("name") for e in events if e.get("name") == "thread_name"}
    pid, tid = next(key for key, name in names.items() if name == "CrRendererMain")
    return pid, tid


def timeline_split(events: list[dict[str, Any]], start_us: float, end_us: float) -> dict[str, float]:
    """Main-thread time (ms) in [start_us, end_us]: busy (top-level tasks) and the self time of style/layout,
    paint and GC events."""
    pid, tid = _main_thread(events)
    mine = sorted(
        (e for e in events if e.get("pid") == pid and e.get("tid") == tid and e.get("ph") == "X" and "dur" in e),
        key=lambda e: (e["ts"], -e["dur"]),
    )
    out: dict[str, float] = defaultdict(float)
    stack: list[list[Any]] = []  # [end, kind, time of the children, duration]

    def close(until: float) -> None:
        while stack and stack[-1][0] <= until:
            _, kind, children, dur = stack.pop()
            if kind:
                out[kind] += max(dur - children, 0) / 1000
            if stack:
                stack[-1][2] += dur

    for event in mine:
        if not start_us <= event["ts"] <= end_us:
            continue
        close(event["ts"])
        if event["name"] == "RunTask" and not stack:
            out["busy"] += min(event["dur"], end_us - event["ts"]) / 1000
        stack.append([event["ts"] + event["dur"], KINDS.get(event["name"]), 0.0, event["dur"]])
    close(float("inf"))
    return dict(out)


def marks(events: list[dict[str, Any]]) -> dict[str, list[float]]:
    """The page's performance.mark()s in the trace: name -> timestamps (µs, the trace's clock)."""
    out: dict[str, list[float]] = defaultdict(list)
    for event in events:
        if "blink.user_timing" in event.get("cat", "") and event.get("ph") in ("R", "I", "n", "b"):
            out[event["name"]].append(float(event["ts"]))
    return out


def start_profile(cdp: CDPSession) -> None:
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    cdp.send("Profiler.start")


def stop_profile(cdp: CDPSession) -> dict[str, Any]:
    return dict(cdp.send("Profiler.stop")["profile"])


def split_of(
    trace: bytes, profile: dict[str, Any], click: float, messages: list[float], painted: float
) -> dict[str, float]:
    """One switch's times (ms) from its trace and profile. ``click``, ``messages`` (when each websocket message of
    the run arrived) and ``painted`` are the page's ``performance.now()``; the page's ``click`` mark ties them to
    the trace's clock."""
    events = json.loads(trace)["traceEvents"]
    origin = marks(events)["click"][-1] - click * 1000
    start, end = origin + click * 1000, origin + painted * 1000
    out = {
        "total": painted - click,
        "first message": messages[0] - click if messages else 0.0,
        "last message": messages[-1] - click if messages else 0.0,
    }
    out.update(timeline_split(events, start, end))
    out.update({f"js: {k}": v for k, v in script_split(profile, start, end).items()})
    out["idle"] = max(out["total"] - out.get("busy", 0.0), 0.0)
    return out


def medians(splits: list[dict[str, float]]) -> dict[str, float]:
    keys = sorted({k for s in splits for k in s})
    return {k: statistics.median(s.get(k, 0.0) for s in splits) for k in keys}
