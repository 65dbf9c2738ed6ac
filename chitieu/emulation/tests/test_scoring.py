from decimal import Decimal as D

from chitieu.emulation.scoring import CriterionSpec, MemberSheet, points_of, rank

MANUAL = CriterionSpec(1, "I", D("40"))
TARGETS = CriterionSpec(
    2, "II", D("60"), method="targets", points_per_met=D("4"), points_per_exceeded=D("1")
)


def test_the_boards_points_win_over_the_clusters_and_the_units_own():
    sheet = MemberSheet(1, "A", scores={1: {"self": D("38"), "cluster": D("35"), "board": D("36")}})
    assert points_of(MANUAL, sheet) == (D("36"), "board")
    assert points_of(
        MANUAL, MemberSheet(1, "A", scores={1: {"self": D("38"), "cluster": D("35")}})
    ) == (D("35"), "cluster")
    assert points_of(MANUAL, MemberSheet(1, "A")) == (D("0"), None)


def test_target_points_are_computed_and_capped():
    assert points_of(TARGETS, MemberSheet(1, "A", targets_met=11, targets_exceeded=10)) == (
        D("54"),
        "targets",
    )
    assert points_of(TARGETS, MemberSheet(1, "A", targets_met=15, targets_exceeded=15)) == (
        D("60"),
        "targets",
    )


def test_ranking_and_the_stated_tie_break():
    sheets = [
        MemberSheet(
            1,
            "Thị xã Hồng Lĩnh",
            scores={1: {"board": D("30")}},
            targets_met=12,
            targets_exceeded=6,
        ),
        MemberSheet(
            2, "Thị xã Kỳ Anh", scores={1: {"board": D("38")}}, targets_met=11, targets_exceeded=10
        ),
        MemberSheet(
            3, "Huyện Can Lộc", scores={1: {"board": D("36")}}, targets_met=12, targets_exceeded=6
        ),
        MemberSheet(
            4,
            "Huyện Đức Thọ",
            scores={1: {"board": D("36")}},
            targets_met=12,
            targets_exceeded=6,
            women_majority=True,
        ),
    ]
    result = rank([MANUAL, TARGETS], sheets)
    assert [(r.rank, r.name, r.total) for r in result] == [
        (1, "Thị xã Kỳ Anh", D("92")),
        (2, "Huyện Đức Thọ", D("90")),
        (3, "Huyện Can Lộc", D("90")),
        (4, "Thị xã Hồng Lĩnh", D("84")),
    ]


def test_units_equal_on_every_count_are_ranked_by_name_to_the_end():
    sheets = [
        MemberSheet(1, "B", scores={1: {"self": D("10")}}),
        MemberSheet(2, "A", scores={1: {"self": D("10")}}),
        MemberSheet(3, "A", scores={1: {"self": D("10")}}),
    ]
    # Only the same name shares a rank; the name decided B's place.
    assert [(r.rank, r.name, r.decided_by) for r in rank([MANUAL], sheets)] == [
        (1, "A", ""),
        (1, "A", ""),
        (3, "B", "tên đơn vị theo thứ tự chữ cái"),
    ]


def test_a_criterion_nobody_scored_is_listed():
    (row,) = rank([MANUAL, TARGETS], [MemberSheet(1, "A")])
    assert row.missing == ("I",)


def test_a_tie_on_every_count_prefers_the_collective_of_women():
    # Decree 152/2025, Art. 4: equal points → the collective with at least 70% women first, then
    # the name. This is the one place the rule is coded.
    sheets = [
        MemberSheet(1, "Huyện An", scores={1: {"board": D("35")}}),
        MemberSheet(2, "Huyện Bình", scores={1: {"board": D("35")}}, women_majority=True),
        MemberSheet(3, "Huyện Cường", scores={1: {"board": D("36")}}),
    ]
    assert [(r.rank, r.name) for r in rank([MANUAL], sheets)] == [
        (1, "Huyện Cường"),
        (2, "Huyện Bình"),
        (3, "Huyện An"),
    ]
