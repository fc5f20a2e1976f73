import streamlit as st

from cxdash import ui

actor = ui.current_actor("actions")
st.title("Actions")
st.caption("What was decided about each finding, who owns it, by when, and whether it worked.")
ui.actions_page(actor)
