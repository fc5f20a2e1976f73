import streamlit as st

from cxdash import ui

actor = ui.current_actor("actions")
st.title("Actions")
st.caption("What was decided about each finding, who owns it, by when, and whether it worked.")
on_findings, followup = st.tabs(["Actions on findings", "Detractor follow-up"])
with on_findings:
    ui.actions_page(actor)
with followup:
    ui.followup_section(actor)
