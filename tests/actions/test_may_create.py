"""Who sees "Assign an action", for every role: the rule the button and the save share."""

from __future__ import annotations

import pytest

from cxdash.actions.subject import Subject
from cxdash.edits.actions import may_create
from cxdash.permissions import Actor
from cxdash.views.assign import creatable

ACTORS = {
    "admin": Actor("a", "admin"),
    "cco": Actor("c", "cco"),
    "executive": Actor("e", "executive", leader_key="CFO"),
    "regional_manager": Actor("r", "regional_manager", region="DACH"),
    "viewer": Actor("v", "viewer"),
}
# role -> (own region DACH, another region NAE, no region: a touchpoint or dimension everywhere)
EXPECTED = {
    "admin": (True, True, True),
    "cco": (True, True, True),
    "executive": (False, False, False),
    "regional_manager": (True, False, False),
    "viewer": (False, False, False),
}


@pytest.mark.parametrize("role", list(ACTORS))
def test_who_may_open_an_action_where(role: str) -> None:
    actor = ACTORS[role]
    assert (may_create(actor, "DACH"), may_create(actor, "NAE"), may_create(actor, None)) == EXPECTED[role]


@pytest.mark.parametrize("role", list(ACTORS))
def test_the_button_offers_only_the_subjects_the_role_may_act_on(role: str) -> None:
    subjects = (Subject(region="DACH"), Subject(region="NAE", touchpoint="SU_PHONE"), Subject(dimension="resourcing"))
    offered = creatable(ACTORS[role], subjects)
    assert offered == tuple(s for s, ok in zip(subjects, EXPECTED[role], strict=True) if ok)
