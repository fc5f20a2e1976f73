"""The rules the browser walk applies to every page's text catch what they are meant to, and nothing else."""

from __future__ import annotations

import pytest

from tests.plain_words import offences


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Change vs September: +1.2 pts (Wald test)", "test name"),
        ("compared by Welch's t", "test name"),
        ("r_wg(j) over the 8 dimensions: 0.92", "test name"),
        ("adjusted with Benjamini–Hochberg", "test name"),
        ("p-value | None", "blank"),
        ("Retention | nan | 12", "blank"),
        ("Adjusted p 0.000", "p-value 0.000"),
        ("p = 0.000 after adjustment", "p-value 0.000"),
        ("Responses | 10162", "count without separators"),
        ("NPS 41.3 from 2451 responses", "count without separators"),
        ("1234.5 customers", "count without separators"),
    ],
)
def test_a_planted_offence_is_caught(text: str, kind: str) -> None:
    found = offences(text)
    assert len(found) == 1 and found[0].startswith(f"{kind}:"), found


@pytest.mark.parametrize(
    "text",
    [
        "Monthly CX review for October 2026.",
        "Responses | 10,162 | 1,234.5",
        "p < 0.001 · adjusted p = 0.012 · 0.0004",
        "Download cxdash-regions-2026-10.csv",
        "Round 2026-Q3, held on 15 September 2026; 19:30 UTC; import #1042",
        "None of the leaders answered; Nothing needs attention; nanny",
        "SHA-256 3f2a9c01b2d4e5f6a7b8c9d0e1f21234",
    ],
)
def test_plain_text_passes(text: str) -> None:
    assert offences(text) == []
