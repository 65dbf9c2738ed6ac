"""The proposal, the decision with its list and cash, the ranking, and one certificate per award."""

import datetime as dt
from io import BytesIO

import pypdfium2
from django.test import Client
from django.urls import reverse
from docx import Document

from chitieu.awards.models import AnnualRating
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.services import proposal_create, proposal_item_add, proposal_submit
from chitieu.testing import fixture_row, review_and_decide


def test_proposal_decision_and_certificates(tree, town_board, board, awards):
    people = []
    for name in ("Nguyễn Thị Lan", "Trần Văn Bình"):
        person = person_create(actor=town_board, unit=tree.town, full_name=name, sex="nu")
        fixture_row(AnnualRating, person=person, year=2024, rating="HTT")
        people.append(person)
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="Năm 2024")
    for person in people:
        proposal_item_add(
            actor=town_board,
            proposal=proposal,
            award=awards["LDTT"],
            person=person,
            achievement="Hoàn thành tốt nhiệm vụ",
        )
    proposal_submit(actor=town_board, proposal=proposal)
    decision = review_and_decide(board, proposal, "15/QĐ-UBND", dt.date(2025, 1, 5))
    client = Client()
    client.force_login(board)

    proposal_doc = Document(
        BytesIO(client.get(reverse("proposal_document", args=[proposal.pk, "docx"])).content)
    )
    text = "\n".join(p.text for p in proposal_doc.paragraphs)
    assert "TỜ TRÌNH" in text and "khen thưởng cho 2 cá nhân (có danh sách kèm theo)" in text

    decision_doc = Document(
        BytesIO(client.get(reverse("decision_document", args=[decision.pk, "docx"])).content)
    )
    text = "\n".join(p.text for p in decision_doc.paragraphs)
    assert "QUYẾT ĐỊNH" in text
    assert (
        "Điều 1. Tặng danh hiệu “Lao động tiên tiến” cho 2 cá nhân (có danh sách kèm theo)." in text
    )
    assert (
        "Điều 2. Tiền thưởng theo quy định, tổng cộng 1.420.000 đồng, chi từ Quỹ thi đua, khen "
        "thưởng của tỉnh Hà Tĩnh." in text
    )
    cells = [cell.text for table in decision_doc.tables for row in table.rows for cell in row.cells]
    assert "Số: 15/QĐ-UBND" in cells[0]

    pdf = pypdfium2.PdfDocument(client.get(reverse("certificates", args=[decision.pk])).content)
    assert len(pdf) == 2
    first = pdf[0]
    assert round(first.get_width() / 72 * 25.4) == 297  # landscape A4
    text = first.get_textpage().get_text_range()
    assert "TẶNG" in text and "Quyết định số 15/QĐ-UBND ngày 05/01/2025" in text
