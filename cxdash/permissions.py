"""Who may see and change what, by role (README: roles). Checked by every write and sensitive read."""

from __future__ import annotations

from dataclasses import dataclass

ALL_ROLES = frozenset({"admin", "cco", "executive", "regional_manager", "viewer"})
STAFF = ALL_ROLES - {"viewer"}

PAGES: dict[str, frozenset[str]] = {
    "overview": ALL_ROLES,
    "regions": STAFF,
    "ownership": STAFF,
    "governance": STAFF,
    "alignment": STAFF,
    "board_pack": ALL_ROLES,
    "data": frozenset({"admin", "cco"}),
    "actions": ALL_ROLES,
}

# How a refusal names each page: "Your role does not include the Regions page."
PAGE_NAMES = {"overview": "the Overview", "regions": "the Regions page", "ownership": "the Ownership map",
              "governance": "the Governance page", "alignment": "the Alignment page", "board_pack": "the Board pack",
              "data": "the Data page", "actions": "the Actions page"}  # fmt: skip

ACTIONS: dict[str, frozenset[str]] = {
    "import_data": frozenset({"admin"}),
    "manage_users": frozenset({"admin"}),
    "edit_ownership": frozenset({"admin", "cco"}),
    "edit_governance": frozenset({"admin", "cco"}),
    "edit_targets": frozenset({"admin", "cco"}),
    "edit_settings": frozenset({"admin", "cco"}),
    "manage_alignment_rounds": frozenset({"admin", "cco"}),
    "enter_alignment_ratings": frozenset({"admin", "cco", "executive"}),
    "edit_commentary": frozenset({"admin", "cco", "executive", "regional_manager"}),
    "view_comments": STAFF,
    "view_individual_ratings": frozenset({"admin", "cco"}),
    "view_audit_log": frozenset({"admin", "cco"}),
    "name_themes": frozenset({"admin", "cco"}),
    "manage_actions": frozenset({"admin", "cco"}),
    "edit_own_actions": frozenset({"admin", "cco", "executive"}),
    "edit_region_actions": frozenset({"admin", "cco", "regional_manager"}),
    "view_action_detail": STAFF,
    # Detractor follow-up: the case queue (and opening cases) is the CCO's and each regional manager's own region.
    "manage_followup": frozenset({"admin", "cco", "regional_manager"}),
}

# Actions a regional manager may take only for their own region.
REGION_BOUND = frozenset({"edit_commentary", "view_comments", "edit_region_actions", "manage_followup"})


@dataclass(frozen=True)
class Actor:
    """The signed-in person as far as permissions go."""

    username: str
    role: str
    region: str | None = None
    leader_key: str | None = None


DEMO_ACTOR = Actor(username="demo", role="admin")


class PermissionDenied(Exception):
    """A user tried something their role does not allow; the message says what and why."""


def can(actor: Actor, action: str, *, region: str | None = None) -> bool:
    """True when ``actor`` may take ``action`` (for ``region`` where the action is region-bound)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if actor.role not in ACTIONS[action]:
        return False
    if actor.role == "regional_manager" and action in REGION_BOUND:
        return region is not None and region == actor.region
    return True


def require(actor: Actor, action: str, *, region: str | None = None) -> None:
    """Raise PermissionDenied unless ``actor`` may take ``action``."""
    if not can(actor, action, region=region):
        scope = f" for region {region}" if region else ""
        raise PermissionDenied(f"Your role ({actor.role}) does not allow {action.replace('_', ' ')}{scope}.")


def can_open(actor: Actor, page: str) -> bool:
    """True when the page belongs in ``actor``'s navigation."""
    return actor.role in PAGES.get(page, frozenset())
