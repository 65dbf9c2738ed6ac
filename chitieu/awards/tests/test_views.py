"""Commendation pages through HTTP: the proposal page shows the checker's findings; the unit's
page imports history; people of other units are not reachable."""

import datetime as dt
import re
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from chitieu.awards.models import AnnualRating, AwardRecord, Proposal
from chitieu.awards.people.services import person_create
from chitieu.testing import client_for, fixture_row, sent_on_paper_before


def test_propose_check_submit_review_decide_through_the_pages(tree, town_board, board, awards):
    lan = person_create(actor=town_board, unit=tree.town, full_name="Nguyễn Thị Lan", sex="nu")
    fixture_row(AnnualRating, person=lan, year=2024, rating="HTT")
    unit_client, board_client = client_for(town_board), client_for(board)
    response = unit_client.post(
        reverse("proposal_new", args=[tree.town.pk]), {"title": "Năm 2024", "year": "2024"}
    )
    proposal = Proposal.objects.get()
    url = reverse("proposal_detail", args=[proposal.pk])
    assert response["Location"] == url
    unit_client.post(
        url,
        {
            "award": awards["LDTT"].pk,
            "person_name": "Nguyễn Thị Lan",
            "commendation_type": "cong_trang",
        },
    )
    unit_client.post(
        url,
        {
            "award": awards["CSTDCS"].pk,
            "person_name": "Nguyễn Thị Lan",
            "commendation_type": "cong_trang",
            "votes_in_favour": "8",
            "council_members": "10",
        },
    )
    html = unit_client.get(url).content.decode()
    assert "✗ Năm 2024 chưa có một trong: xếp loại “hoàn thành xuất sắc nhiệm vụ”" in html
    assert "(Luật TĐKT 2022, Điều 23)" in html
    unit_client.post(reverse("proposal_action", args=[proposal.pk, "submit"]))
    proposal.refresh_from_db()
    assert proposal.status == "draft"  # the ineligible item has no justification yet
    item = proposal.items.get(award__code="CSTDCS")
    unit_client.post(
        reverse("proposal_action", args=[proposal.pk, "justify"]),
        {"item": item.pk, "justification": "Đột xuất trong phòng chống dịch"},
    )
    unit_client.post(reverse("proposal_action", args=[proposal.pk, "submit"]))
    board_client.post(
        reverse("proposal_action", args=[proposal.pk, "review"]), {"comment": "Đồng ý"}
    )
    board_client.post(reverse("proposal_action", args=[proposal.pk, "committee"]))
    sent_on_paper_before(proposal, dt.date(2025, 1, 10))
    board_client.post(
        reverse("fund", args=[tree.province.pk, 2025]),
        {"amount": "10.000.000", "date": "02/01/2025", "description": "Phân bổ"},
    )
    ldtt = proposal.items.get(award__code="LDTT")
    board_client.post(  # the flagged item is granted by an explicit tick
        reverse("proposal_action", args=[proposal.pk, "decide"]),
        {
            "number": "88/QĐ-UBND",
            "date": "20/01/2025",
            "issuer": "Chủ tịch UBND tỉnh",
            "outcomes": "1",
            f"grant_{ldtt.pk}": "1",
            f"grant_{item.pk}": "1",
        },
    )
    proposal.refresh_from_db()
    assert proposal.status == "decided"
    assert sorted(AwardRecord.objects.values_list("award__code", "cash")) == [
        ("CSTDCS", 2340000),
        ("LDTT", 710000),
    ]
    person_page = unit_client.get(reverse("person_detail", args=[lan.pk])).content.decode()
    assert "88/QĐ-UBND, 20/01/2025" in person_page and "2.340.000" in person_page


def test_people_and_proposals_of_another_unit_are_not_reachable(tree, town_board, board, awards):
    stranger = person_create(actor=board, unit=tree.commune_c, full_name="Trần Văn Bình", sex="nam")
    proposal = fixture_row(
        Proposal, unit=tree.other_district, year=2024, title="x", created_by=board
    )
    client = client_for(town_board)
    assert client.get(reverse("person_detail", args=[stranger.pk])).status_code == 404
    assert client.get(reverse("proposal_detail", args=[proposal.pk])).status_code == 404


def test_importing_history_from_the_unit_page(tree, board, awards):
    from openpyxl import Workbook

    from chitieu.awards.people.importing import COLUMNS

    workbook = Workbook()
    workbook.active.append([title for _key, title in COLUMNS])
    workbook.active.append(
        ["Lê Văn Nam", "Nam", tree.town.name, "LDTT", 2023, "", "5/QĐ", dt.date(2024, 1, 9), "", ""]
    )
    buffer = BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("lich-su.xlsx", buffer.getvalue())
    response = client_for(board).post(
        reverse("history_import", args=[tree.town.pk]), {"file": upload}, follow=True
    )
    assert "Đã nhập 1 khen thưởng (1 cá nhân mới)." in response.content.decode()
    assert AwardRecord.objects.get().decision_date == dt.date(2024, 1, 9)


def test_the_achievement_report_and_vote_minutes_are_attached(
    tree, town_board, awards, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    proposal = fixture_row(Proposal, unit=tree.town, year=2024, title="x", created_by=town_board)
    client_for(town_board).post(
        reverse("proposal_action", args=[proposal.pk, "attach"]),
        {
            "achievement_report": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4"),
            "vote_minutes": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4"),
        },
    )
    proposal.refresh_from_db()
    # Stored under a random name; the name it came with is kept for the download.
    assert re.fullmatch(r"proposals/\d{4}/[0-9a-f]{32}\.pdf", proposal.achievement_report.name)
    assert proposal.achievement_report_name == "bao-cao.pdf"
    assert proposal.vote_minutes_name == "bien-ban.pdf"
    assert proposal.vote_minutes.read() == b"%PDF-1.4"


def test_a_proposal_for_an_emulation_movement(tree, town_board, board, awards):
    from chitieu.emulation.services import movement_create

    movement = movement_create(
        actor=board,
        launched_by=tree.province,
        name="Chung sức xây dựng nông thôn mới",
        document_number="20/KH",
        document_date=dt.date(2024, 3, 1),
        starts_on=dt.date(2024, 3, 1),
        ends_on=dt.date(2025, 12, 31),
    )
    client = client_for(town_board)
    client.post(
        reverse("proposal_new", args=[tree.town.pk]),
        {"title": "Khen phong trào", "year": "2024", "movement": movement.pk},
    )
    proposal = Proposal.objects.get()
    assert proposal.movement == movement
    assert (
        "Chung sức xây dựng nông thôn mới"
        in client.get(reverse("proposal_detail", args=[proposal.pk])).content.decode()
    )


def test_the_proposal_list_downloads_as_excel_for_the_year(tree, town_board, board, awards):
    from openpyxl import load_workbook

    from chitieu.awards.proposals.services import proposal_create, proposal_item_add

    lan = person_create(actor=town_board, unit=tree.town, full_name="Nguyễn Thị Lan", sex="nu")
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="Năm 2024")
    proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=lan)
    proposal_create(actor=town_board, unit=tree.town, year=2023, title="Năm 2023")
    response = client_for(town_board).get(
        reverse("proposal_list"), {"year": "2024", "format": "xlsx"}
    )
    assert response["Content-Disposition"] == 'attachment; filename="de-nghi-khen-thuong-2024.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Đề nghị khen thưởng năm 2024", None, None, None],
        ["Tờ trình", "Đơn vị đề nghị", "Số cá nhân, tập thể", "Tình trạng"],
        ["Năm 2024", tree.town.name, 1, "Đang lập"],
    ]


def test_a_year_that_is_not_a_number_shows_last_year(tree, town_board):
    response = client_for(town_board).get(reverse("proposal_list"), {"year": "năm ngoái"})
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year - 1


def test_the_proposal_list_opens_on_the_newest_year_with_proposals(tree, town_board, board):
    from chitieu.awards.proposals.services import proposal_create

    proposal_create(actor=town_board, unit=tree.town, year=2021, title="Năm 2021")
    proposal_create(actor=town_board, unit=tree.town, year=2022, title="Năm 2022")
    response = client_for(board).get(reverse("proposal_list"))
    html = response.content.decode()
    assert response.context["year"] == 2022 and "Năm 2022</a>" in html
    assert 'Năm có tờ trình: <strong>2022</strong> · <a href="?year=2021">2021</a>' in html


def test_a_history_file_that_is_not_a_workbook_is_refused_by_its_content(tree, board, awards):
    from chitieu.testing_files import HTML_BYTES

    response = client_for(board).post(
        reverse("history_import", args=[tree.town.pk]),
        {"file": SimpleUploadedFile("lich-su.xlsx", HTML_BYTES)},
        follow=True,
    )
    assert "Loại tệp này không được nhận; chỉ nhận: Excel (.xlsx)." in response.content.decode()
    assert not AwardRecord.objects.exists()


def test_history_cells_with_superscripts_or_booleans_are_messages(tree, board, awards):
    from openpyxl import Workbook

    from chitieu.awards.people.importing import COLUMNS

    workbook = Workbook()
    workbook.active.append([title for _key, title in COLUMNS])
    workbook.active.append(["Lê Văn Nam", "Nam", "²", "LDTT", "²", "", "5/QĐ", "9/1/2024", "", ""])
    workbook.active.append(["Lê Văn An", "Nam", True, "LDTT", True, "", "5/QĐ", "9/1/2024", "", ""])
    buffer = BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("lich-su.xlsx", buffer.getvalue())
    response = client_for(board).post(
        reverse("history_import", args=[tree.town.pk]), {"file": upload}, follow=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dòng 2, cột C (" in html and "không có đơn vị “²” trong phạm vi của bạn" in html
    assert "cần tên (hoặc mã hành chính) của đơn vị." in html  # the TRUE of row 3
    assert "“²” không phải là năm hợp lệ." in html
    assert "Dòng 3, cột C (" in html
    assert not AwardRecord.objects.exists()


def test_initiatives_the_person_does_not_have_are_a_message(tree, town_board, awards):
    person_create(actor=town_board, unit=tree.town, full_name="Nguyễn Thị Lan", sex="nu")
    client = client_for(town_board)
    client.post(reverse("proposal_new", args=[tree.town.pk]), {"title": "Năm 2024", "year": "2024"})
    proposal = Proposal.objects.get()
    response = client.post(
        reverse("proposal_detail", args=[proposal.pk]),
        {
            "award": awards["LDTT"].pk,
            "person_name": "Nguyễn Thị Lan",
            "commendation_type": "cong_trang",
            "initiatives": "abc",
            "votes_in_favour": "-3",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["votes_in_favour"] == ["Số phiếu đồng ý: giá trị -3 phải từ 0 đến 999.999.999."]
    assert not proposal.items.exists()
    response = client.post(
        reverse("proposal_detail", args=[proposal.pk]),
        {
            "award": awards["LDTT"].pk,
            "person_name": "Nguyễn Thị Lan",
            "commendation_type": "cong_trang",
            "initiatives": "abc",
        },
    )
    assert response.context["form"].errors["initiatives"] == [
        "Nguyễn Thị Lan không có sáng kiến, đề tài tên: “abc”."
    ]
    assert not proposal.items.exists()
