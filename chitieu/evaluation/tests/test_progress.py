"""Issue 12, items 6–9 through the loader and the pages: term targets by their pace, partial
periods by their share done and their projection, targets in their own form, ranks."""

import datetime as dt
from decimal import Decimal as D

from django.urls import reverse

from chitieu.core.periods import Period
from chitieu.evaluation.engine import Status
from chitieu.evaluation.loader import evaluate_units
from chitieu.reports.unit_report import evaluation_rows, headings
from chitieu.targets.models import Comparison, Measure, Target
from chitieu.targets.services import resolution_create, target_create
from chitieu.testing import client_for, put


def results_of(unit, period):
    (results,) = evaluate_units([unit], Period.parse(period))
    return results


def page_of(user, unit, period):
    return (
        client_for(user)
        .get(reverse("unit_results", args=[unit.pk]), {"period": period})
        .content.decode()
    )


def resolution(superuser, unit, period, number="01/NQ"):
    return resolution_create(
        actor=superuser,
        unit=unit,
        number=number,
        title="Nghị quyết",
        date=dt.date(2025, 1, 5),
        issuing_body="Tỉnh ủy",
        period=period,
    )


def party_members_term(superuser, tree, catalogue):
    term = resolution(superuser, tree.province, "T2025-2029", "01/NQ-ĐH")
    return target_create(
        actor=superuser,
        resolution=term,
        issuer="Đại hội Đảng bộ tỉnh",
        indicator=catalogue["XD02"],
        value=D("500"),
        measure=Measure.TERM_TOTAL,
    )


def test_a_term_target_in_its_first_year_is_on_track_and_kept_out_of_the_headline(
    tree, superuser, catalogue
):
    party_members_term(superuser, tree, catalogue)
    yearly = resolution(superuser, tree.province, "2025")
    target_create(
        actor=superuser,
        resolution=yearly,
        issuer="HĐND tỉnh",
        indicator=catalogue["KT06"],
        value=D("300"),
    )
    put(superuser, tree.province, catalogue["XD02"], "2025", "95")
    put(superuser, tree.province, catalogue["KT06"], "2025", "310")
    results = results_of(tree.province, "2025")
    term = next(r for r in results.results if r.target.measure == Measure.TERM_TOTAL)
    assert term.status is Status.ON_TRACK  # 19% done of 20% due: a pace of 0,95
    assert (term.term.achieved_share, term.term.expected_share) == (D("19.0000"), D("20.0000"))
    assert [h.text for h in results.headlines()] == [
        "1/1 chỉ tiêu chủ yếu đạt và vượt, trong đó 1 chỉ tiêu vượt"
    ]
    assert results.term_summary().text == "Chỉ tiêu nhiệm kỳ: 1 đúng tiến độ"
    html = page_of(superuser, tree.province, "2025")
    assert "500 đảng viên cả nhiệm kỳ" in html
    assert ">Đúng tiến độ</span>" in html
    assert "19%" in html and "cả nhiệm kỳ, cần đạt 20%" in html
    assert "Không đạt" not in html
    assert "chỉ tiêu nhiệm kỳ, tính riêng với kết quả năm" in html
    assert '<div class="muted">1 đúng tiến độ</div>' in html
    body = (
        client_for(superuser).get(f"/api/evaluation/{tree.province.pk}", {"period": "2025"}).json()
    )
    assert body["term_targets"] == "Chỉ tiêu nhiệm kỳ: 1 đúng tiến độ"
    assert [
        (r["indicator"], r["target"], r["status"], r["term_achieved_share"])
        for r in body["results"]
    ] == [
        ("XD02", "500 đảng viên cả nhiệm kỳ", "dung_tien_do", "19.0000"),
        ("KT06", "đạt 300 tỷ đồng", "vuot", None),
    ]


def test_a_term_target_gets_its_verdict_in_the_terms_last_year(tree, superuser, catalogue):
    party_members_term(superuser, tree, catalogue)
    for year, value in ((2025, "95"), (2026, "90"), (2027, "90"), (2028, "90")):
        put(superuser, tree.province, catalogue["XD02"], str(year), value)
    assert results_of(tree.province, "2028").results[0].status is Status.NEEDS_ACCELERATION
    put(superuser, tree.province, catalogue["XD02"], "2029", "90")
    last = results_of(tree.province, "2029")
    assert (last.results[0].status, last.results[0].term.final) == (Status.NOT_MET, True)
    assert last.term_summary().text == "Chỉ tiêu nhiệm kỳ: 0/1 đạt và vượt"


def test_six_months_show_the_share_done_and_the_projection_apart(
    tree, superuser, town_resolution, catalogue
):
    target_create(
        actor=superuser,
        resolution=town_resolution,
        issuer="HĐND thị xã",
        indicator=catalogue["KT06"],
        value=D("250"),
    )
    put(superuser, tree.town, catalogue["KT06"], "2021-H1", "160.5")
    results = results_of(tree.town, "2021-H1")
    (row,) = results.results
    assert (row.status, row.projected_status, row.done_share) == (
        Status.ON_TRACK,
        Status.EXCEEDED,
        D("64.2000"),
    )
    (headline,) = results.headlines()
    assert (headline.achieved, headline.on_track, headline.at_risk) == (0, 1, 0)
    assert headline.text == (
        "1/1 chỉ tiêu chủ yếu đúng tiến độ kế hoạch năm, 0 chỉ tiêu có nguy cơ không đạt"
    )
    html = page_of(superuser, tree.town, "2021-H1")
    assert '<td class="num">64,2%</td>' in html
    assert '<td class="num projection">321 <small class="muted">Vượt</small></td>' in html
    assert "321,000" not in html
    assert ">Đúng tiến độ</span>" in html
    assert "đúng tiến độ kế hoạch năm, 0 chỉ tiêu có nguy cơ không đạt" in html
    # Word, PDF and Excel: the share done and the projection in columns of their own.
    assert headings(results)[5:] == (
        "Thực hiện đến nay",
        "% KH năm đã thực hiện",
        "So cùng kỳ",
        "Đánh giá",
        "Ước cả năm",
    )
    assert evaluation_rows(results)[0][3:] == (
        "đạt 250 tỷ đồng",
        "HĐND thị xã",
        "160,5",
        "64,2%",
        "",
        "Đúng tiến độ",
        "321 (Vượt)",
    )


def test_targets_read_in_their_own_form_on_the_page_and_in_the_report(
    tree, superuser, town_resolution, catalogue
):
    target_create(
        actor=superuser,
        resolution=town_resolution,
        issuer="HĐND thị xã",
        indicator=catalogue["KT02"],
        value=D("9"),
        measure=Measure.GROWTH,
    )
    target_create(
        actor=superuser,
        resolution=town_resolution,
        issuer="HĐND thị xã",
        indicator=catalogue["XH03"],
        value=D("-1"),
        upper=D("-1.5"),
        measure=Measure.CHANGE,
        comparison=Comparison.RANGE,
    )
    target_create(
        actor=superuser,
        resolution=town_resolution,
        issuer="Tỉnh giao",
        indicator=catalogue["XH03"],
        value=D("3.2"),
        comparison=Comparison.AT_MOST,
    )
    put(superuser, tree.town, catalogue["KT02"], "2020", "10000")
    put(superuser, tree.town, catalogue["KT02"], "2021", "11000")
    put(superuser, tree.town, catalogue["XH03"], "2020", "4.5")
    put(superuser, tree.town, catalogue["XH03"], "2021", "3.3")
    html = page_of(superuser, tree.town, "2021")
    assert '<td class="target">tăng 9%</td>' in html
    assert '<td class="num">10%\n' in html
    assert '<td class="target">giảm 1–1,5 điểm %</td>' in html
    assert '<td class="num">-1,2 điểm %\n' in html
    assert '<td class="target">dưới 3,2%</td>' in html
    assert "10,000" not in html
    rows = evaluation_rows(results_of(tree.town, "2021"))
    assert [(row[3], row[5], row[6], row[8]) for row in rows] == [
        ("tăng 9%", "10%", "111,11%", "Vượt"),
        ("giảm 1–1,5 điểm %", "-1,2 điểm %", "120%", "Đạt"),
        ("dưới 3,2%", "3,3", "103,13%", "Gần đạt"),
    ]


def test_a_rank_target_reads_its_place_out_of_the_provinces_of_the_year(tree, superuser, catalogue):
    pci_rank = catalogue["CC08"]
    for year, place in (("2024", "18"), ("2025", "12")):
        plan = resolution(superuser, tree.province, year, f"{year}/NQ")
        target_create(
            actor=superuser,
            resolution=plan,
            issuer="HĐND tỉnh",
            indicator=pci_rank,
            value=D("10"),
            measure=Measure.RANK,
            comparison=Comparison.AT_MOST,
        )
        put(superuser, tree.province, pci_rank, year, place)
    rise = resolution(superuser, tree.province, "2025", "2025/NQ-2")
    target_create(
        actor=superuser,
        resolution=rise,
        issuer="Tỉnh ủy",
        indicator=pci_rank,
        value=D("5"),
        measure=Measure.RANK_RISE,
    )
    results = results_of(tree.province, "2025")
    assert [(r.target.measure, r.evaluation.measured, r.status) for r in results.results] == [
        (Measure.RANK, D("12"), Status.NOT_MET),
        (Measure.RANK_RISE, D("6"), Status.EXCEEDED),
    ]
    html = page_of(superuser, tree.province, "2025")
    assert '<td class="target">trong nhóm 10 tỉnh dẫn đầu</td>' in html
    assert '<td class="num">12/34\n' in html
    assert '<td class="target">tăng 5 bậc</td>' in html
    assert '<td class="num">tăng 6 bậc\n' in html
    assert '<td class="num">18/63\n' in page_of(superuser, tree.province, "2024")


def test_the_target_form_takes_a_place_a_rise_and_a_score(tree, planner, catalogue):
    client = client_for(planner)
    plan = resolution_create(
        actor=planner,
        unit=tree.commune_a,
        number="05/NQ",
        title="Kế hoạch 2025",
        date=dt.date(2025, 1, 5),
        issuing_body="HĐND phường",
        period="2025",
    )
    detail = reverse("resolution_detail", args=[plan.pk])
    for indicator, measure, comparison, value in (
        ("CC10", "rank", "at_most", "5"),
        ("CC10", "rank_rise", "reach", "2"),
        ("CC09", "level", "at_least", "80,5"),
        ("KT06", "rank", "at_most", "5"),  # not a ranking: refused, nothing saved
    ):
        client.post(
            detail,
            {
                "indicator": catalogue[indicator].pk,
                "issuer": "HĐND phường",
                "is_main": "on",
                "order": "0",
                "measure": measure,
                "comparison": comparison,
                "value": value,
            },
        )
    assert list(
        Target.objects.order_by("id").values_list("indicator__code", "measure", "value")
    ) == [("CC10", "rank", D("5")), ("CC10", "rank_rise", D("2")), ("CC09", "level", D("80.5"))]
    html = client.get(detail).content.decode()
    for text in ("trong nhóm 5 đơn vị dẫn đầu", "tăng 2 bậc", "từ 80,5 điểm trở lên"):
        assert text in html


def test_within_a_year_a_term_target_counts_the_months_gone_from_six_months_only(
    tree, superuser, catalogue
):
    party_members_term(superuser, tree, catalogue)
    put(superuser, tree.province, catalogue["XD02"], "2025", "95")
    put(superuser, tree.province, catalogue["XD02"], "2026-H1", "40")
    put(superuser, tree.province, catalogue["XD02"], "2026-Q3", "20")
    half = results_of(tree.province, "2026-H1").results[0]
    # 135 of 500 (27%) with a year and a half of five gone (30% due): a pace of 0,9.
    assert (half.status, half.term.achieved_share, half.term.expected_share) == (
        Status.NEEDS_ACCELERATION,
        D("27.0000"),
        D("30.0000"),
    )
    # A quarter is not the year so far: the term stands where the last year left it.
    quarter = results_of(tree.province, "2026-Q3").results[0]
    assert (quarter.status, quarter.term.achieved_share, quarter.term.expected_share) == (
        Status.ON_TRACK,
        D("19.0000"),
        D("20.0000"),
    )
    assert (quarter.risk, quarter.forecast_text) == (None, "")
