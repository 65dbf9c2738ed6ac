from decimal import Decimal as D

import pytest

from chitieu.targets.wording import describe_target


@pytest.mark.parametrize(
    ("form", "text"),
    [
        (
            dict(
                measure="level",
                comparison="at_least",
                value=D("80"),
                upper=None,
                unit_of_measure="%",
            ),
            "từ 80% trở lên",
        ),
        (
            dict(
                measure="level",
                comparison="at_most",
                value=D("3.2"),
                upper=None,
                unit_of_measure="%",
                direction="lower",
            ),
            "không quá 3,2%",
        ),
        (
            dict(
                measure="level",
                comparison="reach",
                value=D("324.124"),
                upper=None,
                unit_of_measure="tỷ đồng",
            ),
            "đạt 324,124 tỷ đồng",
        ),
        (
            dict(
                measure="change",
                comparison="range",
                value=D("-1"),
                upper=D("-1.5"),
                unit_of_measure="%",
                direction="lower",
            ),
            "giảm 1 - 1,5 điểm %",
        ),
        (
            dict(
                measure="change",
                comparison="at_most",
                value=D("-0.5"),
                upper=None,
                unit_of_measure="%",
                direction="lower",
            ),
            "giảm 0,5 điểm % trở lên",
        ),
        (
            dict(
                measure="growth",
                comparison="reach",
                value=D("9"),
                upper=None,
                unit_of_measure="tỷ đồng",
            ),
            "tăng trưởng đạt 9%",
        ),
        (
            dict(
                measure="term_total",
                comparison="at_least",
                value=D("170"),
                upper=None,
                unit_of_measure="đảng viên",
            ),
            "cả nhiệm kỳ từ 170 đảng viên trở lên",
        ),
        (
            dict(
                measure="subunit_count_new",
                comparison="at_least",
                value=D("2"),
                upper=None,
                unit_of_measure="xã",
            ),
            "có thêm từ 2 đơn vị trở lên đạt chuẩn",
        ),
        (
            dict(
                measure="milestone",
                comparison="reach",
                value=None,
                upper=None,
                unit_of_measure="xã",
                subject_name="Xã Vĩnh Hùng",
            ),
            "Xã Vĩnh Hùng đạt chuẩn",
        ),
    ],
)
def test_targets_read_as_vietnamese(form, text):
    form.setdefault("direction", "higher")
    assert describe_target(**form) == text
