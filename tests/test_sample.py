"""The sample generator: exact formats, determinism, and the story the app must show."""

from __future__ import annotations

import csv
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from cxdash.ingest.formats import FORMATS
from cxdash.sample import FOLLOWUP, write_sample

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """One default-seed, scale-1 sample shared by this module, with its row counts."""
    out = tmp_path_factory.mktemp("sample")
    return out, write_sample(out)


def _read(out: Path, kind: str) -> pd.DataFrame:
    return pd.read_csv(out / FORMATS[kind].file_name, dtype=str, keep_default_na=False)


def _nps_counts(frame: pd.DataFrame) -> tuple[int, int, int]:
    scores = frame["nps"].astype(int)
    return len(scores), int((scores >= 9).sum()), int((scores <= 6).sum())


def test_every_kind_is_written_with_its_exact_header(sample: tuple[Path, dict[str, int]]) -> None:
    out, counts = sample
    assert set(counts) == {*FORMATS, FOLLOWUP}
    for kind, fmt in FORMATS.items():
        with (out / fmt.file_name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == fmt.header, kind
        assert len(rows) - 1 == counts[kind] > 0, kind


def test_same_seed_gives_byte_identical_files(sample: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    out, _ = sample
    write_sample(tmp_path)
    for fmt in FORMATS.values():
        assert (tmp_path / fmt.file_name).read_bytes() == (out / fmt.file_name).read_bytes(), fmt.file_name


def test_scale_changes_only_the_number_of_responses(sample: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    out, counts = sample
    small = write_sample(tmp_path, scale=0.2)
    assert 0.15 < small["responses"] / counts["responses"] < 0.25
    for kind, fmt in FORMATS.items():
        if kind != "responses":
            assert (tmp_path / fmt.file_name).read_bytes() == (out / fmt.file_name).read_bytes(), kind


def test_responses_are_valid_and_inside_the_calendar(sample: tuple[Path, dict[str, int]]) -> None:
    responses = _read(sample[0], "responses")
    assert responses["response_key"].is_unique
    assert responses["customer_key"].duplicated().any()
    assert responses["responded_on"].min() >= "2024-11-01"
    assert responses["responded_on"].max() <= "2026-10-31"
    assert responses["nps"].astype(int).between(0, 10).all()
    csat = responses.loc[responses["csat"] != "", "csat"].astype(int)
    ces = responses.loc[responses["ces"] != "", "ces"].astype(int)
    assert csat.between(1, 5).all() and ces.between(1, 7).all()
    assert 0.7 < len(csat) / len(responses) < 0.9 and 0.5 < len(ces) / len(responses) < 0.7


def test_every_october_detractor_has_one_follow_up_case_in_every_state(sample: tuple[Path, dict[str, int]]) -> None:
    out, counts = sample
    responses = _read(out, "responses")
    october = responses[responses["responded_on"].str.startswith("2026-10") & (responses["nps"].astype(int) <= 6)]
    cases = pd.read_csv(out / "followup_cases.csv", dtype=str, keep_default_na=False)
    assert sorted(cases["response_key"]) == sorted(october["response_key"]) and len(cases) == counts[FOLLOWUP] == 307
    assert set(cases["status"]) == {"new", "contacted", "resolved", "no_response"}
    assert ((cases["first_contact_at"] == "") == (cases["status"] == "new")).all()
    assert (out / "followup_cases.csv").read_bytes() == (ROOT / "sample_data" / "followup_cases.csv").read_bytes()


def test_retention_counts_are_consistent(sample: tuple[Path, dict[str, int]]) -> None:
    retention = _read(sample[0], "retention")
    for column in ("customers_start", "customers_end", "new_customers"):
        retention[column] = retention[column].astype(int)
    for _, region in retention.sort_values("month").groupby("region"):
        assert len(region) == 24
        assert (region["customers_start"].iloc[1:].to_numpy() == region["customers_end"].iloc[:-1].to_numpy()).all()
        churned = region["customers_start"] - region["customers_end"] + region["new_customers"]
        assert (churned >= 0).all() and (region["new_customers"] <= region["customers_end"]).all()
        assert (churned / region["customers_start"]).between(0.005, 0.035).all()
        assert region["customers_end"].between(2_000, 20_000).all()


def test_dach_drop_in_the_latest_month_is_significant(sample: tuple[Path, dict[str, int]]) -> None:
    responses = _read(sample[0], "responses")
    dach = responses[responses["region"] == "DACH"]
    before = _nps_counts(dach[dach["responded_on"].str.startswith("2026-09")])
    after = _nps_counts(dach[dach["responded_on"].str.startswith("2026-10")])
    shares = [(p / n, d / n, n) for n, p, d in (before, after)]
    variance = sum((p + d - (p - d) ** 2) / n for p, d, n in shares)
    delta = (shares[1][0] - shares[1][1]) - (shares[0][0] - shares[0][1])
    p_value = math.erfc(abs(delta / math.sqrt(variance)) / math.sqrt(2))
    assert delta * 100 < -10
    assert p_value < 0.05


def test_dach_drop_is_concentrated_in_support(sample: tuple[Path, dict[str, int]]) -> None:
    responses = _read(sample[0], "responses")
    latest = responses[(responses["region"] == "DACH") & responses["responded_on"].str.startswith("2026-10")]
    support = latest["touchpoint"].str.startswith("SU_")
    n_sup, p_sup, d_sup = _nps_counts(latest[support])
    n_oth, p_oth, d_oth = _nps_counts(latest[~support])
    assert (p_sup - d_sup) / n_sup < (p_oth - d_oth) / n_oth - 0.2
    assert latest["comment"].str.contains("wait", case=False).sum() >= 3


def test_centralized_regions_are_more_consistent_across_touchpoints(sample: tuple[Path, dict[str, int]]) -> None:
    out = sample[0]
    responses = _read(out, "responses")
    # The first year, before any region switched model.
    first_year = responses[responses["responded_on"] < "2025-11-01"].copy()
    scores = first_year["nps"].astype(int)
    first_year["value"] = (scores >= 9).astype(int) - (scores <= 6).astype(int)
    spread = first_year.groupby(["region", "touchpoint"])["value"].mean().mul(100).groupby("region").std()
    initial = _read(out, "governance").query("effective_from == '2024-11-01'").set_index("region")["model"]
    by_model = spread.groupby(initial).mean()
    assert by_model["centralized"] < by_model["hybrid"] < by_model["decentralized"]
    assert spread[initial == "centralized"].max() < spread[initial == "decentralized"].min()


def test_two_regions_switch_model_mid_window(sample: tuple[Path, dict[str, int]]) -> None:
    governance = _read(sample[0], "governance")
    switches = governance[governance["effective_from"] != "2024-11-01"]
    assert sorted(switches["region"]) == ["APAC", "LATAM"]
    assert governance["region"].nunique() == 8


def test_anz_has_low_sample_months(sample: tuple[Path, dict[str, int]]) -> None:
    responses = _read(sample[0], "responses")
    anz = responses[responses["region"] == "ANZ"]
    per_month = anz.groupby(anz["responded_on"].str[:7]).size()
    assert len(per_month) == 24 and (per_month < 30).any()


def test_ownership_map_has_the_deliberate_gaps_and_overlap(sample: tuple[Path, dict[str, int]]) -> None:
    ownership = _read(sample[0], "ownership")
    touchpoints = _read(sample[0], "touchpoints")["code"]
    roles = ownership.groupby("touchpoint")["role"]
    accountable = roles.apply(lambda r: int((r == "A").sum())).reindex(touchpoints, fill_value=0)
    responsible = roles.apply(lambda r: int((r == "R").sum())).reindex(touchpoints, fill_value=0)
    assert sorted(accountable[accountable == 0].index) == ["AW_EVENT", "US_BILLING"]
    assert list(accountable[accountable > 1].index) == ["SU_CHAT"]
    assert list(responsible[responsible == 0].index) == ["RE_ACCOUNT"]
    a_counts = ownership[ownership["role"] == "A"]["leader"].value_counts()
    assert a_counts.index[0] == "CCO" and a_counts.iloc[0] > a_counts.iloc[1]


def test_cco_reports_to_the_ceo_who_is_the_only_root(sample: tuple[Path, dict[str, int]]) -> None:
    leaders = _read(sample[0], "leaders").set_index("key")
    assert list(leaders.index[leaders["reports_to"] == ""]) == ["CEO"]
    assert leaders.loc["CCO", "reports_to"] == "CEO"
    assert set(leaders["reports_to"]) - {""} <= set(leaders.index)


def test_ownership_clarity_rises_towards_the_cco(sample: tuple[Path, dict[str, int]]) -> None:
    beliefs = _read(sample[0], "ownership_beliefs")
    share = beliefs.groupby("round")["named_owner"].apply(lambda s: (s == "CCO").mean()).sort_index()
    assert share.is_monotonic_increasing
    assert share.iloc[0] < 0.45 and share.iloc[-1] > 0.65


def test_alignment_ratings_tell_their_story(sample: tuple[Path, dict[str, int]]) -> None:
    ratings = _read(sample[0], "alignment_ratings")
    ratings["score"] = ratings["score"].astype(int)
    per_round = ratings.groupby("round").size()
    assert sorted(per_round.to_numpy()) == [95, 96, 96, 96]
    variance = ratings.groupby(["round", "dimension"])["score"].var()
    mean_variance = variance.groupby("round").mean().sort_index()
    assert mean_variance.is_monotonic_decreasing
    contested = variance.xs("2026-Q3", level="round")[["resourcing", "data_sharing"]]
    assert (contested > variance.xs("2026-Q3", level="round").drop(["resourcing", "data_sharing"]).max()).all()
    ceo = ratings[ratings["leader"] == "CEO"].groupby("dimension")["score"].mean()
    rest = ratings[ratings["leader"] != "CEO"].groupby("dimension")["score"].mean()
    assert (ceo > rest).sum() >= 6


def test_sample_package_does_not_import_streamlit() -> None:
    code = "import sys, cxdash.sample; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_committed_sample_data_is_what_the_generator_writes(sample: tuple[Path, dict[str, int]]) -> None:
    out, _ = sample
    committed = Path(__file__).resolve().parent.parent / "sample_data"
    for fmt in FORMATS.values():
        assert (committed / fmt.file_name).read_bytes() == (out / fmt.file_name).read_bytes(), fmt.file_name


def test_comments_match_their_touchpoint_and_score() -> None:
    frame = pd.read_csv(Path(__file__).resolve().parent.parent / "sample_data" / "responses.csv", keep_default_na=False)
    written = frame[frame["comment"] != ""]
    chat = written[written["touchpoint"] == "SU_CHAT"]["comment"].str.lower()
    assert not chat.str.contains("phone").any()
    billing = written[(written["touchpoint"] == "US_BILLING") & (written["nps"] <= 6)]["comment"].str.lower()
    assert billing.str.contains("invoice|billing|charged|refund").all()
    happy = written[written["nps"] >= 9]["comment"].str.lower()
    assert not happy.str.contains("disappointing|fix this|leaving").any()
