"""The Alignment page: one survey round's scorecard, rating spread, ownership clarity and the trend."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

import pandas as pd
from pandas.io.formats.style import Styler
from sqlmodel import Session

from cxdash import permissions
from cxdash.alignment import (
    BANDS_RULE,
    BANDS_SOURCE,
    DONT_KNOW,
    INDUSTRY_CONFUSED,
    RWG_J_CAVEAT,
    AlignmentIndex,
    OwnershipClarity,
    agreement_band,
    alignment_index,
    alignment_trend,
    answer_distribution,
    ownership_clarity,
    rater_names,
    scorecard,
)
from cxdash.alignment.scorecard import chief_executive
from cxdash.ingest import ImportReport
from cxdash.present import Tile, escape_markdown
from cxdash.queries import alignment as q

# The page's sections below the round's tiles, one open at a time; a link names one (``?alignment_tab=…``).
SECTIONS = ("Scorecard", "Rating spread", "Who owns CX here?", "Trend across rounds", "Enter a round")


@dataclass(frozen=True)
class AlignmentView:
    """Everything the page shows for one round; ``round`` is None when no round exists yet."""

    round: str | None
    held_on: date | None
    previous: str | None
    rounds: list[str]
    scorecard: pd.DataFrame
    index: AlignmentIndex
    previous_index: AlignmentIndex | None
    points: pd.DataFrame
    identified: bool
    clarity: OwnershipClarity
    previous_clarity: OwnershipClarity | None
    answers: pd.DataFrame
    trend: pd.DataFrame
    owner: q.DesignatedOwner
    leaders: dict[str, str]
    answered: tuple[str, ...]

    def answer_label(self, key: str) -> str:
        """An answer to "who owns CX here?": a leader's title, or "Don't know"."""
        return self.leaders.get(key, DONT_KNOW)

    @property
    def owner_name(self) -> str:
        return self.leaders.get(self.owner.leader or "", "nobody (no leader is accountable for any touchpoint)")


def _pick(rounds: pd.DataFrame, wanted: str | None) -> tuple[int | None, str | None]:
    labels = list(rounds["round"])
    if not labels:
        return None, None
    position = labels.index(wanted) if wanted in labels else len(labels) - 1
    return position, labels[position]


def alignment(session: Session, round_label: str | None, actor: permissions.Actor) -> AlignmentView:
    """The chosen round (default: the latest) against the round before it, with every round's trend."""
    rounds = q.rounds(session)
    position, label = _pick(rounds, round_label)
    previous = None if not position else str(rounds.iloc[position - 1]["round"])
    team = q.leaders(session)
    ceo = chief_executive(team)
    owner = q.designated_owner(session)
    ratings, beliefs = q.ratings(session), q.beliefs(session)
    now, before = ratings[ratings["round"] == label], ratings[ratings["round"] == previous]
    now_beliefs = beliefs[beliefs["round"] == label]
    names = rater_names(team)
    points = q.leader_ratings(session, actor=actor, round_label=label) if label else ratings.iloc[0:0]
    return AlignmentView(
        round=label,
        held_on=None if position is None else rounds.iloc[position]["held_on"],
        previous=previous,
        rounds=list(rounds["round"]),
        scorecard=scorecard(now, before if previous else None, ceo),
        index=alignment_index(now),
        previous_index=alignment_index(before) if previous else None,
        points=points,
        identified=permissions.can(actor, "view_individual_ratings"),
        clarity=ownership_clarity(now_beliefs, owner.leader),
        previous_clarity=ownership_clarity(beliefs[beliefs["round"] == previous], owner.leader) if previous else None,
        answers=answer_distribution(now_beliefs, names, owner.leader),
        trend=alignment_trend(rounds, ratings, beliefs, owner.leader),
        owner=owner,
        leaders=names,
        answered=tuple(sorted(set(now["leader"]) | set(now_beliefs["leader"]))),
    )


def round_labels(session: Session) -> list[str]:
    """Survey round labels, oldest first, for the round picker."""
    return list(q.rounds(session)["round"])


def _number(value: float | None, fmt: str) -> str:
    return "—" if value is None or pd.isna(value) else format(value, fmt)


def _delta(now: float | None, before: float | None, fmt: str, unit: str = "") -> str | None:
    if now is None or before is None or pd.isna(now) or pd.isna(before):
        return None
    return f"{format(now - before, '+' + fmt)}{unit}"


def agreement_summary(index: AlignmentIndex) -> str:
    """The headline agreement in words: how many dimensions reach strong agreement (0.70), and the mean's band."""
    if index.mean_rwg is None or index.strong_share is None:
        return index.note
    return (
        f"{index.strong} of {index.rated} dimensions ({index.strong_share:.0%}) agree strongly (0.70 or more); "
        f"on average {agreement_band(index.mean_rwg)}"
    )


def rwg_j_note(index: AlignmentIndex) -> str:
    """r_wg(j) for detail, with the caveat that keeps it out of the headline ("" without one): help text."""
    if index.rwg_j is None:
        return ""
    return f"r_wg(j) over the {index.rated} dimensions: {index.rwg_j:.2f}. {RWG_J_CAVEAT}"


def bands_help(index: AlignmentIndex) -> str:
    """Where the agreement figure and its words come from, for the help beside the bands."""
    return f"{BANDS_SOURCE} {rwg_j_note(index)}".strip()


def tiles(view: AlignmentView) -> list[Tile]:
    """The round at a glance: index, agreement, ownership clarity and raters, each against the round before."""
    idx, old = view.index, view.previous_index
    since = f" vs {view.previous}" if view.previous else ""
    share, old_share = view.clarity.share, view.previous_clarity.share if view.previous_clarity else None
    return [
        Tile(
            "Alignment index",
            _number(idx.mean, ".2f"),
            _delta(idx.mean, old.mean if old else None, ".2f", since),
            "normal",
            "",
            "Mean of the dimension means, each on the 1–5 agreement scale.",
        ),
        Tile(
            "Agreement (0–1)",
            _number(idx.mean_rwg, ".2f"),
            _delta(idx.mean_rwg, old.mean_rwg if old else None, ".2f", since),
            "normal",
            agreement_summary(idx),
            "Mean of the within-group agreement r_wg of each dimension rated by 3 or more leaders, and how many "
            f"of them reach r_wg ≥ 0.70. {BANDS_RULE} {BANDS_SOURCE}",
        ),
        Tile(
            "Name the designated owner",
            _number(share * 100 if share is not None else None, ".0f") + ("%" if share is not None else ""),
            _delta(
                share * 100 if share is not None else None,
                old_share * 100 if old_share is not None else None,
                ".0f",
                f" pp{since}",
            ),
            "normal",
            f"{view.clarity.naming_owner} of {view.clarity.answered} leaders"
            if view.clarity.answered
            else "no answers yet",
            'Share of the leaders who answered "who owns CX here?" that named the designated CX owner.',
        ),
        Tile("Leaders who rated", str(idx.raters), None, "off", "", "Leaders with at least one rating this round."),
    ]


STATUS_TEXT = {"green": "Green", "amber": "Amber", "red": "Red", "n/a": "n/a"}
# Light fills with dark text: readable on a projector and in greyscale, where the word carries the status.
STATUS_FILL = {"Green": "#CDEBDD", "Amber": "#FBE3B8", "Red": "#F6CFC0", "n/a": "#EEEEEE"}


def scorecard_table(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as people read it (and download it): named columns, two decimals, RAG in words."""
    numbers = ["mean", "rwg", "ceo", "others", "ceo_gap", "mean_change", "rwg_change"]
    table = card.assign(**{c: card[c].astype(float).round(2) for c in numbers}, status=card["status"].map(STATUS_TEXT))
    columns = ["label", "status", "raters", "mean", "rwg", "band", *numbers[2:], "note"]
    return table[columns].rename(
        columns={
            "label": "Dimension",
            "status": "Status",
            "raters": "Raters",
            "mean": "Mean (1–5)",
            "rwg": "Agreement (0–1)",
            "band": "Agreement in words",
            "ceo": "CEO",
            "others": "Others' mean",
            "ceo_gap": "CEO − others",
            "mean_change": "Δ mean",
            "rwg_change": "Δ agreement",
            "note": "Why no agreement",
        }
    )


def clarity_text(view: AlignmentView) -> str:
    """Ownership clarity in one sentence, set beside the industry's 30% (Markdown; names escaped)."""
    source = "chosen on this page" if view.owner.chosen else "by default, the leader Accountable for most touchpoints"
    owner = f"The designated CX owner is **{escape_markdown(view.owner_name)}** ({source})."
    clarity = view.clarity
    if clarity.share is None or clarity.confused is None:
        return owner + " Nobody has answered who owns CX in this round yet."
    return (
        f"{owner} **{clarity.share:.0%}** of the {clarity.answered} leaders who answered name them, so "
        f"**{clarity.confused:.0%}** name someone else or do not know, against an industry figure of "
        f"**{INDUSTRY_CONFUSED:.0%}** of senior leaders confused about who owns CX."
    )


def small_group_notes(view: AlignmentView) -> list[str]:
    """Why some dimensions show no agreement this round (constant wording: safe as Markdown)."""
    card = view.scorecard
    return [f"{row.label}: no agreement figure, {row.note}." for row in card[card["note"] != ""].itertuples()]


def problems_frame(report: ImportReport) -> pd.DataFrame:
    """An import's problems as a table: line, column, value, reason."""
    return pd.DataFrame(
        [(p.line, p.column, p.value, p.reason) for p in report.problems], columns=["line", "column", "value", "reason"]
    )


def scorecard_style(table: pd.DataFrame) -> Styler:
    """The scorecard table with each RAG status cell filled in its colour and numbers at two decimals."""
    numeric: list[Hashable] = [c for c in table.columns if pd.api.types.is_float_dtype(table[c])]
    changes: list[Hashable] = [c for c in numeric if str(c).startswith("Δ") or "−" in str(c)]
    styled = table.style.format("{:.2f}", subset=numeric, na_rep="—").format("{:+.2f}", subset=changes, na_rep="—")
    return styled.map(lambda status: f"background-color: {STATUS_FILL.get(status, '')}; color: #222", subset=["Status"])
