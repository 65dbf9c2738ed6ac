from decimal import Decimal as D

import pytest

from chitieu.targets.wording import describe, describe_measured, describe_target, number


def form(measure, comparison, value, unit, *, upper=None, direction="higher", **more):
    return dict(
        measure=measure,
        comparison=comparison,
        value=value,
        upper=upper,
        unit_of_measure=unit,
        direction=direction,
        **more,
    )


@pytest.mark.parametrize(
    ("target", "text"),
    [
        # floor, ceiling, amount
        (form("level", "at_least", D("80"), "%", places=1), "từ 80% trở lên"),
        (form("level", "at_most", D("3.2"), "%", direction="lower", places=2), "dưới 3,2%"),
        (form("level", "reach", D("5"), "%", direction="lower", places=1), "còn 5%"),
        (
            form("level", "reach", D("324.124"), "tỷ đồng", places=3),
            "đạt 324,124 tỷ đồng",
        ),
        (form("level", "range", D("1"), "%", upper=D("1.5"), places=2), "1–1,5%"),
        # change in points, signed
        (
            form("change", "range", D("-1"), "%", upper=D("-1.5"), direction="lower", places=2),
            "giảm 1–1,5 điểm %",
        ),
        (
            form("change", "at_most", D("-0.5"), "%", direction="lower", places=2),
            "giảm 0,5 điểm % trở lên",
        ),
        (form("change", "reach", D("2"), "tỷ đồng", places=3), "tăng 2 tỷ đồng"),
        # growth rate, whatever the indicator's own unit
        (form("growth", "reach", D("9"), "tỷ đồng", places=3), "tăng 9%"),
        (form("growth", "at_least", D("9.50"), "tỷ đồng", places=3), "tăng 9,5% trở lên"),
        (form("growth", "at_most", D("12"), "tỷ đồng", places=3), "tăng không quá 12%"),
        (form("growth", "range", D("8"), "tỷ đồng", upper=D("9"), places=3), "tăng 8–9%"),
        # term total
        (form("term_total", "reach", D("500"), "đảng viên", places=0), "500 đảng viên cả nhiệm kỳ"),
        (
            form("term_total", "at_least", D("170"), "đảng viên", places=0),
            "từ 170 đảng viên trở lên cả nhiệm kỳ",
        ),
        # counts of sub-units and a named sub-unit
        (form("subunit_count_new", "reach", D("2"), "xã", places=0), "có thêm 2 xã đạt chuẩn"),
        (
            form("subunit_count", "at_least", D("5"), "xã", places=0),
            "có từ 5 xã trở lên đạt chuẩn",
        ),
        (form("subunit_count", "reach", D("3"), "%", places=1), "có 3 đơn vị đạt chuẩn"),
        (
            form("subunit_count", "at_least", D("3"), "%", places=1, threshold=D("90")),
            "có từ 3 đơn vị trở lên đạt chuẩn (từ 90% trở lên)",
        ),
        (
            form("subunit_count", "reach", D("2"), "%", direction="lower", threshold=D("5")),
            "có 2 đơn vị đạt chuẩn (không quá 5%)",
        ),
        (
            form("milestone", "reach", None, "xã", subject_name="Xã Vĩnh Hùng"),
            "Xã Vĩnh Hùng đạt chuẩn",
        ),
        # ranks and composite indices
        (
            form("rank", "at_most", D("10"), "hạng", direction="lower", ranked_units="tỉnh"),
            "trong nhóm 10 tỉnh dẫn đầu",
        ),
        (form("rank", "reach", D("5"), "hạng", direction="lower"), "xếp thứ 5"),
        (form("rank", "range", D("10"), "hạng", upper=D("5"), direction="lower"), "xếp thứ 5–10"),
        (form("rank_rise", "reach", D("5"), "hạng", direction="lower"), "tăng 5 bậc"),
        (form("rank_rise", "at_least", D("3"), "hạng"), "tăng 3 bậc trở lên"),
        (form("level", "at_least", D("85.5"), "điểm", places=2), "từ 85,5 điểm trở lên"),
    ],
)
def test_targets_read_in_their_own_form_and_unit(target, text):
    assert describe_target(**target) == text


def test_numbers_keep_at_most_the_indicators_places():
    assert number(D("3.200000"), 2) == "3,2"
    assert number(D("321.000000"), 3) == "321"
    assert number(D("160.5"), 3) == "160,5"
    assert number(D("1695.364"), 2) == "1.695,36"
    assert number(D("10.0000"), 0) == "10"


class Row:
    """A target as a model row or a TargetRow carries it."""

    def __init__(self, **fields):
        self.__dict__.update(fields)


def test_describe_reads_the_indicators_places_and_ranked_units():
    pci = Row(unit_of_measure="hạng", direction="lower", decimals=0, ranked_units="tỉnh")
    target = Row(
        measure="rank",
        comparison="at_most",
        value=D("10.000000"),
        upper=None,
        indicator=pci,
        subject_unit=None,
        threshold=None,
    )
    assert describe(target) == "trong nhóm 10 tỉnh dẫn đầu"
    poverty = Row(unit_of_measure="%", direction="lower", decimals=2, ranked_units="")
    target = Row(
        measure="level",
        comparison="at_most",
        value=D("3.200000"),
        upper=None,
        indicator=poverty,
        subject_unit=None,
        threshold=None,
    )
    assert describe(target) == "dưới 3,2%"


@pytest.mark.parametrize(
    ("measure", "value", "unit", "places", "out_of", "text"),
    [
        ("growth", D("10.0000"), "tỷ đồng", 3, None, "10%"),
        ("growth", D("-2.1234"), "tỷ đồng", 2, None, "-2,12%"),
        ("change", D("-0.8"), "%", 2, None, "-0,8 điểm %"),
        ("change", D("12"), "tỷ đồng", 3, None, "+12 tỷ đồng"),
        ("rank", D("12"), "hạng", 0, 34, "12/34"),
        ("rank", D("12"), "hạng", 0, None, "12"),
        ("rank_rise", D("3"), "hạng", 0, None, "tăng 3 bậc"),
        ("rank_rise", D("-2"), "hạng", 0, None, "giảm 2 bậc"),
        ("level", D("160.500000"), "tỷ đồng", 3, None, "160,5"),
        ("level", None, "tỷ đồng", 3, None, ""),
    ],
)
def test_what_was_measured_reads_in_the_targets_terms(measure, value, unit, places, out_of, text):
    assert (
        describe_measured(
            measure=measure, value=value, unit_of_measure=unit, places=places, out_of=out_of
        )
        == text
    )
