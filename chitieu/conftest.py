"""Shared fixtures: a small unit tree built through the services, and users on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser

from chitieu.accounts.models import Role
from chitieu.accounts.services import membership_create
from chitieu.units.models import Unit, UnitType
from chitieu.units.services import unit_create


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers",
        "unaudited(reason): the test writes domain rows directly (the audit tripwire is off)",
    )


@pytest.fixture(autouse=True)
def audit_tripwire(request):
    """Fail a test in which a domain model is saved or deleted outside an audited service, or a
    service writes rows without an audit row (see chitieu.testing.AuditTripwire)."""
    from chitieu.testing import AuditTripwire

    if request.node.get_closest_marker("unaudited"):
        yield None
        return
    with AuditTripwire() as tripwire:
        yield tripwire
    if tripwire.violations:
        pytest.fail("Unaudited writes:\n  " + "\n  ".join(dict.fromkeys(tripwire.violations)))


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: data versions of rolled-back tests repeat."""
    from django.core.cache import caches

    from chitieu.evaluation.store import forget_recent

    def empty() -> None:
        for cache in caches.all():
            cache.clear()
        forget_recent()

    empty()
    yield
    empty()


LEGACY_END = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)


@dataclass
class Tree:
    province: Unit
    town: Unit
    commune_a: Unit
    commune_b: Unit
    other_district: Unit
    commune_c: Unit
    new_ward: Unit


@pytest.fixture
def superuser(db) -> AbstractUser:
    return get_user_model().objects.create_superuser("root", password="pw-root-123")


@pytest.fixture
def tree(superuser) -> Tree:
    def make(name: str, unit_type: str, parent: Unit | None, **dates) -> Unit:
        return unit_create(actor=superuser, name=name, type=unit_type, parent=parent, **dates)

    province = make("Tỉnh Hà Tĩnh", UnitType.PROVINCE, None)
    town = make("Thị xã Kỳ Anh", UnitType.TOWN, province, valid_to=LEGACY_END)
    commune_a = make("Phường Kỳ Ninh", UnitType.WARD, town, valid_to=LEGACY_END)
    commune_b = make("Xã Kỳ Hà", UnitType.COMMUNE, town, valid_to=LEGACY_END)
    other = make("Huyện Cẩm Xuyên", UnitType.DISTRICT, province, valid_to=LEGACY_END)
    commune_c = make("Xã Cẩm Bình", UnitType.COMMUNE, other, valid_to=LEGACY_END)
    new_ward = make("Phường Hải Ninh", UnitType.WARD, province, valid_from=REFORM)
    return Tree(province, town, commune_a, commune_b, other, commune_c, new_ward)


@pytest.fixture
def make_user(db, superuser):
    def make(username: str, role: str | None = None, unit: Unit | None = None) -> AbstractUser:
        user = get_user_model().objects.create_user(username, password="pw-12345-abc")
        if role and unit:
            membership_create(actor=superuser, user=user, role=role, unit=unit)
        return user

    return make


@pytest.fixture
def reporter_a(make_user, tree) -> AbstractUser:
    """A reporter of Phường Kỳ Ninh only."""
    return make_user("reporter_a", Role.REPORTER, tree.commune_a)


@pytest.fixture
def planner(make_user, tree) -> AbstractUser:
    return make_user("planner", Role.PLANNER, tree.province)


@pytest.fixture
def unit_admin(make_user, tree) -> AbstractUser:
    """An administrator of Thị xã Kỳ Anh's subtree."""
    return make_user("unit_admin", Role.ADMIN, tree.town)


@pytest.fixture
def catalogue(db) -> dict:
    from chitieu.indicators.models import Indicator
    from chitieu.indicators.services import load_default_catalogue

    load_default_catalogue()
    return {indicator.code: indicator for indicator in Indicator.objects.all()}


@pytest.fixture
def town_resolution(tree, superuser, catalogue):
    """A 2021 resolution of Thị xã Kỳ Anh (the fixture tree's town)."""
    from chitieu.targets.services import resolution_create

    return resolution_create(
        actor=superuser,
        unit=tree.town,
        number="01/NQ-HĐND",
        title="Kế hoạch năm 2021",
        date=dt.date(2020, 12, 18),
        issuing_body="HĐND thị xã Kỳ Anh",
        period="2021",
    )


@pytest.fixture
def awards(db) -> dict:
    from chitieu.awards.models import AwardKind
    from chitieu.awards.rules.loading import load_award_catalogue

    load_award_catalogue()
    return {award.code: award for award in AwardKind.objects.all()}


@pytest.fixture
def board(make_user, tree) -> AbstractUser:
    """The province's Emulation and Commendation Board."""
    return make_user("board", Role.BOARD, tree.province)


@pytest.fixture
def town_board(make_user, tree) -> AbstractUser:
    """The emulation officer of Thị xã Kỳ Anh."""
    return make_user("town_board", Role.BOARD, tree.town)


@pytest.fixture
def media_root(settings, tmp_path):
    """Stored files in a fresh folder, served as in development (Django itself)."""
    settings.MEDIA_ROOT = tmp_path
    settings.SENDFILE_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def today(monkeypatch):
    """`today(date)` makes every `timezone.localdate()` of the code under test answer that day,
    so that a test about the decisions of January 2027 does not depend on the day it runs."""
    from django.utils import timezone

    real_localdate = timezone.localdate

    def set_today(day: dt.date) -> None:
        def localdate(value=None, timezone=None):
            return day if value is None else real_localdate(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)

    return set_today
