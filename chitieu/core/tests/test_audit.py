"""core/audit.py: every audit row says who, when, what and old → new; it commits or rolls back
with the change; an update that changes nothing writes no row."""

import datetime as dt
import uuid
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from chitieu.core.audit import (
    json_value,
    record_change,
    record_creation,
    save_audited_update,
    snapshot,
)
from chitieu.core.models import ChangeAction, ObjectChange
from chitieu.units.models import Unit


# -- json_value, snapshot -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("273.500000"), "273.5"),
        (D("273.5"), "273.5"),
        (D("100"), "100"),
        (D("100.00"), "100"),
        (D("0.000"), "0"),
        (D("-0.50"), "-0.5"),
        (D("1E+3"), "1000"),
        (dt.date(2025, 7, 1), "2025-07-01"),
        (dt.datetime(2025, 7, 1, 8, 30), "2025-07-01T08:30:00"),
        (uuid.UUID(int=1), "00000000-0000-0000-0000-000000000001"),
        ([D("1.10"), (dt.date(2021, 1, 2),)], ["1.1", ["2021-01-02"]]),
        ({"a": {"b": D("2.50")}}, {"a": {"b": "2.5"}}),
        ("Kỳ Anh", "Kỳ Anh"),
        (None, None),
        (7, 7),
    ],
)
def test_json_value_keeps_exact_numbers_and_dates_as_text(value, expected):
    assert json_value(value) == expected


def test_snapshot_has_the_concrete_fields_foreign_keys_as_ids_and_no_primary_key(tree):
    data = snapshot(tree.commune_a)
    assert "id" not in data
    assert data["parent"] == tree.town.pk
    assert data["name"] == "Phường Kỳ Ninh"
    assert data["valid_to"] == "2025-06-30"
    assert "note" not in snapshot(tree.commune_a, exclude={"note"})


# -- record_change --------------------------------------------------------------------------------
def test_a_change_records_who_when_what_and_old_to_new(tree, superuser):
    unit = tree.commune_b
    started = timezone.now()
    with transaction.atomic():
        change = record_change(
            actor=superuser,
            action=ChangeAction.UPDATE,
            instance=unit,
            before={"name": "Xã Kỳ Hà"},
            after={"name": "Phường Kỳ Hà"},
            reason="Nghị quyết sắp xếp",
            verb="đổi tên",
            scope_path=unit.path,
        )
    row = ObjectChange.objects.get(pk=change.pk)
    assert row.actor == superuser
    assert started <= row.time <= timezone.now()
    assert (row.action, row.verb, row.reason) == ("update", "đổi tên", "Nghị quyết sắp xếp")
    assert row.content_type == ContentType.objects.get_for_model(Unit)
    assert (row.object_id, row.object_repr) == (str(unit.pk), str(unit))
    assert (row.before, row.after) == ({"name": "Xã Kỳ Hà"}, {"name": "Phường Kỳ Hà"})
    assert row.scope_path == unit.path


@pytest.mark.parametrize("actor", [None, AnonymousUser()])
def test_a_change_without_a_signed_in_actor_has_no_actor(tree, actor):
    with transaction.atomic():
        change = record_change(actor=actor, action=ChangeAction.DELETE, instance=tree.commune_c)
    assert ObjectChange.objects.get(pk=change.pk).actor is None


@pytest.mark.django_db(transaction=True)  # the other tests run inside pytest-django's atomic
def test_record_change_outside_a_transaction_is_refused_and_writes_nothing(tree, superuser):
    count = ObjectChange.objects.count()
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        record_change(actor=superuser, action=ChangeAction.UPDATE, instance=tree.town)
    assert ObjectChange.objects.count() == count


def test_the_audit_row_rolls_back_with_the_change(tree, superuser):
    count = ObjectChange.objects.count()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        record_change(actor=superuser, action=ChangeAction.UPDATE, instance=tree.town)
        _ = 1 / 0
    assert ObjectChange.objects.count() == count


def test_a_creation_records_the_fields_as_created(tree, superuser):
    with transaction.atomic():
        change = record_creation(
            actor=superuser, instance=tree.town, scope_path=tree.town.path, reason="mới"
        )
    row = ObjectChange.objects.get(pk=change.pk)
    assert (row.action, row.before, row.reason) == ("create", None, "mới")
    assert row.after == snapshot(tree.town)


# -- save_audited_update --------------------------------------------------------------------------
def test_an_update_records_old_and_new_values(tree, superuser):
    unit = Unit.objects.get(pk=tree.commune_b.pk)
    before = snapshot(unit)
    unit.note = "Sáp nhập"
    with transaction.atomic():
        save_audited_update(actor=superuser, instance=unit, before=before, reason="r")
    row = ObjectChange.objects.filter(object_id=str(unit.pk), action="update").get()
    assert row.before["note"] == "" and row.after["note"] == "Sáp nhập"
    assert {key for key in row.after if row.after[key] != row.before[key]} == {"note"}
    assert Unit.objects.get(pk=unit.pk).note == "Sáp nhập"


def test_an_update_that_changes_nothing_writes_no_row(tree, superuser):
    unit = Unit.objects.get(pk=tree.commune_b.pk)
    before = snapshot(unit)
    count = ObjectChange.objects.count()
    with transaction.atomic():
        save_audited_update(actor=superuser, instance=unit, before=before)
    assert ObjectChange.objects.count() == count
