"""Actual figures: revisions kept, the later of two concurrent saves refused, approval by the
level above locks the values, reopening is a recorded action."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chitieu.actuals.models import Actual, ActualRevision, Submission, SubmissionStatus
from chitieu.actuals.services import (
    StaleValueError,
    ValueInput,
    actuals_save,
    submission_approve,
    submission_reopen,
    submission_return,
    submission_submit,
)
from chitieu.core.models import ObjectChange


def save(actor, unit, indicator, value, version=0, period="2021", kind="estimate"):
    return actuals_save(
        actor=actor,
        unit=unit,
        period=period,
        kind=kind,
        values=[ValueInput(indicator, value, version)],
    )


def test_each_save_is_a_revision_with_its_author(tree, reporter_a, catalogue):
    budget = catalogue["KT06"]
    save(reporter_a, tree.commune_a, budget, D("10.5"))
    save(reporter_a, tree.commune_a, budget, D("11"), version=1)
    actual = Actual.objects.get()
    assert (actual.value, actual.version) == (D("11"), 2)
    assert list(ActualRevision.objects.values_list("version", "value", "author__username")) == [
        (2, D("11"), "reporter_a"),
        (1, D("10.5"), "reporter_a"),
    ]
    change = ObjectChange.objects.filter(content_type__model="actual").first()
    assert (change.before["value"], change.after["value"]) == ("10.5", "11")


def test_the_later_of_two_saves_is_refused_and_shows_the_other_value(
    tree, reporter_a, make_user, catalogue
):
    from chitieu.accounts.models import Role

    colleague = make_user("colleague", Role.REPORTER, tree.commune_a)
    budget = catalogue["KT06"]
    save(reporter_a, tree.commune_a, budget, D("10"))
    # Both opened the form at version 1; the colleague saves first.
    save(colleague, tree.commune_a, budget, D("12,5".replace(",", ".")), version=1)
    with pytest.raises(StaleValueError) as error:
        save(reporter_a, tree.commune_a, budget, D("11"), version=1)
    message = error.value.messages[0]
    assert "giá trị vừa được thay đổi thành 12,5, do colleague lưu lúc" in message
    assert "Số liệu của bạn chưa được lưu" in message
    assert Actual.objects.get().value == D("12.5")
    assert ActualRevision.objects.count() == 2


def test_a_refused_row_leaves_the_other_rows_unsaved(tree, reporter_a, catalogue):
    save(reporter_a, tree.commune_a, catalogue["KT06"], D("10"))
    with pytest.raises(StaleValueError):
        actuals_save(
            actor=reporter_a,
            unit=tree.commune_a,
            period="2021",
            kind="estimate",
            values=[
                ValueInput(catalogue["KT07"], D("99"), 0),
                ValueInput(catalogue["KT06"], D("11"), 0),  # stale: it is at version 1
            ],
        )
    assert not Actual.objects.filter(indicator=catalogue["KT07"]).exists()


def test_a_reporter_cannot_enter_another_communes_figures(tree, reporter_a, catalogue):
    before = ObjectChange.objects.count()
    with pytest.raises(PermissionDenied):
        save(reporter_a, tree.commune_b, catalogue["KT06"], D("10"))
    assert not Actual.objects.exists()
    assert ObjectChange.objects.count() == before


def test_submitted_and_approved_reports_are_locked(tree, reporter_a, planner, catalogue):
    save(reporter_a, tree.commune_a, catalogue["KT06"], D("10"))
    submission_submit(actor=reporter_a, unit=tree.commune_a, period="2021")
    with pytest.raises(ValidationError, match="Đã gửi"):
        save(reporter_a, tree.commune_a, catalogue["KT06"], D("11"), version=1)
    submission_approve(actor=planner, unit=tree.commune_a, period="2021")
    with pytest.raises(ValidationError, match="Đã duyệt"):
        save(reporter_a, tree.commune_a, catalogue["KT06"], D("11"), version=1)
    assert Actual.objects.get().value == D("10")


def test_approval_belongs_to_the_level_above(tree, reporter_a, make_user, catalogue):
    from chitieu.accounts.models import Role

    own_planner = make_user("own", Role.PLANNER, tree.commune_a)
    save(reporter_a, tree.commune_a, catalogue["KT06"], D("10"))
    submission_submit(actor=reporter_a, unit=tree.commune_a, period="2021")
    with pytest.raises(PermissionDenied):
        submission_approve(actor=own_planner, unit=tree.commune_a, period="2021")
    with pytest.raises(PermissionDenied):
        submission_approve(actor=reporter_a, unit=tree.commune_a, period="2021")
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED


def test_a_returned_report_carries_its_reason_and_can_be_edited_again(
    tree, reporter_a, planner, catalogue
):
    save(reporter_a, tree.commune_a, catalogue["KT06"], D("10"))
    submission_submit(actor=reporter_a, unit=tree.commune_a, period="2021")
    with pytest.raises(ValidationError, match="lý do trả lại"):
        submission_return(actor=planner, unit=tree.commune_a, period="2021", comment=" ")
    submission_return(
        actor=planner, unit=tree.commune_a, period="2021", comment="Thu ngân sách chưa khớp"
    )
    submission = Submission.objects.get()
    assert (submission.status, submission.comment, submission.reviewed_by) == (
        SubmissionStatus.RETURNED,
        "Thu ngân sách chưa khớp",
        planner,
    )
    save(reporter_a, tree.commune_a, catalogue["KT06"], D("10.4"), version=1)
    assert Actual.objects.get().value == D("10.4")


def test_reopening_an_approved_report_is_a_recorded_action(tree, reporter_a, planner, catalogue):
    save(reporter_a, tree.commune_a, catalogue["KT06"], D("10"))
    submission_submit(actor=reporter_a, unit=tree.commune_a, period="2021")
    submission_approve(actor=planner, unit=tree.commune_a, period="2021")
    with pytest.raises(ValidationError, match="lý do mở lại"):
        submission_reopen(actor=planner, unit=tree.commune_a, period="2021", reason="")
    submission_reopen(
        actor=planner, unit=tree.commune_a, period="2021", reason="Cục Thống kê điều chỉnh"
    )
    change = ObjectChange.objects.filter(verb="mở lại").get()
    assert (change.before["status"], change.after["status"], change.reason, change.actor) == (
        "approved",
        "returned",
        "Cục Thống kê điều chỉnh",
        planner,
    )


def test_a_report_cannot_be_approved_twice(tree, reporter_a, planner, catalogue):
    save(reporter_a, tree.commune_a, catalogue["KT06"], D("10"))
    submission_submit(actor=reporter_a, unit=tree.commune_a, period="2021")
    submission_approve(actor=planner, unit=tree.commune_a, period="2021")
    with pytest.raises(
        ValidationError, match="Không thể duyệt báo cáo ước thực hiện đang ở trạng thái “Đã duyệt”"
    ):
        submission_approve(actor=planner, unit=tree.commune_a, period="2021")


def test_figures_only_for_periods_in_which_the_unit_existed(tree, superuser, catalogue):
    budget = catalogue["KT06"]
    # Phường Kỳ Ninh existed until 30/06/2025: its first half of 2025 is fine, 2026 is not.
    save(superuser, tree.commune_a, budget, D("5"), period="2025-H1")
    with pytest.raises(ValidationError) as refused:
        save(superuser, tree.commune_a, budget, D("5"), period="2026")
    assert refused.value.messages == [
        "Phường Kỳ Ninh không tồn tại trong kỳ Năm 2026 (đơn vị tồn tại đến 30/06/2025): "
        "không nhập được số liệu cho kỳ này."
    ]
    # Phường Hải Ninh was formed on 01/07/2025: nothing for 2024.
    with pytest.raises(ValidationError, match="tồn tại từ 01/07/2025"):
        save(superuser, tree.new_ward, budget, D("5"), period="2024")
    assert list(Actual.objects.values_list("unit__name", "period")) == [
        ("Phường Kỳ Ninh", "2025-H1")
    ]
