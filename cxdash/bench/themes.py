"""Theme extraction timed: the fit a page's first request pays, and the topic model over 1M comments."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from cxdash import db
from cxdash.queries.themes import commented_responses
from cxdash.views.themes import EVER, theme_fit
from cxdash.why.themes import assign, fit_themes


@dataclass(frozen=True)
class ThemeTiming:
    """Seconds of the page's fit (newest comments stored) and of fitting and labelling ``comments`` comments."""

    stored: int  # comments in the database
    page_fit_s: float  # theme_fit as the page runs it on the first request after new data
    comments: int  # comments labelled in the full extraction
    extraction_s: float  # fit_themes + assign over every one of them
    themes: int


def extraction(url: str, comments: int = 1_000_000) -> ThemeTiming:
    """Time the page's fit on the database, then the model fitted and every comment labelled over ``comments``
    comments: the database's own, repeated in order when it holds fewer (the sample writes a few percent of
    responses with a comment, so 5M responses carry about 150,000)."""
    engine = db.make_engine(url)
    with db.session(engine) as session:
        start = time.perf_counter()
        fit = theme_fit(session)
        page_fit_s = time.perf_counter() - start
        stored = commented_responses(session, month_from=EVER[0], month_to=EVER[1], limit=comments)
    engine.dispose()
    own = stored["comment"].tolist()
    texts = (own * (comments // max(len(own), 1) + 1))[:comments]
    start = time.perf_counter()
    model = fit_themes(texts)
    labels = assign(model, texts) if model is not None else np.array([], dtype=int)
    extraction_s = time.perf_counter() - start
    themes = len(set(labels.tolist()) - {-1})
    del fit
    return ThemeTiming(len(own), page_fit_s, len(texts), extraction_s, themes)
