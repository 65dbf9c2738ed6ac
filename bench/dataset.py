"""The bench's province: generated once, with bulk inserts (it measures reads, not writes)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from chitieu.actuals.models import Actual
from chitieu.indicators.models import Indicator
from chitieu.targets.models import Resolution, Target
from chitieu.units.models import Unit

COMMUNES = 120
YEARS = [2020, 2021, 2022, 2023, 2024]
INDICATORS = [f"B{number:02d}" for number in range(1, 61)]
PROVINCE_KEY = "bench:province"


@transaction.atomic
def build_province() -> tuple[Unit, object]:
    admin, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_superuser": True, "is_staff": True}
    )
    existing = Unit.objects.filter(source_key=PROVINCE_KEY).first()
    if existing:
        return existing, admin
    rng = random.Random(7)
    province = Unit.objects.create(
        name="Tỉnh Thử Nghiệm", type="tinh", source_key=PROVINCE_KEY, path=""
    )
    province.path = f"/{province.pk}/"
    province.refresh_search_name()
    province.save()
    communes = Unit.objects.bulk_create(
        Unit(
            name=f"Xã Thử {n:03d}",
            type="xa",
            parent=province,
            path="",
            search_name=f"xa thu {n:03d}",
        )
        for n in range(COMMUNES)
    )
    for commune in communes:
        commune.path = f"{province.path}{commune.pk}/"
    Unit.objects.bulk_update(communes, ["path"])
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=code,
            name=f"Chỉ tiêu thử {code}",
            unit_of_measure="%" if index % 3 == 0 else "tỷ đồng",
            category="kinh_te",
            direction="lower" if index % 7 == 0 else "higher",
            aggregation="sum",
            nature="stock" if index % 3 == 0 else "flow",
            decimals=2,
        )
        for index, code in enumerate(INDICATORS)
    )
    targets, actuals = [], []
    for commune in communes:
        for year in YEARS:
            resolution = Resolution(
                number=f"{commune.pk}-{year}",
                title="Thử",
                date=dt.date(year - 1, 12, 1),
                issuing_body="HĐND",
                unit=commune,
                period=str(year),
            )
            resolution.save()
            for indicator in indicators:
                plan = Decimal(rng.randint(50, 500))
                targets.append(
                    Target(
                        resolution=resolution,
                        indicator=indicator,
                        unit=commune,
                        period=str(year),
                        issuer="HĐND",
                        value=plan,
                    )
                )
                quarters = [
                    plan / 4 * Decimal(str(round(rng.uniform(0.85, 1.15), 3))) for _ in range(4)
                ]
                for quarter, value in enumerate(quarters, start=1):
                    actuals.append(
                        Actual(
                            unit=commune,
                            indicator=indicator,
                            period=f"{year}-Q{quarter}",
                            kind="official",
                            value=value.quantize(Decimal("0.001")),
                        )
                    )
                actuals.append(
                    Actual(
                        unit=commune,
                        indicator=indicator,
                        period=str(year),
                        kind="estimate",
                        value=sum(quarters).quantize(Decimal("0.001")),
                    )
                )
    Target.objects.bulk_create(targets, batch_size=5000)
    Actual.objects.bulk_create(actuals, batch_size=5000)
    return province, admin
