"""The bench's province: generated once, with bulk inserts (it measures reads, not writes)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from chitieu.actuals.models import Actual
from chitieu.core import versions
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
                        value=sum(quarters, Decimal(0)).quantize(Decimal("0.001")),
                    )
                )
    Target.objects.bulk_create(targets, batch_size=5000)
    Actual.objects.bulk_create(actuals, batch_size=5000)
    versions.bump(versions.NATIONAL)  # written past the services: nothing stored still holds
    return province, admin


# -- the monthly province and the country ------------------------------------------------------

MONTHLY_KEY = "bench:monthly"
MONTHLY_YEARS = [2023, 2024]
COUNTRY_KEY = "bench:country"
COUNTRY_PROVINCES = 34
COUNTRY_COMMUNES = 3321
COUNTRY_YEAR = 2025


def indicators() -> list[Indicator]:
    """The bench's 60 indicators (created with the quarterly province)."""
    return list(Indicator.objects.filter(code__in=INDICATORS).order_by("code"))


def _copy_actuals(rows: list[tuple]) -> None:
    """Figures written the fastest way the database has (COPY on PostgreSQL)."""
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    columns = "unit_id, indicator_id, period, kind, value, version, updated_at, is_sample"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY actuals_actual ({columns}) FROM STDIN") as copy:
                for unit_id, indicator_id, period, kind, value in rows:
                    copy.write_row((unit_id, indicator_id, period, kind, value, 1, now, False))
        else:
            cursor.executemany(
                f"INSERT INTO actuals_actual ({columns}) VALUES (%s, %s, %s, %s, %s, 1, %s, 0)",
                [(*row, now) for row in rows],
            )


def _unit(name: str, type_: str, parent: Unit | None, key: str = "") -> Unit:
    unit = Unit(name=name, type=type_, parent=parent, source_key=key or None, path="")
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.refresh_search_name()
    unit.save(update_fields=["path", "search_name"])
    return unit


def _communes(parent: Unit, count: int, start: int) -> list[Unit]:
    communes = Unit.objects.bulk_create(
        Unit(
            name=f"Xã Thử {n:04d}",
            type="xa",
            parent=parent,
            path="",
            search_name=f"xa thu {n:04d}",
        )
        for n in range(start, start + count)
    )
    for commune in communes:
        commune.path = f"{parent.path}{commune.pk}/"
    Unit.objects.bulk_update(communes, ["path"], batch_size=2000)
    return communes


def _targets_and_months(
    units: list[Unit], catalogue: list[Indicator], years: list[int], rng: random.Random
) -> None:
    """A target per unit, indicator and last year; official monthly figures for every year."""
    targets, figures = [], []
    last = years[-1]
    resolutions = Resolution.objects.bulk_create(
        Resolution(
            number=f"{unit.pk}-{last}",
            title="Thử",
            date=dt.date(last - 1, 12, 1),
            issuing_body="HĐND",
            unit=unit,
            period=str(last),
        )
        for unit in units
    )
    for unit, resolution in zip(units, resolutions, strict=True):
        for indicator in catalogue:
            plan = Decimal(rng.randint(50, 500))
            targets.append(
                Target(
                    resolution=resolution,
                    indicator=indicator,
                    unit=unit,
                    period=str(last),
                    issuer="HĐND",
                    value=plan,
                )
            )
            for year in years:
                for month in range(1, 13):
                    share = plan / 12 if indicator.nature == "flow" else plan
                    value = share * Decimal(str(round(rng.uniform(0.85, 1.15), 3)))
                    figures.append(
                        (
                            unit.pk,
                            indicator.pk,
                            f"{year}-M{month:02d}",
                            "official",
                            value.quantize(Decimal("0.001")),
                        )
                    )
        if len(figures) > 200_000:
            _copy_actuals(figures)
            figures = []
    Target.objects.bulk_create(targets, batch_size=5000)
    _copy_actuals(figures)


@transaction.atomic
def build_monthly_province() -> Unit:
    """120 communes reporting monthly only, and the province with its own targets and months."""
    existing = Unit.objects.filter(source_key=MONTHLY_KEY).first()
    if existing:
        return existing
    rng = random.Random(11)
    province = _unit("Tỉnh Thử Theo Tháng", "tinh", None, MONTHLY_KEY)
    communes = _communes(province, COMMUNES, 0)
    _targets_and_months([province, *communes], indicators(), MONTHLY_YEARS, rng)
    versions.bump(versions.NATIONAL)  # written past the services: nothing stored still holds
    return province


@transaction.atomic
def build_country() -> Unit:
    """The country: 34 provinces, 3,321 communes, 60 targets each, a year of monthly figures."""
    existing = Unit.objects.filter(source_key=COUNTRY_KEY).first()
    if existing:
        return existing
    rng = random.Random(13)
    country = _unit("Việt Nam (thử)", "quoc_gia", None, COUNTRY_KEY)
    catalogue = indicators()
    start = 0
    for number in range(COUNTRY_PROVINCES):
        count = COUNTRY_COMMUNES // COUNTRY_PROVINCES + (
            number < COUNTRY_COMMUNES % COUNTRY_PROVINCES
        )
        province = _unit(f"Tỉnh Thử {number:02d}", "tinh", country)
        communes = _communes(province, count, start)
        start += count
        _targets_and_months([province, *communes], catalogue, [COUNTRY_YEAR], rng)
    versions.bump(versions.NATIONAL)  # written past the services: nothing stored still holds
    return country


def bench_admin():
    return get_user_model().objects.get(username="bench")


def copy_with_revisions(rows: list[tuple], author_id: int) -> None:
    """The bulk's baseline: COPY of the figures, then their first revisions in one statement."""
    from django.db import connection

    _copy_actuals(rows)
    periods = sorted({row[2] for row in rows})
    marks = ",".join(["%s"] * len(periods))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO actuals_actualrevision "
            "(actual_id, version, value, author_id, created_at, source, quote, comment) "
            "SELECT id, 1, value, %s, CURRENT_TIMESTAMP, '', '', '' FROM actuals_actual "
            f"WHERE period IN ({marks}) AND kind = 'estimate'",
            [author_id, *periods],
        )


def bulk_audit_row(author_id: int, values: list[tuple[int, str, str, str]]) -> tuple:
    """The audit row the bulk writes for a chunk of new figures, serialised ahead of time."""
    import json

    from django.contrib.contenttypes.models import ContentType

    before = {
        f"{code} · (#{unit}) · {period} · estimate": None for unit, code, period, _v in values
    }
    after = {f"{code} · (#{unit}) · {period} · estimate": v for unit, code, period, v in values}
    content_type = ContentType.objects.get_for_model(Actual).pk
    return (
        author_id,
        "action",
        "nhập hàng loạt",
        content_type,
        "",
        f"{len(values)} số liệu",
        json.dumps(before, ensure_ascii=False),
        json.dumps(after, ensure_ascii=False),
        "API",
        "",
    )


def copy_audit_rows(rows: list[tuple]) -> None:
    """The baseline's audit rows, by COPY (executemany elsewhere)."""
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    columns = (
        "time, actor_id, action, verb, content_type_id, object_id, object_repr, before, after, "
        "reason, scope_path"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY core_objectchange ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((now, *row))
        else:
            cursor.executemany(
                f"INSERT INTO core_objectchange ({columns}) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(now, *row) for row in rows],
            )
