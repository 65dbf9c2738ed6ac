"""Stored results (`evaluation.store`): read back, they equal the engine's on every target; a
write makes stale exactly the results it can change (its unit's and those of the units above
it; every unit below a tolerance set; everything after a change of the tree), in its own
transaction, so the next evaluation shows it."""

from __future__ import annotations

import uuid
from decimal import Decimal as D

import pytest
from django.core.cache import caches
from django.db import transaction

from chitieu.core.audit import audit_context
from chitieu.core.periods import Period
from chitieu.evaluation import store
from chitieu.evaluation.loader import (
    STORED_LAYOUT,
    evaluate_fresh,
    evaluate_units,
    load_indicators,
)
from chitieu.evaluation.services import policy_set
from chitieu.evaluation.store import forget_recent
from chitieu.evaluation.tests.test_bench_equality import (
    reference,
    small_catalogue,
    small_province,
    summary,
)
from chitieu.evaluation.tests.test_views import build
from chitieu.targets.models import Target
from chitieu.targets.services import target_update
from chitieu.testing import put
from chitieu.units.models import Unit, UnitType
from chitieu.units.services import unit_create

YEAR = Period.year_of(2021)


def stored_for(units: list[Unit], period: Period = YEAR, view: str = "best") -> set[Unit]:
    """The units whose results would be read from the store now."""
    lookup = store.Lookup(units, period.code, view, STORED_LAYOUT)
    lookup.read(load_indicators)
    return {unit for unit in units if unit.pk in lookup.found}


def statuses(units: list[Unit], period: Period = YEAR) -> list[list[str]]:
    return [[r.status.value for r in row.results] for row in evaluate_units(units, period)]


@pytest.mark.unaudited  # the small bench is written past the services
@pytest.mark.parametrize("code", ["2024", "2024-H1", "2024-Q3", "2024-9M"])
@pytest.mark.parametrize("view", ["best", "official", "estimate"])
def test_stored_results_read_back_equal_the_engine_on_every_target(
    db, code, view, django_assert_num_queries
):
    catalogue = small_catalogue()
    province, communes = small_province(catalogue)
    period = Period.parse(code)
    units = [province, *sorted(communes, key=lambda unit: unit.pk)]
    first = evaluate_units(units, period, view)  # worked out and stored
    assert stored_for(units, period, view) == set(units)
    # Kept as objects in this process: the data versions only.
    with django_assert_num_queries(1):
        kept = evaluate_units(units, period, view)
    # From the shared store, as another process reads them: the versions and the indicators.
    forget_recent()
    with django_assert_num_queries(2):
        again = evaluate_units(units, period, view)
    fresh = evaluate_fresh(units, period, view)
    found = [summary(r) for row in again for r in row.results]
    assert len(found) == 5 * 6
    assert found == [summary(r) for row in fresh for r in row.results]
    assert found == [summary(r) for row in first for r in row.results]
    assert found == [summary(r) for row in kept for r in row.results]
    assert [row.tolerance for row in again] == [row.tolerance for row in fresh]
    assert [row.headlines() for row in again] == [row.headlines() for row in fresh]
    if view == "best":
        assert found == reference(units, period)
    # One indicator object per indicator, shared by every result, as the loader gives them.
    indicators = {id(r.target.indicator) for row in again for r in row.results}
    assert len(indicators) == len(catalogue)


@pytest.fixture
def communes(tree, superuser, catalogue) -> list[Unit]:
    build(superuser, catalogue, tree.town, 3)
    return list(tree.town.children.filter(name__startswith="Xã Đo").order_by("name"))


def test_a_figure_saved_makes_stale_its_unit_and_the_units_above_only(
    tree, superuser, catalogue, communes
):
    units = [tree.province, tree.town, *communes]
    before = statuses(units)
    assert stored_for(units) == set(units)
    put(superuser, communes[0], catalogue["KT06"], "2021", "5")
    assert stored_for(units) == set(communes[1:])
    after = statuses(units)
    assert after[2][0] == "khong_dat" and before[2][0] == "vuot"
    assert after[3:] == before[3:]
    assert stored_for(units) == set(units)


def test_a_tolerance_set_above_makes_every_unit_below_stale(tree, superuser, catalogue, communes):
    put(superuser, communes[0], catalogue["KT06"], "2021", "9.8")
    assert statuses(communes)[0][0] == "gan_dat"
    policy_set(actor=superuser, unit=tree.province, near_met_tolerance=D("1"))
    assert stored_for(communes) == set()
    assert statuses(communes)[0][0] == "khong_dat"


def test_a_changed_target_shows_at_the_next_evaluation(tree, superuser, catalogue, communes):
    assert statuses(communes)[0][0] == "vuot"
    target = Target.objects.get(unit=communes[0], indicator=catalogue["KT06"])
    target_update(actor=superuser, target=target, value=D("12"))
    assert stored_for(communes) == set(communes[1:])
    assert statuses(communes)[0][0] == "khong_dat"


def test_a_change_of_the_tree_makes_everything_stale(tree, superuser, catalogue, communes):
    other = unit_create(actor=superuser, name="Tỉnh Nghệ An", type=UnitType.PROVINCE, parent=None)
    statuses([*communes, other])
    unit_create(actor=superuser, name="Xã Mới", type=UnitType.COMMUNE, parent=other)
    assert stored_for([*communes, other]) == set()


def test_a_write_rolled_back_leaves_the_stored_results_current(
    tree, superuser, catalogue, communes
):
    before = statuses(communes)

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        put(superuser, communes[0], catalogue["KT06"], "2021", "5")
        assert statuses(communes)[0][0] == "khong_dat"  # inside: its own stamps, the new figure
        raise Abandoned
    assert stored_for(communes) == set(communes)
    assert statuses(communes) == before


def shared_store(location: str) -> dict:
    """The settings' caches with the evaluation store on Redis (a key prefix of its own, so
    that no other test's stored results can be read)."""
    from django.conf import settings

    return {
        **settings.CACHES,
        "evaluation": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        },
    }


def test_results_stored_in_redis_are_read_by_another_process(
    tree, superuser, catalogue, communes, settings
):
    settings.CACHES = shared_store("redis://127.0.0.1:6379/0")
    try:
        caches["evaluation"].get("probe")
    except Exception:
        pytest.skip("no Redis on 127.0.0.1:6379")
    before = statuses(communes)
    forget_recent()  # as another worker would find them: only in Redis
    assert stored_for(communes) == set(communes)
    assert statuses(communes) == before
    put(superuser, communes[0], catalogue["KT06"], "2021", "5")
    forget_recent()
    assert stored_for(communes) == set(communes[1:])
    assert statuses(communes)[0][0] == "khong_dat"


def test_an_unreachable_store_means_the_engine_works_them_out_never_an_error(
    tree, superuser, catalogue, communes, settings
):
    expected = statuses(communes)
    forget_recent()
    settings.CACHES = shared_store("redis://127.0.0.1:1/0")  # nothing listens there
    assert statuses(communes) == expected
    assert statuses(communes) == expected  # kept in the process meanwhile


def test_results_worked_out_inside_a_write_service_are_not_stored(
    tree, superuser, catalogue, communes
):
    with transaction.atomic(), audit_context("a service that evaluates after writing"):
        statuses(communes)
    assert stored_for(communes) == set()
    statuses(communes)
    assert stored_for(communes) == set(communes)


def test_stored_results_that_cannot_be_read_back_are_worked_out_again(
    tree, superuser, catalogue, communes
):
    expected = statuses(communes)
    forget_recent()
    lookup = store.Lookup(communes, YEAR.code, "best", STORED_LAYOUT)
    key = lookup.keys[communes[0].pk]
    indicators, units, tolerance, _data = caches["evaluation"].get(key)
    caches["evaluation"].set(key, (indicators, units, tolerance, b"not a pickle"))
    assert stored_for(communes) == set(communes[1:])
    assert statuses(communes) == expected


def test_another_layout_of_the_results_is_another_key():
    from dataclasses import make_dataclass

    before = make_dataclass("Result", ["value"])
    same = make_dataclass("Result", ["value"])
    more = make_dataclass("Result", ["value", "places"])  # a field added by a new version
    assert store.layout_of(same) == store.layout_of(before)
    assert store.layout_of(more) != store.layout_of(before)
    assert store.layout_of(before, more) != store.layout_of(more, before)
