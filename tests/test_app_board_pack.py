"""The Board pack page through app.py: the month's preview, choosing sections, commentary, roles, presenting."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from cxdash import auth, commentary, db, present
from cxdash.boardpack import findings
from cxdash.boardpack.deck import build_deck
from cxdash.models import AuditEvent
from cxdash.overview import previous_month
from cxdash.permissions import DEMO_ACTOR, Actor
from cxdash.present import escape_markdown
from cxdash.ui.drafts import draft_key
from cxdash.ui.slides import TAB
from cxdash.views import overview as overview_view
from tests import apptest
from tests.boardpack.expected import nps_text

OCT, SEP = date(2026, 10, 1), date(2026, 9, 1)
TABS = ["Executive summary", "KPI scorecard", "Regions", "Why NPS moved", "Ownership map", "Governance",
        "Leadership alignment", "Actions", "Appendix: methods", "Appendix: data"]  # fmt: skip
SAVE = "board_pack_save_{}"


def _open(tab: str | None = None, **params: str) -> AppTest:
    at = apptest.open_page("board_pack", **params)
    assert not at.exception and not at.error
    return _slide(at, tab) if tab else at


def _slide(at: AppTest, tab: str) -> AppTest:
    """Open a slide's tab, as a click on it does (only the open tab is drawn)."""
    at.session_state[TAB] = escape_markdown(tab)
    at.run()
    assert not at.exception and not at.error
    return at


def _as(username: str, tab: str | None = None) -> AppTest:
    """The page as a signed-in user (the app checks the account again at every run), on the slide ``tab``."""
    at = apptest.app()
    at.session_state["auth_username"] = username
    at = at.run().switch_page("app_pages/board_pack.py").run()
    assert not at.exception and not at.error
    return _slide(at, tab) if tab else at


def _add_user(engine: Engine, username: str, role: str, region: str | None = None) -> None:
    with db.session(engine) as session:
        auth.add_user(session, actor=Actor("setup", "admin"), username=username, display_name=username.upper(),
                      role=role, password="x" * 12, region=region)  # fmt: skip


def _headers(at: AppTest) -> list[str]:
    """The slides' findings, as the preview's subheaders."""
    return [h.value.replace("\\", "") for h in at.subheader]


def _tabs(at: AppTest) -> list[str]:
    return [t.label.replace("\\", "") for t in at.tabs]


def _scorecard(at: AppTest) -> pd.DataFrame:
    """The KPI scorecard as read on the page, without the Markdown escapes that keep it literal."""
    return at.dataframe[0].value.map(lambda v: str(v).replace("\\", ""))


def _notes(engine: Engine, month: date = OCT) -> list[tuple[str, str | None, str, str]]:
    with db.session(engine) as session:
        return [(n.section, n.region, n.text, n.author) for n in commentary.notes(session, month)]


def test_the_preview_shows_every_slide_in_a_tab_with_the_months_figures(app_env: str) -> None:
    at = _open(month="2026-10")
    assert at.title[0].value == "Board pack" and _tabs(at) == TABS
    assert _headers(at)[0].startswith("DACH: NPS fell 19.9")
    assert f"October 2026: a title slide and {len(TABS)} section slide(s)" in apptest.said(at.caption)
    with db.session(db.make_engine(app_env)) as session:
        kpis = overview_view.overview(session, OCT).kpis
        nps, _ = nps_text(session, OCT)
    tiles = [present.tile(k, f"{previous_month(OCT):%b}") for k in kpis[:4]]
    card = _scorecard(_slide(at, "KPI scorecard"))
    assert list(card["This month"]) == [t.value for t in tiles]
    assert card.loc[0, "This month"] == nps
    assert [b.label for b in at.get("download_button")] == ["PowerPoint", "PDF"]


def test_only_the_open_slide_is_drawn_and_each_tab_opens_its_own(app_env: str) -> None:
    at = _open(month="2026-10")
    first = _headers(at)
    assert len(first) == 1
    seen = {first[0]}
    for tab in TABS[1:]:
        shown = _headers(_slide(at, tab))
        assert len(shown) == 1 and _tabs(at) == TABS, tab
        seen.add(shown[0])
    assert len(seen) == len(TABS)  # every slide has a finding of its own


def test_commentary_forms_are_folded_away(app_env: str) -> None:
    at = _open(month="2026-10")
    labels = [e.label for e in at.expander]
    assert labels == ["Findings on the executive summary", "What we ask of the board"]
    for tab in TABS[1:]:
        assert [e.label for e in _slide(at, tab).expander][1:] == ["Commentary"], tab


def test_choosing_another_month_shows_that_months_figures(app_env: str) -> None:
    at = _open("KPI scorecard", month="2026-09")
    with db.session(db.make_engine(app_env)) as session:
        nps, _ = nps_text(session, SEP)
    assert "September 2026: a title slide" in apptest.said(at.caption)
    assert _scorecard(at).loc[0, "This month"] == nps


def test_choosing_sections_changes_the_preview(app_env: str) -> None:
    at = _open(month="2026-10")
    at.sidebar.multiselect(key="board_pack_sections").set_value(["governance", "regions"]).run()
    assert not at.exception
    assert _tabs(at) == ["Regions", "Governance"]
    assert "a title slide and 2 section slide(s)" in apptest.said(at.caption)
    at.sidebar.multiselect(key="board_pack_sections").set_value([]).run()
    assert _headers(at) == [] and "Choose at least one section" in at.info[0].value


def test_the_cco_reorders_and_hides_the_summarys_findings(writable: Engine) -> None:
    at = _open(month="2026-10")
    assert "board_pack_findings_2026-10" not in {m.key for m in at.multiselect}  # folded away: drawn once opened
    at.session_state["board_pack_findings_open"] = True
    picker = at.run().multiselect(key="board_pack_findings_2026-10")
    ranked = list(picker.value)
    assert len(ranked) == 3
    picker.set_value([ranked[2], ranked[0]])
    at.button(key="FormSubmitter:board_pack_findings_form-Save the order").click().run()
    assert not at.exception and not at.error
    assert "Saved the findings of the executive summary." in apptest.said(at.success)
    with db.session(writable) as session:
        deck = build_deck(session, OCT, ["attention"])
        every = [findings.finding(a) for a in overview_view.overview(session, OCT).attention]
    sentences = {f.key: f.sentence for f in every}
    assert deck.slides[0].bullets == (sentences[ranked[2]], sentences[ranked[0]])
    assert at.multiselect(key="board_pack_findings_2026-10").value == [ranked[2], ranked[0]]


def test_saving_commentary_stores_it_and_shows_it_as_plain_text(writable: Engine) -> None:
    at = _open("Regions", month="2026-10")
    typed = "DACH fell: **see** <b>notes</b>."
    at.text_area(key="board_pack_note_regions_2026-10").input(typed)
    at.button(key=SAVE.format("regions")).click().run()
    assert not at.exception and not at.error
    assert "Saved the commentary for Regions." in apptest.said(at.success)
    assert _notes(writable) == [("regions", None, typed, "demo")]
    assert typed in [t.value for t in at.get("text")]
    with db.session(writable) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.entity == "commentary")).all()
    assert [(e.action, e.key, e.username) for e in events] == [("create", "2026-10/regions/company", "demo")]
    assert at.text_area(key="board_pack_note_regions_2026-10").value == typed


def test_a_save_over_someone_elses_newer_text_is_refused_then_may_replace_it(writable: Engine) -> None:
    at = _open("KPI scorecard", month="2026-10")
    at.text_area(key="board_pack_note_overview_2026-10").input("Mine")
    with db.session(writable) as session:
        commentary.save(session, actor=Actor("cfo", "executive"), month=OCT, section="overview", text="Theirs")
    at.button(key=SAVE.format("overview")).click().run()
    assert not at.exception
    assert "cfo changed this commentary" in apptest.said(at.error) and "yours was not saved" in apptest.said(at.error)
    assert _notes(writable) == [("overview", None, "Theirs", "cfo")]
    assert "Theirs" in [t.value for t in at.get("text")]
    at.button(key=SAVE.format("overview")).click().run()
    assert not at.error and _notes(writable) == [("overview", None, "Mine", "demo")]


def test_a_viewer_sees_the_pack_but_no_commentary_form(writable: Engine) -> None:
    with db.session(writable) as session:
        commentary.save(session, actor=Actor("cco", "cco"), month=OCT, section="overview", text="Stable quarter.")
    _add_user(writable, "board", "viewer")
    at = _as("board", "KPI scorecard")
    assert _tabs(at) == TABS
    assert "Stable quarter." in [t.value for t in at.get("text")]
    assert len(at.text_area) == 0 and len(at.expander) == 0
    assert not [b for b in at.button if b.key and b.key.startswith(("FormSubmitter:", "board_pack_save_"))]
    assert len(at.get("download_button")) == 2


def test_a_regional_manager_writes_their_own_regions_commentary(writable: Engine) -> None:
    _add_user(writable, "dach", "regional_manager", region="DACH")
    at = _as("dach", "Regions")
    area = at.text_area(key="board_pack_note_regions_2026-10")
    assert area.label == "Commentary for DACH (plain text)"
    area.input("Churn is up in DACH.")
    at.button(key=SAVE.format("regions")).click().run()
    assert not at.error
    assert _notes(writable) == [("regions", "DACH", "Churn is up in DACH.", "dach")]


def test_the_presentation_view_steps_through_the_slides_and_exits(app_env: str) -> None:
    at = _open(month="2026-10")
    at.button(key="board_pack_start").click().run()
    assert at.title[0].value.replace("\\", "") == "Customer experience: board pack"
    assert at.header[0].value == "October 2026"
    assert f"Slide 1 of {len(TABS) + 1}" in apptest.said(at.caption)
    assert at.button(key="board_pack_prev").disabled and len(at.text_area) == 0 and len(at.tabs) == 0
    assert [b.key for b in at.button] == ["board_pack_prev", "board_pack_next", "board_pack_exit"]
    at.button(key="board_pack_next").click().run()
    assert at.title[0].value.replace("\\", "").startswith(
        "DACH: NPS fell"
    ) and f"Slide 2 of {len(TABS) + 1}" in apptest.said(at.caption)
    for _ in range(len(TABS) - 1):
        at.button(key="board_pack_next").click().run()
    assert (
        f"Slide {len(TABS) + 1} of {len(TABS) + 1}" in apptest.said(at.caption)
        and at.button(key="board_pack_next").disabled
    )
    at.button(key="board_pack_prev").click().run()
    assert f"Slide {len(TABS)} of {len(TABS) + 1}" in apptest.said(at.caption)
    at.button(key="board_pack_exit").click().run()
    assert at.title[0].value == "Board pack" and _tabs(at) == TABS


def _note(at: AppTest, section: str = "regions", month: str = "2026-10") -> str:
    return str(at.text_area(key=f"board_pack_note_{section}_{month}").value)


def _noted(at: AppTest) -> str:
    """The note above the slides that names those with commentary not saved yet ("" when there is none)."""
    return apptest.said([i for i in at.info if "not saved yet" in i.value])


def test_a_draft_stays_when_another_slide_opens_until_it_is_saved(writable: Engine) -> None:
    at = _open("Regions", month="2026-10")
    assert _noted(at) == "" and "(not saved)" not in [e.label for e in at.expander][-1]
    at.text_area(key="board_pack_note_regions_2026-10").input("DACH first, then UKI.").run()
    assert "Commentary not saved yet on Regions." in _noted(at)
    assert at.expander[-1].label == "Commentary (not saved)"
    _slide(at, "Governance")
    assert "Commentary not saved yet on Regions." in _noted(at)  # said on every slide, not only its own
    assert _note(at, "governance") == ""
    assert _note(_slide(at, "Regions")) == "DACH first, then UKI."
    assert _notes(writable) == []  # a draft is not stored until saved
    at.button(key=SAVE.format("regions")).click().run()
    assert not at.exception and not at.error
    assert _notes(writable) == [("regions", None, "DACH first, then UKI.", "demo")]
    assert _noted(at) == "" and draft_key(DEMO_ACTOR, OCT, "regions", None) not in at.session_state
    assert _note(_slide(_slide(at, "Governance"), "Regions")) == "DACH first, then UKI."  # now the saved text


def test_a_draft_belongs_to_its_month_and_can_be_discarded(writable: Engine) -> None:
    at = _open("Regions", month="2026-10")
    at.text_area(key="board_pack_note_regions_2026-10").input("October only.").run()
    at.sidebar.selectbox(key="filter_month").select("2026-09").run()
    assert not at.exception and _noted(at) == ""
    assert _note(at, month="2026-09") == ""
    at.sidebar.selectbox(key="filter_month").select("2026-10").run()
    assert _note(at) == "October only." and "on Regions" in _noted(at)
    at.button(key="board_pack_discard_regions").click().run()
    assert _note(at) == "" and _noted(at) == "" and _notes(writable) == []
    assert at.button(key="board_pack_discard_regions").disabled


def test_typing_the_saved_text_again_is_no_draft(writable: Engine) -> None:
    with db.session(writable) as session:
        commentary.save(session, actor=Actor("cco", "cco"), month=OCT, section="regions", text="As saved.")
    at = _open("Regions", month="2026-10")
    at.text_area(key="board_pack_note_regions_2026-10").input("Changed.").run()
    assert "on Regions" in _noted(at)
    at.text_area(key="board_pack_note_regions_2026-10").input("As saved.").run()
    assert _noted(at) == ""


def test_a_draft_is_not_shown_to_the_next_person_signed_in_in_that_tab(writable: Engine) -> None:
    _add_user(writable, "first", "cco")
    _add_user(writable, "second", "cco")
    at = _as("first", "Regions")
    at.text_area(key="board_pack_note_regions_2026-10").input("Mine, not saved.").run()
    for key in ("auth_epoch", "auth_seen"):  # signed out, as the Sign out button leaves the session
        del at.session_state[key]
    at.session_state["auth_username"] = "second"
    at.run()
    assert not at.exception and not at.error
    at = _slide(at, "Governance")
    at = _slide(at, "Regions")
    assert _note(at) == "" and _noted(at) == ""
