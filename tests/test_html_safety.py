"""Text people typed is never rendered as HTML or Markdown: a display name, leader, region and touchpoint names,
commentary and a survey comment, each holding script, an image with a handler and Markdown with a javascript link.

Every element that Streamlit renders as Markdown (text, captions, titles, alerts, labels, help) must carry such
text escaped; plain-text elements (tables, st.text) may carry it as typed; st.html must never carry it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from cxdash import auth, commentary, db, ingest
from cxdash.models import Leader, Region, Touchpoint
from cxdash.permissions import Actor
from cxdash.ui.slides import TAB
from cxdash.views.ownership import SECTION
from tests import apptest, roles

PAYLOAD = "<script>alert(1)</script> <img src=x onerror=alert(1)> **bold** [x](javascript:alert(1))"
UNESCAPED = re.compile(r"(?<!\\)<(?:script|img)|(?<!\\)\*(?<!\\)\*bold|(?<!\\)\[x(?<!\\)\]\(")
MARKDOWN_VALUES = {"markdown", "caption", "title", "header", "subheader", "success", "info", "warning", "error"}
PLAIN_VALUES = {"dataframe", "table", "text", "code"}
OWN, LATEST = "DACH", date(2026, 10, 1)
# Pages whose tabs draw only the open one: the session key that opens a tab by its label.
OPEN_TAB = {
    "board_pack": TAB,
    "ownership": SECTION,
    "governance": "governance_tab",
    "alignment": "alignment_tab",
    "data": "data_tab",
}


def _plant(url: str) -> None:
    """Put the payload wherever people type text: accounts, leaders, regions, touchpoints, commentary, comments."""
    engine = db.make_engine(url)
    with db.session(engine) as session:
        cco = session.exec(select(Leader).where(Leader.key == "CCO")).one()
        cco.name, cco.title = PAYLOAD, PAYLOAD
        region = session.exec(select(Region).where(Region.code == OWN)).one()
        region.name = PAYLOAD
        touchpoint = session.exec(select(Touchpoint).where(Touchpoint.code == "SU_PHONE")).one()
        touchpoint.name = PAYLOAD
        session.add_all([cco, region, touchpoint])
        session.commit()
        admin = Actor("setup", "admin")
        auth.add_user(session, actor=admin, username="shown", display_name=PAYLOAD, role="viewer", email="s@x.example")
        commentary.save(session, actor=admin, month=LATEST, section="overview", text=PAYLOAD)
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(ingest.FORMATS["responses"].header)
    writer.writerow(["XSS1", "C1", OWN, "SU_PHONE", "web", "2026-10-31", 3, "", "", PAYLOAD])
    report = ingest.import_file(engine, "responses", rows.getvalue().encode(), today=date(2026, 11, 23))
    assert report.ok, report.problems
    engine.dispose()


@pytest.fixture
def planted(
    backend: str, sample_url: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The sample with the payload planted (built once per backend), the app pointed at it."""
    url = roles.database(backend, sample_url, tmp_path_factory.mktemp("xss"), name="xss", prepare=_plant)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(apptest.ROOT)
    yield url


def _nodes(at: AppTest) -> Iterator[object]:
    stack: list[object] = [at.main, at.sidebar]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", {}).values())
        yield node


def _unsafe(at: AppTest) -> list[str]:
    """Elements that would render the payload: Markdown text or labels unescaped, or any st.html holding it."""
    found = []
    for node in _nodes(at):
        kind = str(getattr(node, "type", ""))
        texts = [getattr(node, "value", "")] if kind in MARKDOWN_VALUES else []
        texts += [getattr(node, "label", ""), getattr(node, "help", "")]
        found += [f"{kind}: {t}" for t in texts if isinstance(t, str) and UNESCAPED.search(t)]
        if kind == "html" and "alert(1)" in str(getattr(node, "value", "")):
            found.append(f"html: {getattr(node, 'value', '')}")
    return found


def _shown(at: AppTest) -> list[str]:
    """The kinds of element that show the payload, so a test cannot pass because the text is simply absent."""
    kinds = []
    for node in _nodes(at):
        kind, value = str(getattr(node, "type", "")), getattr(node, "value", None)
        if kind in PLAIN_VALUES and value is not None:
            text = value.to_csv() if hasattr(value, "to_csv") else str(value)
        elif kind in MARKDOWN_VALUES:
            text = str(value).replace("\\", "")
        else:
            text = " ".join(str(getattr(node, a, "")).replace("\\", "") for a in ("label", "help"))
        kinds += [kind] if PAYLOAD in text else []
    return kinds


# Page, who looks, the address (opening the sections drawn on request), and the kinds of element known to show the
# payload there (escaped if Markdown).
OPENED = {"regions_touchpoints": "true", "regions_why": "true", "regions_drivers": "true"}
PAGES = [
    ("overview", "admin", {"overview_why": "true"}, set()),
    ("regions", "admin", {"view": "compare", "region": OWN, "comments": "show", **OPENED}, {"dataframe", "subheader"}),
    ("regions", "regional_manager", {"view": "all"}, {"dataframe"}),
    ("ownership", "admin", {}, {"dataframe", "markdown"}),
    ("governance", "cco", {}, set()),
    ("alignment", "admin", {}, {"markdown"}),
    ("alignment", "executive", {}, {"markdown"}),
    ("board_pack", "admin", {}, {"text", "caption"}),
    ("data", "admin", {}, {"dataframe"}),
]


@pytest.mark.parametrize(("page", "role", "params", "shown"), PAGES, ids=[f"{p}-{r}" for p, r, *_ in PAGES])
def test_typed_text_is_never_rendered_as_html_or_markdown(
    planted: str, page: str, role: str, params: dict[str, str], shown: set[str]
) -> None:
    at = apptest.signed_in(role, page, **params)
    assert not at.exception
    assert _unsafe(at) == []
    kinds = set(_shown(at))
    for label in [t.label for t in at.tabs][1:] if page in OPEN_TAB else []:  # only the open section is drawn
        apptest.choose_tab(at, OPEN_TAB[page], label)
        at.run()
        assert not at.exception and _unsafe(at) == [], label
        kinds |= set(_shown(at))
    assert shown <= kinds
    if "comments" in params:
        comments = apptest.table(at, "Date")
        assert PAYLOAD in set(comments["Comment"])


def test_the_presentation_view_shows_commentary_as_plain_text(planted: str) -> None:
    at = apptest.signed_in("viewer", "board_pack")
    at = at.button(key="board_pack_start").click().run()
    assert _unsafe(at) == []
    for _ in range(2):  # the planted commentary is on the KPI scorecard, the second slide
        at = at.button(key="board_pack_next").click().run()
    assert not at.exception
    assert _unsafe(at) == []
    assert "text" in _shown(at)
