"""Resolutions and targets of every form: validated, scoped to the planner's units, audited."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chitieu.core.models import ObjectChange
from chitieu.targets.models import Comparison, Measure, Target
from chitieu.targets.services import resolution_create, target_create, target_delete, target_update


def test_a_target_of_every_form_can_be_recorded(town_resolution, catalogue, tree, planner):
    forms = [
        dict(indicator=catalogue["XD01"], value=D("80"), comparison=Comparison.AT_LEAST),
        dict(indicator=catalogue["XH03"], value=D("3.2"), comparison=Comparison.AT_MOST),
        dict(indicator=catalogue["KT06"], value=D("324.124")),
        dict(
            indicator=catalogue["XH04"],
            value=D("-1"),
            upper=D("-1.5"),
            measure=Measure.CHANGE,
            comparison=Comparison.RANGE,
        ),
        dict(
            indicator=catalogue["XH05"],
            value=D("-0.5"),
            measure=Measure.CHANGE,
            comparison=Comparison.AT_MOST,
        ),
        dict(indicator=catalogue["KT02"], value=D("9"), measure=Measure.GROWTH),
        dict(
            indicator=catalogue["KT16"],
            value=None,
            measure=Measure.MILESTONE,
            subject_unit=tree.commune_a,
        ),
        dict(
            indicator=catalogue["KT15"],
            value=D("2"),
            measure=Measure.SUBUNIT_COUNT_NEW,
            comparison=Comparison.AT_LEAST,
        ),
    ]
    for form in forms:
        target_create(actor=planner, resolution=town_resolution, issuer="Thị xã đề ra", **form)
    assert Target.objects.filter(resolution=town_resolution).count() == 8
    assert ObjectChange.objects.filter(content_type__model="target").count() == 8


def test_a_term_total_needs_a_term(town_resolution, catalogue, planner, superuser, tree):
    with pytest.raises(ValidationError, match="nhiệm kỳ"):
        target_create(
            actor=planner,
            resolution=town_resolution,
            issuer="x",
            indicator=catalogue["XD02"],
            value=D("170"),
            measure=Measure.TERM_TOTAL,
        )
    term = resolution_create(
        actor=superuser,
        unit=tree.town,
        number="NQ ĐH",
        title="Đại hội",
        date=dt.date(2020, 8, 20),
        issuing_body="Đảng bộ",
        period="T2020-2025",
    )
    target = target_create(
        actor=planner,
        resolution=term,
        issuer="Đảng bộ",
        indicator=catalogue["XD02"],
        value=D("170"),
        measure=Measure.TERM_TOTAL,
        comparison=Comparison.AT_LEAST,
    )
    assert target.period == "T2020-2025"
    yearly = target_create(
        actor=planner,
        resolution=term,
        issuer="Đảng bộ",
        indicator=catalogue["XD02"],
        value=D("40"),
        period="2022",
    )
    assert yearly.period == "2022"
    with pytest.raises(ValidationError, match="một năm trong nhiệm kỳ"):
        target_create(
            actor=planner,
            resolution=term,
            issuer="Đảng bộ",
            indicator=catalogue["XD01"],
            value=D("40"),
            period="2027",
        )


def test_a_range_needs_both_ends_and_a_milestone_its_sub_unit(
    town_resolution, catalogue, planner, tree
):
    with pytest.raises(ValidationError, match="cả hai đầu"):
        target_create(
            actor=planner,
            resolution=town_resolution,
            issuer="x",
            indicator=catalogue["XH03"],
            value=D("1"),
            comparison=Comparison.RANGE,
        )
    with pytest.raises(ValidationError, match="đơn vị cấp dưới"):
        target_create(
            actor=planner,
            resolution=town_resolution,
            issuer="x",
            indicator=catalogue["KT16"],
            value=None,
            measure=Measure.MILESTONE,
        )
    with pytest.raises(ValidationError, match="phải thuộc đơn vị này"):
        target_create(
            actor=planner,
            resolution=town_resolution,
            issuer="x",
            indicator=catalogue["KT16"],
            value=None,
            measure=Measure.MILESTONE,
            subject_unit=tree.commune_c,
        )
    assert Target.objects.count() == 0


def test_several_issuers_may_target_the_same_indicator(town_resolution, catalogue, planner):
    target_create(
        actor=planner,
        resolution=town_resolution,
        issuer="Tỉnh giao",
        indicator=catalogue["KT06"],
        value=D("196.8"),
    )
    target_create(
        actor=planner,
        resolution=town_resolution,
        issuer="Thị xã đề ra",
        indicator=catalogue["KT06"],
        value=D("273.5"),
    )
    with pytest.raises(ValidationError, match="đã có chỉ tiêu này"):
        target_create(
            actor=planner,
            resolution=town_resolution,
            issuer="Tỉnh giao",
            indicator=catalogue["KT06"],
            value=D("200"),
        )
    assert Target.objects.filter(indicator=catalogue["KT06"]).count() == 2


def test_a_target_for_a_unit_outside_the_resolutions_unit_is_refused(
    town_resolution, catalogue, planner, tree
):
    with pytest.raises(ValidationError, match="thuộc đơn vị ban hành"):
        target_create(
            actor=planner,
            resolution=town_resolution,
            issuer="x",
            unit=tree.commune_c,
            indicator=catalogue["KT06"],
            value=D("1"),
        )


def test_a_reporter_cannot_set_targets_and_nothing_changes(
    town_resolution, catalogue, reporter_a, tree
):
    before = ObjectChange.objects.count()
    with pytest.raises(PermissionDenied):
        target_create(
            actor=reporter_a,
            resolution=town_resolution,
            issuer="x",
            unit=tree.commune_a,
            indicator=catalogue["KT06"],
            value=D("1"),
        )
    assert Target.objects.count() == 0
    assert ObjectChange.objects.count() == before


def test_updating_and_deleting_a_target_are_audited(town_resolution, catalogue, planner):
    target = target_create(
        actor=planner,
        resolution=town_resolution,
        issuer="Thị xã đề ra",
        indicator=catalogue["KT06"],
        value=D("273.5"),
    )
    target_update(actor=planner, target=target, value=D("280"), reason="Điều chỉnh kế hoạch")
    change = ObjectChange.objects.filter(content_type__model="target", action="update").get()
    assert (change.before["value"], change.after["value"], change.reason) == (
        "273.5",
        "280",
        "Điều chỉnh kế hoạch",
    )
    target_delete(actor=planner, target=target, reason="Nhập nhầm")
    assert not Target.objects.exists()
    assert ObjectChange.objects.filter(content_type__model="target", action="delete").count() == 1


def test_a_resolution_is_for_a_year_or_a_term(tree, planner):
    with pytest.raises(ValidationError, match="một năm hoặc một nhiệm kỳ"):
        resolution_create(
            actor=planner,
            unit=tree.town,
            number="1",
            title="t",
            date=dt.date(2021, 1, 1),
            issuing_body="HĐND",
            period="2021-Q1",
        )
    with pytest.raises(ValidationError, match="không phải là kỳ báo cáo hợp lệ"):
        resolution_create(
            actor=planner,
            unit=tree.town,
            number="1",
            title="t",
            date=dt.date(2021, 1, 1),
            issuing_body="HĐND",
            period="năm nay",
        )


def test_a_rank_target_needs_a_ranking_and_a_place_is_never_a_floor(
    town_resolution, catalogue, planner
):
    with pytest.raises(ValidationError) as refused:
        target_create(
            actor=planner,
            resolution=town_resolution,
            issuer="Tỉnh ủy",
            indicator=catalogue["KT06"],
            value=D("10"),
            measure=Measure.RANK,
            comparison=Comparison.AT_MOST,
        )
    assert refused.value.message_dict == {
        "measure": ["Chỉ tiêu về thứ hạng cần một chỉ tiêu xếp hạng (ví dụ: Xếp hạng PCI)."]
    }
    with pytest.raises(ValidationError) as refused:
        target_create(
            actor=planner,
            resolution=town_resolution,
            issuer="Tỉnh ủy",
            indicator=catalogue["CC08"],
            value=D("10"),
            measure=Measure.RANK,
            comparison=Comparison.AT_LEAST,
        )
    assert list(refused.value.message_dict) == ["comparison"]
    with pytest.raises(ValidationError) as refused:
        target_create(
            actor=planner,
            resolution=town_resolution,
            issuer="Tỉnh ủy",
            indicator=catalogue["CC08"],
            value=D("0"),
            measure=Measure.RANK,
            comparison=Comparison.AT_MOST,
        )
    assert list(refused.value.message_dict) == ["value"]
    assert not Target.objects.exists()
