"""The demo's present (2026): Hà Tĩnh's current wards and communes, all sample data.

The data is in present.json beside this loader: the 2025 figures (baselines), the 2026
resolution of the province (targets of every form, a rank and a rise in a ranking among them),
its term resolution 2025–2030 with the first year's progress, the 2026 resolutions of six wards
and communes, and their figures at six months, nine months and the year's estimate, each report
at its own stage (draft, submitted, returned with a reason, approved), some with their official
figures. Everything goes through the services with `is_sample`, which the pages show as "mẫu",
and a second load changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from chitieu.actuals.models import Actual, ActualKind, Submission, SubmissionStatus
from chitieu.actuals.services import (
    BaselineInput,
    ValueInput,
    actuals_save,
    baselines_save,
    submission_approve,
    submission_return,
    submission_submit,
)
from chitieu.core.periods import Period
from chitieu.core.users import Actor
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Comparison, Measure, Resolution, Target
from chitieu.targets.services import resolution_create, target_create
from chitieu.units.models import Unit, UnitType
from chitieu.units.services import unit_create

D = Decimal
HA_TINH = "province:tinhhatinh"
YEAR = "2026"
REFORM = dt.date(2025, 7, 1)
NOTE = "Dữ liệu mẫu: số hiệu, chỉ tiêu và số liệu đều là giả định."


def _data() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "present.json").read_text(encoding="utf-8"))


DATA = _data()
# The ward reporters of the demo accounts, by the unit they report for.
REPORTERS = {
    "Phường Sông Trí": "songtri",
    "Phường Hải Ninh": "haininh",
    "Phường Hoành Sơn": "hoanhson",
    "Phường Vũng Áng": "vungang",
    "Xã Kỳ Hoa": "kyhoa",
    "Phường Thành Sen": "thanhsen",
}


class PresentLoader:
    def __init__(self) -> None:
        users = get_user_model().objects
        self.admin: Actor = users.get(username="admin")
        self.planner: Actor = users.filter(username="kehoach").first() or self.admin
        self.indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
        self.source = DATA["source"]

    # -- resolutions and targets -----------------------------------------------------------
    def resolution(self, unit: Unit, spec: Mapping[str, Any]) -> Resolution:
        existing = Resolution.objects.filter(unit=unit, number=spec["number"]).first()
        if existing:
            return existing
        return resolution_create(
            actor=self.admin,
            unit=unit,
            number=spec["number"],
            title=spec["title"],
            date=dt.date.fromisoformat(spec["date"]),
            issuing_body=spec["body"],
            period=spec["period"],
            is_sample=True,
            note=spec.get("note", NOTE),
        )

    def targets(
        self, resolution: Resolution, issuer: str, items: Sequence[Mapping[str, Any]]
    ) -> None:
        existing = set(
            Target.objects.filter(resolution=resolution).values_list("indicator__code", "measure")
        )
        for order, item in enumerate(items, start=1):
            measure = item.get("measure", Measure.LEVEL)
            if (item["code"], measure) in existing:
                continue
            target_create(
                actor=self.admin,
                resolution=resolution,
                indicator=self.indicators[item["code"]],
                issuer=issuer,
                value=D(item["value"]),
                measure=measure,
                comparison=item.get("comparison", Comparison.REACH),
                upper=D(item["upper"]) if item.get("upper") else None,
                threshold=D(item["threshold"]) if item.get("threshold") else None,
                is_main=item.get("main", True),
                wording=item.get("wording", ""),
                order=order,
                is_sample=True,
            )

    # -- figures ---------------------------------------------------------------------------
    def baselines(self, unit: Unit, values: Mapping[str, str]) -> None:
        """The 2025 figures beside the 2026 targets (official figures of 2025), and those of
        its six and nine months: a flow's share of the year, a level as at the year's end."""
        shares = {YEAR: D(1)} | {
            period: D(share)
            for period, share in DATA["baseline_shares"].items()
            if period != "about"
        }
        for period, share in shares.items():
            base = Period.parse(period).same_period_last_year().code
            current = dict(
                Actual.objects.filter(unit=unit, period=base, kind=ActualKind.OFFICIAL).values_list(
                    "indicator__code", "version"
                )
            )
            inputs = []
            for code, value in values.items():
                indicator = self.indicators[code]
                figure = D(value)
                if indicator.nature == "flow":
                    figure = (figure * share).quantize(D(1).scaleb(-min(indicator.decimals, 1)))
                inputs.append(BaselineInput(indicator, figure, current.get(code, 0)))
            baselines_save(
                actor=self.admin,
                unit=unit,
                period=period,
                values=inputs,
                source=self.source,
                sample=True,
            )

    def figures(
        self,
        unit: Unit,
        period: str,
        values: Mapping[str, str],
        actor: Actor,
        kind: str = ActualKind.ESTIMATE,
    ) -> None:
        submission = Submission.objects.filter(unit=unit, period=period, kind=kind).first()
        if submission and not submission.is_editable:
            return
        current = dict(
            Actual.objects.filter(unit=unit, period=period, kind=kind).values_list(
                "indicator__code", "version"
            )
        )
        actuals_save(
            actor=actor,
            unit=unit,
            period=period,
            kind=kind,
            values=[
                ValueInput(self.indicators[code], D(value), current.get(code, 0))
                for code, value in values.items()
            ],
            source=self.source,
            sample=True,
        )

    def stage(
        self,
        unit: Unit,
        period: str,
        wanted: str,
        actor: Actor,
        kind: str = ActualKind.ESTIMATE,
        reason: str = "",
    ) -> None:
        """Carry the report to its stage once: a report already there (or past it) stays."""
        if wanted == SubmissionStatus.DRAFT:
            return
        submission = Submission.objects.filter(unit=unit, period=period, kind=kind).first()
        status = submission.status if submission else SubmissionStatus.DRAFT
        if status == SubmissionStatus.DRAFT:
            submission_submit(actor=actor, unit=unit, period=period, kind=kind)
            status = SubmissionStatus.SUBMITTED
        if status != SubmissionStatus.SUBMITTED:
            return
        if wanted == SubmissionStatus.APPROVED:
            submission_approve(
                actor=self.planner, unit=unit, period=period, kind=kind, comment=self.source
            )
        elif wanted == SubmissionStatus.RETURNED:
            submission_return(
                actor=self.planner, unit=unit, period=period, kind=kind, comment=reason
            )

    def groups(self, ward: Unit, names: list[str]) -> dict[str, Unit]:
        """The ward's tổ dân phố, made once."""
        found = {unit.name: unit for unit in Unit.objects.filter(parent=ward, name__in=names)}
        for name in names:
            if name not in found:
                found[name] = unit_create(
                    actor=self.admin,
                    name=name,
                    type=UnitType.RESIDENTIAL_GROUP,
                    parent=ward,
                    valid_from=REFORM,
                    reason=self.source,
                )
        return found


def load_demo_present() -> None:
    with transaction.atomic():
        loader = PresentLoader()
        province = Unit.objects.get(source_key=HA_TINH)
        _province(loader, province)
        for spec in DATA["wards"]:
            _ward(loader, province, spec)


def _province(loader: PresentLoader, province: Unit) -> None:
    data = DATA["province"]
    resolution = loader.resolution(province, data["resolution"])
    loader.targets(resolution, data["issuer"], data["targets"])
    term = data["term"]
    plan = loader.resolution(province, term["resolution"])
    loader.targets(plan, term["issuer"], term["targets"])
    loader.baselines(province, data["baselines_2025"])
    for period, values in data["figures"].items():
        loader.figures(province, period, values | term["figures"][period], loader.admin)


def _ward(loader: PresentLoader, province: Unit, spec: Mapping[str, Any]) -> None:
    ward = Unit.objects.get(parent=province, name=spec["name"], valid_from=REFORM)
    forms = {code: item for code, item in DATA["ward_targets"].items() if code != "about"}
    items: list[dict[str, Any]] = []
    for code, form in forms.items():
        value = spec["plans"].get(code, form.get("value"))
        items.append({"code": code, **form, "value": value})
    for code, count in spec.get("groups", {}).items():
        items.append(
            {
                "code": code,
                "value": count["plan"],
                "threshold": count["threshold"],
                "measure": Measure.SUBUNIT_COUNT,
                "comparison": Comparison.AT_LEAST,
                "wording": f"{count['plan']} tổ dân phố đạt chuẩn an toàn về an ninh, trật tự",
            }
        )
    body = spec.get("body", f"HĐND {ward.name[0].lower()}{ward.name[1:]}")
    resolution = loader.resolution(
        ward,
        {
            "number": spec["number"],
            "title": f"Kế hoạch phát triển kinh tế - xã hội năm {YEAR}",
            "date": "2025-12-18",
            "body": body,
            "period": YEAR,
        },
    )
    loader.targets(resolution, spec.get("issuer", "HĐND phường giao"), items)
    loader.baselines(ward, spec["baselines_2025"])
    reporter = (
        get_user_model().objects.filter(username=REPORTERS.get(ward.name, "")).first()
        or loader.admin
    )
    stages = spec["stages"]
    for period, values in spec["figures"].items():
        loader.figures(ward, period, values, reporter)
        loader.stage(ward, period, stages[period], reporter, reason=spec.get("returned_reason", ""))
    for code, count in spec.get("groups", {}).items():
        groups = loader.groups(ward, list(count["figures"]))
        for name, value in count["figures"].items():
            loader.figures(groups[name], YEAR, {code: value}, loader.admin)
    if official := spec.get("official_2026"):
        loader.figures(ward, YEAR, official, reporter, kind=ActualKind.OFFICIAL)
        loader.stage(ward, YEAR, stages["official"], reporter, kind=ActualKind.OFFICIAL)
