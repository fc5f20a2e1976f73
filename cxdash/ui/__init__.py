"""The Streamlit edge of cxdash: the only package that imports streamlit (a test enforces it).

Pages import ``from cxdash import ui`` and call what is re-exported here.
"""

from cxdash.ui.actions import action_outcomes, actions_page, actions_tile
from cxdash.ui.alignment import round_entry
from cxdash.ui.assign import assign_action, region_assign, with_owner_actions
from cxdash.ui.batches import delete_import
from cxdash.ui.chart import chart
from cxdash.ui.customer_records import customer_records_tab
from cxdash.ui.data import cached, engine, months, no_data_message, overview
from cxdash.ui.filters import choose_next, month_picker, period_picker, url_choice, url_choices
from cxdash.ui.followup import followup_figures, followup_linked, followup_section
from cxdash.ui.frame import attempt, demo_banner, kpi_tile, run_page
from cxdash.ui.governance import governance_editor
from cxdash.ui.links import attention_item, open_region, region_chart
from cxdash.ui.raci import raci_editor
from cxdash.ui.regions import customer_comments, retention_basis, touchpoint_figures, trend_tabs
from cxdash.ui.signin import account_box, allowed_pages, current_actor, sign_in_gate, sign_out
from cxdash.ui.sockets import send_promptly
from cxdash.ui.sources import survey_export_tab
from cxdash.ui.targets import targets_tab
from cxdash.ui.themes import themes_section
from cxdash.ui.users import users_tab
from cxdash.ui.why import drivers_section, why_section
from cxdash.ui.widgets import data_table, download_csv, filter_row, folded, picked_columns, progress_bar, sections

__all__ = [
    "account_box",
    "action_outcomes",
    "actions_page",
    "actions_tile",
    "allowed_pages",
    "assign_action",
    "attempt",
    "attention_item",
    "cached",
    "chart",
    "choose_next",
    "current_actor",
    "customer_comments",
    "customer_records_tab",
    "data_table",
    "delete_import",
    "demo_banner",
    "download_csv",
    "drivers_section",
    "engine",
    "filter_row",
    "folded",
    "followup_figures",
    "followup_linked",
    "followup_section",
    "governance_editor",
    "kpi_tile",
    "month_picker",
    "months",
    "no_data_message",
    "open_region",
    "overview",
    "period_picker",
    "picked_columns",
    "progress_bar",
    "raci_editor",
    "region_assign",
    "region_chart",
    "retention_basis",
    "round_entry",
    "run_page",
    "sections",
    "send_promptly",
    "sign_in_gate",
    "sign_out",
    "survey_export_tab",
    "targets_tab",
    "themes_section",
    "touchpoint_figures",
    "trend_tabs",
    "url_choice",
    "url_choices",
    "users_tab",
    "why_section",
    "with_owner_actions",
]
