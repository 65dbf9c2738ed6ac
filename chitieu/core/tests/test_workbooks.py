"""The gate of every Excel import: size, zip bombs, formulas, merged cells, stray far cells; and
the targets and award-history imports refusing formulas and merged cells through it."""

import time
import zipfile
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from chitieu.core import files
from chitieu.core.workbooks import WorkbookRefused, import_sheet


def xlsx(fill) -> BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Trang"
    fill(sheet)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def refusal(stream, sheet=None) -> list[str]:
    with pytest.raises(WorkbookRefused) as refused:
        import_sheet(stream, sheet)
    return refused.value.messages


def test_plain_values_pass_and_formulas_are_named_with_their_cell():
    def plain(sheet):
        sheet["A1"], sheet["B2"] = "mã", 3.5

    assert import_sheet(xlsx(plain))["B2"].value == 3.5

    def formulas(sheet):
        sheet["B2"], sheet["C9"] = "=1+1", "=SUM(A1:A3)"

    assert refusal(xlsx(formulas)) == [
        "Trang “Trang”, dòng 2, cột B: ô có công thức “=1+1”; hãy nhập giá trị (số hoặc chữ), "
        "không dùng công thức.",
        "Trang “Trang”, dòng 9, cột C: ô có công thức “=SUM(A1:A3)”; hãy nhập giá trị (số hoặc "
        "chữ), không dùng công thức.",
    ]


def test_text_that_starts_with_an_equals_sign_is_not_a_formula():
    def text(sheet):
        sheet["A1"] = "=1+1"
        sheet["A1"].data_type = "s"

    assert import_sheet(xlsx(text))["A1"].value == "=1+1"


def test_merged_cells_are_named():
    def merged(sheet):
        sheet["B3"] = 5
        sheet.merge_cells("B3:C4")

    assert refusal(xlsx(merged)) == [
        "Trang “Trang”, dòng 3, cột B: các ô B3:C4 được gộp (merge); hãy bỏ gộp, mỗi ô một giá trị."
    ]


def test_many_formulas_are_counted_not_listed():
    def many(sheet):
        for row in range(1, 71):
            sheet.cell(row, 1, "=1")

    messages = refusal(xlsx(many))
    assert len(messages) == 51
    assert messages[-1] == "Trang “Trang”: còn 20 ô có công thức khác."


def test_a_file_larger_than_the_limit_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(files, "WORKBOOK", files.UploadRule((files.XLSX,), 1024 * 1024))
    stream = BytesIO(b"x" * (3 * 1024 * 1024 // 2))
    assert refusal(stream) == ["Tệp quá lớn (1,5 MB): một tệp nhập số liệu tối đa 1,0 MB."]


def test_a_zip_bomb_is_refused_without_being_unpacked(settings):
    settings.IMPORT_WORKBOOK_MAX_UNZIPPED_BYTES = 10 * 1024 * 1024
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (20 * 1024 * 1024))
    buffer.seek(0)
    assert refusal(buffer) == ["Tệp quá lớn khi giải nén (20,0 MB): tối đa 10,0 MB."]


def test_a_file_that_is_not_a_workbook_is_refused():
    assert refusal(BytesIO(b"not a zip")) == ["Không đọc được tệp Excel (.xlsx)."]


def test_a_stray_value_far_down_is_refused_quickly_and_styles_alone_do_not_count():
    def styled(sheet):
        sheet["A1"] = "mã"
        sheet["A1048576"].number_format = "0.00"  # a style, no value
        sheet["XFD2"].number_format = "0.00"

    page = import_sheet(xlsx(styled))
    assert (page.max_row, page.max_column) == (1, 1)

    def stray(sheet):
        sheet["A1"] = "mã"
        sheet["XFD1048576"] = "x"

    started = time.monotonic()
    assert refusal(xlsx(stray)) == [
        "Trang “Trang” có dữ liệu đến dòng 1.048.576: một tệp nhập tối đa 50.000 dòng."
    ]
    assert time.monotonic() - started < 5


def test_the_targets_import_refuses_a_formula_and_saves_nothing(town_resolution, planner):
    from chitieu.targets.excel import COLUMNS
    from chitieu.targets.models import Target

    def rows(sheet):
        sheet.title = "Chỉ tiêu"
        sheet.append([title for _key, title in COLUMNS])
        sheet.append(["KT06", "HĐND", "x", "level", "reach", 324, None, None, None, None, "a"])
        sheet.append(["XH03", "HĐND", "x", "level", "at_most", "=3+0,2"])

    client = Client()
    client.force_login(planner)
    client.post(
        reverse("targets_upload", args=[town_resolution.pk]),
        {"file": _named(xlsx(rows), "chi-tieu.xlsx")},
    )
    assert client.session["target_problems"] == [
        "Trang “Chỉ tiêu”, dòng 3, cột F: ô có công thức “=3+0,2”; hãy nhập giá trị (số hoặc "
        "chữ), không dùng công thức."
    ]
    assert not Target.objects.exists()


def test_the_award_history_import_refuses_merged_cells_and_saves_nothing(tree, board, awards):
    from chitieu.awards.models import AwardRecord, Person
    from chitieu.awards.people.importing import COLUMNS, import_award_history

    def rows(sheet):
        sheet.append([title for _key, title in COLUMNS])
        for name in ("Nguyễn Thị Lan", "Trần Văn Bình"):
            sheet.append([name, "Nữ", tree.town.pk, "LDTT", 2023, "", "12/QĐ", "15/01/2024"])
        sheet.merge_cells("H2:H3")  # one decision date for both

    result = import_award_history(actor=board, stream=xlsx(rows))
    assert result.problems == [
        "Trang “Trang”, dòng 2, cột H: các ô H2:H3 được gộp (merge); hãy bỏ gộp, mỗi ô một giá trị."
    ]
    assert (result.records, Person.objects.count(), AwardRecord.objects.count()) == (0, 0, 0)


def _named(stream: BytesIO, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, stream.getvalue())
