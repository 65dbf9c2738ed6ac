import datetime as dt
from io import BytesIO

from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from chitieu.awards.models import AwardRecord, Person
from chitieu.awards.people.importing import COLUMNS, import_award_history, template_workbook


def workbook_with(rows) -> BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([title for _key, title in COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def test_a_good_file_enters_every_row(tree, board, awards):
    stream = workbook_with(
        [
            [
                "Nguyễn Thị Lan",
                "Nữ",
                tree.town.name,
                "cstdcs",
                2023,
                "",
                "12/QĐ-UBND",
                "15/01/2024",
                "UBND thị xã",
                "",
            ],
            [
                "Nguyễn Thị Lan",
                "Nữ",
                tree.town.name,
                "LDTT",
                2022,
                "Công trạng",
                "3/QĐ",
                "10/01/2023",
                "",
                "",
            ],
            [
                None,
                None,
                tree.commune_a.name,
                "TTLDXS",
                2023,
                "",
                "7/QĐ",
                "12/01/2024",
                "",
                "tập thể",
            ],
        ]
    )
    result = import_award_history(actor=board, stream=stream)
    assert (result.records, result.people_created, result.problems) == (3, 1, [])
    lan = Person.objects.get()
    assert sorted(lan.awards.values_list("award__code", "year")) == [
        ("CSTDCS", 2023),
        ("LDTT", 2022),
    ]
    assert AwardRecord.objects.get(unit=tree.commune_a).award.code == "TTLDXS"


def test_one_bad_row_rejects_the_file_and_names_row_and_column(tree, board, awards):
    stream = workbook_with(
        [
            [
                "Nguyễn Thị Lan",
                "Nữ",
                tree.town.name,
                "CSTDCS",
                2023,
                "",
                "12/QĐ",
                "15/01/2024",
                "",
                "",
            ],
            [
                "Trần Văn Bình",
                "Nam",
                tree.town.name,
                "XYZ",
                2023,
                "",
                "13/QĐ",
                "31/02/2024",
                "",
                "",
            ],
        ]
    )
    result = import_award_history(actor=board, stream=stream)
    assert result.records == 0
    assert result.problems == [
        "Dòng 3, cột D (Mã danh hiệu, hình thức): mã “XYZ” không có trong danh mục.",
        "Dòng 3, cột H (Ngày quyết định (dd/mm/yyyy)): Ngày “31/02/2024” không tồn tại.",
    ]
    assert not AwardRecord.objects.exists() and not Person.objects.exists()


def test_rows_outside_the_users_units_are_refused(tree, town_board, awards):
    stream = workbook_with(
        [["A", "Nam", tree.commune_c.name, "LDTT", 2023, "", "1", "01/02/2024", "", ""]]
    )
    result = import_award_history(actor=town_board, stream=stream)
    assert result.problems == [
        f"Dòng 2, cột C (Đơn vị (tên hoặc mã hành chính)): không có đơn vị “{tree.commune_c.name}” "
        "trong phạm vi của bạn (ghi tên hoặc mã đơn vị hành chính)."
    ]


def test_the_template_has_the_columns():
    sheet = load_workbook(BytesIO(template_workbook())).active
    assert [cell.value for cell in sheet[1]] == [title for _key, title in COLUMNS]


def test_imported_history_exports_to_excel_as_the_pages_show_it(tree, board, awards, reporter_a):
    stream = workbook_with(
        [
            [
                "Nguyễn Thị Lan",
                "Nữ",
                tree.town.name,
                "LDTT",
                2022,
                "",
                "3/QĐ",
                "10/01/2023",
                "",
                "",
            ],
            [
                "Nguyễn Thị Lan",
                "Nữ",
                tree.town.name,
                "CSTDCS",
                2023,
                "",
                "12/QĐ",
                "15/01/2024",
                "",
                "",
            ],
            [None, None, tree.town.name, "TTLDXS", 2023, "", "7/QĐ", "12/01/2024", "", "tập thể"],
        ]
    )
    assert import_award_history(actor=board, stream=stream).problems == []
    client = Client()
    client.force_login(board)

    def rows_of(url):
        response = client.get(url, {"format": "xlsx"})
        sheet = load_workbook(BytesIO(response.content)).active
        return [row[:5] for row in sheet.iter_rows(min_row=3, values_only=True)]

    lan = Person.objects.get()
    assert rows_of(reverse("person_detail", args=[lan.pk])) == [
        (2023, awards["CSTDCS"].name, "Nguyễn Thị Lan", "12/QĐ", dt.datetime(2024, 1, 15)),
        (2022, awards["LDTT"].name, "Nguyễn Thị Lan", "3/QĐ", dt.datetime(2023, 1, 10)),
    ]
    assert rows_of(reverse("unit_people", args=[tree.town.pk])) == [
        (2023, awards["TTLDXS"].name, "Thị xã Kỳ Anh", "7/QĐ", dt.datetime(2024, 1, 12)),
    ]
    other = Client()
    other.force_login(reporter_a)  # Phường Kỳ Ninh only
    response = other.get(reverse("person_detail", args=[lan.pk]), {"format": "xlsx"})
    assert response.status_code == 404
