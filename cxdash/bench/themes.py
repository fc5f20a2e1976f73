"""Theme extraction timed: the fit a page's first request pays, and the topic model over 1M comments."""

from __future__ import annotations

import time
from dataclasses import dataclass

from cxdash import db
from cxdash.queries.themes import commented_responses
from cxdash.views.themes import EVER, theme_fit
from cxdash.why.themes import assign, fit_themes


@dataclass(frozen=True)
class ThemeTiming:
    """Seconds of the page's fit (newest comments stored) and of fitting and labelling ``comments`` comments."""

    stored: int  # comments in the database
    page_fit_s: float  # theme_fit as the page runs it on the first request after new data
    comments: int  # comments labelled in the full extraction, every one a distinct text
    fit_s: float  # fit_themes over them (it samples at most FIT_AT_MOST)
    label_s: float  # assign over every one of them
    themes: int

    @property
    def extraction_s(self) -> float:
        return self.fit_s + self.label_s


def distinct_texts(own: list[str], comments: int) -> list[str]:
    """``comments`` texts from the database's own, repeated in order, each made distinct by a number the tokenizer
    does not read (it keeps words of two or more letters): the same words to label, and no repeat for ``assign``
    to label once, so the figure is that of a million different comments."""
    return [f"{own[i % len(own)]} #{i}" for i in range(comments)] if own else []


def extraction(url: str, comments: int = 1_000_000) -> ThemeTiming:
    """Time the page's fit on the database, then the model fitted and every comment labelled over ``comments``
    distinct comments made from the database's own (the sample writes a few percent of responses with a comment,
    so 5M responses carry about 150,000)."""
    engine = db.make_engine(url)
    with db.session(engine) as session:
        start = time.perf_counter()
        fit = theme_fit(session)
        page_fit_s = time.perf_counter() - start
        stored = commented_responses(session, month_from=EVER[0], month_to=EVER[1], limit=comments)
    engine.dispose()
    del fit
    own = stored["comment"].tolist()
    texts = distinct_texts(own, comments)
    start = time.perf_counter()
    model = fit_themes(texts)
    fit_s = time.perf_counter() - start
    start = time.perf_counter()
    labels = assign(model, texts) if model is not None else None
    label_s = time.perf_counter() - start
    themes = 0 if labels is None else len(set(labels.tolist()) - {-1})
    return ThemeTiming(len(own), page_fit_s, len(texts), fit_s, label_s, themes)
