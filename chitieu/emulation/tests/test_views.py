"""The Board's pages: create a cluster, set up its year, score, with scopes enforced."""

import datetime as dt
from decimal import Decimal as D

from django.urls import reverse

from chitieu.core.models import ObjectChange
from chitieu.emulation.models import Cluster, ClusterYear, Score
from chitieu.emulation.services import cluster_create, cluster_year_setup, scoring_table_create
from chitieu.testing import client_for


def test_the_board_creates_a_cluster_and_sets_up_its_year(tree, board, awards):
    client = client_for(board)
    client.post(
        reverse("board_year", args=[tree.province.pk, 2021]),
        {
            "name": "Cụm thi đua số 2",
            "kind": "cum",
            "decision_number": "9/QĐ",
            "decision_date": "01/02/2021",
        },
    )
    cluster = Cluster.objects.get()
    page = client.get(reverse("board_year", args=[tree.province.pk, 2021])).content.decode()
    assert "Cụm thi đua số 2" in page and "Thiết lập năm" in page
    response = client.post(
        reverse("cluster_year_setup", args=[cluster.pk, 2021]),
        {
            "members": [tree.town.pk, tree.other_district.pk],
            "chair": tree.town.pk,
            "agreement_text": "Giao ước",
        },
    )
    cluster_year = ClusterYear.objects.get()
    assert response["Location"] == reverse("cluster_year_detail", args=[cluster_year.pk])
    # The Board's entry point opens on that year, which stays among the years offered.
    latest = client.get(reverse("board_latest", args=[tree.province.pk]))
    assert latest["Location"] == reverse("board_year", args=[tree.province.pk, 2021])
    later = client.get(reverse("board_year", args=[tree.province.pk, 2025])).content.decode()
    assert reverse("board_year", args=[tree.province.pk, 2021]) in later
    assert sorted(m.unit.name for m in cluster_year.members.all()) == [
        "Huyện Cẩm Xuyên",
        "Thị xã Kỳ Anh",
    ]


def test_next_year_copies_last_years_table(tree, board, awards):
    cluster = cluster_create(
        actor=board,
        organiser=tree.province,
        name="Cụm 1",
        kind="cum",
        decision_number="1",
        decision_date=dt.date(2020, 1, 1),
    )
    table = scoring_table_create(
        actor=board,
        organiser=tree.province,
        year=2021,
        name="Bảng 2021",
        criteria=[
            {"code": "I", "name": "Chỉ đạo", "max_points": D("40")},
            {"code": "I.1", "name": "Kế hoạch", "max_points": D("40"), "parent": "I"},
        ],
    )
    cluster_year_setup(
        actor=board, cluster=cluster, year=2021, members=[tree.town], scoring_table=table
    )
    client_for(board).post(
        reverse("cluster_year_setup", args=[cluster.pk, 2022]), {"members": [tree.town.pk]}
    )
    copied = ClusterYear.objects.get(year=2022).scoring_table
    assert (copied.name, [c.code for c in copied.criteria.order_by("order")]) == (
        "Bảng 2022",
        ["I", "I.1"],
    )
    assert copied.criteria.get(code="I.1").parent.code == "I"


def test_a_member_cannot_confirm_its_own_score(tree, board, town_board, awards):
    cluster = cluster_create(
        actor=board,
        organiser=tree.province,
        name="Cụm 1",
        kind="cum",
        decision_number="1",
        decision_date=dt.date(2020, 1, 1),
    )
    table = scoring_table_create(
        actor=board,
        organiser=tree.province,
        year=2021,
        name="Bảng",
        criteria=[{"code": "I", "name": "Chỉ đạo", "max_points": D("40")}],
    )
    cluster_year = cluster_year_setup(
        actor=board, cluster=cluster, year=2021, members=[tree.town], scoring_table=table
    )
    member = cluster_year.members.get()
    url = reverse("cluster_year_detail", args=[cluster_year.pk])
    before = ObjectChange.objects.count()
    response = client_for(town_board).post(
        url,
        {
            "action": "score",
            "member": member.pk,
            "criterion": table.criteria.get().pk,
            "stage": "board",
            "points": "40",
        },
        follow=True,
    )
    assert "Bạn không có quyền chấm điểm ở bước này." in response.content.decode()
    assert not Score.objects.exists()
    assert ObjectChange.objects.count() == before
    client_for(town_board).post(
        url,
        {
            "action": "score",
            "member": member.pk,
            "criterion": table.criteria.get().pk,
            "stage": "self",
            "points": "38,5",
        },
    )
    assert Score.objects.get().points == D("38.5")


def test_a_cluster_of_another_province_is_not_reachable(tree, board, make_user, superuser, awards):
    from chitieu.accounts.models import Role
    from chitieu.units.models import UnitType
    from chitieu.units.services import unit_create

    other_province = unit_create(
        actor=superuser, name="Tỉnh Nghệ An", type=UnitType.PROVINCE, parent=None
    )
    other_board = make_user("other_board", Role.BOARD, other_province)
    cluster = cluster_create(
        actor=board,
        organiser=tree.province,
        name="Cụm 1",
        kind="cum",
        decision_number="1",
        decision_date=dt.date(2020, 1, 1),
    )
    cluster_year = cluster_year_setup(actor=board, cluster=cluster, year=2021, members=[tree.town])
    assert (
        client_for(other_board)
        .get(reverse("cluster_year_detail", args=[cluster_year.pk]))
        .status_code
        == 404
    )


def test_the_board_launches_a_movement(tree, board, awards):
    from chitieu.emulation.models import Movement

    client_for(board).post(
        reverse("board_year", args=[tree.province.pk, 2024]),
        {
            "action": "movement",
            "name": "Cả tỉnh chung sức xây dựng nông thôn mới",
            "document_number": "20/KH-UBND",
            "document_date": "01/03/2024",
            "starts_on": "01/03/2024",
            "ends_on": "31/12/2025",
            "final_review_on": "15/12/2025",
        },
    )
    movement = Movement.objects.get()
    assert (movement.launched_by, str(movement.final_review_on)) == (tree.province, "2025-12-15")
    page = (
        client_for(board).get(reverse("board_year", args=[tree.province.pk, 2024])).content.decode()
    )
    assert "Cả tỉnh chung sức xây dựng nông thôn mới" in page and "15/12/2025" in page


def test_a_member_signs_and_registers_its_titles_from_the_page(tree, board, town_board, awards):
    cluster = cluster_create(
        actor=board,
        organiser=tree.province,
        name="Cụm 1",
        kind="cum",
        decision_number="1",
        decision_date=dt.date(2020, 1, 1),
    )
    cluster_year = cluster_year_setup(actor=board, cluster=cluster, year=2022, members=[tree.town])
    member = cluster_year.members.get()
    client_for(town_board).post(
        reverse("cluster_year_detail", args=[cluster_year.pk]),
        {
            "action": "sign",
            "member": member.pk,
            "signed_on": "07/01/2022",
            "titles": ["CO_TINH", "TTLDXS"],
        },
    )
    member.refresh_from_db()
    # The day of the conference, by the town's own Board: not on the member's behalf.
    assert (member.signed_on, member.signed_by, member.signed_for_member) == (
        dt.date(2022, 1, 7),
        town_board,
        False,
    )
    assert sorted(member.registered_titles.values_list("code", flat=True)) == ["CO_TINH", "TTLDXS"]


def test_a_member_commits_to_its_main_targets(tree, board, town_board, awards, catalogue):
    from chitieu.targets.services import resolution_create, target_create

    root = board.__class__.objects.get(username="root")
    resolution = resolution_create(
        actor=root,
        unit=tree.town,
        number="1",
        title="KH",
        date=dt.date(2021, 12, 1),
        issuing_body="HĐND",
        period="2022",
    )
    budget = target_create(
        actor=root, resolution=resolution, issuer="HĐND", indicator=catalogue["KT06"], value=D("10")
    )
    target_create(
        actor=root,
        resolution=resolution,
        issuer="HĐND",
        indicator=catalogue["XD02"],
        value=D("100"),
    )
    cluster = cluster_create(
        actor=board,
        organiser=tree.province,
        name="Cụm 1",
        kind="cum",
        decision_number="1",
        decision_date=dt.date(2020, 1, 1),
    )
    cluster_year = cluster_year_setup(actor=board, cluster=cluster, year=2022, members=[tree.town])
    member = cluster_year.members.get()
    url = reverse("cluster_year_detail", args=[cluster_year.pk])
    assert "Thu ngân sách nhà nước trên địa bàn" in client_for(town_board).get(url).content.decode()
    client_for(town_board).post(
        url, {"action": "targets", "member": member.pk, "targets": [budget.pk]}
    )
    assert list(member.committed_targets.all()) == [budget]


def test_the_unit_page_shows_the_units_place_in_its_cluster(cluster_year, tree, board):
    # No scores yet: the points come from the targets (5 per main target met, 1 more if exceeded).
    html = (
        client_for(board)
        .get(reverse("unit_results", args=[tree.town.pk]), {"period": "2021"})
        .content.decode()
    )
    standing = html.split('class="card headline tile standing"')[1].split("</a>")[0]
    assert f'href="{reverse("cluster_year_detail", args=[cluster_year.pk])}"' in standing
    assert '<div class="big">1/2</div>' in standing
    assert "thứ hạng trong Cụm thi đua số 1, năm 2021" in standing
    assert "12 điểm" in standing
    other_year = client_for(board).get(
        reverse("unit_results", args=[tree.town.pk]), {"period": "2022"}
    )
    assert "standing" not in other_year.content.decode()


def test_a_members_reporter_sees_the_cluster_but_no_link_to_the_boards_page(
    cluster_year, tree, make_user
):
    reporter = make_user("town_reporter", "reporter", tree.town)
    client = client_for(reporter)
    html = client.get(reverse("cluster_year_detail", args=[cluster_year.pk])).content.decode()
    assert '<p class="crumbs">Tỉnh Hà Tĩnh 2021 › Cụm thi đua số 1</p>' in html
    board_page = reverse("board_year", args=[tree.province.pk, 2021])
    assert board_page not in html
    assert client.get(board_page).status_code == 404
