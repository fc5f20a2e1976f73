"""A slide's commentary form on the Board pack page, with what was typed kept while other slides are open.

Only the open slide is drawn, so the text box of a closed slide does not exist and Streamlit forgets its value. What
was typed is therefore copied, when it reaches the server (the box loses focus, as it does when another slide's tab
is clicked), into a draft of its own in the session: keyed by the user, the month, the region written for and the
section, it fills the box when the slide opens again, until it is saved or discarded. A session is one browser
tab's, so a draft never reaches another person; the user in the key keeps it from whoever signs in next in that tab.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import streamlit as st

from cxdash import commentary, permissions
from cxdash.boardpack import preview
from cxdash.boardpack.sections import SECTIONS
from cxdash.boardpack.slide import Slide
from cxdash.present import escape_markdown as md
from cxdash.ui.frame import attempt

FLASH = "board_pack_flash"


def draft_key(actor: permissions.Actor, month: date, section: str, scope: str | None) -> str:
    return f"board_pack_draft_{month:%Y-%m}_{section}_{scope or ''}_{actor.username}"


def unsaved(actor: permissions.Actor, month: date, scope: str | None, sections: Iterable[str]) -> list[str]:
    """The sections of ``month`` with a draft not yet saved, in the order given."""
    return [s for s in sections if draft_key(actor, month, s, scope) in st.session_state]


def drafts_note(actor: permissions.Actor, month: date, scope: str | None) -> None:
    """Above the slides: which of them hold commentary typed and not saved, so none is forgotten."""
    pending = unsaved(actor, month, scope, SECTIONS)
    if pending:
        names = ", ".join(md(SECTIONS[s].title) for s in pending)
        st.info(
            f"Commentary not saved yet on {names}. It is kept in this browser tab while you look at other slides: "
            "open the slide to save or discard it.",
            icon=":material/edit_note:",
        )


def _keep(box: str, draft: str, saved: str) -> None:
    """The box's text reached the server: keep it as the draft, or drop the draft when it is the saved text again."""
    typed = st.session_state.get(box, "")
    if typed == saved:
        st.session_state.pop(draft, None)
    else:
        st.session_state[draft] = typed


def _discard(box: str, draft: str, saved: str) -> None:
    # Set, not deleted: a widget whose key is only deleted keeps showing, in the browser, the text it had.
    st.session_state[box] = saved
    st.session_state.pop(draft, None)


def commentary_form(actor: permissions.Actor, month: date, slide: Slide, scope: str | None) -> None:
    """The commentary form of a section, folded away unless it holds a draft, for those allowed to write it (their
    region's, for regional managers). A save is checked against the commentary this session last showed, so another
    person's newer text is never overwritten unseen; a refused save shows that text, the draft stays, and the next
    save may replace it."""
    if not permissions.can(actor, "edit_commentary", region=scope):
        return
    mine, key = preview.own_note(slide, scope), f"{slide.section}_{month:%Y-%m}"
    saved = mine.text if mine else ""
    box, draft, seen_key = (
        f"board_pack_note_{key}",
        draft_key(actor, month, slide.section, scope),
        f"board_pack_seen_{key}",
    )
    seen = st.session_state.setdefault(seen_key, mine.at if mine else None)
    kept = st.session_state.get(draft)
    label = ("What we ask of the board" if slide.commentary_heading else "Commentary") + (
        f" for {scope}" if scope else ""
    )
    with st.expander(label + (" (not saved)" if kept is not None else ""), icon=":material/edit_note:",
                     expanded=kept is not None):  # fmt: skip
        if kept is not None:
            st.caption("Not saved yet: kept in this browser tab while you open other slides, until you save or "
                       "discard it.")  # fmt: skip
        # The box's own value wins while it has one; when it was not drawn it opens on the draft or the saved text.
        start = "" if box in st.session_state else saved if kept is None else kept
        text = st.text_area(
            f"{label} (plain text)", value=start, max_chars=commentary.MAX_LENGTH, key=box, on_change=_keep,
            args=(box, draft, saved),
        )  # fmt: skip
        save, drop = st.columns(2, gap="small", width=380)
        drop.button("Discard the draft", key=f"board_pack_discard_{slide.section}", on_click=_discard,
                    args=(box, draft, saved), disabled=kept is None, width="stretch")  # fmt: skip
        if not save.button("Save commentary", key=f"board_pack_save_{slide.section}", type="primary", width="stretch"):
            return
    if attempt(commentary.save, actor, month=month, section=slide.section, text=text, region=scope, expected_at=seen):
        st.session_state[FLASH] = f"Saved the commentary for {SECTIONS[slide.section].title}."
        for stale in (box, draft, seen_key):
            st.session_state.pop(stale, None)
        st.rerun()
    st.session_state[seen_key] = mine.at if mine else None
