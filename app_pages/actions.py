import streamlit as st

from cxdash import permissions, ui

# Checked here as well as in app.py's navigation: a page must not rely on how it was reached.
actor = ui.current_actor()
if not permissions.can_open(actor, "actions"):
    st.error("Your role does not include the Actions page. Ask your cxdash admin if you need it.")
    st.stop()
st.title("Actions")
st.caption("What was decided about each finding, who owns it, by when, and whether it worked.")
ui.actions_page(actor)
