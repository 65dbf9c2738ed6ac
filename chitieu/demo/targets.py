"""Demo resolutions, targets and figures for Hà Tĩnh and Thanh Hóa, 2020–2022.

The data is in targets.json beside this loader. Figures that the articles in shared/corpus report
are entered as they are (and plans are reconstructed from the ratios the articles give); everything
else is generated from a fixed seed and stored with `is_sample`, which the pages show as "mẫu".
Thị xã Kỳ Anh 2021 has 15 main targets of which 11 are met, as its article says. Everything goes
through the services.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from chitieu.actuals.models import Actual, ActualKind, Submission, SubmissionStatus
from chitieu.actuals.services import (
    ValueInput,
    actuals_save,
    submission_approve,
    submission_submit,
)
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Comparison, Measure, Resolution, Target
from chitieu.targets.services import resolution_create, target_create
from chitieu.units.models import Unit, UnitType
from chitieu.units.services import unit_create

D = Decimal
HA_TINH = "province:tinhhatinh"
THANH_HOA = "province:tinhthanhhoa"
SAMPLE_NOTE = "Dữ liệu mẫu: số hiệu và các giá trị không có trong bài báo là giả định."


@dataclass(frozen=True)
class T:
    """A target to create: indicator code, plan, and its form."""

    code: str
    value: Decimal | None
    measure: str = Measure.LEVEL
    comparison: str = Comparison.REACH
    upper: Decimal | None = None
    subject: str = ""  # name of a sub-unit, for milestones
    main: bool = True
    wording: str = ""
    sample: bool = False


def district(name: str, province: str = HA_TINH) -> Unit:
    return Unit.objects.get(parent__source_key=province, name=name, valid_to=dt.date(2025, 6, 30))


def _unit_under(parent: Unit, name: str) -> Unit:
    return Unit.objects.get(parent=parent, name=name)


class DemoLoader:
    def __init__(self) -> None:
        self.admin = get_user_model().objects.get(username="admin")
        self.indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
        self.random = random.Random(2021)

    # -- targets ---------------------------------------------------------------------------
    def resolution(
        self,
        unit: Unit,
        number: str,
        title: str,
        date: dt.date,
        body: str,
        period: str,
        sample: bool,
        note: str = "",
    ) -> Resolution:
        existing = Resolution.objects.filter(unit=unit, number=number).first()
        if existing:
            return existing
        return resolution_create(
            actor=self.admin,
            unit=unit,
            number=number,
            title=title,
            date=date,
            issuing_body=body,
            period=period,
            is_sample=sample,
            note=note or (SAMPLE_NOTE if sample else ""),
        )

    def targets(
        self,
        resolution: Resolution,
        issuer: str,
        items: list[T],
        unit: Unit | None = None,
        period: str | None = None,
    ) -> None:
        unit = unit or resolution.unit
        for order, item in enumerate(items, start=1):
            indicator = self.indicators[item.code]
            if Target.objects.filter(
                resolution=resolution,
                unit=unit,
                indicator=indicator,
                issuer=issuer,
                measure=item.measure,
            ).exists():
                continue
            target_create(
                actor=self.admin,
                resolution=resolution,
                indicator=indicator,
                issuer=issuer,
                value=item.value,
                unit=unit,
                period=period,
                measure=item.measure,
                comparison=item.comparison,
                upper=item.upper,
                subject_unit=_unit_under(unit, item.subject) if item.subject else None,
                is_main=item.main,
                wording=item.wording,
                order=order,
                is_sample=item.sample,
            )

    # -- figures ---------------------------------------------------------------------------
    def figures(
        self,
        unit: Unit,
        period: str,
        values: Mapping[str, Decimal | int | str],
        kind: str = ActualKind.ESTIMATE,
        source: str = "",
        sample: bool = False,
    ) -> None:
        current = {
            actual.indicator.code: actual
            for actual in Actual.objects.filter(unit=unit, period=period, kind=kind).select_related(
                "indicator"
            )
        }
        inputs = [
            ValueInput(
                self.indicators[code],
                D(str(value)),
                current[code].version if code in current else 0,
            )
            for code, value in values.items()
        ]
        submission = Submission.objects.filter(unit=unit, period=period, kind=kind).first()
        if submission and not submission.is_editable:
            return
        saved = actuals_save(
            actor=self.admin,
            unit=unit,
            period=period,
            kind=kind,
            values=inputs,
            source=source or ("Dữ liệu mẫu" if sample else ""),
        )
        if sample and saved:
            Actual.objects.filter(pk__in=[actual.pk for actual in saved]).update(is_sample=True)

    def approve(self, unit: Unit, period: str) -> None:
        submission = Submission.objects.filter(
            unit=unit, period=period, kind=ActualKind.ESTIMATE
        ).first()
        if submission and submission.status == SubmissionStatus.APPROVED:
            return
        submission_submit(actor=self.admin, unit=unit, period=period)
        submission_approve(actor=self.admin, unit=unit, period=period, comment="Dữ liệu mẫu")

    # -- generated sample values -------------------------------------------------------------
    def sample_pair(self, plan: Decimal, meet: bool, places: int = 1) -> Decimal:
        """An actual for `plan` that meets it or not (in the indicator's better direction)."""
        factor = self.random.uniform(1.01, 1.12) if meet else self.random.uniform(0.85, 0.97)
        return (plan * D(str(round(factor, 4)))).quantize(D(1).scaleb(-places))


def _data() -> dict[str, Any]:
    return json.loads((Path(__file__).parent / "targets.json").read_text(encoding="utf-8"))


DATA = _data()
OTHER_DISTRICTS = DATA["other_districts"]
CLUSTER_1: list[str] = OTHER_DISTRICTS["cluster_1"]
OTHERS: list[str] = OTHER_DISTRICTS["others"]
SAMPLE_SET: list[str] = OTHER_DISTRICTS["sample_set"]


def target(item: Mapping[str, Any]) -> T:
    """A target of the data file: decimals are written as strings."""
    fields = dict(item)
    fields.pop("actual", None)
    for key in ("value", "upper"):
        if fields.get(key) is not None:
            fields[key] = D(fields[key])
    return T(**fields)


def targets_of(items: list[dict[str, Any]]) -> list[T]:
    return [target(item) for item in items]


def _resolution(loader: DemoLoader, unit: Unit, spec: Mapping[str, Any]) -> Resolution:
    return loader.resolution(unit, **(dict(spec) | {"date": dt.date.fromisoformat(spec["date"])}))


def load_demo_targets() -> None:
    with transaction.atomic():
        loader = DemoLoader()
        _ky_anh(loader)
        _cam_xuyen(loader)
        _vinh_loc(loader)
        _other_ha_tinh_districts(loader)
        _ha_tinh_province(loader)


# -- Thị xã Kỳ Anh: 15 main targets of 2021, 11 met, as the article says
def _ky_anh(loader: DemoLoader) -> None:
    data = DATA["ky_anh"]
    town = district("Thị xã Kỳ Anh")
    resolution = _resolution(loader, town, data["resolution_2021"])
    loader.targets(resolution, data["issuer_2021"], targets_of(data["targets_2021"]))
    loader.figures(town, "2020", kind=ActualKind.OFFICIAL, **data["figures_2020"])
    real = {t["code"]: t["actual"] for t in data["targets_2021"] if not t.get("sample")}
    generated = {t["code"]: t["actual"] for t in data["targets_2021"] if t.get("sample")}
    loader.figures(town, "2021", real, source=data["source"])
    loader.figures(town, "2021", generated | data["extra_sample_2021"], sample=True)
    loader.approve(town, "2021")

    party = _resolution(loader, town, data["resolution_2022"])
    plans = {t.code: t for t in targets_of(data["targets_2022"])}
    loader.targets(party, data["issuer_2022"], list(plans.values()))
    loader.figures(town, "2022-H1", data["figures_2022_h1"], sample=True)
    loader.figures(town, "2021-H1", data["figures_2021_h1"], sample=True)
    given = data["figures_2022"]
    loader.figures(
        town,
        "2022",
        {
            code: _sample_actual(
                loader, code, plans[code].value or D(0), code not in data["not_met_2022"]
            )
            for code in plans
            if code not in given
        }
        | given,
        sample=True,
    )


# -- Huyện Cẩm Xuyên: 25 main targets of 2021, 23 met ("23/25 chỉ tiêu đạt và vượt kế hoạch")
def _cam_xuyen(loader: DemoLoader) -> None:
    data = DATA["cam_xuyen"]
    cam_xuyen = district("Huyện Cẩm Xuyên")
    resolution = _resolution(loader, cam_xuyen, data["resolution_2021"])
    real = [(target(item), item["actual"]) for item in data["targets_2021"]]
    bases = _sample_bases()
    generated = []
    for code in data["sample_codes_2021"]:
        plan = bases[code]
        meet = code not in data["not_met_2021"]  # with KT03, the two targets not met
        generated.append((T(code, plan, sample=True), _sample_actual(loader, code, plan, meet)))
    loader.targets(resolution, data["issuer_2021"], [t for t, _a in real + generated])
    reported = data["reported_2021"]
    loader.figures(cam_xuyen, "2021", reported, source=data["source"])
    loader.figures(
        cam_xuyen,
        "2021",
        {t.code: a for t, a in real + generated if t.code not in reported}
        | data["extra_sample_2021"],
        sample=True,
    )
    loader.figures(cam_xuyen, "2020", kind=ActualKind.OFFICIAL, **data["figures_2020"])

    term = _resolution(loader, cam_xuyen, data["resolution_term"])
    loader.targets(term, data["issuer_term"], targets_of(data["targets_term"]))
    loader.approve(cam_xuyen, "2021")

    plan_2022 = _resolution(loader, cam_xuyen, data["resolution_2022"])
    loader.targets(plan_2022, data["issuer_2022"], targets_of(data["targets_2022"]))
    loader.figures(cam_xuyen, "2022", data["figures_2022"], sample=True)
    communes = list(Unit.objects.filter(parent=cam_xuyen).order_by("name"))
    reaching = data["communes_new_ntm"]
    for index, commune in enumerate(communes):
        for period in ("2021", "2022"):
            value = 1 if index < reaching[period] else 0
            loader.figures(commune, period, {"KT16": value}, sample=True)


# -- Huyện Vĩnh Lộc (Thanh Hóa): 26 main targets of 2021, 21 met, 10 of them exceeded
def _vinh_loc(loader: DemoLoader) -> None:
    data = DATA["vinh_loc"]
    vinh_loc = district("Huyện Vĩnh Lộc", THANH_HOA)
    school = Unit.objects.filter(parent=vinh_loc, name=data["school"]).first()
    if school is None:
        school = unit_create(
            actor=loader.admin,
            name=data["school"],
            type=UnitType.SCHOOL,
            parent=vinh_loc,
            reason="Dữ liệu mẫu",
        )
    resolution = _resolution(loader, vinh_loc, data["resolution_2021"])
    reported = data["reported_2021"]
    bases = _sample_bases() | {code: D(item["plan"]) for code, item in reported.items()}
    items, values = [], {}
    for index, code in enumerate(data["codes_2021"]):
        plan = bases[code]
        items.append(T(code, plan, sample=code not in reported))
        if index < data["exceeded_2021"]:
            values[code] = _sample_actual(loader, code, plan, True)
        elif index < data["met_2021"]:
            values[code] = plan
        else:
            values[code] = _sample_actual(loader, code, plan, False)
    loader.targets(resolution, data["issuer_2021"], items)
    real = {code: item["actual"] for code, item in reported.items()}
    for code in real:
        values.pop(code)
    loader.figures(vinh_loc, "2021", real, source=data["source"])
    loader.figures(vinh_loc, "2021", values, sample=True)

    plan_2022 = _resolution(loader, vinh_loc, data["resolution_2022"])
    loader.targets(plan_2022, data["issuer_2022"], targets_of(data["targets_2022"]))
    loader.figures(vinh_loc, "2022", data["figures_2022"], sample=True)
    for name, figures in data["subject_figures_2022"]:
        loader.figures(_unit_under(vinh_loc, name), "2022", figures, sample=True)


# -- the rest of Hà Tĩnh (Cụm thi đua số 1 and the others): sample data
def _other_ha_tinh_districts(loader: DemoLoader) -> None:
    bases = _sample_bases()
    for name in CLUSTER_1 + OTHERS:
        unit = district(name)
        for year in OTHER_DISTRICTS["years"]:
            resolution = loader.resolution(
                unit,
                f"MẪU-{year}/NQ-HĐND",
                f"Kế hoạch phát triển kinh tế - xã hội năm {year}",
                dt.date(year - 1, 12, 15),
                f"HĐND {name}",
                str(year),
                sample=True,
            )
            items, values = [], {}
            for code in SAMPLE_SET:
                scale = D(str(round(loader.random.uniform(0.6, 1.6), 2)))
                plan = (
                    bases[code]
                    if loader.indicators[code].unit_of_measure == "%"
                    else (bases[code] * scale).quantize(
                        D(1) if loader.indicators[code].whole_numbers else D("0.1")
                    )
                )
                items.append(T(code, plan, sample=True))
                values[code] = _sample_actual(loader, code, plan, loader.random.random() < 0.8)
            loader.targets(resolution, OTHER_DISTRICTS["issuer"], items)
            loader.figures(unit, str(year), values, sample=True)
            loader.figures(
                unit, str(year), {"XH02": 20000 + loader.random.randint(0, 30000)}, sample=True
            )
        loader.approve(unit, "2021")


def _ha_tinh_province(loader: DemoLoader) -> None:
    data = DATA["province"]
    province = Unit.objects.get(source_key=HA_TINH)
    resolution = _resolution(loader, province, data["resolution"])
    for assigned in data["assigned"]:
        loader.targets(
            resolution,
            assigned["issuer"],
            targets_of(assigned["targets"]),
            unit=district(assigned["district"]),
        )
    # The province's own targets, evaluated from its districts' figures rolled up.
    loader.targets(resolution, data["issuer"], targets_of(data["targets"]))


def _sample_actual(loader: DemoLoader, code: str, plan: Decimal, meet: bool) -> Decimal:
    indicator = loader.indicators[code]
    places = min(indicator.decimals, 2)
    if indicator.direction == "lower":
        value = loader.sample_pair(plan, not meet, places)
    else:
        value = loader.sample_pair(plan, meet, places)
    if indicator.unit_of_measure == "%" and indicator.direction == "higher":
        value = min(value, D("100")) if meet else value
        if meet and value <= plan:
            value = plan
    return value


def _sample_bases() -> dict[str, Decimal]:
    """Plausible plans for a district, for generated sample data."""
    return {code: D(value) for code, value in DATA["sample_bases"].items()}
