import datetime as dt

from django.test import Client
from django.urls import reverse

from chitieu.awards.models import AwardRecord, Person
from chitieu.awards.statistics.report import statistics
from chitieu.emulation.services import movement_create
from chitieu.testing import fixture_row


def test_statistics_count_by_form_level_subject_sex_and_group(tree, board, awards):
    def person(name, sex, group, unit):
        return fixture_row(Person, full_name=name, sex=sex, group=group, unit=unit)

    people = [
        person("A", "nu", "lanh_dao", tree.town),
        person("B", "nam", "cong_nhan", tree.commune_a),
        person("C", "nu", "nong_dan", tree.commune_c),
    ]
    for p in people:
        fixture_row(
            AwardRecord,
            person=p,
            award=awards["LDTT"],
            year=2023,
            decision_number="1",
            decision_date=dt.date(2024, 1, 10),
        )
    fixture_row(
        AwardRecord,
        unit=tree.commune_a,
        award=awards["BK_TINH"],
        year=2023,
        decision_number="2",
        decision_date=dt.date(2024, 2, 1),
    )
    fixture_row(
        AwardRecord,
        person=people[0],
        award=awards["CSTDCS"],
        year=2022,
        decision_number="0",
        decision_date=dt.date(2023, 1, 10),
    )  # another year
    movement_create(
        actor=board,
        launched_by=tree.province,
        name="Phong trào A",
        document_number="1/KH",
        document_date=dt.date(2024, 3, 1),
        starts_on=dt.date(2024, 3, 1),
        ends_on=dt.date(2024, 12, 31),
    )
    report = statistics(tree.town, 2024)
    assert [row.cells() for row in report.rows] == [
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Cấp tỉnh", "1", "1", "0", "0", "0", "0"),
        ("Lao động tiên tiến", "Cấp cơ sở", "2", "0", "2", "1", "1", "1"),
    ]
    assert report.movements == []  # launched by the province, not by the town
    province = statistics(tree.province, 2024)
    assert province.totals.cells()[2:] == ("4", "1", "3", "2", "1", "2")
    assert [m.name for m in province.movements] == ["Phong trào A"]


def test_statistics_page_and_exports(tree, board, awards):
    client = Client()
    client.force_login(board)
    assert client.get(reverse("award_statistics", args=[tree.province.pk, 2024])).status_code == 200
    xlsx = client.get(reverse("award_statistics_file", args=[tree.province.pk, 2024, "xlsx"]))
    docx = client.get(reverse("award_statistics_file", args=[tree.province.pk, 2024, "docx"]))
    assert xlsx.content[:2] == b"PK" and docx.content[:2] == b"PK"
