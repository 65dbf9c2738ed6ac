"""Every target form at, above and below its bound; lower-is-better; missing data; the
examples of DOMAIN.md §4 with the figures of the corpus."""

from decimal import Decimal as D

import pytest

from chitieu.actuals.cumulative import derive
from chitieu.evaluation.engine import (
    AT_LEAST,
    AT_MOST,
    CHANGE,
    GROWTH,
    HIGHER,
    LEVEL,
    LOWER,
    MILESTONE,
    RANGE,
    RANK,
    RANK_RISE,
    REACH,
    SUBUNIT_COUNT,
    SUBUNIT_COUNT_NEW,
    TERM_TOTAL,
    Evaluation,
    Figures,
    Rule,
    Status,
    change_against_previous,
    combine,
    evaluate,
    headline,
    outlook,
    project_year_end,
    ratio_to_plan,
    risk_of,
    term_progress,
    term_summary,
)


def status_of(rule: Rule, **figures) -> Status:
    return evaluate(rule, Figures(**figures)).status


# -- floor
FLOOR = Rule(LEVEL, AT_LEAST, D("80"))  # "trên 80% tổ chức cơ sở Đảng hoàn thành tốt nhiệm vụ"


def test_floor_is_met_at_the_floor():
    assert status_of(FLOOR, current=D("80")) is Status.MET


def test_floor_is_exceeded_above_the_floor():
    assert status_of(FLOOR, current=D("80.01")) is Status.EXCEEDED


def test_floor_is_not_met_below_the_floor():
    assert status_of(FLOOR, current=D("79.99")) is Status.NOT_MET


def test_floor_holds_even_for_a_lower_is_better_indicator():
    assert (
        status_of(Rule(LEVEL, AT_LEAST, D("80"), direction=LOWER), current=D("85"))
        is Status.EXCEEDED
    )


# -- ceiling
CEILING = Rule(LEVEL, AT_MOST, D("3.2"), direction=LOWER)  # "tỷ lệ hộ nghèo dưới 3,2%"


def test_ceiling_target_is_met_at_the_ceiling():
    assert status_of(CEILING, current=D("3.2")) is Status.MET


def test_ceiling_target_is_exceeded_below_the_ceiling():
    assert status_of(CEILING, current=D("2.9")) is Status.EXCEEDED


def test_ceiling_target_is_not_met_above_the_ceiling():
    assert status_of(CEILING, current=D("3.21")) is Status.NOT_MET


def test_ceiling_ratio_is_the_plain_ratio_of_actual_to_plan():
    assert evaluate(CEILING, Figures(current=D("2.4"))).ratio == D("75.0000")


# -- exact amount (reach) in either direction
BUDGET = Rule(LEVEL, REACH, D("324.124"))  # "thu ngân sách trên địa bàn: 324,124 tỷ đồng"


def test_reach_higher_is_better_at_above_and_below():
    assert status_of(BUDGET, current=D("324.124")) is Status.MET
    assert status_of(BUDGET, current=D("330")) is Status.EXCEEDED
    assert status_of(BUDGET, current=D("300")) is Status.NOT_MET


def test_reach_lower_is_better_turns_around():
    malnutrition = Rule(LEVEL, REACH, D("5"), direction=LOWER)  # "... suy dinh dưỡng còn 5%"
    assert status_of(malnutrition, current=D("5")) is Status.MET
    assert status_of(malnutrition, current=D("4.8")) is Status.EXCEEDED
    assert status_of(malnutrition, current=D("5.3")) is Status.NOT_MET


def test_ratio_of_the_ky_anh_industry_figure():
    # 72.824 tỷ đồng against a plan of 69.376 tỷ đồng: "đạt 104,97% kế hoạch"
    result = evaluate(Rule(LEVEL, REACH, D("69376")), Figures(current=D("72824")))
    assert result.ratio == D("104.9700")
    assert result.status is Status.EXCEEDED


# -- range
# "giảm tỷ lệ hộ nghèo từ 1 - 1,5%": a change of −1,5 to −1 points, lower is better.
POVERTY_RANGE = Rule(CHANGE, RANGE, D("-1"), upper=D("-1.5"), direction=LOWER)


def test_range_is_met_inside_and_at_both_ends():
    for now in ("3.8", "3.5", "3.3"):
        assert status_of(POVERTY_RANGE, current=D(now), previous=D("4.8")) is Status.MET


def test_range_is_exceeded_beyond_its_better_end():
    assert status_of(POVERTY_RANGE, current=D("3.0"), previous=D("4.8")) is Status.EXCEEDED


def test_range_is_not_met_short_of_its_less_ambitious_end():
    assert status_of(POVERTY_RANGE, current=D("4.0"), previous=D("4.8")) is Status.NOT_MET


def test_range_of_a_higher_is_better_level():
    rule = Rule(LEVEL, RANGE, D("97.7"), upper=D("139.5"))
    assert status_of(rule, current=D("100")) is Status.MET
    assert status_of(rule, current=D("140")) is Status.EXCEEDED
    assert status_of(rule, current=D("97")) is Status.NOT_MET
    assert evaluate(rule, Figures(current=D("100"))).plan == D("97.7")


# -- change from a baseline
# "tỷ lệ hộ nghèo giảm 0,5% trở lên": a change of at most −0,5 points.
POVERTY_DROP = Rule(CHANGE, AT_MOST, D("-0.5"), direction=LOWER)


def test_change_target_at_above_and_below():
    assert status_of(POVERTY_DROP, current=D("2.5"), previous=D("3.0")) is Status.MET
    assert status_of(POVERTY_DROP, current=D("2.3"), previous=D("3.0")) is Status.EXCEEDED
    assert status_of(POVERTY_DROP, current=D("2.7"), previous=D("3.0")) is Status.NOT_MET


def test_change_target_without_last_year_has_no_data():
    assert status_of(POVERTY_DROP, current=D("2.5")) is Status.NO_DATA


def test_change_ratio_compares_signed_changes():
    result = evaluate(POVERTY_DROP, Figures(current=D("2.4"), previous=D("3.0")))
    assert result.measured == D("-0.6")
    assert result.ratio == D("120.0000")
    worse = evaluate(POVERTY_DROP, Figures(current=D("3.2"), previous=D("3.0")))
    assert worse.ratio is None
    assert worse.status is Status.NOT_MET


# -- growth rate
GROWTH_9 = Rule(GROWTH, REACH, D("9"))  # "tăng trưởng tổng giá trị sản xuất đạt 9%"


def test_growth_target_at_above_and_below():
    assert status_of(GROWTH_9, current=D("109"), previous=D("100")) is Status.MET
    assert status_of(GROWTH_9, current=D("110"), previous=D("100")) is Status.EXCEEDED
    assert status_of(GROWTH_9, current=D("107"), previous=D("100")) is Status.NOT_MET


def test_growth_against_zero_has_no_data():
    assert status_of(GROWTH_9, current=D("5"), previous=D("0")) is Status.NO_DATA


def test_growth_of_the_ky_anh_industry_figure_against_2020():
    result = evaluate(
        Rule(GROWTH, AT_LEAST, D("20")), Figures(current=D("72824"), previous=D("60394.73"))
    )
    assert result.measured == D("20.5801")


# -- milestone for a named sub-unit
VINH_HUNG = Rule(MILESTONE, REACH, None)  # "1 xã đạt chuẩn NTM nâng cao (xã Vĩnh Hùng)"


def test_milestone_is_met_when_the_named_sub_unit_reaches_it():
    assert status_of(VINH_HUNG, subject=D("1")) is Status.MET
    assert evaluate(VINH_HUNG, Figures(subject=D("1"))).ratio is None


def test_milestone_is_not_met_when_the_sub_unit_does_not():
    assert status_of(VINH_HUNG, subject=D("0")) is Status.NOT_MET


def test_milestone_without_a_report_has_no_data():
    assert status_of(VINH_HUNG) is Status.NO_DATA


def test_milestone_with_a_threshold():
    rule = Rule(MILESTONE, REACH, None, threshold=D("19"))  # 19/19 tiêu chí
    assert status_of(rule, subject=D("19")) is Status.MET
    assert status_of(rule, subject=D("18")) is Status.NOT_MET


# -- count of sub-units
def test_count_of_sub_units_reaching_the_standard():
    rule = Rule(SUBUNIT_COUNT, AT_LEAST, D("2"))
    two = ((D(1), D(0)), (D(1), D(1)), (D(0), D(0)))
    assert status_of(rule, subunits=two) is Status.MET
    assert status_of(rule, subunits=((D(1), None), (D(0), None))) is Status.NOT_MET
    assert status_of(rule, subunits=((D(1), None),) * 3) is Status.EXCEEDED


def test_count_of_sub_units_newly_reaching_the_standard():
    # "có thêm 2 xã đạt chuẩn NTM nâng cao": those that reached it before do not count again.
    rule = Rule(SUBUNIT_COUNT_NEW, AT_LEAST, D("2"))
    subunits = ((D(1), D(1)), (D(1), D(0)), (D(1), None), (D(0), D(0)))
    result = evaluate(rule, Figures(subunits=subunits))
    assert result.measured == D(2)
    assert result.status is Status.MET
    assert status_of(rule, subunits=((D(1), D(1)), (D(1), D(0)))) is Status.NOT_MET


def test_count_with_a_threshold_and_missing_reports_is_marked_incomplete():
    rule = Rule(SUBUNIT_COUNT, AT_LEAST, D("2"), threshold=D("90"))
    result = evaluate(rule, Figures(subunits=((D("91.5"), None), (D("89"), None), (None, None))))
    assert (result.measured, result.incomplete) == (D(1), True)
    assert status_of(rule, subunits=((None, None),)) is Status.NO_DATA


# -- term total
def test_term_total_of_cam_xuyen_new_party_members():
    # "kết nạp 210 đảng viên mới (đạt 123,5% kế hoạch cả nhiệm kỳ 2020 - 2025)": plan 170.
    rule = Rule(TERM_TOTAL, AT_LEAST, D("170"))
    result = evaluate(rule, Figures(term_values=(D("0"), D("210"))))
    assert result.ratio == D("123.5294")
    assert result.status is Status.EXCEEDED


def test_term_total_at_and_below_the_plan():
    rule = Rule(TERM_TOTAL, AT_LEAST, D("1000"))
    assert status_of(rule, term_values=(D("500"), D("500"))) is Status.MET
    assert status_of(rule, term_values=(D("500"), D("400"))) is Status.NOT_MET
    assert evaluate(rule, Figures(term_values=(D("500"), None))).incomplete is True
    assert status_of(rule, term_values=(None, None)) is Status.NO_DATA


# -- several issuers
def test_the_same_figure_against_the_province_and_the_town_plans():
    # "ước đạt 320 tỷ đồng, vượt 162,6% kế hoạch của tỉnh giao và vượt 117% kế hoạch thị xã đề ra"
    province_plan = evaluate(Rule(LEVEL, REACH, D("196.8")), Figures(current=D("320")))
    town_plan = evaluate(Rule(LEVEL, REACH, D("273.5")), Figures(current=D("320")))
    assert province_plan.ratio == D("162.6016")
    assert town_plan.ratio == D("117.0018")
    assert province_plan.status is town_plan.status is Status.EXCEEDED


# -- nearly met
def test_nearly_met_within_the_tolerance_only():
    rule = Rule(LEVEL, REACH, D("2365"))
    assert evaluate(rule, Figures(current=D("2247")), tolerance=D("5")).status is Status.NEARLY_MET
    assert evaluate(rule, Figures(current=D("2246")), tolerance=D("5")).status is Status.NOT_MET
    assert evaluate(rule, Figures(current=D("2247"))).status is Status.NOT_MET


def test_nearly_met_for_a_ceiling():
    assert (
        evaluate(CEILING, Figures(current=D("3.3")), tolerance=D("5")).status is Status.NEARLY_MET
    )
    assert evaluate(CEILING, Figures(current=D("3.4")), tolerance=D("5")).status is Status.NOT_MET


# -- missing data
def test_every_form_without_figures_has_no_data():
    for rule in (FLOOR, CEILING, BUDGET, POVERTY_RANGE, POVERTY_DROP, GROWTH_9, VINH_HUNG):
        result = evaluate(rule, Figures())
        assert result.status is Status.NO_DATA
        assert result.ratio is None


# -- change against the same period
def test_change_of_an_amount_is_in_percent():
    change = change_against_previous(D("72824"), D("60394.73"), is_percentage=False)
    assert (change.value, change.in_points) == (D("20.5801"), False)


def test_change_of_a_rate_is_in_points():
    change = change_against_previous(D("2.9"), D("3.4"), is_percentage=True)
    assert (change.value, change.in_points) == (D("-0.5"), True)


def test_no_change_without_last_year():
    assert change_against_previous(D("1"), None, is_percentage=False) is None
    assert change_against_previous(D("1"), D("0"), is_percentage=False) is None


# -- headline
def test_headline_of_vinh_loc_2021():
    statuses = [Status.EXCEEDED] * 10 + [Status.MET] * 11 + [Status.NOT_MET] * 4 + [Status.NO_DATA]
    result = headline("Huyện ủy Vĩnh Lộc", statuses)
    assert (result.total, result.achieved, result.exceeded, result.no_data) == (26, 21, 10, 1)
    assert result.text == "21/26 chỉ tiêu chủ yếu đạt và vượt, trong đó 10 chỉ tiêu vượt"


def test_nearly_met_does_not_count_as_achieved():
    result = headline("x", [Status.NEARLY_MET, Status.MET])
    assert (result.achieved, result.nearly_met) == (1, 1)


# -- combining sub-units
def test_sum_average_and_weighted_average():
    values = [D("10"), D("20"), None]
    assert combine(values, "sum").value == D("30")
    assert combine(values, "sum").complete is False
    assert combine(values, "average").value == D("15.0000")
    weighted = combine([D("2"), D("4")], "weighted_average", [D("300"), D("100")])
    assert weighted.value == D("2.5000")
    assert combine(values, "none").value is None


def test_weighted_average_skips_missing_weights():
    result = combine([D("2"), D("4")], "weighted_average", [D("300"), None])
    assert (result.value, result.used) == (D("2.0000"), 1)


# -- cumulative periods
MONTHS = [f"2021-M0{m}" for m in range(1, 7)]
QUARTERS = ["2021-Q1", "2021-Q2"]


def test_a_reported_cumulative_value_wins():
    assert derive("flow", "2021-H1", {"2021-H1": D("5")}, MONTHS, QUARTERS).value == D("5")


def test_six_months_of_a_flow_add_up_from_months_or_quarters():
    months = {code: D("10") for code in MONTHS}
    assert derive("flow", "2021-H1", months, MONTHS, QUARTERS) == derive(
        "flow", "2021-H1", {"2021-Q1": D("25"), "2021-Q2": D("35")}, MONTHS, QUARTERS
    )
    assert derive("flow", "2021-H1", months, MONTHS, QUARTERS).value == D("60")
    assert derive("flow", "2021-H1", {"2021-M01": D("1")}, MONTHS, QUARTERS).value is None


def test_six_months_of_a_stock_is_the_last_level():
    derived = derive(
        "stock", "2021-H1", {"2021-Q2": D("3.1"), "2021-Q1": D("3.5")}, MONTHS, QUARTERS
    )
    assert (derived.value, derived.derived) == (D("3.1"), True)


# -- projection
def test_flow_projection_follows_last_years_pattern():
    projection = project_year_end("flow", D("150"), 6, D("120"), D("300"))
    assert (projection.value, projection.method) == (D("375.0000"), "last_year_pattern")


def test_flow_projection_is_linear_without_last_year():
    assert project_year_end("flow", D("150"), 9).value == D("200.0000")


def test_stock_projection_adds_last_years_movement():
    assert project_year_end("stock", D("3.5"), 6, D("4.2"), D("3.6")).value == D("2.9")


def test_at_risk_when_the_projection_misses_the_target():
    rule = Rule(LEVEL, REACH, D("400"))
    check = risk_of(
        rule, Figures(current=D("150")), project_year_end("flow", D("150"), 6, D("120"), D("300"))
    )
    assert check.at_risk is True
    safe = risk_of(
        rule, Figures(current=D("170")), project_year_end("flow", D("170"), 6, D("120"), D("300"))
    )
    assert safe.at_risk is False


def test_ratio_is_undefined_against_a_zero_plan():
    assert ratio_to_plan(D("5"), D("0")) is None


@pytest.mark.parametrize("direction", [HIGHER, LOWER])
def test_equal_to_plan_is_met_whatever_the_direction(direction):
    assert status_of(Rule(LEVEL, REACH, D("7"), direction=direction), current=D("7")) is Status.MET


# -- term targets judged by their pace (Open SDG's thresholds: 0,95 and 0,5)
PARTY_MEMBERS = Rule(TERM_TOTAL, REACH, D("500"))  # "500 đảng viên mới cả nhiệm kỳ 2025 - 2030"


def pace_of(values, elapsed, years=5, rule=PARTY_MEMBERS):
    return term_progress(rule, Figures(term_values=values), elapsed=D(elapsed), years=years)


def test_a_term_target_keeping_the_required_pace_is_on_track_not_failed():
    # 95 of 500 in the first of five years: 19% done, 20% due, a pace of 0,95.
    progress = pace_of((D("95"),), 1)
    assert (progress.status, progress.final) == (Status.ON_TRACK, False)
    assert (progress.achieved_share, progress.expected_share) == (D("19.0000"), D("20.0000"))


def test_a_term_target_below_the_pace_needs_acceleration_then_is_off_track():
    assert pace_of((D("94"),), 1).status is Status.NEEDS_ACCELERATION  # pace 0,94
    assert pace_of((D("100"), D("100")), 2).status is Status.ON_TRACK  # 40% of 40%
    assert pace_of((D("50"), D("50")), 2).status is Status.NEEDS_ACCELERATION  # pace 0,5
    assert pace_of((D("50"), D("49")), 2).status is Status.OFF_TRACK  # pace 0,495


def test_a_term_target_gets_its_verdict_only_in_the_terms_last_year():
    values = (D("95"), D("90"), D("90"), D("90"), D("90"))  # 455 of 500
    assert pace_of(values[:4], 4).status is Status.NEEDS_ACCELERATION  # 73% of 80% due
    final = pace_of(values, 5)
    assert (final.status, final.final, final.achieved_share) == (
        Status.NOT_MET,
        True,
        D("91.0000"),
    )
    assert pace_of((*values[:4], D("135")), 5).status is Status.MET


def test_within_a_year_the_term_counts_the_months_gone():
    # Half of the first year gone (10% due): 45 members are 9% done, a pace of 0,9.
    assert pace_of((D("45"),), D("0.5")).status is Status.NEEDS_ACCELERATION
    assert pace_of((D("48"),), D("0.5")).status is Status.ON_TRACK
    assert pace_of((None,), D("0.5")).status is Status.NO_DATA


def test_a_ceiling_over_the_term_is_on_track_while_within_its_share():
    rule = Rule(TERM_TOTAL, AT_MOST, D("100"))  # e.g. at most 100 ha of forest lost in the term
    assert pace_of((D("15"),), 1, rule=rule).status is Status.ON_TRACK
    assert pace_of((D("30"),), 1, rule=rule).status is Status.NEEDS_ACCELERATION
    assert pace_of((D("60"), D("50")), 2, rule=rule).status is Status.OFF_TRACK


def test_term_targets_are_summed_up_apart_from_the_headline():
    summary = term_summary(
        [Status.ON_TRACK, Status.ON_TRACK, Status.ON_TRACK, Status.NEEDS_ACCELERATION]
    )
    assert summary.text == "Chỉ tiêu nhiệm kỳ: 3 đúng tiến độ, 1 cần tăng tốc"
    last_year = term_summary([Status.EXCEEDED, Status.MET, Status.NOT_MET, Status.NO_DATA])
    assert last_year.text == "Chỉ tiêu nhiệm kỳ: 2/3 đạt và vượt, 1 chưa có số liệu"
    assert term_summary([]).text == ""


# -- within a year: on course or at risk, never "đạt"
def test_within_a_year_a_target_is_on_course_or_at_risk():
    rule = Rule(LEVEL, REACH, D("250"))
    ahead = risk_of(rule, Figures(current=D("160.5")), project_year_end("flow", D("160.5"), 6))
    assert (ahead.projected.status, outlook(ahead)) == (Status.EXCEEDED, Status.ON_TRACK)
    behind = risk_of(rule, Figures(current=D("100")), project_year_end("flow", D("100"), 6))
    assert outlook(behind) is Status.AT_RISK
    assert outlook(risk_of(rule, Figures(), None)) is Status.NO_DATA


def test_the_headline_of_a_partial_period_counts_on_course_and_at_risk():
    partial = headline("HĐND", [Status.ON_TRACK] * 10 + [Status.AT_RISK] * 4, partial=True)
    assert partial.achieved == 0
    assert partial.text == (
        "10/14 chỉ tiêu chủ yếu đúng tiến độ kế hoạch năm, 4 chỉ tiêu có nguy cơ không đạt"
    )


# -- places in rankings (1 is first) and composite indices
TOP_TEN = Rule(RANK, AT_MOST, D("10"))  # "trong nhóm 10 tỉnh dẫn đầu"


def test_a_rank_in_the_top_ten_is_met_at_ten_and_exceeded_above_it():
    assert status_of(TOP_TEN, current=D("10")) is Status.MET
    assert status_of(TOP_TEN, current=D("3")) is Status.EXCEEDED
    assert status_of(TOP_TEN, current=D("11")) is Status.NOT_MET
    assert evaluate(TOP_TEN, Figures(current=D("3"))).ratio is None


def test_a_rank_to_reach_is_lower_is_better_whatever_the_indicator_says():
    rule = Rule(RANK, REACH, D("20"), direction=HIGHER)
    assert status_of(rule, current=D("15")) is Status.EXCEEDED
    assert status_of(rule, current=D("25")) is Status.NOT_MET


def test_a_rise_by_five_places_is_last_years_place_minus_this_years():
    rule = Rule(RANK_RISE, REACH, D("5"), direction=LOWER)
    assert evaluate(rule, Figures(current=D("20"), previous=D("25"))).measured == D("5")
    assert status_of(rule, current=D("20"), previous=D("25")) is Status.MET
    assert status_of(rule, current=D("18"), previous=D("25")) is Status.EXCEEDED
    assert status_of(rule, current=D("22"), previous=D("25")) is Status.NOT_MET
    assert status_of(rule, current=D("22")) is Status.NO_DATA


def test_a_score_to_reach_is_a_floor_on_the_score():
    rule = Rule(LEVEL, AT_LEAST, D("85"))  # PAR INDEX "đạt từ 85% trở lên"
    assert status_of(rule, current=D("87.12")) is Status.EXCEEDED
    assert status_of(rule, current=D("84.9")) is Status.NOT_MET


def test_count_with_every_sub_unit_reported_is_exact():
    # "3 tổ dân phố đạt chuẩn văn hóa": two reached 90 points, one 85.
    rule = Rule(SUBUNIT_COUNT, AT_LEAST, D("3"), threshold=D("90"))
    subunits = ((D("92"), None), (D("95"), None), (D("85"), None))
    result = evaluate(rule, Figures(subunits=subunits))
    assert result == Evaluation(
        Status.NOT_MET, D(2), D("66.6667"), D("3"), incomplete=False, provisional=False
    )


def test_count_with_missing_reports_already_met_is_met():
    rule = Rule(SUBUNIT_COUNT, AT_LEAST, D("2"), threshold=D("90"))
    result = evaluate(rule, Figures(subunits=((D("92"), None), (D("95"), None), (None, None))))
    assert (result.status, result.measured, result.incomplete, result.provisional) == (
        Status.MET,
        D(2),
        True,
        False,
    )


def test_count_with_missing_reports_that_could_still_reach_is_provisional():
    rule = Rule(SUBUNIT_COUNT, AT_LEAST, D("3"), threshold=D("90"))
    could = evaluate(rule, Figures(subunits=((D("92"), None), (D("95"), None), (None, None))))
    assert (could.status, could.measured, could.provisional) == (Status.NOT_MET, D(2), True)
    # One below the threshold and one missing: 2 at best, the verdict stands.
    cannot = evaluate(rule, Figures(subunits=((D("92"), None), (D("85"), None), (None, None))))
    assert (cannot.status, cannot.measured, cannot.incomplete, cannot.provisional) == (
        Status.NOT_MET,
        D(1),
        True,
        False,
    )
