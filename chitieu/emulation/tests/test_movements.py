"""Movements: launched with document, theme, tasks, participants and dates in order; reviews
(sơ kết before tổng kết) with their results; the awards made for a movement; the movements of a
year for the Board's report."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from chitieu.core.models import ObjectChange
from chitieu.emulation.models import Movement, MovementReview
from chitieu.emulation.movements import movement_awards, movements_of_year
from chitieu.emulation.services import movement_create, movement_review_record
from chitieu.testing import client_for

pytestmark = pytest.mark.django_db

LAUNCH = {
    "name": "Xây dựng đô thị văn minh",
    "theme": "Đô thị văn minh",
    "document_number": "15/KH-UBND",
    "document_date": "05/01/2026",
    "starts_on": "05/01/2026",
    "ends_on": "31/12/2026",
    "midterm_review_on": "30/06/2026",
    "final_review_on": "15/12/2026",
    "scope": "nganh_dia_phuong",
    "method": "chuyen_de",
    "tasks": "Chỉnh trang đô thị; vệ sinh môi trường.",
}


def _movement(actor, unit, **extra) -> Movement:
    fields = {
        "name": "Hà Tĩnh vì người nghèo - Không để ai bị bỏ lại phía sau",
        "document_number": "20/KH-UBND",
        "document_date": dt.date(2026, 1, 10),
        "starts_on": dt.date(2026, 1, 10),
        "ends_on": dt.date(2026, 12, 31),
    } | extra
    return movement_create(actor=actor, launched_by=unit, **fields)


def test_the_board_launches_a_movement_with_participants_named(tree, board):
    client = client_for(board)
    data = LAUNCH | {"participants": "Thị xã Kỳ Anh\nhuyện cẩm xuyên"}
    response = client.post(reverse("movement_list", args=[tree.province.pk]), data)
    assert response.status_code == 302
    movement = Movement.objects.get()
    assert (movement.document_number, movement.document_date) == ("15/KH-UBND", dt.date(2026, 1, 5))
    assert (movement.midterm_review_on, movement.final_review_on) == (
        dt.date(2026, 6, 30),
        dt.date(2026, 12, 15),
    )
    assert (movement.scope, movement.method) == ("nganh_dia_phuong", "chuyen_de")
    assert sorted(u.name for u in movement.participants.all()) == [
        "Huyện Cẩm Xuyên",
        "Thị xã Kỳ Anh",
    ]
    page = client.get(reverse("movement_detail", args=[movement.pk])).content.decode()
    assert "15/KH-UBND ngày 05/01/2026" in page
    assert "Thi đua theo chuyên đề" in page and "30/06/2026" in page
    listing = client.get(reverse("movement_list", args=[tree.province.pk])).content.decode()
    assert "Xây dựng đô thị văn minh" in listing and "05/01/2026 – 31/12/2026" in listing


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"final_review_on": "30/06/2026", "midterm_review_on": "15/12/2026"}, "sau ngày sơ kết"),
        ({"ends_on": "01/01/2026"}, "Ngày kết thúc phải sau ngày bắt đầu"),
        ({"midterm_review_on": "01/01/2027"}, "Ngày sơ kết phải nằm trong thời gian phong trào"),
        ({"final_review_on": "01/01/2026"}, "Ngày tổng kết phải sau ngày bắt đầu"),
        ({"participants": "Xã Không Có"}, "Không tìm thấy đơn vị thuộc Tỉnh Hà Tĩnh: Xã Không Có."),
        ({"starts_on": "31/02/2026"}, ""),
    ],
)
def test_dates_out_of_order_or_unknown_units_are_refused(tree, board, change, message):
    client = client_for(board)
    before = ObjectChange.objects.count()
    response = client.post(reverse("movement_list", args=[tree.province.pk]), LAUNCH | change)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Movement.objects.exists() and ObjectChange.objects.count() == before


def test_a_town_board_cannot_launch_for_the_province_nor_name_units_outside(tree, town_board):
    client = client_for(town_board)
    response = client.post(reverse("movement_list", args=[tree.province.pk]), LAUNCH)
    assert response.status_code == 404  # the province is not among its units
    data = LAUNCH | {"participants": "Huyện Cẩm Xuyên"}
    response = client.post(reverse("movement_list", args=[tree.town.pk]), data)
    assert (
        "Không tìm thấy đơn vị thuộc Thị xã Kỳ Anh: Huyện Cẩm Xuyên." in response.content.decode()
    )
    assert not Movement.objects.exists()


def test_reviews_are_recorded_midterm_before_final(tree, board):
    movement = _movement(board, tree.province)
    client = client_for(board)
    url = reverse("movement_detail", args=[movement.pk])
    review = {"kind": "so_ket", "held_on": "15/07/2026", "document_number": "30/BC-UBND"}
    client.post(url, review | {"results": "Sơ kết 6 tháng: 1.250 hộ thoát nghèo."})
    final = {"kind": "tong_ket", "held_on": "10/07/2026", "results": "Tổng kết."}
    refused = client.post(url, final).content.decode()
    assert "Tổng kết phải sau lần sơ kết gần nhất (15/07/2026)." in refused
    client.post(url, final | {"held_on": "20/12/2026", "results": "Tổng kết năm."})
    assert list(MovementReview.objects.values_list("kind", "held_on", "results")) == [
        ("so_ket", dt.date(2026, 7, 15), "Sơ kết 6 tháng: 1.250 hộ thoát nghèo."),
        ("tong_ket", dt.date(2026, 12, 20), "Tổng kết năm."),
    ]
    page = client.get(url).content.decode()
    assert "Sơ kết" in page and "15/07/2026" in page and "30/BC-UBND" in page
    assert "1.250 hộ thoát nghèo" in page and "20/12/2026" in page
    # After the tổng kết: no second one, no sơ kết after it.
    with pytest.raises(ValidationError, match="đã có hội nghị tổng kết"):
        movement_review_record(
            actor=board,
            movement=movement,
            kind="tong_ket",
            held_on=dt.date(2026, 12, 30),
            results="Lần hai",
        )
    with pytest.raises(ValidationError, match=r"Sơ kết phải trước tổng kết \(20/12/2026\)"):
        movement_review_record(
            actor=board,
            movement=movement,
            kind="so_ket",
            held_on=dt.date(2026, 12, 21),
            results="Muộn",
        )
    assert MovementReview.objects.count() == 2


def test_a_review_outside_the_movement_or_by_others_changes_nothing(tree, board, town_board):
    movement = _movement(board, tree.province)
    url = reverse("movement_detail", args=[movement.pk])
    before = ObjectChange.objects.count()
    early = {"kind": "so_ket", "held_on": "01/01/2026", "results": "Sớm"}
    page = client_for(board).post(url, early).content.decode()
    assert "Ngày họp phải từ ngày bắt đầu phong trào (10/01/2026)." in page
    late = early | {"held_on": "01/01/2027"}
    page = client_for(board).post(url, late).content.decode()
    assert "Sơ kết phải trong thời gian phong trào (đến 31/12/2026)." in page
    assert (
        "Trường này là bắt buộc."
        in client_for(board).post(url, early | {"results": " "}).content.decode()
    )
    ok = early | {"held_on": "01/07/2026"}
    assert client_for(town_board).post(url, ok).status_code == 404  # not of its units
    assert not MovementReview.objects.exists() and ObjectChange.objects.count() == before


def test_the_awards_made_for_a_movement(tree, board, awards, today):
    from chitieu.awards.decisions.services import decision_record
    from chitieu.awards.models import AnnualRating
    from chitieu.awards.people.services import person_create
    from chitieu.awards.proposals import services
    from chitieu.testing import fixture_row

    today(dt.date(2027, 1, 5))  # the decision of 28/12/2026 is in the past
    movement = _movement(board, tree.province)
    root = board.__class__.objects.get(username="root")
    lan = person_create(actor=root, unit=tree.town, full_name="Nguyễn Thị Lan", sex="nu")
    fixture_row(AnnualRating, person=lan, year=2026, rating="HTT")
    proposal = services.proposal_create(
        actor=root, unit=tree.town, year=2026, title="Khen phong trào", movement=movement
    )
    services.proposal_item_add(actor=root, proposal=proposal, award=awards["LDTT"], person=lan)
    services.proposal_item_add(
        actor=root, proposal=proposal, award=awards["TTLDTT"], unit=tree.town
    )
    assert movement_awards(movement) == []  # proposed, not yet decided
    services.proposal_submit(actor=root, proposal=proposal)
    services.proposal_review(actor=root, proposal=proposal)
    services.proposal_to_committee(actor=root, proposal=proposal)
    decision_record(
        actor=root,
        proposal=proposal,
        number="250/QĐ-UBND",
        date=dt.date(2026, 12, 28),
        issuer="Chủ tịch UBND tỉnh",
        overdraw_confirmed=True,
        overdraw_reason="Thử nghiệm: chưa phân bổ quỹ.",
    )
    rows = [(a.award, a.recipient, a.decision_number) for a in movement_awards(movement)]
    assert rows == [
        (awards["LDTT"].name, "Nguyễn Thị Lan", "250/QĐ-UBND"),
        (awards["TTLDTT"].name, "Thị xã Kỳ Anh", "250/QĐ-UBND"),
    ]
    page = client_for(board).get(reverse("movement_detail", args=[movement.pk])).content.decode()
    assert "Nguyễn Thị Lan" in page and "250/QĐ-UBND ngày 28/12/2026" in page


def test_the_movements_of_a_year(tree, board, town_board):
    launched = _movement(board, tree.province)
    town = _movement(
        town_board,
        tree.town,
        name="Thi đua quyết thắng",
        document_date=dt.date(2025, 3, 1),
        starts_on=dt.date(2025, 3, 1),
    )
    movement_review_record(
        actor=town_board,
        movement=town,
        kind="so_ket",
        held_on=dt.date(2026, 6, 1),
        results="Sơ kết",
    )
    _movement(board, tree.other_district, name="Khác", document_date=dt.date(2026, 2, 1))
    of_town = movements_of_year(tree.town, 2026)
    assert (of_town.launched, of_town.midterm_reviewed, of_town.final_reviewed) == ([], [town], [])
    of_province = movements_of_year(tree.province, 2026)
    assert [m.name for m in of_province.launched] == [launched.name, "Khác"]
    assert of_province.reviewed == [town]
    assert movements_of_year(tree.province, 2025).launched == [town]
    period = (dt.date(2025, 12, 1), dt.date(2026, 1, 31))
    assert movements_of_year(tree.province, 2026, between=period).launched == [launched]


def test_only_the_board_sees_the_launch_and_review_forms(tree, board, make_user):
    movement = _movement(board, tree.province)
    viewer = client_for(make_user("province_viewer", "viewer", tree.province))
    listing = viewer.get(reverse("movement_list", args=[tree.province.pk])).content.decode()
    page = viewer.get(reverse("movement_detail", args=[movement.pk])).content.decode()
    assert movement.name in listing and 'id="launch"' not in listing
    assert movement.name in page and 'id="review"' not in page
    assert viewer.post(reverse("movement_list", args=[tree.province.pk]), LAUNCH).status_code == 403
    assert Movement.objects.count() == 1
    board_page = client_for(board).get(reverse("movement_detail", args=[movement.pk]))
    assert 'id="review"' in board_page.content.decode()
