"""Default owner of an action from the RACI map."""

from __future__ import annotations

import pandas as pd

from cxdash.actions.owner import OwnerDefault, default_owner

RACI = pd.DataFrame(
    [
        ("CHAT", "COO", "Dana Ops", "A"),
        ("CHAT", "CCO", "Kim Care", "R"),
        ("WEB", "CMO", "Lee Brand", "A"),
        ("WEB", "CDO", "Sam Data", "A"),
        ("SHOP", None, None, None),
    ],
    columns=["touchpoint", "leader", "leader_name", "role"],
)


def test_the_one_accountable_leader_is_the_default() -> None:
    assert default_owner(RACI, "CHAT") == OwnerDefault("COO", "Dana Ops is Accountable for this touchpoint.")


def test_no_accountable_leader_asks() -> None:
    found = default_owner(RACI, "SHOP")
    assert found.leader is None
    assert found.message.startswith("Nobody is Accountable")


def test_two_accountable_leaders_pick_none_and_say_so() -> None:
    found = default_owner(RACI, "WEB")
    assert found.leader is None
    assert "Lee Brand and Sam Data are both Accountable" in found.message


def test_no_touchpoint_asks_for_an_owner() -> None:
    assert default_owner(RACI, None).leader is None
