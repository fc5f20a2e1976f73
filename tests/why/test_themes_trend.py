"""The comment themes trend: every month of the window, zero where a theme is not mentioned, and no count from a
month with under 5 comments in the filter (the chart names those months instead), read through chart.to_dict()."""

from __future__ import annotations

from datetime import date
from typing import Any

import altair as alt
import pandas as pd

from cxdash import db
from cxdash.charts.why import theme_trend
from cxdash.permissions import Actor
from cxdash.regions.period import month_span
from cxdash.views.themes import EVER, ThemeFit, theme_fit, themes
from cxdash.why.themes import ThemeModel

JAN, FEB, MAR, APR, MAY = (date(2026, m, 1) for m in range(1, 6))
CCO = Actor("cco", "cco")
BILLING, APP = ("invoice", "billing", "late"), ("app", "crash", "login")
# Region A per month: (comments on billing, on the app, on no theme). March has 3 comments, April none.
REGION_A = {JAN: (4, 2, 0), FEB: (5, 0, 1), MAR: (2, 1, 0), APR: (0, 0, 0), MAY: (3, 1, 1)}
# Region B commented in April only: company-wide, April has 5 comments and is shown.
REGION_B = {APR: (3, 2, 0)}


def _fit() -> ThemeFit:
    rows = []
    for region, months in (("A", REGION_A), ("B", REGION_B)):
        for month, counts in months.items():
            for theme, count in zip((0, 1, -1), counts, strict=True):
                rows += [
                    {"month": month, "region": region, "touchpoint": "WEB", "nps": 8, "theme": theme,
                     "comment": f"{region} {month:%b} comment {theme} number {i}"}
                    for i in range(count)
                ]  # fmt: skip
    model = ThemeModel(vectorizer=None, nmf=None, terms=(BILLING, APP))  # type: ignore[arg-type]
    return ThemeFit(model, pd.DataFrame(rows).sort_values("month", ascending=False), {})


def _layers(chart: alt.TopLevelMixin) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    spec = chart.to_dict()
    return spec, [row for rows in spec.get("datasets", {}).values() for row in rows]


def _month(row: dict[str, Any]) -> str:
    return str(row["month"])[:7]


def test_a_month_without_a_mention_is_zero_and_a_month_of_few_comments_is_named_not_drawn() -> None:
    view = themes(_fit(), actor=CCO, month_from=JAN, month_to=MAY, region="A")
    assert sorted(set(view.trend["month"])) == [JAN, FEB, MAR, APR, MAY]
    by = view.trend.set_index(["theme", "month"])["mentions"]
    assert by[("app · crash", FEB)] == 0  # six comments that month, none about the app
    assert by[("invoice · billing", MAY)] == 3
    assert by.loc[(slice(None), [MAR, APR])].isna().all()  # three comments, then none: too few to count

    spec, rows = _layers(theme_trend(view.trend, "Comments per month"))
    drawn = {(r["theme"], _month(r)): r["mentions"] for r in rows if "mentions" in r}
    assert drawn[("app · crash", "2026-02")] == 0
    assert not {m for _, m in drawn} & {"2026-03", "2026-04"}  # no value of those months leaves cxdash
    assert sorted(_month(r) for r in rows if "why" in r) == ["2026-03", "2026-04"]
    assert "fewer than 5 comments" in spec["title"]["subtitle"]
    assert "Mar 2026, Apr 2026" in spec["title"]["subtitle"]
    # The lines break at the hidden months rather than join January–February to May.
    parts = {_month(r): r["part"] for r in rows if "mentions" in r}
    assert parts["2026-02"] != parts["2026-05"]


def test_the_few_comments_rule_counts_the_comments_of_the_filter() -> None:
    view = themes(_fit(), actor=CCO, month_from=JAN, month_to=MAY)
    by = view.trend.set_index(["theme", "month"])["mentions"]
    assert by[("invoice · billing", APR)] == 3 and by[("app · crash", APR)] == 2  # A none + B five
    assert by.loc[(slice(None), MAR)].isna().all()
    _, rows = _layers(theme_trend(view.trend, "Comments per month"))
    assert [_month(r) for r in rows if "why" in r] == ["2026-03"]


def test_every_month_shown_and_a_window_is_clipped_to_the_stored_comments() -> None:
    view = themes(_fit(), actor=CCO, month_from=EVER[0], month_to=EVER[1], region="A")
    assert sorted(set(view.trend["month"])) == [JAN, FEB, MAR, APR, MAY]
    full = view.trend[view.trend["month"].isin([JAN, FEB, MAY])]
    spec, _ = _layers(theme_trend(full, "Comments per month"))
    assert "subtitle" not in (spec["title"] if isinstance(spec["title"], dict) else {})


def test_the_samples_year_has_every_month_for_every_theme(sample_url: str) -> None:
    engine = db.make_engine(sample_url)
    with db.session(engine) as session:
        fit = theme_fit(session)
    engine.dispose()
    year = (date(2025, 11, 1), date(2026, 10, 1))
    view = themes(fit, actor=CCO, month_from=year[0], month_to=year[1], region="ANZ")
    months = month_span(*year)
    assert len(view.trend) == len(view.table) * len(months)
    counted = view.trend.dropna(subset=["mentions"])
    assert (counted["mentions"] >= 0).all() and set(view.trend["month"]) == set(months)
    _, rows = _layers(theme_trend(view.trend, "Comments per month"))
    assert all(r["mentions"] is not None for r in rows if "mentions" in r)
