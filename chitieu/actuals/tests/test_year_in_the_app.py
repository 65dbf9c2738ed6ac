"""Issue 12, items 3–5: a current unit's year run in the app. Each kind of figures has its own
report; the figure of the same period last year (the baseline of growth and change targets) is
entered on the sheet or beside the target, also for a unit created in the middle of last year;
thôn and tổ dân phố are units of their own, and their figures are entered on their commune's or
ward's sheet (or on their own) for a target that counts them."""

import datetime as dt
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from chitieu.accounts.models import Role
from chitieu.accounts.permissions import PermissionDenied
from chitieu.actuals import selectors
from chitieu.actuals.models import Actual, ActualRevision, Submission, SubmissionStatus
from chitieu.actuals.services import (
    BaselineInput,
    baselines_save,
    submission_approve,
    submission_reopen,
    submission_submit,
)
from chitieu.core.audit import unaudited
from chitieu.core.models import ObjectChange
from chitieu.core.periods import Period
from chitieu.evaluation.engine import Status
from chitieu.evaluation.loader import evaluate_units
from chitieu.targets.models import Measure
from chitieu.targets.services import resolution_create, target_create
from chitieu.testing import client_for, put
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create

pytestmark = pytest.mark.django_db


def resolution(superuser, unit, period: str = "2026"):
    return resolution_create(
        actor=superuser,
        unit=unit,
        number=f"1/NQ-{period}",
        title=f"Kế hoạch năm {period}",
        date=dt.date(int(period) - 1, 12, 15),
        issuing_body=f"HĐND {unit.name}",
        period=period,
    )


@pytest.fixture
def ward(tree):
    return tree.new_ward  # Phường Hải Ninh, from 01/07/2025


@pytest.fixture
def ward_reporter(make_user, ward):
    return make_user("ward_reporter", Role.REPORTER, ward)


@pytest.fixture
def ward_planner(make_user, ward):
    return make_user("ward_planner", Role.PLANNER, ward)


@pytest.fixture
def province_planner(make_user, tree):
    return make_user("province_planner", Role.PLANNER, tree.province)


@pytest.fixture
def growth(superuser, ward, catalogue):
    """HĐND phường: thu ngân sách năm 2026 tăng ít nhất 10% so với cùng kỳ."""
    return target_create(
        actor=superuser,
        resolution=resolution(superuser, ward),
        indicator=catalogue["KT06"],
        issuer="HĐND phường giao",
        value=D("10"),
        measure=Measure.GROWTH,
        comparison="at_least",
    )


# -- item 5: estimates, then official figures ----------------------------------------------------
def test_the_official_report_is_entered_after_the_estimate_is_approved(
    ward, ward_reporter, province_planner, growth, catalogue
):
    budget = catalogue["KT06"]
    put(ward_reporter, ward, budget, "2026", "55")
    submission_submit(actor=ward_reporter, unit=ward, period="2026")
    submission_approve(actor=province_planner, unit=ward, period="2026")
    # The estimate is locked; the official figures are not.
    with pytest.raises(ValidationError, match="Báo cáo ước thực hiện Năm 2026"):
        put(ward_reporter, ward, budget, "2026", "56")
    put(ward_reporter, ward, budget, "2026", "57.25", kind="official")
    submission_submit(actor=ward_reporter, unit=ward, period="2026", kind="official")
    states = dict(Submission.objects.filter(unit=ward, period="2026").values_list("kind", "status"))
    assert states == {"estimate": "approved", "official": "submitted"}
    submission_approve(actor=province_planner, unit=ward, period="2026", kind="official")
    assert dict(Actual.objects.filter(unit=ward, period="2026").values_list("kind", "value")) == {
        "estimate": D("55"),
        "official": D("57.25"),
    }
    # Reopening the official report leaves the estimate approved.
    submission_reopen(
        actor=province_planner, unit=ward, period="2026", kind="official", reason="sai số liệu"
    )
    states = dict(Submission.objects.filter(unit=ward, period="2026").values_list("kind", "status"))
    assert states == {"estimate": "approved", "official": "returned"}


def test_a_wrong_kind_is_refused_and_changes_nothing(ward, ward_reporter, growth):
    with pytest.raises(ValidationError, match="Loại số liệu không hợp lệ"):
        submission_submit(actor=ward_reporter, unit=ward, period="2026", kind="guess")
    assert not Submission.objects.exists()


def test_reopen_from_the_sheet_with_a_reason_is_audited(
    ward, ward_reporter, province_planner, growth, catalogue
):
    put(ward_reporter, ward, catalogue["KT06"], "2026", "57", kind="official")
    submission_submit(actor=ward_reporter, unit=ward, period="2026", kind="official")
    submission_approve(actor=province_planner, unit=ward, period="2026", kind="official")
    sheet_url = reverse("actuals_entry", args=[ward.pk, "2026"]) + "?kind=official"
    html = client_for(province_planner).get(sheet_url).content.decode()
    assert 'id="reopen-form"' in html
    # The ward's own reporter may not reopen: no button, and the post is refused.
    reporter_html = client_for(ward_reporter).get(sheet_url).content.decode()
    assert 'id="reopen-form"' not in reporter_html
    decide = reverse("actuals_decide", args=[ward.pk, "2026", "reopen"])
    refused = client_for(ward_reporter).post(
        decide, {"kind": "official", "comment": "x", "next": sheet_url}
    )
    assert refused.status_code == 403
    assert Submission.objects.get(kind="official").status == SubmissionStatus.APPROVED
    response = client_for(province_planner).post(
        decide, {"kind": "official", "comment": "Cục Thống kê sửa số liệu", "next": sheet_url}
    )
    assert response.status_code == 302 and response["Location"] == sheet_url
    submission = Submission.objects.get(kind="official")
    assert (submission.status, submission.comment) == ("returned", "Cục Thống kê sửa số liệu")
    change = ObjectChange.objects.filter(verb="mở lại").get()
    assert (change.reason, change.object_id) == ("Cục Thống kê sửa số liệu", str(submission.pk))


def test_every_review_list_offers_reopening_in_a_fixed_number_of_queries(
    tree, superuser, province_planner, catalogue
):
    def approve_wards(count: int) -> None:
        for number in range(count):
            unit = unit_create(
                actor=superuser,
                name=f"Phường Số {Submission.objects.count()}-{number}",
                type=UnitType.WARD,
                parent=tree.province,
                valid_from=dt.date(2025, 7, 1),
            )
            for kind in ("estimate", "official"):
                put(superuser, unit, catalogue["KT06"], "2026", "5", kind=kind)
                submission_submit(actor=superuser, unit=unit, period="2026", kind=kind)
                submission_approve(actor=superuser, unit=unit, period="2026", kind=kind)

    client = client_for(province_planner)
    url = reverse("actuals_review") + "?period=2026"
    approve_wards(1)
    with CaptureQueriesContext(connection) as one:
        html = client.get(url).content.decode()
    assert html.count('class="inline reopen"') == 2
    approve_wards(3)
    with CaptureQueriesContext(connection) as four:
        html = client.get(url).content.decode()
    assert html.count('class="inline reopen"') == 8
    assert len(four) == len(one)


def test_the_migration_keeps_each_kind_of_an_existing_report(tree, superuser, catalogue):
    from importlib import import_module

    migration = import_module("chitieu.actuals.migrations.0002_submission_kind")
    both, official_only = tree.commune_a, tree.commune_b
    put(superuser, both, catalogue["KT06"], "2021", "10")
    put(superuser, both, catalogue["KT06"], "2021", "11", kind="official")
    put(superuser, official_only, catalogue["KT06"], "2021", "12", kind="official")
    # The reports as they were before the migration: one per unit and period.
    with unaudited("the state before a data migration, and the migration as Django runs it"):
        Submission.objects.filter(unit=official_only).delete()
        Submission.objects.filter(unit=both, kind="official").delete()
        Submission.objects.filter(unit=both).update(status=SubmissionStatus.APPROVED)
        Submission.objects.create(unit=official_only, period="2021", status="submitted")
        migration.split_by_kind(django_apps, None)
    assert sorted(
        Submission.objects.values_list("unit__name", "kind", "status").order_by("unit__name")
    ) == [
        ("Phường Kỳ Ninh", "estimate", "approved"),
        ("Phường Kỳ Ninh", "official", "approved"),
        ("Xã Kỳ Hà", "official", "submitted"),
    ]


# -- item 3: baselines for new units -------------------------------------------------------------
def test_a_ward_of_july_2025_enters_its_2025_baseline_on_the_2026_sheet(
    ward, ward_reporter, growth, catalogue
):
    budget = catalogue["KT06"]
    url = reverse("actuals_entry", args=[ward.pk, "2026"])
    client = client_for(ward_reporter)
    html = client.get(url).content.decode()
    assert f'name="value_base_{budget.pk}"' in html
    response = client.post(
        url,
        {
            f"value_{budget.pk}": "55",
            f"version_{budget.pk}": "0",
            f"value_base_{budget.pk}": "48,5",
            f"version_base_{budget.pk}": "0",
        },
    )
    assert response.status_code == 302
    baseline = Actual.objects.get(unit=ward, period="2025")
    assert (baseline.kind, baseline.value) == ("official", D("48.5"))
    assert baseline.revisions.get().source == selectors.BASELINE_FROM_UNIT
    html = client.get(url).content.decode()
    assert "do đơn vị nhập" in html
    # The growth target reads it: 55 / 48,5 − 1 = 13,4021% ≥ 10%.
    [results] = evaluate_units([ward], Period.parse("2026"))
    [result] = results.results
    assert (result.evaluation.status, result.evaluation.measured) == (Status.EXCEEDED, D("13.4021"))


def test_the_planner_enters_the_baseline_beside_the_target(
    ward, ward_planner, ward_reporter, growth, catalogue
):
    url = reverse("actuals_baseline", args=[growth.pk])
    page = client_for(ward_planner).get(reverse("resolution_detail", args=[growth.resolution_id]))
    assert url in page.content.decode()
    response = client_for(ward_planner).post(
        url, {"value_base": "48,5", "version_base": "0"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "48,5" in html and "nhập cùng chỉ tiêu" in html
    baseline = Actual.objects.get(unit=ward, period="2025", kind="official")
    assert baseline.value == D("48.5")
    assert baseline.revisions.get().source == selectors.BASELINE_WITH_TARGET
    sheet = client_for(ward_reporter).get(reverse("actuals_entry", args=[ward.pk, "2026"]))
    assert "nhập cùng chỉ tiêu" in sheet.content.decode()
    # A stale form (version 0 again) is refused, naming the newer value.
    stale = client_for(ward_planner).post(
        url, {"value_base": "50", "version_base": "0"}, HTTP_HX_REQUEST="true"
    )
    assert "48,5, do ward_planner" in stale.content.decode()
    assert Actual.objects.get(unit=ward, period="2025").value == D("48.5")


def test_a_baseline_for_a_period_before_the_unit_existed_is_accepted(
    ward, ward_reporter, growth, catalogue
):
    # The first quarter of 2025 (before the ward) is the comparison of the first quarter 2026.
    baselines_save(
        actor=ward_reporter,
        unit=ward,
        period="2026-Q1",
        values=[BaselineInput(catalogue["KT06"], D("11.2"), 0)],
        source=selectors.BASELINE_FROM_UNIT,
    )
    assert Actual.objects.get(unit=ward, period="2025-Q1").value == D("11.2")
    # For a period the unit did not exist in at all, nothing.
    with pytest.raises(ValidationError, match="không tồn tại trong kỳ"):
        baselines_save(
            actor=ward_reporter,
            unit=ward,
            period="2024",
            values=[BaselineInput(catalogue["KT06"], D("9"), 0)],
            source="",
        )
    assert Actual.objects.filter(unit=ward).count() == 1


def test_others_may_not_enter_a_baseline(tree, ward, reporter_a, growth, catalogue):
    with pytest.raises(PermissionDenied):
        baselines_save(
            actor=reporter_a,
            unit=ward,
            period="2026",
            values=[BaselineInput(catalogue["KT06"], D("9"), 0)],
            source="",
        )
    response = client_for(reporter_a).post(
        reverse("actuals_baseline", args=[growth.pk]), {"value_base": "9", "version_base": "0"}
    )
    assert response.status_code == 404
    assert not Actual.objects.exists()
    assert not ActualRevision.objects.exists()


def test_the_2025_sheet_offers_the_indicators_of_2026_targets_also_in_excel(
    ward, ward_reporter, growth, catalogue
):
    url = reverse("actuals_entry", args=[ward.pk, "2025"])
    html = client_for(ward_reporter).get(url).content.decode()
    assert "số liệu cùng kỳ để so sánh" in html
    assert f'name="value_{catalogue["KT06"].pk}"' in html
    assert "Đơn vị chưa có chỉ tiêu" not in html
    template = client_for(ward_reporter).get(
        reverse("actuals_template", args=[ward.pk, "2025"]) + "?kind=official"
    )
    page = load_workbook(BytesIO(template.content)).active
    assert page["A7"].value == "KT06"
    assert page["E7"].value.startswith("Số liệu cùng kỳ để so sánh: Năm 2026:")
    assert page["F7"].protection.locked is False
    # Entered there, it is the 2026 growth target's comparison.
    put(ward_reporter, ward, catalogue["KT06"], "2025", "50", kind="official")
    sheet = selectors.entry_sheet(ward, Period.parse("2026"), "estimate")
    [row] = sheet.rows
    assert row.baseline is not None
    assert (row.baseline.value, row.baseline.version, row.baseline.source) == (
        D("50"),
        1,
        "do đơn vị nhập",
    )


def test_a_ward_formed_of_whole_old_units_is_offered_their_sum(
    tree, superuser, ward, ward_reporter, growth, catalogue
):
    from chitieu.units.services import unit_link_create

    budget = catalogue["KT06"]
    for old, value in ((tree.commune_a, "20"), (tree.commune_b, "28.5")):
        unit_link_create(
            actor=superuser,
            predecessor=old,
            successor=ward,
            effective_date=dt.date(2025, 7, 1),
            whole=True,
        )
        put(superuser, old, budget, "2025", value, kind="official")
    [row] = selectors.entry_sheet(ward, Period.parse("2026"), "estimate").rows
    assert row.baseline is not None
    assert (row.baseline.value, row.baseline.proposed) == (None, D("48.5"))
    url = reverse("actuals_entry", args=[ward.pk, "2026"])
    client = client_for(ward_reporter)
    offered = client.get(url).content.decode()
    assert "cộng từ đơn vị cũ: lưu để giữ số liệu này" in offered
    assert 'baseline-source">cộng từ đơn vị cũ</small>' not in offered
    client.post(url, {f"value_base_{budget.pk}": "48,5", f"version_base_{budget.pk}": "0"})
    saved = Actual.objects.get(unit=ward, period="2025")
    assert saved.value == D("48.5")
    assert saved.revisions.get().source == selectors.BASELINE_FROM_PREDECESSORS
    assert 'baseline-source">cộng từ đơn vị cũ</small>' in client.get(url).content.decode()


def test_a_ward_with_part_of_an_old_unit_is_offered_nothing(
    tree, superuser, ward, growth, catalogue
):
    from chitieu.units.services import unit_link_create

    for old, whole in ((tree.commune_a, True), (tree.commune_b, False)):
        unit_link_create(
            actor=superuser,
            predecessor=old,
            successor=ward,
            effective_date=dt.date(2025, 7, 1),
            whole=whole,
        )
        put(superuser, old, catalogue["KT06"], "2025", "20", kind="official")
    [row] = selectors.entry_sheet(ward, Period.parse("2026"), "estimate").rows
    assert row.baseline is not None and row.baseline.proposed is None


# -- item 4: sub-units ---------------------------------------------------------------------------
def test_thon_and_to_dan_pho_are_units_under_a_commune_or_ward(tree, superuser, ward):
    group = unit_create(
        actor=superuser,
        name="Tổ dân phố 1",
        type=UnitType.RESIDENTIAL_GROUP,
        parent=ward,
        valid_from=dt.date(2025, 7, 1),
    )
    assert group.path.startswith(ward.path) and group.get_type_display() == "Tổ dân phố"
    for wrong in (tree.province, tree.town, group):
        with pytest.raises(ValidationError):
            unit_create(actor=superuser, name="Thôn X", type=UnitType.VILLAGE, parent=wrong)
    assert not type(group).objects.filter(name="Thôn X").exists()


@pytest.fixture
def groups(superuser, ward):
    return [
        unit_create(
            actor=superuser,
            name=f"Tổ dân phố {number}",
            type=UnitType.RESIDENTIAL_GROUP,
            parent=ward,
            valid_from=dt.date(2025, 7, 1),
        )
        for number in (1, 2, 3)
    ]


@pytest.fixture
def count_target(superuser, ward, catalogue, groups):
    """3 tổ dân phố đạt tiêu chuẩn an toàn về ANTT (90 điểm trở lên)."""
    return target_create(
        actor=superuser,
        resolution=resolution(superuser, ward),
        indicator=catalogue["AN01"],
        issuer="HĐND phường giao",
        value=D("3"),
        measure=Measure.SUBUNIT_COUNT,
        comparison="at_least",
        threshold=D("90"),
    )


def sub_fields(indicator, groups, values):
    data = {}
    for group, value in zip(groups, values, strict=True):
        data[f"value_sub_{group.pk}_{indicator.pk}"] = value
        data[f"version_sub_{group.pk}_{indicator.pk}"] = "0"
    return data


def test_the_ward_reporter_enters_the_groups_figures_and_reads_not_met(
    ward, ward_reporter, groups, count_target, catalogue
):
    indicator = catalogue["AN01"]
    url = reverse("actuals_entry", args=[ward.pk, "2026"])
    client = client_for(ward_reporter)
    html = client.get(url).content.decode()
    assert f'id="subunits-{count_target.pk}"' in html
    assert all(group.name in html for group in groups)
    response = client.post(url, sub_fields(indicator, groups, ["92", "95,5", "85"]))
    assert response.status_code == 302
    assert sorted(
        Actual.objects.filter(indicator=indicator).values_list("unit__name", "value")
    ) == [("Tổ dân phố 1", D("92")), ("Tổ dân phố 2", D("95.5")), ("Tổ dân phố 3", D("85"))]
    [results] = evaluate_units([ward], Period.parse("2026"))
    [result] = results.results
    assert (result.evaluation.status, result.evaluation.measured) == (Status.NOT_MET, D(2))
    assert result.evaluation.provisional is False
    page = client.get(reverse("unit_results", args=[ward.pk]) + "?period=2026")
    text = page.content.decode()
    assert "Không đạt" in text and "(đạt 2/3)" in text


def test_a_group_reports_on_its_own_sheet_for_the_wards_target(
    ward, make_user, groups, count_target, catalogue
):
    reporter = make_user("group_reporter", Role.REPORTER, groups[0])
    url = reverse("actuals_entry", args=[groups[0].pk, "2026"])
    html = client_for(reporter).get(url).content.decode()
    assert "Đơn vị chưa có chỉ tiêu cho năm này" not in html
    assert f"HĐND phường giao ({ward.name})" in html
    indicator = catalogue["AN01"]
    client_for(reporter).post(url, {f"value_{indicator.pk}": "91", f"version_{indicator.pk}": "0"})
    assert Actual.objects.get(unit=groups[0]).value == D("91")
    # The group's reporter cannot open the ward's sheet nor write another group's figure.
    assert client_for(reporter).get(
        reverse("actuals_entry", args=[ward.pk, "2026"])
    ).status_code in (
        403,
        404,
    )
    assert Actual.objects.count() == 1


def test_a_wrong_group_figure_saves_nothing(ward, ward_reporter, groups, count_target, catalogue):
    indicator = catalogue["AN01"]
    url = reverse("actuals_entry", args=[ward.pk, "2026"])
    response = client_for(ward_reporter).post(
        url, sub_fields(indicator, groups, ["92", "abc", "101"])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tổ dân phố 2, AN01" in html and "Tổ dân phố 3, AN01" in html
    assert not Actual.objects.exists()


def test_a_named_school_milestone_is_fed_from_the_wards_sheet(
    superuser, ward, ward_reporter, catalogue
):
    school = unit_create(
        actor=superuser, name="Trường Mầm non Sông Trí", type=UnitType.SCHOOL, parent=ward
    )
    milestone = target_create(
        actor=superuser,
        resolution=resolution(superuser, ward),
        indicator=catalogue["XH08"],
        issuer="HĐND phường giao",
        value=None,
        measure=Measure.MILESTONE,
        subject_unit=school,
    )
    url = reverse("actuals_entry", args=[ward.pk, "2026"])
    indicator = catalogue["XH08"]
    client_for(ward_reporter).post(
        url,
        {
            f"value_sub_{school.pk}_{indicator.pk}": "1",
            f"version_sub_{school.pk}_{indicator.pk}": "0",
        },
    )
    assert Actual.objects.get(unit=school).value == D("1")
    [results] = evaluate_units([ward], Period.parse("2026"))
    [result] = results.results
    assert result.target.id == milestone.pk and result.evaluation.status is Status.MET


def test_the_sheet_reads_in_a_fixed_number_of_queries_whatever_the_sub_units(
    superuser, ward, ward_reporter, groups, count_target, growth, catalogue
):
    client = client_for(ward_reporter)
    url = reverse("actuals_entry", args=[ward.pk, "2026"])
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    for number in range(4, 9):
        group = unit_create(
            actor=superuser,
            name=f"Tổ dân phố {number}",
            type=UnitType.RESIDENTIAL_GROUP,
            parent=ward,
        )
        put(superuser, group, catalogue["AN01"], "2026", "91")
    with CaptureQueriesContext(connection) as eight:
        html = client.get(url).content.decode()
    assert html.count('name="value_sub_') == 8
    assert len(eight) == len(three)


# -- the Excel file is the same sheet: baselines and sub-units' figures -------------------------
def _template(client, unit, period: str = "2026"):
    content = client.get(reverse("actuals_template", args=[unit.pk, period])).content
    return load_workbook(BytesIO(content))


def _upload(client, unit, workbook, capture, period: str = "2026"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from chitieu.core.models import Job

    buffer = BytesIO()
    workbook.save(buffer)
    with capture(execute=True):
        client.post(
            reverse("actuals_upload", args=[unit.pk, period]),
            {"file": SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue())},
        )
    return Job.objects.latest("pk")


def test_the_excel_file_carries_the_sub_units_and_the_baseline_like_the_sheet(
    ward, ward_reporter, groups, count_target, growth, catalogue, django_capture_on_commit_callbacks
):
    client = client_for(ward_reporter)
    workbook = _template(client, ward)
    page = workbook["Nhập số liệu"]
    rows = [[page.cell(r, c).value for c in (1, 2, 6, 9)] for r in range(7, page.max_row + 1)]
    assert rows == [
        ["KT06", catalogue["KT06"].name, None, None],
        [None, None, None, None],
        [None, "Số liệu của đơn vị cấp dưới", None, None],
        [None, "có từ 3 đơn vị trở lên đạt chuẩn (từ 90% trở lên)", None, None],
        ["AN01", "Tổ dân phố 1", None, groups[0].pk],
        ["AN01", "Tổ dân phố 2", None, groups[1].pk],
        ["AN01", "Tổ dân phố 3", None, groups[2].pk],
    ]
    assert page["D7"].protection.locked is False  # the 2025 figure, typed as on the form
    assert page["F11"].protection.locked is False and page["B11"].protection.locked is True
    assert all(page.column_dimensions[letter].hidden for letter in "GHI")
    page["F7"], page["D7"] = 55, "48,5"
    page["F11"], page["F12"], page["F13"] = 92, "95,5", 85
    job = _upload(client, ward, workbook, django_capture_on_commit_callbacks)
    assert (job.status, job.result["saved"], job.result["rows"]) == ("done", 5, 5)
    assert sorted(Actual.objects.values_list("unit__name", "period", "value")) == [
        ("Phường Hải Ninh", "2025", D("48.5")),
        ("Phường Hải Ninh", "2026", D("55")),
        ("Tổ dân phố 1", "2026", D("92")),
        ("Tổ dân phố 2", "2026", D("95.5")),
        ("Tổ dân phố 3", "2026", D("85")),
    ]
    baseline = Actual.objects.get(unit=ward, period="2025")
    assert baseline.revisions.get().source == selectors.BASELINE_FROM_UNIT
    [results] = evaluate_units([ward], Period.parse("2026"))
    statuses = {r.target.indicator.code: r.evaluation.status for r in results.results}
    assert statuses == {"KT06": Status.EXCEEDED, "AN01": Status.NOT_MET}


def test_an_excel_file_with_one_bad_sub_unit_row_is_refused_whole(
    ward, ward_reporter, groups, count_target, growth, catalogue, django_capture_on_commit_callbacks
):
    client = client_for(ward_reporter)
    workbook = _template(client, ward)
    page = workbook["Nhập số liệu"]
    page["F7"], page["D7"] = 55, "48,5"
    page["F11"], page["F12"], page["F13"] = 92, "chín mươi", 85
    job = _upload(client, ward, workbook, django_capture_on_commit_callbacks)
    assert job.status == "failed"
    assert job.errors == [
        "Trang “Nhập số liệu”, dòng 12, cột F (Tổ dân phố 2, "
        f"{catalogue['AN01'].name}): “chín mươi” không phải là số hợp lệ (ví dụ đúng: 1.695,36 "
        "hoặc 72.824)."
    ]
    assert not Actual.objects.exists()
