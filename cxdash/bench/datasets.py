"""Benchmark databases: the sample generator scaled to a number of responses, built once and reused."""

from __future__ import annotations

import shutil
from pathlib import Path

from cxdash import db, ingest
from cxdash.sample import write_sample

SAMPLE_RESPONSES = 39_780  # responses.csv rows at scale 1


def parse_size(text: str) -> int:
    """'10k' -> 10_000, '1m' -> 1_000_000, '2500' -> 2500."""
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if factor > 1 else text
    try:
        value = int(float(number) * factor)
    except ValueError:
        raise ValueError(f"cannot read {text!r} as a size like 10k, 1m or 5m") from None
    if value < 100:
        raise ValueError("a benchmark size needs at least 100 responses")
    return value


def label(size: int) -> str:
    if size >= 1_000_000 and size % 100_000 == 0:
        return f"{size / 1_000_000:g}M"
    if size >= 1_000 and size % 100 == 0:
        return f"{size / 1_000:g}k"
    return str(size)


def csv_dir(data_dir: Path, size: int) -> Path:
    """A folder of sample CSVs with about ``size`` responses (written once)."""
    out = data_dir / f"csv-{label(size)}"
    marker = out / ".complete"
    if not marker.exists():
        shutil.rmtree(out, ignore_errors=True)
        write_sample(out, scale=size / SAMPLE_RESPONSES)
        marker.touch()
    return out


def sqlite_db(data_dir: Path, size: int) -> str:
    """URL of a SQLite database holding the scaled sample (built once, reused by later runs)."""
    path = data_dir / f"cxdash-{label(size)}.db"
    marker = data_dir / f"cxdash-{label(size)}.complete"
    url = f"sqlite:///{path}"
    if not marker.exists():
        for leftover in data_dir.glob(f"cxdash-{label(size)}.db*"):
            leftover.unlink()
        engine = db.make_engine(url)
        reports = ingest.load_dir(engine, csv_dir(data_dir, size), username="bench")
        engine.dispose()
        bad = [r.summary() for r in reports if not r.ok]
        if bad:
            raise RuntimeError("the benchmark data did not load: " + "; ".join(bad))
        marker.touch()
    return url
