"""The survey-export benchmark: a Qualtrics-layout CSV of any size (written once), imported through a profile.

The export has Qualtrics' three header rows and metadata columns, countries where cxdash has regions
(mapped by the profile's value mapping), touchpoint names (matched to stored names), scores as numbers
or as choice text, and a few quoted comments with commas and line breaks: every step of the mapping runs.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from cxdash import db, ingest
from cxdash.bench.measure import Timed, response_count, timed_command
from cxdash.permissions import Actor
from cxdash.sample.reference import TOUCHPOINTS
from cxdash.sources.inspect import proposed_profile
from cxdash.sources.presets import PRESETS
from cxdash.sources.store import save_profile

PROFILE = "bench-qualtrics"
COUNTRIES = {
    "United States": "NAE", "Canada": "NAE", "USA West": "NAW", "Mexico": "LATAM", "Brazil": "LATAM",
    "United Kingdom": "UKI", "Ireland": "UKI", "Germany": "DACH", "Austria": "DACH", "Switzerland": "DACH",
    "Sweden": "NORDICS", "Norway": "NORDICS", "Japan": "APAC", "Singapore": "APAC", "Australia": "ANZ",
    "New Zealand": "ANZ",
}  # fmt: skip
FIRST_DAY = datetime(2024, 11, 1, 8)  # the sample's calendar: 24 months ending 2026-10
DAYS = 730
CHUNK = 100_000
SEED = 20261126
# Qualtrics labels the ends of a scale; the numbers in between export as plain numbers.
NPS_TEXT = {0: "0 - Not at all likely", 10: "10 - Extremely likely"}
CSAT_TEXT = {1: "1 - Extremely dissatisfied", 2: "2 - Somewhat dissatisfied", 5: "5 - Extremely satisfied"}
COMMENTS = ("", "", "", "", "", "", "Fast and friendly, thank you.", 'Said "tomorrow", came a week later.',
            "Waited 40 minutes,\nthen got cut off.", "Fine.")  # fmt: skip
IDS = ("StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
       "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
       "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage",
       "Q1", "Q1_NPS_GROUP", "Q2", "Q3", "Country", "Touchpoint")  # fmt: skip
QUESTIONS = {"Q1": "How likely are you to recommend Acme to a friend or colleague?",
             "Q2": "How satisfied are you with Acme overall?", "Q3": "Why did you give this score?"}  # fmt: skip
IMPORT_IDS = {"StartDate": "startDate", "EndDate": "endDate", "RecordedDate": "recordedDate",
              "ResponseId": "_recordId", "Q1": "QID1", "Q2": "QID2", "Q3": "QID3_TEXT"}  # fmt: skip


def _header() -> list[list[str]]:
    return [
        list(IDS),
        [QUESTIONS.get(name, name) for name in IDS],
        [json.dumps({"ImportId": IMPORT_IDS.get(name, name)}, separators=(",", ":")) for name in IDS],
    ]


def _key(number: int) -> str:
    """A response id in Qualtrics' random-looking style, unique per number (an odd multiplier permutes 2**60)."""
    return f"R_{number * 0x9E3779B97F4A7C15 % 2**60:015X}"


def _group(score: int) -> str:
    return "Promoter" if score >= 9 else "Passive" if score >= 7 else "Detractor"


def _rows(first: int, count: int, rng: np.random.Generator) -> list[list[str]]:
    countries, touchpoints = list(COUNTRIES), [t.name for t in TOUCHPOINTS]
    seconds = rng.integers(0, DAYS * 86_400 - 10 * 3600, count)
    nps = rng.choice(11, count, p=[0.03, 0.02, 0.02, 0.03, 0.04, 0.06, 0.08, 0.12, 0.2, 0.2, 0.2])
    csat = rng.integers(0, 6, count)  # 0: not answered
    where, point = rng.integers(0, len(countries), count), rng.integers(0, len(touchpoints), count)
    said, taken = rng.integers(0, len(COMMENTS), count), rng.integers(60, 900, count)
    rows = []
    for i in range(count):
        done = FIRST_DAY + timedelta(seconds=int(seconds[i]))
        start, score, sat = done - timedelta(seconds=int(taken[i])), int(nps[i]), int(csat[i])
        rows.append([
            start.isoformat(sep=" "), done.isoformat(sep=" "), "IP Address", "203.0.113.7", "100", str(taken[i]),
            "True", (done + timedelta(seconds=1)).isoformat(sep=" "), _key(first + i), "", "", "",
            f"C-{(first + i) % 250_000:06d}", "52.52", "13.40", "email", "EN", NPS_TEXT.get(score, str(score)),
            _group(score), CSAT_TEXT.get(sat, str(sat)) if sat else "", COMMENTS[said[i]], countries[where[i]],
            touchpoints[point[i]],
        ])  # fmt: skip
    return rows


def export_file(data_dir: Path, rows: int) -> Path:
    """A Qualtrics-layout CSV export of ``rows`` responses (written once, then reused)."""
    path = data_dir / f"qualtrics-{rows}.csv"
    marker = data_dir / f"qualtrics-{rows}.complete"
    if not marker.exists():
        rng = np.random.default_rng(SEED)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerows(_header())
            for first in range(0, rows, CHUNK):
                writer.writerows(_rows(first, min(CHUNK, rows - first), rng))
        marker.touch()
    return path


def timed_source_import(reference: Path, export: Path, url: str) -> tuple[Timed, int]:
    """Load regions and touchpoints (untimed) and save the profile, then time `cxdash import responses --profile`.

    Returns the timing and the responses stored by it.
    """
    base = reference.parent / f"{reference.name}-reference"
    base.mkdir(exist_ok=True)
    for kind in ("regions", "touchpoints"):
        link = base / ingest.FORMATS[kind].file_name
        if not link.exists():
            link.symlink_to((reference / ingest.FORMATS[kind].file_name).resolve())
    engine = db.make_engine(url)
    reports = ingest.load_dir(engine, base, username="bench")
    if not all(r.ok for r in reports):
        raise RuntimeError("the export benchmark's regions did not load: " + "; ".join(r.summary() for r in reports))
    profile = proposed_profile(export, PRESETS["qualtrics"], name=PROFILE)
    save_profile(engine, replace(profile, regions=COUNTRIES), actor=Actor("bench", "admin"))
    engine.dispose()
    timed = timed_command(["import", "responses", str(export), "--profile", PROFILE], url)
    return timed, response_count(url)
