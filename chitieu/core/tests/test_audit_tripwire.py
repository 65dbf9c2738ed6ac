"""The audit: exact values in its rows, one row per change and none for a change that changed
nothing, rows only inside the changing transaction, and the tripwire that keeps every domain write
inside an audited service."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from chitieu.core.audit import (
    audit_context,
    audited,
    current_audit_context,
    json_value,
    record_change,
    record_creation,
    save_audited_update,
    snapshot,
    unaudited,
)
from chitieu.core.models import ChangeAction, ObjectChange
from chitieu.testing import AuditTripwire
from chitieu.units.models import Unit, UnitType


def test_json_values_keep_exact_numbers_and_dates():
    assert json_value(Decimal("273.500000")) == "273.5"
    assert json_value(Decimal("300")) == "300"
    assert json_value(Decimal("0.00")) == "0"
    assert json_value(dt.date(2025, 7, 1)) == "2025-07-01"
    assert json_value([Decimal("1.10"), {"a": Decimal("2.0")}]) == ["1.1", {"a": "2"}]


def test_a_snapshot_holds_the_fields_without_the_primary_key(tree):
    data = snapshot(tree.town)
    assert "id" not in data
    assert (data["name"], data["type"], data["parent"], data["valid_to"]) == (
        "Thị xã Kỳ Anh",
        UnitType.TOWN,
        tree.province.pk,
        "2025-06-30",
    )


@pytest.mark.django_db(transaction=True)
def test_an_audit_row_outside_a_transaction_is_refused(tree, superuser):
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        record_creation(actor=superuser, instance=tree.town)


def test_an_update_that_changed_nothing_writes_no_audit_row(tree, superuser):
    before = ObjectChange.objects.count()
    with transaction.atomic():
        same = snapshot(tree.town)
        assert (
            record_change(
                actor=superuser,
                action=ChangeAction.UPDATE,
                instance=tree.town,
                before=same,
                after=same,
            )
            is None
        )
        changed = record_change(
            actor=superuser,
            action=ChangeAction.UPDATE,
            instance=tree.town,
            before=same,
            after={**same, "note": "mới"},
        )
    assert ObjectChange.objects.count() == before + 1
    assert (changed.before["note"], changed.after["note"], changed.actor) == ("", "mới", superuser)


def test_save_audited_update_neither_saves_nor_records_when_nothing_changed(tree, superuser):
    unit = Unit.objects.get(pk=tree.town.pk)
    rows = ObjectChange.objects.count()
    with audit_context("test"), transaction.atomic():
        save_audited_update(actor=superuser, instance=unit, before=snapshot(unit))
    assert ObjectChange.objects.count() == rows
    with audit_context("test"), transaction.atomic():
        before = snapshot(unit)
        unit.note = "Ghi chú"
        save_audited_update(actor=superuser, instance=unit, before=before, reason="sửa")
    change = ObjectChange.objects.latest("pk")
    assert (change.action, change.reason, change.after["note"]) == (
        ChangeAction.UPDATE,
        "sửa",
        "Ghi chú",
    )


def test_nested_services_share_the_outermost_audit_context(tree, superuser):
    seen = []

    @audited
    def inner(*, actor):
        seen.append(current_audit_context())

    @audited
    def outer(*, actor):
        seen.append(current_audit_context())
        inner(actor=actor)
        with transaction.atomic():
            record_creation(actor=actor, instance=tree.town)
        return current_audit_context()

    context = outer(actor=superuser)
    assert seen[0] is seen[1] is context
    assert (context.label, context.changes) == (
        f"{__name__}.test_nested_services_share_the_outermost_audit_context.<locals>.outer",
        1,
    )
    assert current_audit_context() is None


@pytest.mark.unaudited
def test_the_tripwire_catches_a_domain_row_saved_outside_a_service(tree):
    with AuditTripwire() as tripwire:
        Unit.objects.filter(pk=tree.town.pk).update(note="x")  # no signal: not a model save
        unit = Unit.objects.get(pk=tree.town.pk)
        unit.note = "y"
        unit.save()
    assert tripwire.violations == ["saved units.Unit outside an audited service"]


@pytest.mark.unaudited
def test_the_tripwire_catches_a_service_that_writes_no_audit_row(tree):
    @audited
    def careless(*, actor):
        unit = Unit.objects.get(pk=tree.town.pk)
        unit.note = "z"
        unit.save()

    with AuditTripwire() as tripwire:
        careless(actor=None)
    assert len(tripwire.violations) == 1
    assert "careless wrote (saved units.Unit) and no audit row" in tripwire.violations[0]


@pytest.mark.unaudited
def test_the_tripwire_lets_through_audited_services_and_named_exemptions(tree, superuser):
    from chitieu.units.services import unit_update

    with AuditTripwire() as tripwire:
        unit_update(actor=superuser, unit=tree.town, note="Đã sửa", reason="kiểm tra")
        with unaudited("test fixture"):
            unit = Unit.objects.get(pk=tree.commune_a.pk)
            unit.note = "w"
            unit.save()
        # The audit and the jobs' status records are not domain rows.
        with transaction.atomic():
            ObjectChange.objects.create(
                action=ChangeAction.ACTION, content_type_id=1, object_id="1"
            )
    assert tripwire.violations == []


@pytest.mark.unaudited
def test_the_tripwire_catches_a_service_that_writes_by_bulk_sql_and_no_audit_row(tree):
    """bulk_create, QuerySet.update and raw SQL send no model signal: the SQL itself is seen."""

    @audited
    def careless_bulk(*, actor):
        Unit.objects.filter(pk=tree.town.pk).update(note="bulk")

    @audited
    def careful_bulk(*, actor):
        Unit.objects.filter(pk=tree.town.pk).update(note="bulk, audited")
        with transaction.atomic():
            record_creation(actor=actor, instance=tree.town)

    with AuditTripwire() as tripwire:
        careless_bulk(actor=None)
        careful_bulk(actor=None)
    assert len(tripwire.violations) == 1
    assert "careless_bulk wrote (units.Unit by SQL) and no audit row" in tripwire.violations[0]
