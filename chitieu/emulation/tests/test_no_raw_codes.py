"""No page of the Board's year (the year, a cluster's year, the movements, a movement) and no
blank-layout page shows a raw code: every code is shown by its Vietnamese label."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from chitieu.awards.models import AnnualRating, BlankLayout
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals import services as proposals
from chitieu.emulation.services import movement_create, movement_review_record
from chitieu.testing import client_for, fixture_row

pytestmark = pytest.mark.django_db

CODES = {
    # proposal statuses, review kinds, scopes, methods, stages (not "board": the user is called
    # so), blank fields, cluster kinds
    *("draft", "submitted", "reviewed", "committee", "returned", "decided"),
    *("so_ket", "tong_ket", "nganh_dia_phuong", "toan_quoc", "cum_khoi", "co_quan"),
    *("chuyen_de", "thuong_xuyen", "self", "cluster", "manual", "targets"),
    *("name", "unit", "achievement", "decision", "place_date", "signer", "cum", "khoi"),
}


class _Text(HTMLParser):
    """The text a reader sees: no tags, no attributes, no scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        self._skip += tag in ("script", "style", "template")

    def handle_endtag(self, tag) -> None:
        self._skip -= tag in ("script", "style", "template")

    def handle_data(self, data) -> None:
        if not self._skip:
            self.parts.append(data)


def raw_codes(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    words = set(re.findall(r"[A-Za-z_]+", " ".join(parser.parts)))
    return words & CODES


def test_the_board_year_pages_show_labels_not_codes(tree, board, awards, cluster_year):
    root = board.__class__.objects.get(username="root")
    lan = person_create(actor=root, unit=tree.town, full_name="Nguyễn Thị Lan", sex="nu")
    fixture_row(AnnualRating, person=lan, year=2021, rating="HTT")
    proposal = proposals.proposal_create(actor=root, unit=tree.town, year=2021, title="Tờ trình")
    proposals.proposal_item_add(actor=root, proposal=proposal, award=awards["LDTT"], person=lan)
    proposals.proposal_submit(actor=root, proposal=proposal)
    movement = movement_create(
        actor=board,
        launched_by=tree.province,
        name="Thi đua quyết thắng",
        document_number="1/KH",
        document_date=dt.date(2021, 1, 5),
        starts_on=dt.date(2021, 1, 5),
        ends_on=dt.date(2021, 12, 31),
        scope="cum_khoi",
        method="thuong_xuyen",
        participants=[tree.town],
    )
    movement_review_record(
        actor=board, movement=movement, kind="so_ket", held_on=dt.date(2021, 6, 30), results="Tốt"
    )
    client = client_for(board)
    pages = {
        "board_year": reverse("board_year", args=[tree.province.pk, 2021]),
        "cluster_year": reverse("cluster_year_detail", args=[cluster_year.pk]),
        "movements": reverse("movement_list", args=[tree.province.pk]),
        "movement": reverse("movement_detail", args=[movement.pk]),
        "blank_layout": reverse(
            "blank_layout", args=[BlankLayout.objects.get(award=awards["GIAY_KHEN"]).pk]
        ),
    }
    shown = {}
    for key, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, key
        shown[key] = raw_codes(response.content.decode())
    assert shown == {key: set() for key in pages}
    board_page = client.get(pages["board_year"]).content.decode()
    assert "Đã gửi Ban TĐKT: " in board_page
    layout_page = client.get(pages["blank_layout"]).content.decode()
    assert "Địa danh, ngày tháng" in layout_page and "Số, ngày quyết định" in layout_page
