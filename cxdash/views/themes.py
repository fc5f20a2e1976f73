"""What customers say: comment themes with volume, the NPS of those who mention them, trend and examples."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from sqlmodel import Session

from cxdash import permissions
from cxdash.metrics import nps_from_counts
from cxdash.metrics.nps import SUPPRESS_BELOW
from cxdash.queries.themes import commented_responses, theme_names
from cxdash.regions.period import month_span
from cxdash.why.themes import ThemeModel, assign, default_name, fit_themes, sentiment

EVER = (date(1900, 1, 1), date(9999, 12, 1))
EXAMPLES = 3
# A lexicon scores about 5,000 comments a second here: tone is measured on the newest of the filter's comments.
TONE_AT_MOST = 5_000


@dataclass(frozen=True)
class ThemeFit:
    """Themes fitted on the newest 50,000 comments stored, and each of those comments' theme (server-side only)."""

    model: ThemeModel | None
    comments: pd.DataFrame
    names: dict[str, str]


@dataclass(frozen=True)
class ThemesView:
    """``trend``: mentions per theme and month, every month of the window (clipped to the stored comments) with
    zero where none mention the theme, and none (suppressed) where the month has under 5 comments."""

    table: pd.DataFrame
    trend: pd.DataFrame
    examples: dict[str, list[str]]
    note: str
    comments: int


def theme_fit(session: Session) -> ThemeFit:
    """Fit the themes once per data version (the page caches it); a refit keeps names by their key."""
    frame = commented_responses(session, month_from=EVER[0], month_to=EVER[1])
    texts = frame["comment"].tolist()
    model = fit_themes(texts)
    themes = assign(model, texts) if model is not None else np.full(len(texts), -1)
    return ThemeFit(model, frame.assign(theme=themes), theme_names(session))


def _tone(comments: pd.Series) -> pd.Series:
    """Sentiment of the newest comments (the frame is newest first), each distinct text scored once; NaN beyond."""
    newest = comments.head(TONE_AT_MOST)
    distinct = list(dict.fromkeys(newest))
    scores = dict(zip(distinct, sentiment(distinct), strict=True))
    return newest.map(scores).reindex(comments.index)


def _row(model: ThemeModel, theme: int, rows: pd.DataFrame, names: dict[str, str], total: int) -> dict[str, object]:
    scores = rows["nps"]
    nps = nps_from_counts(int((scores >= 9).sum()), int(scores.between(7, 8).sum()), int((scores <= 6).sum()))
    shown = nps.n >= SUPPRESS_BELOW
    key = model.key(theme)
    return {
        "key": key, "theme": names.get(key, default_name(model, theme)), "terms": ", ".join(model.terms[theme][:5]),
        "mentions": len(rows), "share": len(rows) / total if total else 0.0,
        "nps": nps.score if shown else None, "ci_low": nps.ci_low if shown else None,
        "ci_high": nps.ci_high if shown else None,
        "negative": float((scored <= -0.05).mean()) if len(scored := rows["sentiment"].dropna()) else None,
    }  # fmt: skip


def _trend(data: pd.DataFrame, named: dict[str, str], months: tuple[date, ...]) -> pd.DataFrame:
    """Mentions per theme (``named``: key → name) in each of ``months``: zero where a month's comments do not
    mention it, none where the month has under ``SUPPRESS_BELOW`` comments in the filter (too few to show)."""
    counts = data.groupby(["key", "month"]).size()
    grid = pd.MultiIndex.from_product([list(named), list(months)], names=["key", "month"])
    per_month = data.groupby("month").size().reindex(list(months), fill_value=0)
    few = per_month.reindex(grid.get_level_values("month")).to_numpy() < SUPPRESS_BELOW
    mentions = counts.reindex(grid, fill_value=0).astype("Int64").mask(few)
    frame = mentions.rename("mentions").reset_index()
    return frame.assign(theme=frame["key"].map(named))[["theme", "month", "mentions"]]


def themes(
    fit: ThemeFit, *, actor: permissions.Actor, month_from: date, month_to: date,
    region: str | None = None, touchpoint: str | None = None,
) -> ThemesView:  # fmt: skip
    """Themes among the comments of the months (and region, touchpoint), biggest first.

    Counts and NPS cover every region the filter names; example comments come only from regions the actor
    may read, so a regional manager sees company-wide counts but only their own region's words.
    """
    data = fit.comments
    data = data[(data["month"] >= month_from) & (data["month"] <= month_to)]
    if region:
        data = data[data["region"] == region]
    if touchpoint:
        data = data[data["touchpoint"] == touchpoint]
    empty = pd.DataFrame(columns=["key", "theme", "terms", "mentions", "share", "nps", "ci_low", "ci_high", "negative"])
    if fit.model is None or data.empty:
        return ThemesView(empty, pd.DataFrame(columns=["theme", "month", "mentions"]), {}, "", len(data))
    data = data.assign(sentiment=_tone(data["comment"]))
    rows = [
        _row(fit.model, t, data[data["theme"] == t], fit.names, len(data))
        for t in range(len(fit.model.terms))
        if (data["theme"] == t).any()
    ]
    table = pd.DataFrame(rows).sort_values("mentions", ascending=False).reset_index(drop=True)
    labels = {fit.model.key(t): t for t in range(len(fit.model.terms))}
    visible = data[[permissions.can(actor, "view_comments", region=r) for r in data["region"]]]
    examples = {
        key: visible[visible["theme"] == t]
        .sort_values("month", ascending=False)["comment"]
        .drop_duplicates()
        .head(EXAMPLES)
        .tolist()
        for key, t in labels.items()
    }
    named = dict(zip(table["key"], table["theme"], strict=True))
    stored = fit.comments["month"]
    months = month_span(max(month_from, stored.min()), min(month_to, stored.max()))
    model = fit.model
    keys = data["theme"].map(lambda t: model.key(t) if t >= 0 else "")  # "": no theme, counted in the month only
    trend = _trend(data.assign(key=keys), named, months)
    hidden = len(data) - len(visible)
    note = (
        f"Examples come from regions your role may read; {hidden:,} comments from other regions count in the "
        "figures but are not shown."
        if hidden
        else ""
    )
    return ThemesView(table, trend, examples, note, len(data))
