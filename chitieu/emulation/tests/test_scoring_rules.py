"""The computed criteria's rules and the tie-break chain, in a bare Python (no Django)."""

from decimal import Decimal as D

from chitieu.emulation.scoring import (
    CriterionSpec,
    MemberSheet,
    TargetCount,
    counted_ratio,
    points_of,
    rank,
    rule_text,
)

SHARE = CriterionSpec(2, "II", D("60"), method="targets", rule="share")
RATIO = CriterionSpec(3, "III", D("50"), method="targets", rule="ratio", ratio_cap=D("120"))
HEADLINE = CriterionSpec(4, "IV", D("40"), method="targets", rule="headline", issuer="HĐND tỉnh")
OLD = CriterionSpec(
    5, "V", D("60"), method="targets", points_per_met=D("4"), points_per_exceeded=D("2")
)


def test_the_share_rule_puts_ky_anh_7_of_9_above_thach_ha_7_of_13():
    ky_anh = MemberSheet(1, "Thị xã Kỳ Anh", targets_met=7, targets_total=9, targets_exceeded=2)
    thach_ha = MemberSheet(2, "Huyện Thạch Hà", targets_met=7, targets_total=13, targets_exceeded=5)
    assert points_of(SHARE, ky_anh) == (D("46.67"), "targets")  # 7/9 × 60
    assert points_of(SHARE, thach_ha) == (D("32.31"), "targets")  # 7/13 × 60
    assert [(r.rank, r.name, r.total) for r in rank([SHARE], [thach_ha, ky_anh])] == [
        (1, "Thị xã Kỳ Anh", D("46.67")),
        (2, "Huyện Thạch Hà", D("32.31")),
    ]
    # Points per target met put them the other way round (Thạch Hà exceeded more).
    assert points_of(OLD, ky_anh)[0] == D("32.00")
    assert points_of(OLD, thach_ha)[0] == D("38.00")


def test_the_share_rule_without_targets_gives_nothing():
    assert points_of(SHARE, MemberSheet(1, "A")) == (D("0.00"), "targets")


def test_the_ratio_rule_caps_each_target_and_the_criterion():
    # 150% counts 120%, 90% counts 90%, 60% counts 60%: mean 90% × 50 = 45.
    sheet = MemberSheet(1, "A", ratios=(D("150"), D("90"), D("60")))
    assert points_of(RATIO, sheet) == (D("45.00"), "targets")
    # Every target far above plan: never above the maximum.
    assert points_of(RATIO, MemberSheet(1, "A", ratios=(D("300"), D("300")))) == (
        D("50.00"),
        "targets",
    )
    assert points_of(RATIO, MemberSheet(1, "A")) == (D("0.00"), "targets")


def test_a_target_met_counts_at_least_100_and_one_without_figure_0():
    assert counted_ratio(D("83.3333"), met=True) == D("100")  # "at most 3%" met at 2,5%
    assert counted_ratio(None, met=True) == D("100")
    assert counted_ratio(None, met=False) == D("0")
    assert counted_ratio(D("-5"), met=False) == D("0")
    assert counted_ratio(D("97.5"), met=False) == D("97.5")


def test_the_headline_rule_reads_the_chosen_issuer_only():
    sheet = MemberSheet(
        1,
        "A",
        by_issuer={"HĐND tỉnh": TargetCount(8, 6, 2), "HĐND xã": TargetCount(20, 20, 10)},
    )
    assert points_of(HEADLINE, sheet) == (D("30.00"), "targets")  # 6/8 × 40
    assert points_of(HEADLINE, MemberSheet(1, "A")) == (D("0.00"), "targets")


def test_each_rule_is_stated_in_words():
    assert rule_text(SHARE) == (
        "Điểm = số chỉ tiêu chủ yếu đạt và vượt / tổng số chỉ tiêu chủ yếu × 60 điểm "
        "(làm tròn 2 chữ số thập phân)."
    )
    assert rule_text(RATIO) == (
        "Điểm = trung bình tỷ lệ thực hiện so với kế hoạch của các chỉ tiêu chủ yếu (mỗi chỉ "
        "tiêu tính tối đa 120%; chỉ tiêu đạt tính ít nhất 100%, chưa có số liệu tính 0%) "
        "× 50 điểm, không quá 50 điểm."
    )
    assert rule_text(HEADLINE) == (
        "Điểm = số chỉ tiêu chủ yếu đạt và vượt / tổng số chỉ tiêu chủ yếu do HĐND tỉnh giao "
        "× 40 điểm."
    )
    assert rule_text(OLD) == (
        "Điểm = 4 điểm mỗi chỉ tiêu chủ yếu đạt + 2 điểm mỗi chỉ tiêu vượt, không quá 60 điểm."
    )


MANUAL = CriterionSpec(1, "I", D("40"))


def test_ties_follow_the_chain_to_the_name_never_2_2_4_4():
    def sheet(unit_id: int, name: str, **kwargs: object) -> MemberSheet:
        return MemberSheet(unit_id, name, scores={1: {"board": D("30")}}, **kwargs)

    sheets = [
        sheet(1, "Phường Sông Trí", targets_met=5, targets_total=10, targets_exceeded=1),
        sheet(2, "Xã Đức Thọ", targets_met=5, targets_total=10, targets_exceeded=1),
        sheet(3, "Phường Hoành Sơn", targets_met=8, targets_total=10, targets_exceeded=1),
        sheet(4, "Xã Đồng Lộc", targets_met=8, targets_total=10, targets_exceeded=3),
        sheet(
            5,
            "Phường Vũng Áng",
            targets_met=5,
            targets_total=10,
            targets_exceeded=1,
            women_majority=True,
        ),
        sheet(6, "Xã Can Lộc", targets_met=5, targets_total=10, targets_exceeded=1),
    ]
    result = rank([MANUAL, SHARE], sheets)
    assert [(r.rank, r.name, r.total, r.decided_by) for r in result] == [
        (1, "Xã Đồng Lộc", D("78.00"), ""),
        (2, "Phường Hoành Sơn", D("78.00"), "nhiều chỉ tiêu vượt hơn"),
        (3, "Phường Vũng Áng", D("60.00"), "Tổng điểm cao hơn"),
        (4, "Phường Sông Trí", D("60.00"), "tập thể có từ 70% nữ"),
        # Vietnamese order with the diacritics folded: "Xa Can" before "Xa Duc".
        (5, "Xã Can Lộc", D("60.00"), "tên đơn vị theo thứ tự chữ cái"),
        (6, "Xã Đức Thọ", D("60.00"), "tên đơn vị theo thứ tự chữ cái"),
    ]
