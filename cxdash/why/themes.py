"""Themes in customer comments: TF-IDF + NMF topics named by their top terms, and a lexicon sentiment score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# Words every survey comment uses; as theme terms they would name nothing.
SURVEY_WORDS = frozenset(
    {"thanks", "thank", "please", "pass", "really", "honestly", "overall", "time", "fair", "mostly", "just",
     "like", "did", "does", "experience", "anyway", "bit", "lot", "eventually", "end", "keep", "leaving",
     "thinking", "fix", "recommend", "day", "days", "week", "weeks", "again", "once", "new"}
)  # fmt: skip
FIT_AT_MOST = 20_000
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
    """Fit ``themes`` topics on up to 20,000 comments (an even, deterministic spread); None when too few to fit."""
    docs = [t for t in texts if t and t.strip()]
    if len(docs) < max(30, 5 * themes):
        return None
    if len(docs) > FIT_AT_MOST:
        docs = [docs[i] for i in np.linspace(0, len(docs) - 1, FIT_AT_MOST).astype(int)]
    vectorizer = TfidfVectorizer(
        stop_words=sorted(ENGLISH_STOP_WORDS | SURVEY_WORDS | _tone_words()), min_df=3, max_df=0.4,
        sublinear_tf=True, token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b",
    )  # fmt: skip
    matrix = vectorizer.fit_transform(docs)
    k = min(themes, matrix.shape[1] - 1, matrix.shape[0] - 1)
    if k < 2:
        return None
    nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400)
    nmf.fit(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    terms = tuple(tuple(str(vocabulary[i]) for i in np.argsort(row)[::-1][:6]) for row in nmf.components_)
    return ThemeModel(vectorizer, nmf, terms)


def assign(model: ThemeModel, texts: Sequence[str], batch: int = 50_000) -> np.ndarray:
    """Each comment's dominant theme (index), or −1 when it matches none clearly."""
    out = np.full(len(texts), -1, dtype=int)
    for start in range(0, len(texts), batch):
        chunk = [t or "" for t in texts[start : start + batch]]
        weights = model.nmf.transform(model.vectorizer.transform(chunk))
        best = weights.argmax(axis=1)
        strong = weights.max(axis=1) >= MIN_WEIGHT
        out[start : start + len(chunk)] = np.where(strong, best, -1)
    return out


def sentiment(texts: Sequence[str]) -> np.ndarray:
    """VADER compound score per comment, −1 (most negative) to +1 (most positive); a lexicon, nothing downloaded."""
    analyzer = SentimentIntensityAnalyzer()
    return np.array([analyzer.polarity_scores(t or "")["compound"] for t in texts], dtype=float)


def default_name(model: ThemeModel, theme: int) -> str:
    """A readable default: the two strongest terms, e.g. "hold · waited"."""
    return " · ".join(model.terms[theme][:2])
