"""Chart specs are cached by what their frames hold: the same contents hit, any changed cell misses."""

from __future__ import annotations

import pickle

import pandas as pd

from cxdash.ui.chart import fingerprint


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"region": pd.array(["DACH", "NAE"], dtype="string"), "nps": [31.5, -4.0], "p": [0.004, None]})


def test_a_frame_read_back_from_the_cache_has_the_same_fingerprint() -> None:
    """st.cache_data hands every run its own unpickled copy of a view: its frames must hit the chart cache."""
    frame = _frame()
    assert fingerprint(pickle.loads(pickle.dumps(frame))) == fingerprint(frame)
    assert fingerprint(frame["nps"]) == fingerprint(frame["nps"].copy())


def test_any_changed_cell_label_or_type_changes_the_fingerprint() -> None:
    frame = _frame()
    changed = [frame.copy() for _ in range(4)]
    changed[0].loc[1, "nps"] = -4.1
    changed[1].loc[0, "region"] = "UKI"
    changed[2] = frame.rename(columns={"p": "p_value"})
    changed[3]["nps"] = changed[3]["nps"].astype("float32")
    prints = {fingerprint(f) for f in changed}
    assert fingerprint(frame) not in prints and len(prints) == len(changed)
