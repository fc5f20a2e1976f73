"""The "What customers say" section: comment themes for a period, region and touchpoint, and naming them."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlmodel import Session

from cxdash import permissions
from cxdash.charts import why as charts
from cxdash.edits.themes import rename_theme
from cxdash.present import escape_markdown
from cxdash.ui.chart import chart
from cxdash.ui.data import cached
from cxdash.ui.frame import attempt
from cxdash.ui.widgets import data_table, download_csv
from cxdash.views import themes as views
from cxdash.why.story import themes_table

HELP = (
    "Themes are found in the comment text by a topic model (TF-IDF and non-negative matrix factorisation, "
    "fitted on a random sample of up to 20,000 of the newest 50,000 comments stored and refitted when data changes; "
    "every one of those comments is then labelled); each is named by its top terms until the CCO names it. Tone is "
    "the share of comments a sentiment lexicon (VADER) scores negative, on the newest 5,000 in the filter. NPS is "
    "that of the "
    "respondents who mention the theme, with its 95% interval; under 5 mentions it is not shown. Themes describe "
    "what people write about; they do not say what caused a score."
)


def themes_section(
    actor: permissions.Actor, month_from: date, month_to: date, region: str | None, names: dict[str, str], key: str
) -> None:
    """Themes among the comments of the period, on request (``themes=show`` in the URL): the first request after
    new data fits the topic model, which takes seconds at millions of responses, so no page pays it unasked.
    Regional managers see counts everywhere and the words of their own region only."""
    st.subheader("What customers say", help=HELP)
    wanted = st.query_params.get("themes") == "show"
    if not st.toggle("Show the themes in customer comments", value=wanted, key=f"{key}_show"):
        st.query_params.pop("themes", None)
        return
    st.query_params["themes"] = "show"
    choices = {"": "Every touchpoint", **names}
    touchpoint = st.selectbox("Touchpoint", list(choices), format_func=lambda k: choices[k], key=f"{key}_touchpoint")
    with st.spinner("Finding themes in the comments…"):
        view = cached("themes_view", _themes, actor, month_from, month_to, region, touchpoint or None)
    if view.table.empty:
        st.info("No comments in this period and filter, or too few across the data to find themes.")
        return
    scope = region or "every region"
    st.caption(f"{view.comments:,} comments from {scope}, {month_from:%b %Y} – {month_to:%b %Y}.")
    table = themes_table(view.table)
    data_table(table, key=f"{key}_table")
    download_csv(
        "Download the themes (CSV)", table, f"cxdash-themes-{region or 'all'}-{month_to:%Y-%m}.csv", f"{key}_csv"
    )
    if not view.trend.empty:
        chart(charts.theme_trend, view.trend, "Comments per month, biggest themes")
    with st.expander("Example comments per theme"):
        if view.note:
            st.caption(view.note)
        for _, row in view.table.iterrows():
            examples = view.examples.get(str(row["key"]), [])
            if examples:
                st.markdown(f"**{escape_markdown(str(row['theme']))}**")
                for text in examples:
                    st.markdown(f"> {escape_markdown(text)}")
    if permissions.can(actor, "name_themes"):
        _rename(actor, view, key)


def _themes(
    session: Session, actor: permissions.Actor, month_from: date, month_to: date, region: str | None,
    touchpoint: str | None,
) -> views.ThemesView:  # fmt: skip
    """The themes of one filter as one role sees them, cached by every one of those inputs and the data version:
    tone and examples take about a second at millions of responses, too long to pay on every run. The fit
    they come from is cached apart, once per data version."""
    fit = cached("theme_fit", views.theme_fit)
    months = {"month_from": month_from, "month_to": month_to}
    return views.themes(fit, actor=actor, region=region, touchpoint=touchpoint, **months)


def _rename(actor: permissions.Actor, view: views.ThemesView, key: str) -> None:
    with st.expander("Name a theme"), st.form(f"{key}_rename"):
        labels = dict(zip(view.table["key"], view.table["theme"], strict=True))
        theme = st.selectbox("Theme", list(labels), format_func=lambda k: labels[k], key=f"{key}_rename_theme")
        name = st.text_input("New name (empty: back to its top terms)", max_chars=80, key=f"{key}_rename_name")
        if st.form_submit_button("Save the name") and attempt(rename_theme, actor, key=theme, name=name):
            st.success("Saved. The new name shows on every page.")
