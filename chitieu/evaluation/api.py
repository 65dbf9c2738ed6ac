from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from chitieu.actuals.figurebook import View
from chitieu.core.converters import Id
from chitieu.core.periods import Period, PeriodError
from chitieu.evaluation import selectors
from chitieu.evaluation.loader import evaluate_units
from chitieu.targets.wording import describe
from chitieu.units.selectors import access_unit

router = Router()


class HeadlineOut(Schema):
    issuer: str
    total: int
    achieved: int
    exceeded: int
    nearly_met: int
    not_met: int
    no_data: int
    partial: bool = False  # within a year: counts on course and at risk, never "đạt"
    on_track: int = 0
    at_risk: int = 0
    text: str


class ResultOut(Schema):
    indicator: str
    issuer: str
    is_main: bool
    plan: Decimal | None
    actual: Decimal | None
    kind: str | None
    ratio: Decimal | None
    status: str
    target: str = ""  # in its own form and unit: "tăng 9%", "trong nhóm 10 tỉnh dẫn đầu"
    projected_status: str | None = None  # within a year: what the projected year end gives
    term_expected_share: Decimal | None = None  # a term target: % of the term gone
    term_achieved_share: Decimal | None = None  # and % of its target done
    is_sample: bool = False  # a sample target or judged on sample figures ("mẫu" on the pages)


class EvaluationOut(Schema):
    unit_id: int
    unit: str
    period: str
    headlines: list[HeadlineOut]
    term_targets: str = ""  # "Chỉ tiêu nhiệm kỳ: 3 đúng tiến độ, 1 cần tăng tốc"
    is_sample: bool = False  # some result is sample data
    results: list[ResultOut]


class ProvinceOut(Schema):
    unit_id: int
    unit: str
    headline: HeadlineOut | None


class NationalOut(Schema):
    period: str
    provinces: list[ProvinceOut]


@router.get("/national", response=NationalOut)
def national(
    request: HttpRequest, period: str, view: str = "best", sort: str = "name"
) -> dict[str, Any]:
    """Every province's headline for the period (users whose membership is national)."""
    try:
        parsed, chosen = Period.parse(period), View(view)
    except (PeriodError, ValueError) as error:
        raise Http404 from error
    data = selectors.national(request.user, parsed, chosen, sort)
    return {
        "period": parsed.code,
        "provinces": [
            {
                "unit_id": row.unit.pk,
                "unit": row.unit.name,
                "headline": {**h.__dict__, "text": h.text}
                if (h := row.primary_headline())
                else None,
            }
            for row in data.rows
        ],
    }


@router.get("/{unit_id}", response=EvaluationOut)
def evaluation(
    request: HttpRequest, unit_id: Id, period: str, view: str = "best"
) -> dict[str, Any]:
    """The headline per issuer and the status of every target of a unit for a period."""
    unit = access_unit(request.user, unit_id)
    try:
        parsed, chosen = Period.parse(period), View(view)
    except (PeriodError, ValueError) as error:
        raise Http404 from error
    (results,) = evaluate_units([unit], parsed, chosen)
    return {
        "unit_id": unit.pk,
        "unit": unit.name,
        "period": parsed.code,
        "headlines": [{**h.__dict__, "text": h.text} for h in results.headlines()],
        "results": [
            {
                "indicator": r.target.indicator.code,
                "issuer": r.target.issuer,
                "is_main": r.target.is_main,
                "plan": r.evaluation.plan,
                "actual": r.figure.value if r.figure else None,
                "kind": r.figure.kind if r.figure else None,
                "ratio": r.evaluation.ratio,
                "status": r.status.value,
                "target": describe(r.target),
                "projected_status": r.projected_status.value if r.projected_status else None,
                "term_expected_share": r.term.expected_share if r.term else None,
                "term_achieved_share": r.term.achieved_share if r.term else None,
                "is_sample": r.is_sample,
            }
            for r in results.results
        ],
        "term_targets": results.term_summary().text,
        "is_sample": results.is_sample,
    }
