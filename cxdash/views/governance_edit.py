"""What the Governance page's editing shows: the recorded history, and what a change would do before it is saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class Pending:
    """A write waiting for confirmation: its kind (add, fix, remove), what it will do in words, its arguments."""

    kind: str
    text: str
    values: dict[str, object]
    label: str
    flash: str


def history_table(changes: pd.DataFrame) -> pd.DataFrame:
    """The recorded model changes as people read them."""
    return pd.DataFrame(
        {"Region": changes["region"], "Model": changes["model"], "Effective from": changes["effective_from"]}
    )


def change_labels(changes: pd.DataFrame) -> dict[int, str]:
    """Each recorded change by id, labelled for a picker."""
    return {
        int(r["change_id"]): f"{r['region']} · {r['model']} from {r['effective_from']}"
        for r in changes.to_dict("records")
    }


def change_values(changes: pd.DataFrame, change_id: int) -> tuple[str, date]:
    """The model and date of one recorded change, to prefill its correction form."""
    row = changes[changes["change_id"] == change_id].iloc[0]
    return str(row["model"]), row["effective_from"]


def _in_force(mine: pd.DataFrame, on: date) -> str:
    earlier = mine[mine["effective_from"] < on]
    if earlier.empty:
        return "without a recorded model"
    last = earlier.iloc[-1]
    return f"under {last['model']} (recorded from {last['effective_from']:%d %b %Y})"


def _next(mine: pd.DataFrame, after: date) -> str:
    later = mine[mine["effective_from"] > after]
    if later.empty:
        return ""
    first = later.iloc[0]
    return f" Its next recorded change, to {first['model']} on {first['effective_from']:%d %b %Y}, still applies."


RECOMPUTED = " Every figure on this page and in the board pack is recomputed with the new history."


def _others(changes: pd.DataFrame, region: str, change_id: int | None = None) -> pd.DataFrame:
    mine = changes[(changes["region"] == region) & (changes["change_id"] != change_id)]
    return mine.sort_values("effective_from")


def pending_add(changes: pd.DataFrame, region: str, model: str, since: date) -> Pending:
    """Recording that ``region`` runs under ``model`` from ``since``, described for its confirmation."""
    mine = _others(changes, region)
    text = (
        f"{region} will run under {model} from {since:%d %b %Y}. Before that date it stays "
        f"{_in_force(mine, since)}.{_next(mine, since)}{RECOMPUTED}"
    )
    values: dict[str, object] = {"region": region, "model": model, "effective_from": since}
    return Pending("add", text, values, "Record this change", f"Recorded: {region} runs under {model} from {since}.")


def pending_fix(changes: pd.DataFrame, change_id: int, model: str, since: date) -> Pending:
    """Correcting a recorded change to ``model`` from ``since``, described for its confirmation."""
    row = changes[changes["change_id"] == change_id].iloc[0]
    text = (
        f"Change “{row['region']} · {row['model']} from {row['effective_from']:%d %b %Y}” to "
        f"“{row['region']} · {model} from {since:%d %b %Y}”.{RECOMPUTED}"
    )
    values: dict[str, object] = {"change_id": change_id, "model": model, "effective_from": since}
    return Pending("fix", text, values, "Save the correction", "Saved the correction.")


def pending_remove(changes: pd.DataFrame, change_id: int) -> Pending:
    """Removing a recorded change, described for its confirmation (what stays in force instead)."""
    row = changes[changes["change_id"] == change_id].iloc[0]
    region, since = str(row["region"]), row["effective_from"]
    mine = _others(changes, region, change_id)
    text = (
        f"Remove the change “{region} · {row['model']} from {since:%d %b %Y}”. From {since:%d %b %Y} {region} then "
        f"stays {_in_force(mine, since)}.{_next(mine, since)}{RECOMPUTED}"
    )
    return Pending("remove", text, {"change_id": change_id}, "Remove this change", "Removed the change.")
