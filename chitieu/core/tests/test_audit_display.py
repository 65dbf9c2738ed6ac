"""The audit trail names fields in Vietnamese and shows values as the pages do: labels, names,
Vietnamese dates, never codes or ids (issue 13 item 10)."""

import datetime as dt

from django.utils import translation

from chitieu.core.audit_display import shown_changes
from chitieu.core.models import ChangeAction, ObjectChange
from chitieu.units.services import unit_update


def _shown(unit_admin, unit, **changes):
    unit_update(actor=unit_admin, unit=unit, reason="Sửa", **changes)
    change = ObjectChange.objects.filter(action=ChangeAction.UPDATE).latest("id")
    with translation.override("vi"):
        return [(c.field, c.old, c.new) for c in shown_changes([change])[change.pk]]


def test_a_date_reads_as_dd_mm_yyyy_and_the_field_by_its_name(tree, unit_admin):
    shown = _shown(unit_admin, tree.commune_a, valid_to=dt.date(2025, 6, 29))
    assert shown == [("Hiệu lực đến", "30/06/2025", "29/06/2025")]


def test_a_role_reads_as_its_label_the_user_and_unit_by_their_names(tree, make_user):
    make_user("hoa", "reporter", tree.commune_b)
    change = ObjectChange.objects.filter(action=ChangeAction.CREATE).latest("id")
    with translation.override("vi"):
        shown = {c.field: (c.old, c.new) for c in shown_changes([change])[change.pk]}
    assert shown["Vai trò"] == ("∅", "Cán bộ báo cáo đơn vị")
    assert shown["Đơn vị"] == ("∅", "Xã Kỳ Hà")
    assert shown["Người dùng"] == ("∅", "hoa")


def test_an_empty_value_reads_as_the_empty_sign(tree, unit_admin):
    shown = _shown(unit_admin, tree.commune_a, valid_to=None)
    assert shown == [("Hiệu lực đến", "30/06/2025", "∅")]


def test_a_page_of_changes_reads_related_names_in_one_query_per_model(
    tree, make_user, django_assert_num_queries
):
    for name, unit in (("a", tree.commune_a), ("b", tree.commune_b), ("c", tree.commune_c)):
        make_user(name, "reporter", unit)
    changes = list(
        ObjectChange.objects.select_related("content_type").filter(
            action=ChangeAction.CREATE, content_type__model="membership"
        )
    )
    assert len(changes) == 3
    with django_assert_num_queries(2):  # the users, the units
        shown = shown_changes(changes)
    units = sorted(c.new for rows in shown.values() for c in rows if c.field == "Đơn vị")
    assert units == ["Phường Kỳ Ninh", "Xã Cẩm Bình", "Xã Kỳ Hà"]
