"""Default owner of an action from the RACI map."""

from __future__ import annotations

import pandas as pd

from cxdash.actions.owner import OwnerDefault, default_owner, owner_for
from cxdash.actions.subject import Subject

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


MANAGERS = pd.DataFrame(
    [("NORTH", "VP_N", "Ada North"), ("SOUTH", "VP_S1", "Bo South"), ("SOUTH", "VP_S2", "Cy South")],
    columns=["region", "leader", "leader_name"],
)


def test_a_region_defaults_to_the_leader_linked_to_its_regional_manager() -> None:
    found = owner_for(RACI, MANAGERS, Subject(region="NORTH"))
    assert found == OwnerDefault("VP_N", "Ada North manages NORTH.")


def test_a_region_without_a_linked_manager_asks() -> None:
    found = owner_for(RACI, MANAGERS, Subject(region="EAST"))
    assert found == OwnerDefault(None, "No regional manager of EAST is linked to a leader: pick an owner.")


def test_a_region_with_two_managers_asks_between_them() -> None:
    found = owner_for(RACI, MANAGERS, Subject(region="SOUTH"))
    assert found.leader is None and "Bo South and Cy South both manage SOUTH" in found.message


def test_a_touchpoint_in_a_region_goes_to_the_touchpoints_accountable_leader() -> None:
    assert owner_for(RACI, MANAGERS, Subject(region="NORTH", touchpoint="CHAT")).leader == "COO"


def test_a_touchpoint_with_nobody_accountable_says_so_even_in_a_region_with_a_manager() -> None:
    found = owner_for(RACI, MANAGERS, Subject(region="NORTH", touchpoint="SHOP"))
    assert found.leader is None and found.message.startswith("Nobody is Accountable for this touchpoint")


def test_a_dimension_asks_for_an_owner() -> None:
    assert owner_for(RACI, MANAGERS, Subject(dimension="resourcing")).leader is None


def test_subjects_read_as_words() -> None:
    names = {"CHAT": "Chat support", "resourcing": "Resourcing"}
    assert Subject(region="NORTH", touchpoint="CHAT").label(names) == "Chat support in NORTH"
    assert Subject(region="NORTH").label(names) == "NORTH"
    assert Subject(dimension="resourcing").label(names) == "Resourcing"
    assert Subject(region="NORTH", touchpoint="CHAT").key == "NORTH~CHAT~"
