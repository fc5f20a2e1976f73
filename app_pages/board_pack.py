import streamlit as st

from cxdash import commentary, permissions, ui
from cxdash.boardpack import deck as decks
from cxdash.boardpack import preview, render
from cxdash.boardpack.sections import SECTIONS
from cxdash.boardpack.slide import Slide
from cxdash.present import escape_markdown as md

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
    left, right = st.columns([3, 2]) if preview.side_by_side(slide) else (st.container(), st.container())
    if slide.chart:
        left.vega_lite_chart(slide.chart, width="stretch", alt=slide.chart_title or slide.title)
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
    """The commentary form of a section, for those allowed to write it (their region's, for regional managers).

    A save is checked against the commentary this session last showed, so another person's newer text is
    never overwritten unseen; a refused save shows that text and the next save may replace it."""
    if not permissions.can(actor, "edit_commentary", region=scope):
        return
    mine, key = preview.own_note(slide, scope), f"{slide.section}_{month:%Y-%m}"
    seen = st.session_state.setdefault(f"board_pack_seen_{key}", mine.at if mine else None)
    with st.form(f"board_pack_form_{slide.section}"):
        text = st.text_area(
            f"Commentary{f' for {scope}' if scope else ''} (plain text)", value=mine.text if mine else "",
            max_chars=commentary.MAX_LENGTH, key=f"board_pack_note_{key}",
        )  # fmt: skip
        if not st.form_submit_button("Save commentary"):
            return
        if ui.attempt(commentary.save, actor, month=month, section=slide.section, text=text, region=scope,
                      expected_at=seen):  # fmt: skip
            st.session_state["board_pack_flash"] = f"Saved the commentary for {SECTIONS[slide.section].title}."
            for stale in (f"board_pack_note_{key}", f"board_pack_seen_{key}"):
                st.session_state.pop(stale, None)
            st.rerun()
        st.session_state[f"board_pack_seen_{key}"] = mine.at if mine else None


def step(by: int) -> None:
    st.session_state["board_pack_slide"] = st.session_state.get("board_pack_slide", 0) + by


if presenting:
    st.html(preview.PRESENTING_CSS)
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
