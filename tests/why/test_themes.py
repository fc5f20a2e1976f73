"""Comment themes: planted topics are recovered; the sentiment lexicon gets the sign of clear comments right."""

import random

import numpy as np

from cxdash.why.themes import MIN_WEIGHT, assign, default_name, fit_themes, sentiment

TOPICS = {
    "billing": ["invoice", "billing", "charged", "refund", "payment"],
    "waiting": ["queue", "hold", "waited", "callback", "minutes"],
    "app": ["app", "login", "update", "screen", "crash"],
    "delivery": ["parcel", "courier", "delivery", "tracking", "shipped"],
    "setup": ["setup", "installation", "guide", "configuration", "documentation"],
}
FILLER = ["the", "my", "was", "and", "it", "with", "for", "about", "our", "this"]


def _corpus(per_topic: int = 60, seed: int = 7) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    texts, labels = [], []
    for topic, words in TOPICS.items():
        for _ in range(per_topic):
            picked = rng.sample(words, 3) + rng.sample(FILLER, 3)
            rng.shuffle(picked)
            texts.append(" ".join(picked))
            labels.append(topic)
    return texts, labels


def test_planted_topics_are_recovered() -> None:
    texts, labels = _corpus()
    model = fit_themes(texts, themes=5)
    assert model is not None
    found = assign(model, texts)
    for topic, words in TOPICS.items():
        themes = {int(t) for t, label in zip(found, labels, strict=True) if label == topic}
        # Every comment of a planted topic lands in one theme, and that theme's top terms are the topic's words.
        assert len(themes) == 1, topic
        (theme,) = themes
        assert set(model.terms[theme][:3]) <= set(words)


def test_names_and_keys_come_from_top_terms() -> None:
    texts, _ = _corpus()
    model = fit_themes(texts, themes=5)
    assert model is not None
    assert default_name(model, 0) == " · ".join(model.terms[0][:2])
    assert model.key(0) == "|".join(sorted(model.terms[0][:3]))


def test_too_few_comments_fit_nothing() -> None:
    assert fit_themes(["the app crashed"] * 10) is None
    assert fit_themes([]) is None


def test_sentiment_sign_on_clear_examples() -> None:
    scores = sentiment(["Great service, friendly and helpful staff!", "Terrible, useless support and I am angry.", ""])
    assert scores[0] > 0.3 and scores[1] < -0.3 and scores[2] == 0.0


def test_labelling_once_per_distinct_text_in_chunks_matches_labelling_each_comment() -> None:
    texts, _ = _corpus()
    model = fit_themes(texts, themes=5)
    assert model is not None
    many = texts * 3 + ["", "nothing known here"]
    weights = model.nmf.transform(model.vectorizer.transform(many))
    expected = np.where(weights.max(axis=1) >= MIN_WEIGHT, weights.argmax(axis=1), -1)
    assert (assign(model, many, batch=7) == expected).all()
    assert assign(model, many)[-1] == -1 and assign(model, []).shape == (0,)
