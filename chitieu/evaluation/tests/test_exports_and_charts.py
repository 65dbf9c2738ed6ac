"""What moved out of the evaluation views: the request's period and view, the charts of the
pages, and the "as it is now" workbook's rows."""

from decimal import Decimal as D
from types import SimpleNamespace
from typing import Any

import pytest
from django.http import Http404
from django.test import RequestFactory

from chitieu.actuals.figurebook import View
from chitieu.core.periods import Period
from chitieu.evaluation.engine import Headline
from chitieu.evaluation.exports import overview_now_rows, source_of
from chitieu.evaluation.history import Series, SeriesPoint
from chitieu.evaluation.requests import period_and_view, view_of
from chitieu.evaluation.selectors import Overview, OverviewNow, UnitPage


def test_a_request_without_a_period_opens_on_the_newest_year_with_targets():
    request = RequestFactory().get("/", {"view": "official"})
    period, view = period_and_view(request, [2021, 2020])
    assert (period.code, view) == ("2021", View.OFFICIAL)
    assert view_of(RequestFactory().get("/")) == View.BEST


@pytest.mark.parametrize("query", [{"period": "2021-Q9"}, {"view": "guess"}])
def test_a_request_for_an_unknown_period_or_view_is_not_found(query):
    with pytest.raises(Http404):
        period_and_view(RequestFactory().get("/", query), [2021])


def test_each_source_of_a_value_as_it_is_now_reads_as_the_workbook_says():
    assert source_of(SeriesPoint(2021, D("15.5"), rolled_up_from=["A", "B"])) == "Cộng từ A, B"
    assert source_of(SeriesPoint(2021, None, blocked_by=["C"])) == "Không cộng được: C"
    assert source_of(SeriesPoint(2021, None, missing_from=["D"])) == "Chưa có số liệu của D"
    assert source_of(SeriesPoint(2021, D("4"))) == "Số liệu của đơn vị"
    assert source_of(SeriesPoint(2021, None)) == ""
    unit: Any = SimpleNamespace(name="Phường Mới")
    data = OverviewNow(None, None, 2021, [(unit, SeriesPoint(2021, D("15.5"), ["A"]))])
    assert overview_now_rows(data) == [("Phường Mới", D("15.5"), "Cộng từ A")]


def test_the_unit_page_charts_each_indicator_over_the_years():
    indicator = SimpleNamespace(code="KT06", name="Thu ngân sách", unit_of_measure="tỷ đồng")
    points = [SeriesPoint(2020, D("273.5")), SeriesPoint(2021, None)]
    page = UnitPage(None, None, [Series(indicator, points)])
    assert page.chart() == {
        "KT06": {
            "label": "Thu ngân sách (tỷ đồng)",
            "years": [2020, 2021],
            "values": ["273.5", None],
        }
    }


def test_the_overview_charts_met_against_the_rest_per_unit():
    def row(name, headline):
        unit = SimpleNamespace(name=name)
        return SimpleNamespace(unit=unit, results=[], primary_headline=lambda: headline)

    rows = [row("Xã A", Headline("HĐND", 15, 11, 10)), row("Xã B", None)]
    overview = Overview(None, Period.parse("2021"), rows, [])
    chart = overview.chart()
    assert {key: chart[key] for key in ("units", "achieved", "missed")} == {
        "units": ["Xã A", "Xã B"],
        "achieved": [11, 0],
        "missed": [4, 0],
    }
    assert overview.table() == [(rows[0], []), (rows[1], [])]
