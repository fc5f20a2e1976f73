"""Every imported date lies between the configured earliest day and today; months print with four-digit years."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine

from cxdash import config, ingest
from cxdash.present import from_month_key, month_key, month_label
from tests.ingest.helpers import RESPONSE_HEADER, TODAY, load_base

OLD_ROW = RESPONSE_HEADER + "R9,C9,NORTH,WEB,web,1995-06-30,9,,,\n"


def test_the_earliest_date_is_a_setting(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    load_base(engine)
    refused = ingest.import_file(engine, "responses", OLD_ROW.encode(), today=TODAY)
    assert [(p.line, p.column, p.value) for p in refused.problems] == [(2, "responded_on", "1995-06-30")]
    assert "before 2000-01-01" in refused.problems[0].reason
    monkeypatch.setenv(config.EARLIEST_DATE, "1990-01-01")
    assert ingest.import_file(engine, "responses", OLD_ROW.encode(), today=TODAY).inserted == 1


def test_the_last_day_allowed_is_today(engine: Engine) -> None:
    load_base(engine)
    today = RESPONSE_HEADER + f"R9,C9,NORTH,WEB,web,{TODAY.isoformat()},9,,,\n"
    assert ingest.import_file(engine, "responses", today.encode(), today=TODAY).inserted == 1


def test_a_malformed_earliest_date_setting_is_named() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(config.EARLIEST_DATE, "2000/01/01")
        with pytest.raises(ValueError, match="CXDASH_EARLIEST_DATE must be a date"):
            config.earliest_date()


@pytest.mark.parametrize(("month", "key", "label"), [(date(26, 10, 1), "0026-10", "October 26"),
                                                     (date(2026, 10, 1), "2026-10", "October 2026")])  # fmt: skip
def test_a_month_key_has_four_digits_whatever_the_year(month: date, key: str, label: str) -> None:
    assert (month_key(month), from_month_key(key), month_label(month)) == (key, month, label)
