"""Writes to units: scoped, audited, atomic."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chitieu.core.models import ChangeAction, ObjectChange
from chitieu.units.models import Unit, UnitLink, UnitType
from chitieu.units.services import unit_create, unit_link_create, unit_update


def test_an_update_writes_old_and_new_values_with_the_reason(tree, unit_admin):
    unit_update(actor=unit_admin, unit=tree.commune_a, name="Phường Kỳ Ninh (cũ)", reason="Đổi tên")
    change = ObjectChange.objects.get(action=ChangeAction.UPDATE)
    assert change.actor == unit_admin
    assert change.before["name"] == "Phường Kỳ Ninh"
    assert change.after["name"] == "Phường Kỳ Ninh (cũ)"
    assert change.reason == "Đổi tên"
    assert change.scope_path == tree.commune_a.path
    assert change.changed_fields() == [
        ("name", "Phường Kỳ Ninh", "Phường Kỳ Ninh (cũ)"),
        ("search_name", "phuong ky ninh", "phuong ky ninh (cu)"),
    ]


def test_an_update_that_changes_nothing_writes_no_audit_row(tree, unit_admin):
    before = ObjectChange.objects.count()
    unit_update(actor=unit_admin, unit=tree.commune_a, name="Phường Kỳ Ninh")
    assert ObjectChange.objects.count() == before


def test_an_administrator_of_one_town_cannot_change_another_district(tree, unit_admin):
    before = ObjectChange.objects.count()
    with pytest.raises(PermissionDenied):
        unit_update(actor=unit_admin, unit=tree.commune_c, name="Khác")
    tree.commune_c.refresh_from_db()
    assert tree.commune_c.name == "Xã Cẩm Bình"
    assert ObjectChange.objects.count() == before


def test_an_invalid_update_changes_nothing(tree, unit_admin):
    before = ObjectChange.objects.count()
    with pytest.raises(ValidationError) as error:
        unit_update(actor=unit_admin, unit=tree.commune_a, valid_from=dt.date(2026, 1, 1))
    assert "Ngày hết hiệu lực phải sau ngày bắt đầu" in str(error.value)
    tree.commune_a.refresh_from_db()
    assert tree.commune_a.valid_from is None
    assert ObjectChange.objects.count() == before


def test_an_organisation_is_attached_to_a_locality_and_inherits_its_scope(tree, unit_admin):
    school = unit_create(
        actor=unit_admin,
        name="Trường THPT Kỳ Anh",
        type=UnitType.SCHOOL,
        parent=tree.town,
        reason="Khối thi đua trường học",
    )
    assert school.path == f"{tree.town.path}{school.pk}/"
    assert school.is_organisation
    assert ObjectChange.objects.filter(
        object_id=str(school.pk), action=ChangeAction.CREATE
    ).exists()


def test_only_a_system_administrator_adds_a_province(tree, unit_admin):
    with pytest.raises(PermissionDenied):
        unit_create(actor=unit_admin, name="Tỉnh Mới", type=UnitType.PROVINCE, parent=None)
    assert not Unit.objects.filter(name="Tỉnh Mới").exists()


def test_a_district_merged_before_2025_is_added_by_hand_with_its_link(tree, superuser):
    loc_ha = unit_create(
        actor=superuser,
        name="Huyện Lộc Hà",
        type=UnitType.DISTRICT,
        parent=tree.province,
        valid_to=dt.date(2024, 12, 31),
    )
    link = unit_link_create(
        actor=superuser,
        predecessor=loc_ha,
        successor=tree.other_district,
        effective_date=dt.date(2025, 1, 1),
        whole=True,
    )
    assert list(loc_ha.successor_links.all()) == [link]
    assert ObjectChange.objects.filter(content_type__model="unitlink").count() == 1


def test_a_unit_cannot_be_merged_into_itself_or_twice(tree, superuser):
    with pytest.raises(ValidationError, match="chính nó"):
        unit_link_create(
            actor=superuser,
            predecessor=tree.town,
            successor=tree.town,
            effective_date=dt.date(2025, 7, 1),
            whole=True,
        )
    unit_link_create(
        actor=superuser,
        predecessor=tree.commune_a,
        successor=tree.new_ward,
        effective_date=dt.date(2025, 7, 1),
        whole=True,
    )
    with pytest.raises(ValidationError, match="đã có"):
        unit_link_create(
            actor=superuser,
            predecessor=tree.commune_a,
            successor=tree.new_ward,
            effective_date=dt.date(2025, 7, 1),
            whole=True,
        )
    assert UnitLink.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_record_change_outside_a_transaction_is_refused(tree):
    from chitieu.core.audit import record_change

    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        record_change(actor=None, action=ChangeAction.UPDATE, instance=tree.town)
