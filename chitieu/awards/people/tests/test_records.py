"""What the checker needs, as data people enter: annual ratings, initiatives (with their
decision and the award that used them), research projects, and pending disciplines, inspections
or complaints — by page, from Excel and through the API; persons and collectives by name."""

import datetime as dt
import json
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import Workbook

from chitieu.accounts.models import Role
from chitieu.awards.models import AnnualRating, Initiative, Matter, Person
from chitieu.awards.people import records
from chitieu.awards.people.records_importing import KINDS_OF_FILE
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.services import proposal_create, proposal_item_add
from chitieu.core.models import ObjectChange
from chitieu.testing import client_for
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create


@pytest.fixture
def ward_board(make_user, tree):
    return make_user("ward_board", Role.BOARD, tree.new_ward)


@pytest.fixture
def hoa(tree, ward_board):
    return person_create(
        actor=ward_board, unit=tree.new_ward, full_name="Phan Thị Hoa", sex="nu", birth_year=1988
    )


def everything():
    return (
        list(AnnualRating.objects.values_list("person_id", "unit_id", "year", "rating")),
        list(Initiative.objects.values_list("person_id", "title", "year", "is_research")),
        list(Matter.objects.values_list("person_id", "unit_id", "kind", "closed_on")),
        ObjectChange.objects.count(),
    )


# -- by page -------------------------------------------------------------------------------------


def test_the_four_kinds_entered_by_page_with_the_person_picked_by_name(tree, ward_board, hoa):
    client = client_for(ward_board)
    url = reverse("unit_records", args=[tree.new_ward.pk])
    post = {
        "ratings": {"person_name": "phan thi hoa", "year": "2026", "rating": "HTXS"},
        "initiatives": {
            "person_name": "Phan Thị Hoa",
            "title": "Số hóa hồ sơ một cửa",
            "year": "2026",
            "scope": "co_so",
            "decision_number": "12/QĐ-UBND",
            "decision_date": "20/12/2026",
            "issuer": "UBND phường Hải Ninh",
        },
        "research": {
            "person_name": "Phan Thị Hoa (1988)",
            "title": "Khảo sát nước sạch",
            "year": "2026",
            "scope": "tinh",
        },
        "matters": {"collective_name": "Phường Hải Ninh", "kind": "thanh_tra", "year": "2026"},
    }
    for kind, fields in post.items():
        data = {"kind": kind, **{f"{kind}-{key}": value for key, value in fields.items()}}
        response = client.post(url, data)
        assert response.status_code == 302, (kind, response.context["forms"][kind].errors)
    assert list(AnnualRating.objects.values_list("person__full_name", "year", "rating")) == [
        ("Phan Thị Hoa", 2026, "HTXS")
    ]
    assert list(
        Initiative.objects.order_by("id").values_list(
            "title", "year", "scope", "is_research", "decision_number", "decision_date", "issuer"
        )
    ) == [
        (
            "Số hóa hồ sơ một cửa",
            2026,
            "co_so",
            False,
            "12/QĐ-UBND",
            dt.date(2026, 12, 20),
            "UBND phường Hải Ninh",
        ),
        ("Khảo sát nước sạch", 2026, "tinh", True, "", None, ""),
    ]
    matter = Matter.objects.get()
    assert (matter.unit, matter.person, matter.kind, matter.closed_on) == (
        tree.new_ward,
        None,
        "thanh_tra",
        None,
    )
    html = client.get(url).content.decode()
    assert "Số hóa hồ sơ một cửa" in html and "12/QĐ-UBND ngày 20/12/2026" in html
    client.post(reverse("matter_close", args=[matter.pk]), {"closed_on": "05/01/2027"})
    matter.refresh_from_db()
    assert matter.closed_on == dt.date(2027, 1, 5)


def test_an_unknown_or_ambiguous_name_is_a_message_and_nothing_changes(tree, ward_board, hoa):
    person_create(
        actor=ward_board, unit=tree.new_ward, full_name="Phan Thị Hoa", sex="nu", birth_year=1990
    )
    client = client_for(ward_board)
    url = reverse("unit_records", args=[tree.new_ward.pk])
    before = everything()
    for name, message in (
        (
            "Phan Thị Hòa Bình",
            "Không tìm thấy người tên “Phan Thị Hòa Bình” trong Phường Hải Ninh.",
        ),
        (
            "Phan Thị Hoa",
            "Có 2 người tên “Phan Thị Hoa”: Phan Thị Hoa (1988, Phường Hải Ninh); Phan Thị Hoa "
            "(1990, Phường Hải Ninh). Hãy ghi kèm năm sinh, ví dụ “Phan Thị Hoa (1985)”.",
        ),
    ):
        response = client.post(
            url,
            {
                "kind": "ratings",
                "ratings-person_name": name,
                "ratings-year": "2026",
                "ratings-rating": "HTT",
            },
        )
        assert response.status_code == 200
        assert response.context["forms"]["ratings"].non_field_errors() == [message]
    assert everything() == before
    client.post(
        url,
        {
            "kind": "ratings",
            "ratings-person_name": "Phan Thị Hoa (1990)",
            "ratings-year": "2026",
            "ratings-rating": "HTT",
        },
    )
    assert list(AnnualRating.objects.values_list("person__birth_year", "rating")) == [(1990, "HTT")]


def test_a_second_rating_of_the_year_replaces_the_first(ward_board, hoa):
    records.rating_record(actor=ward_board, person=hoa, year=2026, rating="HT")
    records.rating_record(actor=ward_board, person=hoa, year=2026, rating="HTXS")
    assert list(AnnualRating.objects.values_list("year", "rating")) == [(2026, "HTXS")]


def test_another_units_board_may_not_enter_data(tree, make_user, hoa):
    other = make_user("other_board", Role.BOARD, tree.other_district)
    client = client_for(other)
    before = everything()
    response = client.post(
        reverse("unit_records", args=[tree.new_ward.pk]),
        {"kind": "ratings", "ratings-person_name": "Phan Thị Hoa", "ratings-year": "2026"},
    )
    assert response.status_code == 404
    assert everything() == before


# -- from Excel ----------------------------------------------------------------------------------


def workbook(kind: str, rows) -> BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append([title for _key, title in KINDS_OF_FILE[kind].columns])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "du-lieu.xlsx"
    return buffer


IMPORTS = {
    "ratings": (
        [["Phan Thị Hoa", 1988, "", 2025, "HTT"], ["", "", "Phường Hải Ninh", 2026, "HTXS"]],
        ["Phan Thị Hoa", "", "", 2026, "XUẤT SẮC"],
        "Dòng 4, cột E (Xếp loại (HTXS/HTT/HT/KHT)): Xếp loại “XUẤT SẮC” không hợp lệ.",
    ),
    "initiatives": (
        [["Phan Thị Hoa", "", "Sổ tay một cửa", 2026, "cơ sở", "3/QĐ", "21/12/2026", "UBND"]],
        ["Phan Thị Hoa", "", "Sổ tay thứ hai", "năm nay", "tỉnh", "", "", ""],
        "Dòng 3, cột D (Năm công nhận): “năm nay” không phải là năm hợp lệ.",
    ),
    "research": (
        [["Phan Thị Hoa", "", "Đề tài nước sạch", 2026, "tỉnh", "", "", ""]],
        ["Lê Văn Vắng", "", "Đề tài khác", 2026, "", "", "", ""],
        "Dòng 3, cột A (Họ và tên): Không tìm thấy người tên “Lê Văn Vắng” trong Phường Hải Ninh.",
    ),
    "matters": (
        [["Phan Thị Hoa", "", "", "kỷ luật", "khiển trách", 2026, "", "Đi muộn"]],
        ["Phan Thị Hoa", "", "", "phê bình", "", 2026, "", ""],
        "Dòng 3, cột D (Loại (kỷ luật/thanh tra/khiếu nại)): Loại “phê bình” không hợp lệ.",
    ),
}


@pytest.mark.parametrize("kind", list(IMPORTS))
def test_an_excel_file_with_one_bad_row_is_rejected_whole_with_row_and_column(
    tree, ward_board, hoa, kind
):
    good, bad, problem = IMPORTS[kind]
    client = client_for(ward_board)
    url = reverse("records_import", args=[tree.new_ward.pk, kind])
    before = everything()
    response = client.post(url, {"file": workbook(kind, [*good, bad])}, follow=True)
    assert problem in response.content.decode()
    assert everything() == before
    response = client.post(url, {"file": workbook(kind, good)}, follow=True)
    assert f"Đã nhập {len(good)} dòng." in response.content.decode()
    assert everything() != before


def test_the_imported_rows_hold_their_values(tree, ward_board, hoa):
    client = client_for(ward_board)
    good = IMPORTS["ratings"][0]
    client.post(
        reverse("records_import", args=[tree.new_ward.pk, "ratings"]),
        {"file": workbook("ratings", good)},
    )
    assert sorted(
        AnnualRating.objects.values_list("person__full_name", "unit__name", "year", "rating"),
        key=str,
    ) == sorted(
        [("Phan Thị Hoa", None, 2025, "HTT"), (None, "Phường Hải Ninh", 2026, "HTXS")], key=str
    )
    response = client.get(reverse("records_template", args=["matters"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd")


# -- through the API -----------------------------------------------------------------------------


def test_the_api_enters_the_four_kinds_scoped_to_the_users_units(tree, ward_board, hoa, superuser):
    client = client_for(ward_board)

    def post(path: str, body: dict):
        return client.post(f"/api/awards/{path}", json.dumps(body), content_type="application/json")

    response = post(f"persons/{hoa.pk}/ratings", {"year": 2026, "rating": "HTT"})
    assert response.status_code == 201
    assert response.json() == {
        "id": AnnualRating.objects.get().pk,
        "person_id": hoa.pk,
        "unit_id": None,
        "year": 2026,
        "rating": "HTT",
    }
    assert (
        post(f"persons/{hoa.pk}/initiatives", {"title": "Sổ tay", "year": 2026}).status_code == 201
    )
    assert (
        post(
            f"persons/{hoa.pk}/research", {"title": "Đề tài", "year": 2026, "scope": "tinh"}
        ).status_code
        == 201
    )
    assert post(f"persons/{hoa.pk}/matters", {"kind": "khieu_nai", "year": 2026}).status_code == 201
    assert (
        post(
            f"collectives/{tree.new_ward.pk}/ratings", {"year": 2026, "rating": "HTXS"}
        ).status_code
        == 201
    )
    assert (
        post(
            f"collectives/{tree.new_ward.pk}/matters", {"kind": "thanh_tra", "year": 2026}
        ).status_code
        == 201
    )
    data = client.get(f"/api/awards/persons/{hoa.pk}/records").json()
    assert [(r["year"], r["rating"]) for r in data["ratings"]] == [(2026, "HTT")]
    assert sorted((i["title"], i["is_research"]) for i in data["initiatives"]) == [
        ("Sổ tay", False),
        ("Đề tài", True),
    ]
    assert [(m["kind"], m["closed_on"]) for m in data["matters"]] == [("khieu_nai", None)]
    # A person of another province: 404, and nothing changes.
    other = unit_create(actor=superuser, name="Tỉnh Nghệ An", type=UnitType.PROVINCE, parent=None)
    stranger = person_create(actor=superuser, unit=other, full_name="Hồ Văn Xa", sex="nam")
    before = everything()
    response = post(f"persons/{stranger.pk}/ratings", {"year": 2026, "rating": "HTT"})
    assert response.status_code == 404
    assert (
        post(f"collectives/{other.pk}/ratings", {"year": 2026, "rating": "HTT"}).status_code == 404
    )
    bad = post(f"persons/{hoa.pk}/ratings", {"year": 2026, "rating": "TỐT"})
    assert bad.status_code == 422
    assert "Xếp loại “TỐT” không hợp lệ" in bad.json()["message"] + json.dumps(
        bad.json()["details"], ensure_ascii=False
    )
    assert everything() == before
    assert Person.objects.filter(full_name="Hồ Văn Xa").count() == 1


# -- the checker ---------------------------------------------------------------------------------


def test_the_checker_says_the_rating_is_missing_instead_of_failing(tree, ward_board, hoa, awards):
    proposal = proposal_create(actor=ward_board, unit=tree.new_ward, year=2026, title="Năm 2026")
    item = proposal_item_add(actor=ward_board, proposal=proposal, award=awards["LDTT"], person=hoa)
    item.refresh_from_db()
    assert [f for f in item.findings if not f["met"]] == [
        {
            "condition": "ldtt_rating",
            "met": False,
            "message": "Chưa có dữ liệu xếp loại năm 2026.",
            "article": "Luật TĐKT 2022, Điều 24",
            "missing": True,
        }
    ]
    html = (
        client_for(ward_board).get(reverse("proposal_detail", args=[proposal.pk])).content.decode()
    )
    assert "? Chưa có dữ liệu xếp loại năm 2026." in html and "thiếu dữ liệu" in html
