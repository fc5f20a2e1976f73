"""Themes on the sample, and who may read which example comments."""

from datetime import date

import pytest
from sqlalchemy.engine import Engine

from cxdash import db
from cxdash.edits.themes import ThemeNameError, rename_theme
from cxdash.permissions import Actor, PermissionDenied
from cxdash.views.themes import theme_fit, themes

YEAR = (date(2025, 11, 1), date(2026, 10, 1))
CCO = Actor("cco", "cco")


def test_the_sample_has_at_least_five_distinct_themes_with_examples(sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        fit = theme_fit(session)
    view = themes(fit, actor=CCO, month_from=YEAR[0], month_to=YEAR[1])
    assert len(view.table) >= 5
    assert view.table["theme"].is_unique
    with_examples = [k for k in view.table["key"] if view.examples.get(k)]
    assert len(with_examples) >= 5
    terms = " ".join(view.table["terms"])
    for subject in ("app", "invoice", "setup", "portal", "renewal"):
        assert subject in terms


def test_a_regional_manager_sees_counts_but_not_another_regions_words(sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        fit = theme_fit(session)
    manager = Actor("nae", "regional_manager", region="NAE")
    view = themes(fit, actor=manager, month_from=YEAR[0], month_to=YEAR[1], region="DACH")
    assert view.table["mentions"].sum() > 0
    assert all(not examples for examples in view.examples.values())
    assert "not shown" in view.note
    dach_words = set(fit.comments[fit.comments["region"] == "DACH"]["comment"])
    nae_only = set(fit.comments[fit.comments["region"] == "NAE"]["comment"]) - dach_words
    own = themes(fit, actor=manager, month_from=YEAR[0], month_to=YEAR[1])
    shown = {text for examples in own.examples.values() for text in examples}
    assert shown and shown <= set(fit.comments[fit.comments["region"] == "NAE"]["comment"])
    assert nae_only  # the check above could not pass by accident on identical texts


def test_under_five_mentions_shows_no_nps(sample_url: str) -> None:
    with db.session(db.make_engine(sample_url)) as session:
        fit = theme_fit(session)
    view = themes(fit, actor=CCO, month_from=date(2026, 10, 1), month_to=date(2026, 10, 1), region="ANZ")
    small = view.table[view.table["mentions"] < 5]
    assert small["nps"].isna().all() and small["ci_low"].isna().all()


def test_a_name_replaces_the_top_terms_and_can_be_removed(engine: Engine) -> None:
    with db.session(engine) as session:
        assert "now called" in rename_theme(session, actor=CCO, key="a|b|c", name="  Waiting  on hold ")
        rename_theme(session, actor=CCO, key="a|b|c", name="Waiting on hold (phone)")
    from cxdash.queries.themes import theme_names

    with db.session(engine) as session:
        assert theme_names(session) == {"a|b|c": "Waiting on hold (phone)"}
        rename_theme(session, actor=CCO, key="a|b|c", name="")
        assert theme_names(session) == {}


def test_naming_is_refused_to_other_roles_and_too_long_names(engine: Engine) -> None:
    with db.session(engine) as session, pytest.raises(PermissionDenied):
        rename_theme(session, actor=Actor("exec", "executive"), key="a|b|c", name="x")
    with db.session(engine) as session, pytest.raises(ThemeNameError, match="80 characters"):
        rename_theme(session, actor=CCO, key="a|b|c", name="x" * 81)
