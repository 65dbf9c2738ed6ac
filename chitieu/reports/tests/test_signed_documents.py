"""The documents an office signs (issue 13, item 6): the decision prints its signer under
"KT. CHỦ TỊCH", its grounds kept per unit, one article for the titles and one for each form of
reward; its date is checked; the tờ trình is addressed to the level that decides."""

import datetime as dt
from io import BytesIO

import pypdfium2
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from chitieu.awards.decisions.legal_basis import legal_basis_set
from chitieu.awards.decisions.services import decision_record
from chitieu.awards.models import AnnualRating, Decision, LegalBasis, Proposal
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.services import (
    proposal_create,
    proposal_item_add,
    proposal_item_justify,
    proposal_review,
    proposal_submit,
    proposal_to_committee,
)
from chitieu.testing import fixture_row, sent_on_paper_before


def _paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(BytesIO(content)).paragraphs if p.text]


def _cells(content: bytes) -> list[str]:
    document = Document(BytesIO(content))
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def _pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(content)
    text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    return text.replace("\r\n", "\n")


@pytest.fixture
def at_committee(tree, town_board, board, awards) -> Proposal:
    """The town's proposal before the province's Committee: two Lao động tiên tiến, a Bằng khen
    for a person and one for a collective."""
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="Năm 2024")
    for name in ("Nguyễn Thị Lan", "Trần Văn Bình"):
        person = person_create(actor=town_board, unit=tree.town, full_name=name, sex="nu")
        fixture_row(AnnualRating, person=person, year=2024, rating="HTT")
        proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=person)
    proposal_item_add(actor=town_board, proposal=proposal, award=awards["BK_TINH"], person=person)
    proposal_item_add(
        actor=town_board, proposal=proposal, award=awards["BK_TINH"], unit=tree.commune_a
    )
    for item in proposal.items.filter(eligible=False):
        proposal_item_justify(actor=town_board, item=item, justification="Thành tích đột xuất")
    proposal_submit(actor=town_board, proposal=proposal)
    proposal_review(actor=board, proposal=proposal)
    proposal_to_committee(actor=board, proposal=proposal)
    sent_on_paper_before(proposal, dt.date(2025, 1, 6))
    return proposal


GROUNDS = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi "
    "đua, khen thưởng;",
    "Căn cứ Quy chế công tác thi đua, khen thưởng của tỉnh Hà Tĩnh;",
    "Xét đề nghị của Chủ tịch UBND thị xã Kỳ Anh và Trưởng Ban Thi đua - Khen thưởng.",
]
ARTICLES = [
    "Điều 1. Tặng danh hiệu “Lao động tiên tiến” cho 2 cá nhân (có danh sách kèm theo).",
    "Điều 2. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 1 tập thể và 1 cá nhân đã có "
    "thành tích xuất sắc (có danh sách kèm theo).",
    "Điều 3. Tiền thưởng theo quy định, tổng cộng 11.950.000 đồng, chi từ Quỹ thi đua, khen "
    "thưởng của tỉnh Hà Tĩnh.",
    "Điều 4. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh Hà Tĩnh, "
    "các cơ quan, đơn vị và các tập thể, cá nhân có tên tại Điều 1 và Điều 2 chịu trách nhiệm thi "
    "hành Quyết định này.",
]


def _decide(board, proposal, **extra) -> Decision:
    # The fund is not the subject here: the overdraw is confirmed, and every item (the flagged
    # ones too) is granted.
    extra.setdefault("granted", list(proposal.items.values_list("pk", flat=True)))
    extra.setdefault("overdraw_confirmed", True)
    extra.setdefault("overdraw_reason", "Thử nghiệm: chưa phân bổ quỹ.")
    sent_on_paper_before(proposal, dt.date(2025, 1, 10))
    return decision_record(
        actor=board,
        proposal=proposal,
        number="15/QĐ-UBND",
        date=dt.date(2025, 1, 10),
        issuer="Chủ tịch UBND tỉnh",
        **extra,
    )


def test_the_decision_prints_its_signer_grounds_and_one_article_per_form(tree, board, at_committee):
    decision = _decide(board, at_committee, signer="Phó Chủ tịch Trần Báu Hà")
    assert (decision.signer_title, decision.signer) == ("Phó Chủ tịch", "Trần Báu Hà")
    client = Client()
    client.force_login(board)
    content = client.get(reverse("decision_document", args=[decision.pk, "docx"])).content
    assert _paragraphs(content) == [
        "QUYẾT ĐỊNH",
        "Về việc khen thưởng",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        *GROUNDS,
        "QUYẾT ĐỊNH:",
        *ARTICLES,
    ]
    cells = _cells(content)
    assert cells[-2:] == [
        "Nơi nhận:\n- Như Điều 4;\n- Sở Nội vụ;\n- Lưu: VT.",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\nTrần Báu Hà",
    ]
    # The list: the titles first, then each form of reward, with the cash of each.
    assert [tuple(cells[i : i + 5]) for i in range(7, 27, 5)] == [
        ("1", "Nguyễn Thị Lan", "Lao động tiên tiến", "2024", "710.000"),
        ("2", "Trần Văn Bình", "Lao động tiên tiến", "2024", "710.000"),
        ("3", "Trần Văn Bình", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "2024", "3.510.000"),
        ("4", "Phường Kỳ Ninh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "2024", "7.020.000"),
    ]
    text = _pdf_text(client.get(reverse("decision_document", args=[decision.pk, "pdf"])).content)
    # Where a line breaks depends on the fonts installed: the words are read across the breaks.
    words = " ".join(text.split())
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Báu Hà" in words
    assert "Căn cứ Quy chế công tác thi đua, khen thưởng của tỉnh Hà Tĩnh;" in words
    assert "Điều 1. Tặng danh hiệu “Lao động tiên tiến” cho 2 cá nhân" in words


def test_the_chairman_signs_for_the_committee(board, at_committee):
    decision = _decide(board, at_committee, signer_title="Chủ tịch", signer="Võ Trọng Hải")
    client = Client()
    client.force_login(board)
    content = client.get(reverse("decision_document", args=[decision.pk, "docx"])).content
    assert _cells(content)[-1] == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\n\nVõ Trọng Hải"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"date": dt.date(2025, 1, 5)},
            "Ngày quyết định 05/01/2025 trước ngày gửi tờ trình (06/01/2025).",
        ),
        (
            {"signer_title": "Chủ tịch", "signer": "Phó Chủ tịch Trần Báu Hà"},
            "Chức vụ người ký là “Chủ tịch” nhưng tên ghi “Phó Chủ tịch”.",
        ),
        (
            {"signer_title": "Giám đốc", "signer": "A"},
            "Chức vụ người ký: Chủ tịch hoặc Phó Chủ tịch.",
        ),
        ({"signer_title": "Phó Chủ tịch", "signer": " "}, "Hãy nhập họ và tên người ký."),
    ],
)
def test_a_decision_the_office_cannot_sign_is_refused(board, at_committee, extra, message):
    data = {"date": dt.date(2025, 1, 10)} | extra
    with pytest.raises(ValidationError) as refused:
        decision_record(
            actor=board, proposal=at_committee, number="15/QĐ-UBND", issuer="UBND tỉnh", **data
        )
    assert refused.value.messages == [message]
    at_committee.refresh_from_db()
    assert at_committee.status == "committee" and not Decision.objects.exists()


def test_a_decision_dated_in_the_future_is_refused_on_the_page(board, at_committee):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    client = Client()
    client.force_login(board)
    response = client.post(
        reverse("proposal_action", args=[at_committee.pk, "decide"]),
        {"number": "15/QĐ-UBND", "date": tomorrow.strftime("%d/%m/%Y"), "issuer": "UBND tỉnh"},
        follow=True,
    )
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert (
        f"Ngày quyết định {tomorrow:%d/%m/%Y} chưa đến (hôm nay {today})."
        in response.content.decode()
    )
    at_committee.refresh_from_db()
    assert at_committee.status == "committee" and not Decision.objects.exists()


def test_the_grounds_are_the_units_own_and_edited_by_its_board(
    tree, board, town_board, at_committee
):
    client = Client()
    client.force_login(board)
    url = reverse("legal_basis", args=[tree.province.pk])
    assert "Căn cứ Luật Tổ chức chính quyền địa phương" in client.get(url).content.decode()
    lines = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n\n"
        "Căn cứ Quyết định số 25/2024/QĐ-UBND   ngày 12/7/2024 ban hành Quy chế;\n"
        "Xét đề nghị của Chủ tịch UBND [đơn vị đề nghị]."
    )
    response = client.post(url, {"lines": lines})
    assert response.status_code == 302
    assert list(LegalBasis.objects.filter(unit=tree.province).values_list("position", "text")) == [
        (1, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
        (2, "Căn cứ Quyết định số 25/2024/QĐ-UBND ngày 12/7/2024 ban hành Quy chế;"),
        (3, "Xét đề nghị của Chủ tịch UBND [đơn vị đề nghị]."),
    ]
    decision = _decide(board, at_committee)
    content = client.get(reverse("decision_document", args=[decision.pk, "docx"])).content
    assert _paragraphs(content)[2:7] == [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Quyết định số 25/2024/QĐ-UBND ngày 12/7/2024 ban hành Quy chế;",
        "Xét đề nghị của Chủ tịch UBND thị xã Kỳ Anh.",
        "QUYẾT ĐỊNH:",
    ]
    # Empty: a clear message, nothing changed; the town's Board cannot edit the province's.
    before = list(LegalBasis.objects.values_list("unit", "position", "text"))
    response = client.post(url, {"lines": "  \n "})
    assert "Hãy nhập ít nhất một dòng căn cứ." in response.content.decode()
    town = Client()
    town.force_login(town_board)
    assert town.post(url, {"lines": "Căn cứ gì đó;"}).status_code in (403, 404)
    assert list(LegalBasis.objects.values_list("unit", "position", "text")) == before
    # The town has none of its own: it prints the province's, and its Board may make its own.
    assert (
        legal_basis_set(actor=town_board, unit=tree.town, lines=["Căn cứ A;"])[0].text
        == "Căn cứ A;"
    )


def test_the_proposal_is_addressed_to_the_level_that_decides(tree, town_board, board, at_committee):
    client = Client()
    client.force_login(board)
    content = client.get(reverse("proposal_document", args=[at_committee.pk, "docx"])).content
    assert _paragraphs(content) == [
        "TỜ TRÌNH",
        "Về việc đề nghị khen thưởng năm 2024",
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh.",
        *GROUNDS[:4],
        "Xét thành tích đạt được trong năm 2024, Thị xã Kỳ Anh kính trình Chủ tịch Ủy ban nhân "
        "dân tỉnh Hà Tĩnh xem xét, khen thưởng cho 1 tập thể và 3 cá nhân (có danh sách kèm theo).",
    ]
    assert _cells(content)[0] == "UBND TỈNH HÀ TĨNH\nUBND THỊ XÃ KỲ ANH\nSố:      /TTr-UBND"
    assert "Kỳ Anh, ngày 06 tháng 01 năm 2025" in _cells(content)[1]  # the day it was sent

    # A ward's Lao động tiên tiến is decided by the town: addressed to the town's Chairman.
    ward = proposal_create(actor=town_board, unit=tree.commune_a, year=2024, title="Phường")
    content = client.get(reverse("proposal_document", args=[ward.pk, "docx"])).content
    assert _paragraphs(content)[2] == "Kính gửi: Chủ tịch Ủy ban nhân dân thị xã Kỳ Anh."

    # The province's own proposal goes from its Board (Sở Nội vụ) to its Chairman, not to itself.
    own = proposal_create(actor=board, unit=tree.province, year=2024, title="Tỉnh")
    content = client.get(reverse("proposal_document", args=[own.pk, "pdf"])).content
    text = _pdf_text(content)
    assert "UBND TỈNH HÀ TĨNH\nSỞ NỘI VỤ" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh." in text
    word = client.get(reverse("proposal_document", args=[own.pk, "docx"])).content
    assert _paragraphs(word)[-1] == (
        "Xét thành tích đạt được trong năm 2024, Sở Nội vụ kính trình Chủ tịch Ủy ban nhân dân "
        "tỉnh Hà Tĩnh xem xét, khen thưởng cho 0 cá nhân (có danh sách kèm theo)."
    )
    assert text.endswith("- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC")
