import streamlit as st

from cxdash import commentary, permissions, ui
from cxdash.boardpack import deck as decks
from cxdash.boardpack import findings, render
from cxdash.boardpack.sections import SECTIONS
from cxdash.present import escape_markdown as md
from cxdash.ui import drafts, slides

actor = ui.current_actor("board_pack")
month = ui.month_picker()
chosen = st.sidebar.multiselect(
    "Sections", list(SECTIONS), default=list(SECTIONS), format_func=lambda k: SECTIONS[k].title,
    key="board_pack_sections",
)  # fmt: skip
if month is None or not chosen:
    st.title("Board pack")
    if month is None:
        ui.no_data_message()
    else:
        st.info("Choose at least one section in the sidebar.")
    st.stop()
# The governance window is the one chosen on the Governance page (its "From" in this session or the link).
start = st.session_state.get("filter_from") or st.query_params.get("from")
window = decks.governance_window(month, min(decks.parse_month(start), month) if start else None)
deck = ui.cached("board_pack", decks.build_deck, month, tuple(chosen), window)
scope = commentary.scope_for(actor)

if st.session_state.get("board_pack_present"):
    slides.present(deck)
    st.stop()


def choose_findings() -> None:
    """The CCO's choice of the summary's findings: which of the ranked findings show, in which order."""
    if "attention" not in chosen or not permissions.can(actor, "edit_commentary", region=None) or scope:
        return
    # Folded away and drawn only when opened: most visits read the slides.
    box = ui.folded("Findings on the executive summary", key="board_pack_findings_open",
                    icon=":material/format_list_numbered:")  # fmt: skip
    if box is None:
        return
    every = [findings.finding(a) for a in ui.overview(month).attention]
    stored = ui.cached("board_pack_choice", findings.stored_choice, month)
    shown = [f.key for f in findings.chosen(every, stored.keys)]
    sentences = {f.key: f.sentence for f in every}
    with box:
        st.caption(f"Ranked by the attention list; up to {findings.MOST}, shown in the order picked. Clear all to "
                   "return to the ranking.")  # fmt: skip
        with st.form("board_pack_findings_form", border=False):
            picked = st.multiselect(
                "Findings, in order", list(sentences), default=shown, format_func=sentences.__getitem__,
                max_selections=findings.MOST, key=f"board_pack_findings_{month:%Y-%m}",
            )  # fmt: skip
            if not st.form_submit_button("Save the order"):
                return
        unchanged = not picked and stored.at is None  # nothing stored, nothing chosen: the ranking stays
        if unchanged or ui.attempt(commentary.save, actor, month=month, section=findings.FINDINGS_SECTION,
                                   text="\n".join(picked), expected_at=stored.at):  # fmt: skip
            st.session_state[drafts.FLASH] = "Saved the findings of the executive summary."
            st.session_state.pop(f"board_pack_findings_{month:%Y-%m}", None)
            st.rerun()


st.title("Board pack")
if flash := st.session_state.pop(drafts.FLASH, None):
    st.success(md(flash))
st.caption(f"{md(deck.subtitle)}: a title slide and {len(deck.slides)} section slide(s), as the deck will show them.")
downloads = st.columns([1.5, 1, 1, 2.5])
for column, (fmt, label) in zip(downloads, (("pptx", "PowerPoint"), ("pdf", "PDF")), strict=False):
    column.download_button(
        label, data=lambda fmt=fmt: render.render(deck, fmt), file_name=render.file_name(deck, fmt),
        mime=render.MIME[fmt], on_click="ignore", key=f"board_pack_{fmt}", icon=":material/download:",
    )  # fmt: skip
if downloads[2].button("Present", icon=":material/slideshow:", key="board_pack_start"):
    st.session_state["board_pack_present"], st.session_state["board_pack_slide"] = True, 0
    st.rerun()
choose_findings()
drafts.drafts_note(actor, month, scope)
slides.tabs(deck, {k: s.title for k, s in SECTIONS.items()}, lambda s: drafts.commentary_form(actor, month, s, scope))
