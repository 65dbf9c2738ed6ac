"""A reviewer turns an article into saved figures; the check mode flags a changed number."""

from decimal import Decimal as D
from pathlib import Path

import pytest
from django.urls import reverse

from chitieu.actuals.models import Actual, ActualRevision
from chitieu.actuals.services import ValueInput, actuals_save
from chitieu.core.numbers import format_decimal
from chitieu.testing import client_for

ARTICLE = (
    Path(__file__).resolve().parents[4] / "shared/corpus/texts/001_9dadb441269e12e8.txt"
).read_text()


def test_reading_an_article_lists_and_highlights_its_figures(tree, planner, catalogue):
    response = client_for(planner).post(
        reverse("extraction_review"), {"text": ARTICLE, "action": "read"}
    )
    html = response.content.decode()
    assert "25 số liệu" in html
    assert (
        '<mark class="fig-actual" id="fig-2" title="amount">320 tỷ đồng<sup>3</sup></mark>' in html
    )
    assert '<mark class="fig-target"' in html


def test_accepted_figures_are_saved_with_the_text_as_provenance(tree, planner, catalogue):
    client = client_for(planner)
    rows = client.post(reverse("extraction_review"), {"text": ARTICLE, "action": "read"}).context[
        "rows"
    ]
    budget = next(r for r in rows if r.figure.quote == "320 tỷ đồng")
    industry = next(r for r in rows if r.figure.quote == "72.824 tỷ đồng")
    data = {
        "text": ARTICLE,
        "action": "save",
        "unit": tree.town.pk,
        "period": "2021",
        "title": "Báo Hà Tĩnh",
        "actual_kind": "estimate",
    }
    for row in (budget, industry):
        data |= {
            f"accept_{row.index}": "on",
            f"indicator_{row.index}": row.match.indicator_id,
            f"value_{row.index}": "320" if row is budget else "72.824",
            f"role_{row.index}": "actual",
        }
    response = client.post(reverse("extraction_review"), data)
    assert response.status_code == 302
    assert sorted(Actual.objects.values_list("indicator__code", "value")) == [
        ("KT03", D("72824")),
        ("KT06", D("320")),
    ]
    revision = ActualRevision.objects.get(actual__indicator__code="KT06")
    assert revision.source == "Trích từ văn bản: Báo Hà Tĩnh"
    assert "KT06: “320 tỷ đồng”" in revision.quote


def test_check_mode_flags_a_changed_number(tree, planner, catalogue):
    actuals_save(
        actor=planner,
        unit=tree.town,
        period="2021",
        kind="estimate",
        values=[
            ValueInput(catalogue["KT06"], D("321"), 0),
            ValueInput(catalogue["KT03"], D("72824"), 0),
        ],
    )
    response = client_for(planner).post(
        reverse("extraction_review"),
        {
            "text": ARTICLE,
            "action": "read",
            "mode": "check",
            "unit": tree.town.pk,
            "period": "2021",
        },
    )
    differences = response.context["differences"]
    assert [(row.match.code, row.figure.value, row.stored) for row in differences] == [
        ("KT06", D("320"), D("321"))
    ]
    assert "hệ thống đang lưu" in response.content.decode()


def test_a_reviewer_cannot_save_into_another_unit(tree, reporter_a, catalogue):
    response = client_for(reporter_a).post(
        reverse("extraction_review"),
        {
            "text": ARTICLE,
            "action": "save",
            "unit": tree.commune_b.pk,
            "period": "2021",
            "accept_2": "on",
        },
    )
    assert response.status_code == 404
    assert not Actual.objects.exists()


def test_an_upload_that_is_not_a_report_file_is_refused_by_its_content(tree, planner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from chitieu.testing_files import HTML_BYTES, xlsx_bytes

    response = client_for(planner).post(
        reverse("extraction_review"),
        {"docx": SimpleUploadedFile("bai-viet.docx", HTML_BYTES), "action": "read"},
    )
    assert response.status_code == 200
    assert (
        "Loại tệp này không được nhận; chỉ nhận: PDF, Word (.docx), Excel (.xlsx)."
        in response.content.decode()
    )
    # an Excel workbook under a Word name is read as what it is: a report sheet
    response = client_for(planner).post(
        reverse("extraction_review"),
        {"docx": SimpleUploadedFile("bai-viet.docx", xlsx_bytes()), "action": "read"},
    )
    assert response.status_code == 200
    assert "Loại tệp này không được nhận" not in response.content.decode()


def _report_docx() -> bytes:
    import io

    from docx import Document

    document = Document()
    document.add_paragraph("Báo cáo kết quả thực hiện các chỉ tiêu năm 2021 của thị xã Kỳ Anh")
    table = document.add_table(rows=0, cols=5)
    for values in (
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2021", "Ước thực hiện năm 2021"],
        ["1", "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", "273.500", "320.000"],
        ["2", "Số doanh nghiệp thành lập mới", "Doanh nghiệp", "60", "72"],
    ):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _upload(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_a_word_report_becomes_a_sheet_mapped_to_indicators_with_units_converted(
    tree, planner, catalogue
):
    response = client_for(planner).post(
        reverse("extraction_review"),
        {"docx": _upload(_report_docx(), "bao-cao-2021.docx"), "action": "read"},
    )
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [
        (r.match.code, r.figure.role, r.value, r.unit, r.suggested, r.figure.cell) for r in rows
    ] == [
        ("KT06", "target", D("273.5"), "tỷ đồng", True, "Bảng 1, dòng 2, cột “Kế hoạch năm 2021”"),
        ("KT06", "actual", D(320), "tỷ đồng", True, "Bảng 1, dòng 2, cột “Ước thực hiện năm 2021”"),
        ("KT11", "target", D(60), "doanh nghiệp", True, "Bảng 1, dòng 3, cột “Kế hoạch năm 2021”"),
        (
            "KT11",
            "actual",
            D(72),
            "doanh nghiệp",
            True,
            "Bảng 1, dòng 3, cột “Ước thực hiện năm 2021”",
        ),
    ]
    html = response.content.decode()
    assert 'name="blocks"' in html and 'value="bao-cao-2021.docx"' in html


def test_a_report_sheet_is_saved_as_actuals_and_targets_in_one_step_with_its_cells(
    tree, planner, catalogue, town_resolution
):
    from chitieu.targets.models import Target

    client = client_for(planner)
    first = client.post(
        reverse("extraction_review"),
        {"docx": _upload(_report_docx(), "bao-cao-2021.docx"), "action": "read"},
    )
    data = {
        "text": first.context["text"],
        "blocks": first.context["blocks"],
        "document": "bao-cao-2021.docx",
        "action": "save",
        "unit": tree.town.pk,
        "period": "2021",
        "actual_kind": "estimate",
        "resolution": town_resolution.pk,
    }
    for row in first.context["rows"]:
        data |= {
            f"accept_{row.index}": "on",
            f"indicator_{row.index}": row.match.indicator_id,
            f"value_{row.index}": format_decimal(row.value),
            f"role_{row.index}": row.figure.role,
        }
    response = client.post(reverse("extraction_review"), data)
    assert response.status_code == 302
    assert sorted(Actual.objects.values_list("indicator__code", "value")) == [
        ("KT06", D(320)),
        ("KT11", D(72)),
    ]
    revision = ActualRevision.objects.get(actual__indicator__code="KT06")
    assert revision.source == "Trích từ văn bản: bao-cao-2021.docx"
    assert "KT06: “320.000” (Bảng 1, dòng 2, cột “Ước thực hiện năm 2021”)" in revision.quote
    assert sorted(
        Target.objects.filter(resolution=town_resolution).values_list("indicator__code", "value")
    ) == [("KT06", D("273.5")), ("KT11", D(60))]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"PK\x03\x04 broken", "hong.docx"),
        (b"%PDF-1.4 broken", "hong.pdf"),
        (b"\x00\x01" * 500, "x.txt"),
    ],
)
def test_an_unreadable_upload_is_a_message_not_an_error(tree, planner, catalogue, data, name):
    response = client_for(planner).post(
        reverse("extraction_review"), {"docx": _upload(data, name), "action": "read"}
    )
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert any("không" in str(m) for m in response.context["messages"])


def test_an_edited_text_is_read_again_as_typed(tree, planner, catalogue):
    client = client_for(planner)
    first = client.post(
        reverse("extraction_review"),
        {"docx": _upload(_report_docx(), "bao-cao.docx"), "action": "read"},
    )
    edited = first.context["text"] + "\nKết nạp 45 đảng viên mới."
    second = client.post(
        reverse("extraction_review"),
        {"text": edited, "blocks": first.context["blocks"], "action": "read"},
    )
    assert [r.figure.value for r in second.context["rows"]][-1] == D(45)
    assert len(second.context["rows"]) == 5


@pytest.mark.parametrize("blocks", ["not base64!", "eJwLycgsVgCi4vzSopTUPAA=", ""])
def test_a_tampered_document_field_falls_back_to_the_text(tree, planner, catalogue, blocks):
    response = client_for(planner).post(
        reverse("extraction_review"),
        {"text": "Thu ngân sách đạt 320 tỷ đồng.", "blocks": blocks, "action": "read"},
    )
    assert response.status_code == 200
    assert [r.figure.value for r in response.context["rows"]] == [D(320)]


def test_a_text_beyond_the_limit_is_a_message(tree, planner, catalogue, monkeypatch, settings):
    from chitieu.extraction import reading

    monkeypatch.setattr(reading, "MAX_CHARS", 100)
    response = client_for(planner).post(
        reverse("extraction_review"),
        {"text": "Thu ngân sách đạt 320 tỷ đồng. " * 10, "action": "read"},
    )
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert any("quá dài" in str(m) for m in response.context["messages"])


def test_a_read_document_with_numbered_items_comes_back_whole_in_the_next_step(
    tree, planner, catalogue
):
    import io

    from docx import Document

    document = Document()
    document.add_paragraph("Phấn đấu năm 2022:")
    document.add_paragraph("Thu ngân sách 350 tỷ đồng", style="List Number")
    stream = io.BytesIO()
    document.save(stream)
    client = client_for(planner)
    first = client.post(
        reverse("extraction_review"),
        {"docx": _upload(stream.getvalue(), "kh.docx"), "action": "read"},
    )
    assert first.context["text"] == "Phấn đấu năm 2022:\n- Thu ngân sách 350 tỷ đồng"
    second = client.post(
        reverse("extraction_review"),
        {
            "text": first.context["text"].replace("\n", "\r\n"),
            "blocks": first.context["blocks"],
            "action": "read",
        },
    )
    assert second.context["blocks"] == first.context["blocks"]
    assert [(r.figure.value, r.figure.role) for r in second.context["rows"]] == [(D(350), "target")]
