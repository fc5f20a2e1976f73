"""What `python -m cxdash bench` prints: the tables, then one met/MISSED line per budget."""

from __future__ import annotations

import statistics
from typing import Any

from cxdash.bench import datasets
from cxdash.bench.result import BenchResult

BUDGET_PAGE_MS = 250.0  # AppTest script time, any size
BUDGET_RATIO = 1.2  # a page at 1M or 5M against the same page at 10k
BUDGET_IMPORT_S = 15.0  # 1M-row responses file into SQLite
BUDGET_RSS_MB = 500.0
BUDGET_LIVE_MS = 150.0  # median warm page run in a real server at the largest size
# A page switch against the hello-world app's, both under the shipped config as Streamlit serves them; how the
# hello-world app fares served as cxdash serves itself (messages sent at once) is reported beside it.
BUDGET_HELLO_RATIO = 2.0
BUDGET_RUNS_PER_S = 10.0
BUDGET_FLOOR = {"SQLite": 2.0, "PostgreSQL": 3.0}  # import time against the database's plain load
BUDGET_EXPORT_RSS_MB = 1000.0  # a multi-million-row survey export through a profile: under 1 GB
BUDGET_EXPORT_RATIO = 2.0  # its seconds per million rows against the responses CSV's, same database


def _short(page: str) -> str:
    """A page file's name without its folder and suffix; a view's label (benchmarks/views.py) as it is."""
    return page.rsplit("/", 1)[-1].removesuffix(".py")


def _warm(pages: dict[str, list[dict[str, Any]]], label: str, page: str) -> float | None:
    for row in pages.get(label, []):
        if row["page"] == page and "warm_ms" in row:
            return float(row["warm_ms"])
    return None


def _sqlite_labels(pages: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [lb for lb in pages if "PostgreSQL" not in lb]


def page_table(pages: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Cold/warm ms per page and database, and each SQLite size's warm time over the smallest's."""
    labels = list(pages)
    smallest = labels[0]
    ratio_labels = _sqlite_labels(pages)[1:]
    head = ["page"] + [f"{lb} cold/warm ms" for lb in labels] + [f"{lb}/{smallest}" for lb in ratio_labels]
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for page in [row["page"] for row in pages[smallest]]:
        cells = [_short(page)]
        for lb in labels:
            row: dict[str, Any] = next((r for r in pages[lb] if r["page"] == page), {})
            cells.append(f"{row['cold_ms']:.0f} / {row['warm_ms']:.0f}" if "warm_ms" in row else row.get("error", "—"))
        base = _warm(pages, smallest, page)
        for lb in ratio_labels:
            warm = _warm(pages, lb, page)
            cells.append(f"{warm / base:.2f}" if warm and base else "—")
        lines.append(" | ".join(cells))
    return lines


def table(result: BenchResult) -> str:
    """The real-server table, the AppTest table, imports beside their floors, memory and reference paths."""
    lines: list[str] = []
    live = result.server
    if live.pages:
        lines += ["Page runs in a real `streamlit run` server (send rerun to script_finished over its websocket):"]
        lines += page_table(live.pages)
        lines.append(f"Warm = median of the warm runs; cold = first run after clearing every cache. "
                     f"Hello-world page run: {live.hello_ms:.0f} ms{_prompt(live.hello_prompt_ms)}. "
                     f"One process, 4 sessions clicking at "
                     f"{_sqlite_labels(live.pages)[-1]}: {live.runs_per_second:.1f} page runs a second.")  # fmt: skip
        rss = ", ".join(f"{lb} {mb:.0f} MB" for lb, mb in live.rss_mb.items())
        lines.append(f"Server RSS after every run: {rss}")
        if live.switch_ms:
            switches = ", ".join(f"{page} {ms:.0f}" for page, ms in live.switch_ms.items())
            lines.append(f"Chromium page switch at {_sqlite_labels(live.pages)[-1]}, click to the frame painted after "
                         f"script_finished, median ms: {switches}; hello-world {live.hello_switch_ms:.0f}"
                         f"{_prompt(live.hello_prompt_switch_ms)}")  # fmt: skip
        lines.append("")
    if result.pages:
        lines += ["Page script times through AppTest (page code alone):"]
        lines += page_table(result.pages)
        lines.append("Warm = median of the warm runs, which alternate between the databases in one process.")
        largest = _sqlite_labels(result.pages)[-1]
        lines.append(f"RSS after visiting every page at {largest}: {result.rss_mb:.0f} MB "
                     f"(one process serving every database above: {result.rss_all_mb:.0f} MB)")  # fmt: skip
    if result.counts:
        sizes = ", ".join(f"{lb} = {n:,}" for lb, n in result.counts.items())
        lines.append(f"Responses stored per database (the scaled sample): {sizes}")
    ref = datasets.label(result.reference_size)
    for backend, timed in result.imports.items():
        floor = result.floors.get(backend)
        beside = (
            f"; floor {floor:.1f} s{_spread(result.floor_runs.get(backend, ()))} ({timed.seconds / floor:.1f}x)"
            if floor
            else ""
        )
        lines.append(f"Import of a {ref}-row responses CSV into {backend}: {timed.seconds:.1f} s{_spread(timed.runs)}, "
                     f"peak RSS {timed.peak_mb:.0f} MB{beside}")  # fmt: skip
    if result.floors:
        lines.append("  floors: SQLite = csv reader into one executemany in one transaction, keyed table; "
                     "PostgreSQL = COPY of the file into a keyed table")  # fmt: skip
    lines += _export_lines(result)
    if result.rollup_s is not None:
        lines.append(f"NPS by region x month at {ref}: rollup read {result.rollup_s * 1000:.1f} ms")
    if result.duckdb_s is not None and result.rollup_s:
        lines.append(f"  DuckDB live aggregation {result.duckdb_s * 1000:.1f} ms "
                     f"(rollup / DuckDB = {result.rollup_s / result.duckdb_s:.2f})")  # fmt: skip
    if result.naive_s is not None:
        lines.append(f"  naive SELECT * into pandas + groupby {result.naive_s * 1000:.0f} ms")
    if result.themes is not None:
        t = result.themes
        lines.append(f"Comment themes at {datasets.label(result.sizes[-1])} ({t.stored:,} comments stored): the page's "
                     f"fit on the newest 50,000 {t.page_fit_s:.1f} s; fitting and labelling {t.comments:,} distinct "
                     f"comments {t.extraction_s:.1f} s (fit on a sample {t.fit_s:.1f} s, labelling {t.label_s:.1f} s; "
                     f"{t.themes} themes)")  # fmt: skip
    return "\n".join(lines)


def _per_million(seconds: float, rows: int) -> float:
    return seconds / (rows / 1_000_000) if rows else 0.0


def _export_lines(result: BenchResult) -> list[str]:
    rows = datasets.label(result.source_rows) if result.source_rows else ""
    return [
        f"Import of a {rows}-row survey export (Qualtrics layout, a saved profile mapping countries to regions) "
        f"into {backend}: {timed.seconds:.1f} s ({_per_million(timed.seconds, result.source_rows):.1f} s per "
        f"million rows), peak RSS {timed.peak_mb:.0f} MB"
        for backend, timed in result.source_imports.items()
    ]


def _export_verdicts(result: BenchResult) -> list[str]:
    """Per database: the export's peak memory, and its time per million rows against the responses CSV's."""
    out = []
    for backend, timed in result.source_imports.items():
        rss = f"{backend} survey-export import peak RSS {timed.peak_mb:.0f} MB (budget {BUDGET_EXPORT_RSS_MB:.0f})"
        out.append(_verdict(timed.peak_mb < BUDGET_EXPORT_RSS_MB, rss))
        base = result.imports.get(backend)
        if base is None or not result.import_rows:
            continue
        mine, theirs = _per_million(timed.seconds, result.source_rows), _per_million(base.seconds, result.import_rows)
        text = (f"{backend} survey-export import {mine:.1f} s per million rows, {mine / theirs:.1f}x the responses "
                f"CSV's {theirs:.1f} s (budget {BUDGET_EXPORT_RATIO:.0f}x)")  # fmt: skip
        out.append(_verdict(mine <= BUDGET_EXPORT_RATIO * theirs, text))
    return out


def _verdict(met: bool, text: str) -> str:
    return f"{'met' if met else 'MISSED'}: {text}"


def _ratio_verdict(pages: dict[str, list[dict[str, Any]]], what: str) -> list[str]:
    labels = _sqlite_labels(pages)
    ratios = []
    for lb in labels[1:]:
        for r in pages[lb]:
            base = _warm(pages, labels[0], r["page"])
            if base and "warm_ms" in r:
                ratios.append(float(r["warm_ms"]) / base)
    if not ratios:
        return []
    top, middle = max(ratios), statistics.median(ratios)
    text = f"{what} worst page time ratio to {labels[0]} {top:.2f} (budget {BUDGET_RATIO}; median {middle:.2f})"
    return [_verdict(top <= BUDGET_RATIO, text)]


def _prompt(ms: float) -> str:
    """The hello-world figure with messages sent at once, when it was measured."""
    return f" ({ms:.0f} served as cxdash serves itself, messages sent at once)" if ms else ""


def _live_verdicts(result: BenchResult) -> list[str]:
    live = result.server
    if not live.pages:
        return []
    out = []
    largest = [lb for lb in live.pages if lb == _sqlite_labels(live.pages)[-1] or "PostgreSQL" in lb]
    for lb in largest:
        worst = max(float(r["warm_ms"]) for r in live.pages[lb])
        out.append(_verdict(worst <= BUDGET_LIVE_MS, f"real server: slowest warm page at {lb} {worst:.0f} ms "
                            f"median (budget {BUDGET_LIVE_MS:.0f})"))  # fmt: skip
    out += _ratio_verdict(live.pages, "real server:")
    if live.switch_ms and live.hello_switch_ms:
        page, worst = max(live.switch_ms.items(), key=lambda item: item[1])
        text = (f"Chromium: slowest page switch ({page}) {worst:.0f} ms median, {worst / live.hello_switch_ms:.1f}x "
                f"a hello-world switch ({live.hello_switch_ms:.0f} ms; budget {BUDGET_HELLO_RATIO:.0f}x)")  # fmt: skip
        if live.hello_prompt_switch_ms:
            text += (f"; {worst / live.hello_prompt_switch_ms:.1f}x the hello-world app served as cxdash serves "
                     f"itself ({live.hello_prompt_switch_ms:.0f} ms)")  # fmt: skip
        out.append(_verdict(worst <= BUDGET_HELLO_RATIO * live.hello_switch_ms, text))
    rate = live.runs_per_second
    out.append(_verdict(rate >= BUDGET_RUNS_PER_S, f"real server: {rate:.1f} page runs a second in one process "
                        f"(budget {BUDGET_RUNS_PER_S:.0f})"))  # fmt: skip
    return out


def _spread(runs: tuple[float, ...]) -> str:
    """`` (median of 3: 5.8-6.3 s)`` after a median, nothing after a single run."""
    return f" (median of {len(runs)}: {runs[0]:.1f}-{runs[-1]:.1f} s)" if len(runs) > 1 else ""


def verdicts(result: BenchResult) -> list[str]:
    """Each budget, met or missed: real-server pages, AppTest pages, imports against their floors, memory."""
    out = _live_verdicts(result)
    labels = _sqlite_labels(result.pages)
    if labels:
        warm = [float(r["warm_ms"]) for lb in labels for r in result.pages[lb] if "warm_ms" in r]
        worst = max(warm, default=0.0)
        out.append(_verdict(worst <= BUDGET_PAGE_MS, f"slowest warm page {worst:.0f} ms (budget {BUDGET_PAGE_MS:.0f})"))
        out += _ratio_verdict(result.pages, "AppTest:")
    if "SQLite" in result.imports:
        secs = result.imports["SQLite"].seconds
        text = f"SQLite responses import {secs:.1f} s (budget {BUDGET_IMPORT_S:.0f})"
        out.append(_verdict(secs <= BUDGET_IMPORT_S, text))
    for backend, floor in result.floors.items():
        ratio = result.imports[backend].seconds / floor
        text = f"{backend} import {ratio:.1f}x its floor of {floor:.1f} s (budget {BUDGET_FLOOR[backend]:.0f}x)"
        out.append(_verdict(ratio <= BUDGET_FLOOR[backend], text))
    out += _export_verdicts(result)
    if result.themes is not None:
        secs, count = result.themes.extraction_s, result.themes.comments
        text = f"theme extraction over {count:,} comments {secs:.1f} s (import budget {BUDGET_IMPORT_S:.0f})"
        out.append(_verdict(secs <= BUDGET_IMPORT_S, text))
    if labels:
        rss = result.rss_mb
        out.append(_verdict(rss <= BUDGET_RSS_MB, f"RSS at {labels[-1]} {rss:.0f} MB (budget {BUDGET_RSS_MB:.0f})"))
    return out
