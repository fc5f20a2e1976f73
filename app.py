import streamlit as st

from cxdash import ui

st.set_page_config(page_title="cxdash", page_icon=":material/insights:", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
]
page = st.navigation(pages)
ui.run_page(page)
