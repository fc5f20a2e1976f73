"""Themes in customer comments: TF-IDF + NMF topics named by their top terms, and a lexicon sentiment score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# Words every survey comment uses; as theme terms they would name nothing.
SURVEY_WORDS = frozenset(
    {"thanks", "thank", "please", "pass", "really", "honestly", "overall", "time", "fair", "mostly", "just",
     "like", "did", "does", "experience", "anyway", "bit", "lot", "eventually", "end", "keep", "leaving",
     "thinking", "fix", "recommend", "day", "days", "week", "weeks", "again", "once", "new"}
)  # fmt: skip
# The topic model is fitted on a random sample of at most this many comments and then labels every comment. A theme
# worth naming holds at least 1% of comments, so the sample sees 200 or more of it (its share within ±0.14 points,
# 95%), and a term said once in 5,000 comments is seen about 4 times, past the vocabulary's floor of 3. The fit's
# cost then stays bounded (under a second here) while labelling grows with the comments.
FIT_AT_MOST = 20_000
LABEL_CHUNK = 100_000
MIN_WEIGHT = 0.02
THEMES = 12


@cache
def _tone_words() -> frozenset[str]:
    """The sentiment lexicon's words: left out of themes, so a theme says *what* customers talk about and its
    tone is measured apart (otherwise "friendly" and "useless" split one subject into two themes)."""
    return frozenset(w for w in SentimentIntensityAnalyzer().lexicon if w.isalpha())


@dataclass(frozen=True)
class ThemeModel:
    """A fitted topic model: each theme's top terms, strongest first."""

    vectorizer: TfidfVectorizer
    nmf: NMF
    terms: tuple[tuple[str, ...], ...]

    def key(self, theme: int) -> str:
        """A stable name for a theme across refits on similar data: its three top terms, sorted."""
        return "|".join(sorted(self.terms[theme][:3]))


def fit_themes(texts: Sequence[str], *, themes: int = THEMES, seed: int = 0) -> ThemeModel | None:
    """Fit ``themes`` topics on up to 20,000 comments (a seeded random sample); None when too few to fit."""
    series = pd.Series(texts, dtype=object).fillna("")
    docs = series[series.str.strip().str.len() > 0]
    if len(docs) < max(30, 5 * themes):
        return None
    if len(docs) > FIT_AT_MOST:
        picked = np.sort(np.random.default_rng(seed).choice(len(docs), FIT_AT_MOST, replace=False))
        docs = docs.iloc[picked]
    vectorizer = TfidfVectorizer(
        stop_words=sorted(ENGLISH_STOP_WORDS | SURVEY_WORDS | _tone_words()), min_df=3, max_df=0.4,
        sublinear_tf=True, token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b", dtype=np.float32,
    )  # fmt: skip
    matrix = vectorizer.fit_transform(docs.tolist())
    k = min(themes, matrix.shape[1] - 1, matrix.shape[0] - 1)
    if k < 2:
        return None
    nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400)
    nmf.fit(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    terms = tuple(tuple(str(vocabulary[i]) for i in np.argsort(row)[::-1][:6]) for row in nmf.components_)
    return ThemeModel(vectorizer, nmf, terms)


def assign(model: ThemeModel, texts: Sequence[str], batch: int = LABEL_CHUNK) -> np.ndarray:
    """Each comment's dominant theme (index), or −1 when it matches none clearly.

    Identical comments are labelled once (short comments repeat: "Great service."); the distinct ones in chunks of
    ``batch``: TF-IDF with the fitted vocabulary (sparse, float32) and the fitted NMF's weights, so memory stays
    bounded whatever the number of comments.
    """
    codes, distinct = pd.factorize(pd.Series(texts, dtype=object).fillna(""), use_na_sentinel=False)
    labels = np.full(len(distinct), -1, dtype=int)
    for start in range(0, len(distinct), batch):
        chunk = distinct[start : start + batch].tolist()
        weights = model.nmf.transform(model.vectorizer.transform(chunk))
        best = weights.argmax(axis=1)
        labels[start : start + len(chunk)] = np.where(weights.max(axis=1) >= MIN_WEIGHT, best, -1)
    return labels[codes]


def sentiment(texts: Sequence[str]) -> np.ndarray:
    """VADER compound score per comment, −1 (most negative) to +1 (most positive); a lexicon, nothing downloaded."""
    analyzer = SentimentIntensityAnalyzer()
    return np.array([analyzer.polarity_scores(t or "")["compound"] for t in texts], dtype=float)


def default_name(model: ThemeModel, theme: int) -> str:
    """A readable default: the two strongest terms, e.g. "hold · waited"."""
    return " · ".join(model.terms[theme][:2])
