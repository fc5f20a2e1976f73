import streamlit as st

from cxdash import commentary, permissions, ui
from cxdash.boardpack import deck as decks
from cxdash.boardpack import preview, render
from cxdash.boardpack.sections import SECTIONS
from cxdash.boardpack.slide import Slide
from cxdash.present import escape_markdown as md

# Static text only: presenting hides the sidebar and header and enlarges the type.
PRESENTING_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {display: none;}
[data-testid="stMainBlockContainer"] {max-width: 100%; padding: 1.5rem 3rem;}
[data-testid="stMarkdownContainer"] p, [data-testid="stText"], [data-testid="stTable"] td,
[data-testid="stTable"] th {font-size: 1.45rem;}
h1 {font-size: 3.4rem !important;} h2 {font-size: 2.6rem !important;}
</style>"""

actor = ui.current_actor()
month = ui.month_picker()
chosen = st.sidebar.multiselect(
    "Sections", list(SECTIONS), default=list(SECTIONS), format_func=lambda k: SECTIONS[k].title,
    key="board_pack_sections",
)  # fmt: skip
presenting = st.toggle("Presentation view", key="board_pack_present")
if month is None or not chosen:
    st.title("Board pack")
    if month is None:
        ui.no_data_message()
    else:
        st.info("Choose at least one section in the sidebar.")
    st.stop()
deck = ui.cached("board_pack", decks.build_deck, month, tuple(chosen))
scope = commentary.scope_for(actor)


def draw(slide: Slide) -> None:
    """One slide as the deck shows it: chart and figures, bullets, commentary (plain text), marks."""
    left, right = st.columns([3, 2]) if slide.chart and slide.figures else (st.container(), st.container())
    if slide.chart:
        left.vega_lite_chart(slide.chart, use_container_width=True)
    if slide.figures:
        right.table(preview.figures_table(slide))
    for bullet in slide.bullets:
        st.markdown(f"- {md(bullet)}")
    for note in slide.commentary:
        st.text(note.text)
        st.caption(f"— {md(note.byline)}")
    for mark in slide.marks:
        st.caption(md(mark))


def edit(slide: Slide) -> None:
    """The commentary form of a section, for those allowed to write it (their region's, for regional managers)."""
    if not permissions.can(actor, "edit_commentary", region=scope):
        return
    mine = preview.own_note(slide, scope)
    with st.form(f"board_pack_form_{slide.section}"):
        text = st.text_area(
            f"Commentary{f' for {scope}' if scope else ''} (plain text)", value=mine.text if mine else "",
            max_chars=commentary.MAX_LENGTH, key=f"board_pack_note_{slide.section}_{month:%Y-%m}",
        )  # fmt: skip
        if st.form_submit_button("Save commentary") and ui.attempt(
            commentary.save, actor, month=month, section=slide.section, text=text, region=scope,
            expected_at=mine.at if mine else None,
        ):  # fmt: skip
            st.session_state["board_pack_flash"] = f"Saved the commentary for {SECTIONS[slide.section].title}."
            st.session_state.pop(f"board_pack_note_{slide.section}_{month:%Y-%m}", None)
            st.rerun()


def step(by: int) -> None:
    st.session_state["board_pack_slide"] = st.session_state.get("board_pack_slide", 0) + by


if presenting:
    st.html(PRESENTING_CSS)
    at = min(max(st.session_state.get("board_pack_slide", 0), 0), len(deck.slides))
    st.session_state["board_pack_slide"] = at
    if at == 0:
        st.title(deck.title)
        st.header(deck.subtitle)
        st.markdown("\n".join(f"{i}. {md(s.title)}" for i, s in enumerate(deck.slides, start=2)))
    else:
        st.title(md(deck.slides[at - 1].title))
        draw(deck.slides[at - 1])
    back, where, forward = st.columns([1, 4, 1])
    back.button("Previous", on_click=step, args=(-1,), disabled=at == 0, key="board_pack_prev")
    where.caption(f"Slide {at + 1} of {len(deck.slides) + 1} · {md(deck.subtitle)}")
    forward.button("Next", on_click=step, args=(1,), disabled=at == len(deck.slides), key="board_pack_next")
    st.stop()

st.title("Board pack")
if flash := st.session_state.pop("board_pack_flash", None):
    st.success(md(flash))
st.caption(f"{md(deck.subtitle)}: a title slide and {len(deck.slides)} section slide(s), as the deck will show them.")
for fmt, label in (("pptx", "Download PowerPoint (PPTX)"), ("pdf", "Download PDF")):
    st.download_button(
        label, data=lambda fmt=fmt: render.render(deck, fmt), file_name=render.file_name(deck, fmt),
        mime=render.MIME[fmt], on_click="ignore", key=f"board_pack_{fmt}",
    )  # fmt: skip
for slide in deck.slides:
    st.header(md(slide.title), divider="gray")
    draw(slide)
    edit(slide)
