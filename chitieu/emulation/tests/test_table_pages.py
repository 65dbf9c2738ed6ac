"""The scoring table pages: the Board creates a table, builds its tree of criteria, sees each
computed criterion's rule in words; a table with scores is read-only; bad input changes
nothing and says why in Vietnamese."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from chitieu.emulation.models import ClusterYear, Criterion, ScoringTable, Stage
from chitieu.emulation.services import score_set
from chitieu.testing import client_for

pytestmark = pytest.mark.django_db


def test_the_board_creates_a_table_and_its_tree_of_criteria(tree, board):
    client = client_for(board)
    url = reverse("scoring_tables", args=[tree.province.pk, 2026])
    response = client.post(url, {"action": "create", "name": "Bảng điểm 2026"})
    table = ScoringTable.objects.get(year=2026)
    page = reverse("scoring_table", args=[table.pk])
    assert (response.status_code, response["Location"], table.organiser) == (
        302,
        page,
        tree.province,
    )
    for data in (
        {"code": "I", "name": "Công tác chỉ đạo", "max_points": "40", "method": "manual"},
        {
            "code": "I.1",
            "name": "Kế hoạch",
            "max_points": "12,5",
            "method": "manual",
            "parent_code": "I",
            "evidence_required": "on",
            "guidance": "Kèm kế hoạch đã ban hành",
        },
        {
            "code": "II",
            "name": "Chỉ tiêu",
            "max_points": "60",
            "method": "targets",
            "rule": "ratio",
            "ratio_cap": "120",
        },
    ):
        assert client.post(page, {"action": "save", **data}).status_code == 302
    assert list(
        table.criteria.values_list(
            "code", "parent__code", "max_points", "evidence_required", "rule", "ratio_cap"
        )
    ) == [
        ("I", None, D("40.00"), False, "per_target", D("100.00")),
        ("I.1", "I", D("12.50"), True, "per_target", D("100.00")),
        ("II", None, D("60.00"), False, "ratio", D("120.00")),
    ]
    html = client.get(page).content.decode()
    assert "12,5" in html
    assert (
        "Điểm = trung bình tỷ lệ thực hiện so với kế hoạch của các chỉ tiêu chủ yếu (mỗi chỉ "
        "tiêu tính tối đa 120%" in html
    )
    # Changing a criterion keeps its place in the tree.
    first = Criterion.objects.get(table=table, code="I.1")
    assert 'value="12,5"' in client.get(page, {"edit": first.pk}).content.decode()
    client.post(
        page,
        {
            "action": "save",
            "criterion": first.pk,
            "code": "I.1",
            "name": "Ban hành kế hoạch",
            "max_points": "15",
            "method": "manual",
            "parent_code": "I",
        },
    )
    first.refresh_from_db()
    assert (first.name, first.max_points, first.parent.code) == ("Ban hành kế hoạch", D("15"), "I")


def test_bad_input_changes_nothing_and_says_why(tree, board):
    client = client_for(board)
    client.post(
        reverse("scoring_tables", args=[tree.province.pk, 2026]),
        {"action": "create", "name": "Bảng"},
    )
    table = ScoringTable.objects.get()
    page = reverse("scoring_table", args=[table.pk])
    for data, message in (
        ({"code": "I", "name": "X", "max_points": "abc", "method": "manual"}, "Điểm tối đa"),
        ({"code": "I", "name": "X", "max_points": "0", "method": "manual"}, "0,01"),
        (
            {"code": "I", "name": "X", "max_points": "10", "method": "targets", "rule": "headline"},
            "hãy ghi cơ quan giao chỉ tiêu",
        ),
        (
            {"code": "I", "name": "X", "max_points": "10", "method": "manual", "parent_code": "Z"},
            "Không có tiêu chí mã Z trong bảng.",
        ),
    ):
        response = client.post(page, {"action": "save", **data})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not table.criteria.exists()
    assert client.get(page, {"edit": "abc"}).status_code == 200


def test_a_table_with_scores_is_read_only_on_its_page(cluster_year, board, tree):
    table = cluster_year.scoring_table
    member = cluster_year.members.get(unit=tree.town)
    score_set(
        actor=board,
        member=member,
        criterion=table.criteria.get(code="I.1"),
        stage=Stage.BOARD,
        points=D("10"),
    )
    client = client_for(board)
    page = reverse("scoring_table", args=[table.pk])
    html = client.get(page).content.decode()
    assert "Bảng đã có điểm chấm nên chỉ xem được" in html
    assert 'id="criterion-form"' not in html
    before = list(table.criteria.values_list("pk", "code", "name", "max_points"))
    response = client.post(
        page,
        {"action": "save", "code": "III", "name": "Mới", "max_points": "5", "method": "manual"},
    )
    assert "đã có điểm chấm nên không sửa được nữa" in " ".join(
        str(m) for m in get_messages(response.wsgi_request)
    )
    response = client.post(page, {"action": "delete", "criterion": before[0][0]})
    assert [str(m) for m in get_messages(response.wsgi_request)][-1:] == [
        "Chưa lưu gì: Bảng chấm điểm “Bảng điểm 2021” đã có điểm chấm nên không sửa được "
        "nữa; hãy sao chép bảng để thay đổi."
    ]
    assert list(table.criteria.values_list("pk", "code", "name", "max_points")) == before
    # Copied for the next year, it is open again.
    response = client.post(
        reverse("scoring_tables", args=[tree.province.pk, 2022]),
        {"action": "copy", "source": table.pk},
    )
    copy = ScoringTable.objects.get(year=2022)
    assert copy.criteria.count() == 4
    assert 'id="criterion-form"' in client.get(response["Location"]).content.decode()


def test_the_cluster_page_signs_with_the_day_and_confirms(cluster_year, board, tree):
    client = client_for(board)
    page = reverse("cluster_year_detail", args=[cluster_year.pk])
    member = cluster_year.members.get(unit=tree.town)
    for day, message in (
        ("", "Trường này là bắt buộc."),
        ("31/02/2021", "Ngày “31/02/2021” không tồn tại."),
        ("07/01/2030", "chưa đến"),
    ):
        response = client.post(page, {"action": "sign", "member": member.pk, "signed_on": day})
        assert message in " ".join(str(m) for m in get_messages(response.wsgi_request))
    member.refresh_from_db()
    assert member.signed_on is None
    client.post(page, {"action": "sign", "member": member.pk, "signed_on": "07/01/2021"})
    html = client.get(page).content.decode()
    assert "07/01/2021" in html and "do Ban ghi thay đơn vị (board)" in html
    assert "chưa ký giao ước: Huyện Cẩm Xuyên" in html
    response = client.post(page, {"action": "confirm"})
    assert "hãy ghi rõ lý do" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert ClusterYear.objects.get(pk=cluster_year.pk).scoring_confirmed_at is None
    client.post(page, {"action": "confirm", "override_reason": "Cẩm Xuyên vắng họp"})
    html = client.get(page).content.decode()
    assert "Xác nhận dù còn thiếu, lý do: Cẩm Xuyên vắng họp" in html
    assert 'id="vote-form"' in html and 'id="score-form"' not in html
    assert dt.date(2021, 1, 7) == ClusterYear.objects.get(pk=cluster_year.pk).agreement_date


def test_a_members_users_read_the_table_they_are_scored_by_and_no_one_else_does(
    cluster_year, make_user, tree
):
    """Found crawling as the town's reporter: the cluster page linked a table that answered 404.
    A member's users read it (no form, the organiser's list not linked); others get a 404."""
    table = cluster_year.scoring_table
    page = reverse("scoring_table", args=[table.pk])
    member_reporter = make_user("town_reporter", "reporter", tree.town)
    html = client_for(member_reporter).get(page).content.decode()
    assert "Ban hành kế hoạch" in html and 'id="criterion-form"' not in html
    assert reverse("scoring_tables", args=[tree.province.pk, 2021]) not in html
    assert reverse("cluster_year_detail", args=[cluster_year.pk]) in html
    outsider = make_user("ward_reporter", "reporter", tree.new_ward)
    assert client_for(outsider).get(page).status_code == 404
    before = list(table.criteria.values_list("pk", "code", "name", "max_points"))
    data = {"action": "save", "code": "III", "name": "Mới", "max_points": "5", "method": "manual"}
    client_for(member_reporter).post(page, data)
    assert list(table.criteria.values_list("pk", "code", "name", "max_points")) == before
