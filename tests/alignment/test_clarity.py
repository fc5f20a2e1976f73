"""Ownership clarity and the distribution of answers to "who owns CX here?"."""

from __future__ import annotations

import pandas as pd
import pytest

from cxdash.alignment import DONT_KNOW, INDUSTRY_CONFUSED, answer_distribution, ownership_clarity

BELIEFS = pd.DataFrame({"leader": ["A", "B", "C", "D", "E"], "named_owner": ["CCO", "CCO", "CEO", None, ""]}).astype(
    object
)


def test_clarity_is_the_share_naming_the_designated_owner() -> None:
    clarity = ownership_clarity(BELIEFS, "CCO")
    assert (clarity.answered, clarity.naming_owner) == (5, 2)
    assert clarity.share == pytest.approx(0.4) and clarity.confused == pytest.approx(0.6)


def test_without_a_designated_owner_nobody_names_them() -> None:
    assert ownership_clarity(BELIEFS, None).naming_owner == 0


def test_no_answers_means_no_share() -> None:
    clarity = ownership_clarity(BELIEFS.iloc[0:0], "CCO")
    assert clarity.answered == 0 and clarity.share is None and clarity.confused is None


def test_the_industry_figure_is_thirty_percent_confused() -> None:
    assert INDUSTRY_CONFUSED == 0.30


def test_distribution_counts_each_answer_most_frequent_first() -> None:
    answers = answer_distribution(BELIEFS, {"CCO": "Chief Customer Officer", "CEO": "Chief Executive"}, "CCO")
    assert list(answers["answer"]) == ["Chief Customer Officer", DONT_KNOW, "Chief Executive"]
    assert list(answers["leaders"]) == [2, 2, 1]
    assert list(answers["kind"]) == ["owner", "dont_know", "other"]
    assert answers["share"].sum() == pytest.approx(1.0)
