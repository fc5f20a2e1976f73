"""Board-pack slides drawn on the page: the preview, one tab per slide, and the presentation view."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from cxdash.boardpack import preview
from cxdash.boardpack.native_spec import picture
from cxdash.boardpack.slide import Deck, Slide
from cxdash.present import escape_markdown as md

TAB = "board_pack_tab"  # the open slide's tab label, in the session


def _table(slide: Slide) -> None:
    assert slide.table is not None
    frame = preview.grid_frame(slide.table, markdown=not slide.table.sparks)
    styles = pd.DataFrame(preview.grid_styles(slide.table), columns=frame.columns)
    if slide.table.sparks:
        trend = str(frame.columns[-1])
        st.dataframe(
            frame.style.apply(lambda _: styles, axis=None), hide_index=True, width="stretch",
            column_config={trend: st.column_config.LineChartColumn(trend, width="medium")},
        )  # fmt: skip
    else:
        st.table(frame.style.apply(lambda _: styles, axis=None).hide(axis="index"))


def body(slide: Slide) -> None:
    """One slide's content as the deck shows it: chart, figures or table, bullets, commentary (plain text), marks."""
    left, right = st.columns([2, 3]) if preview.side_by_side(slide) else (st.container(), st.container())
    spec = picture(slide)
    if spec is not None:
        left.vega_lite_chart(spec, width="stretch")
    with right:
        if slide.figures:
            st.table(preview.figures_table(slide))
        if slide.table is not None:
            _table(slide)
    for bullet in slide.bullets:
        st.markdown(f"- {md(bullet)}")
    if slide.commentary and slide.commentary_heading:
        st.markdown(f"**{md(slide.commentary_heading)}**")
    for note in slide.commentary:
        st.text(note.text)
        st.caption(f"— {md(note.byline)}")
    for mark in slide.marks:
        st.caption(md(mark))


def headline(slide: Slide, level: Callable[[str], object]) -> None:
    """The topic as a small kicker above the finding."""
    if slide.kicker:
        st.caption(md(slide.kicker.upper()))
    level(md(slide.title))


def tabs(deck: Deck, labels: Mapping[str, str], edit: Callable[[Slide], None]) -> None:
    """The preview: one tab per slide (named by ``labels``, section → name), its commentary form folded away.

    Only the open tab is drawn: opening another reruns the page for that slide, so a page switch draws one slide's
    chart and tables instead of every slide's."""
    shown = st.tabs([md(labels[s.section]) for s in deck.slides], key=TAB, on_change="rerun")
    for tab, slide in zip(shown, deck.slides, strict=True):
        if tab.open:
            with tab:
                headline(slide, st.subheader)
                body(slide)
                edit(slide)


def _step(by: int) -> None:
    st.session_state["board_pack_slide"] = st.session_state.get("board_pack_slide", 0) + by


def _exit() -> None:
    st.session_state["board_pack_present"] = False


def present(deck: Deck) -> None:
    """Full-window slides: Previous, Next and Exit at the top, where they stay in view, then the slide."""
    st.html(preview.PRESENTING_CSS)
    at = min(max(st.session_state.get("board_pack_slide", 0), 0), len(deck.slides))
    st.session_state["board_pack_slide"] = at
    back, where, forward, leave = st.columns([1, 5, 1, 1], vertical_alignment="center")
    back.button("Previous", icon=":material/arrow_back:", on_click=_step, args=(-1,), disabled=at == 0,
                key="board_pack_prev", width="stretch")  # fmt: skip
    where.caption(f"Slide {at + 1} of {len(deck.slides) + 1} · {md(deck.subtitle)}")
    forward.button("Next", icon=":material/arrow_forward:", on_click=_step, args=(1,),
                   disabled=at == len(deck.slides), key="board_pack_next", width="stretch")  # fmt: skip
    leave.button("Exit", icon=":material/close:", on_click=_exit, key="board_pack_exit", width="stretch")
    if at == 0:
        st.title(md(deck.title))
        st.header(md(deck.subtitle))
        st.markdown("\n".join(f"{i}. {md(s.kicker or s.title)}" for i, s in enumerate(deck.slides, start=2)))
    else:
        slide = deck.slides[at - 1]
        headline(slide, st.title)
        body(slide)
