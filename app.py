import streamlit as st

from cxdash import ui

st.set_page_config(page_title="cxdash", page_icon=":material/insights:", layout="wide")
ui.send_promptly()

pages = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("app_pages/regions.py", title="Regions", icon=":material/public:"),
    st.Page("app_pages/ownership.py", title="Ownership map", icon=":material/account_tree:"),
    st.Page("app_pages/governance.py", title="Governance", icon=":material/balance:"),
    st.Page("app_pages/alignment.py", title="Alignment", icon=":material/groups:"),
    st.Page("app_pages/board_pack.py", title="Board pack", icon=":material/slideshow:"),
    st.Page("app_pages/actions.py", title="Actions", icon=":material/task_alt:"),
    st.Page("app_pages/data.py", title="Data", icon=":material/database:"),
]
actor = ui.sign_in_gate()
page = st.navigation(ui.allowed_pages(actor, pages))
ui.account_box(actor)
ui.run_page(page)
