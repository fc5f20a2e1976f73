"""The executive summary's findings: chosen by the ranking's rule, or in the CCO's order."""

from __future__ import annotations

from cxdash.attention import Attention
from cxdash.boardpack.findings import Finding, by_rule, chosen, finding


def _finding(key: str, words: int) -> Finding:
    return Finding(key, "topic", "high", " ".join(["word"] * words))


def test_a_finding_reads_as_a_sentence_and_keeps_its_key() -> None:
    item = Attention(
        "high", "Unowned touchpoints", "2 touchpoints have nobody accountable: X and Y. See the Ownership map."
    )
    made = finding(item)
    assert made.sentence == "2 touchpoints have nobody accountable: X and Y."
    assert made.key == finding(item).key and len(made.key) == 10


def test_the_rule_takes_three_then_more_while_they_fit_sixty_words() -> None:
    ranked = [_finding(k, 15) for k in "abcdef"]
    assert [f.key for f in by_rule(ranked)] == ["a", "b", "c", "d"]  # 4 × 15 = 60 words
    long = [_finding(k, 30) for k in "abcd"]
    assert [f.key for f in by_rule(long)] == ["a", "b", "c"]  # never fewer than three
    assert [f.key for f in by_rule([_finding(k, 1) for k in "abcdefg"])] == list("abcde")  # never more than five


def test_the_ccos_order_wins_and_hidden_findings_stay_out() -> None:
    ranked = [_finding(k, 5) for k in "abcd"]
    assert [f.key for f in chosen(ranked, ["c", "a"])] == ["c", "a"]


def test_a_choice_of_findings_that_no_longer_exist_falls_back_to_the_ranking() -> None:
    ranked = [_finding(k, 5) for k in "abcd"]
    assert [f.key for f in chosen(ranked, ["gone"])] == ["a", "b", "c", "d"]
