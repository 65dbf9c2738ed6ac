"""LAW.md's conditions case by case, at their boundaries, under each rule set."""

import datetime as dt
from decimal import Decimal as D

import pytest

from chitieu.awards.decisions.cash import base_salary_on, cash_amount
from chitieu.awards.rules.catalogue import BASE_SALARIES, CASH_2022, RULE_SETS
from chitieu.awards.rules.eligibility import (
    AwardFact,
    Candidate,
    Checker,
    InitiativeFact,
    MembersFacts,
    Proposal,
    RuleSet,
    Votes,
    rule_set_for,
)

RULES = [
    RuleSet(r["code"], r["name"], r["valid_from"], r["valid_to"], r["parameters"], r["articles"])
    for r in RULE_SETS
]


def checker(year: int, **province) -> Checker:
    return Checker(rule_set_for(year, RULES), province)


def person(**facts) -> Candidate:
    return Candidate(name="Nguyễn Thị Lan", is_collective=False, **facts)


def history(code: str, *years: int, merit: bool = True) -> tuple[AwardFact, ...]:
    return tuple(AwardFact(code, year, merit) for year in years)


ALL = Votes(10, 10)  # a unanimous council, where the condition under test is another one


def verdict(award: str, year: int, candidate: Candidate, batch=(), votes=ALL, **province):
    proposal = Proposal(award, year, candidate, key="p1", unit_key="u1", votes=votes)
    return checker(year, **province).check(proposal, batch)


# -- which rules apply -----------------------------------------------------------------------------
def test_an_achievement_is_judged_by_the_rules_of_its_year():
    assert rule_set_for(2023, RULES).code == "LUAT2003"
    assert rule_set_for(2024, RULES).code == "ND98"
    assert rule_set_for(2025, RULES).code == "ND152"


# -- Lao động tiên tiến --------------------------------------------------------------------------
@pytest.mark.parametrize(("rating", "eligible"), [("HTXS", True), ("HTT", True), ("HT", False)])
def test_advanced_worker_needs_at_least_good_completion(rating, eligible):
    result = verdict("LDTT", 2024, person(ratings={2024: rating}))
    assert result.eligible is eligible
    if not eligible:
        assert result.unmet[0].article == "Luật TĐKT 2022, Điều 24"
        assert "cần từ “hoàn thành tốt nhiệm vụ” trở lên" in result.unmet[0].message


def test_no_rating_of_the_year_is_missing_data_not_a_failure():
    result = verdict("LDTT", 2026, person(ratings={2025: "HTXS"}))
    assert not result.eligible and result.missing_data
    assert [(f.condition, f.met, f.missing, f.message) for f in result.unmet] == [
        ("ldtt_rating", False, True, "Chưa có dữ liệu xếp loại năm 2026.")
    ]
    fighter = verdict("CSTDCS", 2026, person(ratings={}))
    assert fighter.missing_data
    assert [f.message for f in fighter.unmet] == [
        "Chưa có dữ liệu xếp loại năm 2026. Chưa xét được danh hiệu Lao động tiên tiến năm 2026.",
        "Chưa có dữ liệu xếp loại năm 2026. Chưa có sáng kiến, đề tài được công nhận năm 2026.",
    ]
    # A rating that is there and too low is a failure, not missing data.
    assert not verdict("LDTT", 2026, person(ratings={2026: "HT"})).missing_data


# -- Chiến sĩ thi đua cơ sở ------------------------------------------------------------------------
def test_base_fighter_2024_with_excellent_rating_and_no_initiative():
    candidate = person(history=history("LDTT", 2024), ratings={2024: "HTXS"})
    assert verdict("CSTDCS", 2024, candidate).eligible


def test_base_fighter_2024_needs_the_advanced_worker_title_that_year():
    result = verdict("CSTDCS", 2024, person(history=history("LDTT", 2023), ratings={2024: "HTXS"}))
    assert [f.condition for f in result.unmet] == ["cstdcs_ldtt"]
    assert result.unmet[0].message == "Chưa đạt danh hiệu Lao động tiên tiến năm 2024."


def test_base_fighter_can_be_proposed_with_its_advanced_worker_title_in_one_batch():
    candidate = person(ratings={2024: "HTXS"})
    ldtt = Proposal("LDTT", 2024, candidate, key="p1", unit_key="u1")
    fighter = Proposal("CSTDCS", 2024, candidate, key="p1", unit_key="u1", votes=ALL)
    results = checker(2024).check_batch([ldtt, fighter])
    assert [r.eligible for r in results] == [True, True]


def test_base_fighter_2024_with_only_good_rating_needs_an_initiative_or_research():
    plain = person(history=history("LDTT", 2024), ratings={2024: "HTT"})
    assert verdict("CSTDCS", 2024, plain).unmet[0].condition == "cstdcs_achievement"
    with_initiative = person(
        history=history("LDTT", 2024), ratings={2024: "HTT"}, initiatives=(InitiativeFact(7, 2024),)
    )
    assert verdict("CSTDCS", 2024, with_initiative).eligible
    with_research = person(
        history=history("LDTT", 2024), ratings={2024: "HTT"}, research_years=(2024,)
    )
    assert verdict("CSTDCS", 2024, with_research).eligible


def test_base_fighter_up_to_2023_required_an_initiative_even_when_excellent():
    candidate = person(history=history("LDTT", 2023), ratings={2023: "HTXS"})
    result = verdict("CSTDCS", 2023, candidate)
    assert [f.condition for f in result.unmet] == ["cstdcs_initiative"]
    assert result.unmet[0].article == "Luật TĐKT 2003, Điều 23"


def test_base_fighters_up_to_2023_were_capped_at_15_percent_of_advanced_workers():
    proposals = []
    for index in range(20):
        candidate = Candidate(
            f"NV{index}", False, ratings={2023: "HTT"}, initiatives=(InitiativeFact(index, 2023),)
        )
        proposals.append(Proposal("LDTT", 2023, candidate, key=f"p{index}", unit_key="u1"))
    fighters = [
        Proposal("CSTDCS", 2023, p.candidate, key=p.key, unit_key="u1", votes=ALL)
        for p in proposals[:3]
    ]
    results = checker(2023).check_batch(proposals + fighters)
    assert all(r.eligible for r in results)  # 3 of 20 is 15%
    four = [
        Proposal("CSTDCS", 2023, p.candidate, key=p.key, unit_key="u1", votes=ALL)
        for p in proposals[:4]
    ]
    over = checker(2023).check_batch(proposals + four)
    capped = [r for r in over if r.proposal.award == "CSTDCS"]
    assert all(not r.eligible for r in capped)
    assert "tối đa 15%, tức 3 người" in capped[0].unmet[-1].message


def test_no_national_cap_since_2024_but_a_province_may_set_one():
    people = [Candidate(f"NV{i}", False, ratings={2024: "HTXS"}) for i in range(10)]
    batch = [Proposal("LDTT", 2024, c, key=c.name, unit_key="u") for c in people]
    batch += [Proposal("CSTDCS", 2024, c, key=c.name, unit_key="u", votes=ALL) for c in people[:5]]
    assert all(r.eligible for r in checker(2024).check_batch(batch))
    capped = checker(2024, cstdcs_max_share_of_ldtt="20").check_batch(batch)
    assert sum(not r.eligible for r in capped) == 5


# -- Chiến sĩ thi đua tỉnh -----------------------------------------------------------------------
WIDE = (InitiativeFact(1, 2024, scope="tinh"),)


def test_provincial_fighter_needs_three_consecutive_years_not_two():
    three = person(history=history("CSTDCS", 2022, 2023, 2024), initiatives=WIDE)
    assert verdict("CSTDT", 2024, three).eligible
    two = person(history=history("CSTDCS", 2023, 2024), initiatives=WIDE)
    result = verdict("CSTDT", 2024, two)
    assert [f.condition for f in result.unmet] == ["cstdt_three_years"]
    assert "mới có các năm: 2023, 2024" in result.unmet[0].message


def test_a_gap_year_breaks_the_run():
    gap = person(history=history("CSTDCS", 2021, 2022, 2024), initiatives=WIDE)
    assert not verdict("CSTDT", 2024, gap).eligible


def test_provincial_fighter_needs_a_province_wide_initiative():
    local = person(
        history=history("CSTDCS", 2022, 2023, 2024), initiatives=(InitiativeFact(1, 2024),)
    )
    assert [f.condition for f in verdict("CSTDT", 2024, local).unmet] == ["cstdt_initiative"]


def test_sudden_and_theme_awards_do_not_count_toward_merit():
    theme = person(
        history=history("CSTDCS", 2022, 2023) + history("CSTDCS", 2024, merit=False),
        initiatives=WIDE,
    )
    assert not verdict("CSTDT", 2024, theme).eligible


# -- Chiến sĩ thi đua toàn quốc ----------------------------------------------------------------
def test_national_fighter_needs_the_provincial_title_twice_in_a_row():
    assert verdict("CSTDTQ", 2024, person(history=history("CSTDT", 2021, 2024))).eligible
    once = verdict("CSTDTQ", 2024, person(history=history("CSTDT", 2024)))
    assert not once.eligible
    apart = verdict("CSTDTQ", 2024, person(history=history("CSTDT", 2017, 2024)))
    assert not apart.eligible


# -- collectives -------------------------------------------------------------------------------------
def collective(members: MembersFacts, **facts) -> Candidate:
    return Candidate(name="Phòng Kinh tế", is_collective=True, members=members, **facts)


def members(total=10, ldtt=7, completing=10, cstdcs=1, discipline=0) -> MembersFacts:
    return MembersFacts(total, ldtt, completing, cstdcs, discipline)


def test_advanced_collective_needs_70_percent_advanced_workers_since_2024():
    assert verdict("TTLDTT", 2024, collective(members(total=1000, ldtt=700))).eligible
    result = verdict("TTLDTT", 2024, collective(members(total=1000, ldtt=699)))
    assert not result.eligible
    assert (
        result.unmet[0].message == "699/1000 thành viên (69,9%) đạt Lao động tiên tiến; cần từ 70%."
    )
    assert result.unmet[0].article == "Luật TĐKT 2022, Điều 28"


def test_advanced_collective_before_2024_needed_over_half():
    assert verdict("TTLDTT", 2023, collective(members(total=10, ldtt=6))).eligible
    assert not verdict("TTLDTT", 2023, collective(members(total=10, ldtt=5))).eligible


def test_advanced_collective_with_a_member_warned_or_worse_is_not_eligible():
    result = verdict("TTLDTT", 2024, collective(members(discipline=1)))
    assert [f.condition for f in result.unmet] == ["ttldtt_discipline"]


def test_excellent_collective_conditions_one_by_one():
    ok = collective(members(), ratings={2024: "HTXS"})
    assert verdict("TTLDXS", 2024, ok).eligible
    cases = {
        "ttldxs_all_complete": collective(members(completing=9), ratings={2024: "HTXS"}),
        "ttldxs_share": collective(members(ldtt=6), ratings={2024: "HTXS"}),
        "ttldxs_cstdcs": collective(members(cstdcs=0), ratings={2024: "HTXS"}),
        "ttldxs_rating": collective(members(), ratings={2024: "HTT"}),
    }
    for condition, candidate in cases.items():
        assert [f.condition for f in verdict("TTLDXS", 2024, candidate).unmet] == [condition]


def test_emulation_flag_goes_to_the_leading_unit_that_exceeded_its_targets():
    leading = Candidate("Thị xã Kỳ Anh", True, cluster_rank=1, targets_exceeded=True)
    votes = Votes(9, 11)  # 81,8% of the council
    assert verdict("CO_TINH", 2024, leading, votes=votes).eligible
    second = Candidate("Huyện Can Lộc", True, cluster_rank=2, targets_exceeded=True)
    assert [f.condition for f in verdict("CO_TINH", 2024, second, votes=votes).unmet] == [
        "co_tinh_leading"
    ]
    short = verdict(
        "CO_TINH", 2024, Candidate("x", True, cluster_rank=1, targets_exceeded=False), votes=votes
    )
    assert [f.condition for f in short.unmet] == ["co_tinh_targets"]


# -- Bằng khen of the province ----------------------------------------------------------------------
def test_individual_certificate_by_two_consecutive_years_as_base_fighter():
    assert verdict("BK_TINH", 2024, person(history=history("CSTDCS", 2023, 2024))).eligible
    assert not verdict("BK_TINH", 2024, person(history=history("CSTDCS", 2022, 2024))).eligible


def test_individual_certificate_by_two_excellent_years_with_two_initiatives():
    two = (InitiativeFact(1, 2023), InitiativeFact(2, 2024))
    assert verdict(
        "BK_TINH", 2024, person(ratings={2023: "HTXS", 2024: "HTXS"}, initiatives=two)
    ).eligible
    one = verdict(
        "BK_TINH", 2024, person(ratings={2023: "HTXS", 2024: "HTXS"}, initiatives=two[:1])
    )
    assert not one.eligible
    assert "(có 1 sáng kiến)" in one.unmet[0].message


def test_collective_certificate_by_two_excellent_years_or_excellent_collective():
    by_rating = Candidate("x", True, ratings={2023: "HTXS", 2024: "HTXS"})
    assert verdict("BK_TINH", 2024, by_rating).eligible
    mixed = Candidate("x", True, ratings={2024: "HTXS"}, history=history("TTLDXS", 2023))
    assert verdict("BK_TINH", 2024, mixed).eligible
    assert not verdict("BK_TINH", 2024, Candidate("x", True, ratings={2024: "HTXS"})).eligible


# -- general principles --------------------------------------------------------------------------------
def test_no_award_while_discipline_inspection_or_complaint_is_pending():
    result = verdict("LDTT", 2025, person(ratings={2025: "HTXS"}, pending=("khiếu nại",)))
    assert [f.condition for f in result.unmet] == ["no_pending"]
    assert result.unmet[0].article == "Nghị định 152/2025/NĐ-CP, Điều 4"


def test_one_initiative_supports_one_award_only():
    used = person(
        history=history("LDTT", 2024),
        ratings={2024: "HTT"},
        initiatives=(InitiativeFact(5, 2024, used_for_other_award=True),),
    )
    result = checker(2024).check(
        Proposal("CSTDCS", 2024, used, key="p", initiative_ids=(5,), votes=ALL)
    )
    assert {f.condition for f in result.unmet} == {"cstdcs_achievement", "initiative_once"}


@pytest.mark.parametrize(("in_favour", "eligible"), [(9, True), (8, False)])
def test_council_votes_90_percent_for_provincial_fighters(in_favour, eligible):
    candidate = person(history=history("CSTDCS", 2022, 2023, 2024), initiatives=WIDE)
    assert verdict("CSTDT", 2024, candidate, votes=Votes(in_favour, 10)).eligible is eligible


# -- cash ---------------------------------------------------------------------------------------------------
def test_base_salary_in_force_on_the_decision_date():
    assert base_salary_on(dt.date(2024, 6, 30), BASE_SALARIES) == D("1800000")
    assert base_salary_on(dt.date(2024, 7, 1), BASE_SALARIES) == D("2340000")


@pytest.mark.parametrize(
    ("award", "subject", "amount"),
    [
        ("CSTDTQ", "individual", D("10530000")),
        ("CSTDT", "individual", D("7020000")),
        ("CSTDCS", "individual", D("2340000")),
        ("LDTT", "individual", D("710000")),  # 0,3 × 2.340.000 = 702.000, rounded up
        ("TTLDXS", "collective", D("3510000")),
        ("TTLDTT", "collective", D("1880000")),
        ("CO_TINH", "collective", D("18720000")),
        ("BK_TINH", "collective", D("7020000")),
        ("GIAY_KHEN", "collective", D("1410000")),
        ("THON_VH", "collective", D("3510000")),
        ("GD_VH", "household", None),
    ],
)
def test_cash_from_the_coefficient_and_the_base_salary(award, subject, amount):
    assert (
        cash_amount(award=award, subject=subject, coefficients=CASH_2022, base_salary=D("2340000"))
        == amount
    )


def test_a_household_receives_one_and_a_half_times_the_individual_amount():
    table = {"GIAY_KHEN:individual": "0.3"}
    assert cash_amount(
        award="GIAY_KHEN", subject="household", coefficients=table, base_salary=D("2340000")
    ) == D("1060000")


def test_a_title_that_needs_a_council_vote_without_one_is_flagged():
    candidate = person(history=history("LDTT", 2024), ratings={2024: "HTXS"})
    result = verdict("CSTDCS", 2024, candidate, votes=None)
    assert [f.condition for f in result.unmet] == ["votes"]
    assert result.unmet[0].message == "Chưa có kết quả bỏ phiếu của Hội đồng (cần từ 80%)."


# -- a pure core ---------------------------------------------------------------------------------
def test_the_checker_and_the_cash_import_nothing_of_django():
    """The checker and the cash are plain functions: importing them loads no Django (the tests of
    this file run in bare Python, `-p no:django --noconftest`)."""
    import subprocess
    import sys

    code = (
        "import sys; import chitieu.awards.rules.eligibility, chitieu.awards.decisions.cash, "
        "chitieu.awards.rules.catalogue; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert result.stdout.strip() == "[]"
