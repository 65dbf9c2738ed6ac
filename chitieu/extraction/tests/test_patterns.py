"""The prose patterns that used to slip, each in sentences of other places, numbers and wordings,
with the cases that must not change."""

from decimal import Decimal as D

import pytest

from chitieu.extraction.extractor import extract


def read(text: str) -> list[tuple]:
    return [
        (f.kind, f.value, f.total, f.upper, f.unit, f.role, f.bound, f.reference)
        for f in extract(text)
    ]


def kinds(text: str) -> list[tuple]:
    return [(f.kind, f.value) for f in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tổng vốn đầu tư so với kế hoạch năm đạt 55%.", [("pct_of_plan", D(55))]),
        ("Thu ngân sách xã so với dự toán HĐND xã giao đạt 131,4%.", [("pct_of_plan", D("131.4"))]),
        ("Giải ngân vốn đầu tư công so với kế hoạch đạt khoảng 92%.", [("pct_of_plan", D(92))]),
        ("Thu ngân sách xã đạt 128% xã giao.", [("pct_of_plan", D(128))]),
        ("Thu ngân sách huyện đạt 112% so dự toán.", [("pct_of_plan", D(112))]),
        ("Tỷ lệ tham gia bảo hiểm y tế đạt 93,1% so kế hoạch.", [("pct_of_plan", D("93.1"))]),
        # negative: a level against last year stays an amount
        ("Giá trị xuất khẩu bằng 108,5% so với cùng kỳ.", [("amount", D("108.5"))]),
    ],
)
def test_the_plan_named_before_the_number_or_without_with(text, expected):
    assert kinds(text) == expected


def test_references_without_the_word_plan_and_of_a_resolution():
    assert read("Thu ngân sách xã đạt 128% xã giao.")[0][7] == "xã giao"
    assert read("Số xã đạt chuẩn đạt 99,2% nghị quyết.")[0][7] == "nghị quyết"
    assert read("Thu nội địa đạt 106% kế hoạch HĐND tỉnh giao.")[0][7] == "hđnd tỉnh giao"


@pytest.mark.parametrize(
    "text",
    [
        "Có 98% khu dân cư đạt chuẩn văn hóa.",
        "Đã có 91% khách hài lòng với dịch vụ.",
        "Có 95% không vi phạm pháp luật.",
        "Tỷ lệ khám chữa bệnh đạt 87% khám tại tuyến xã.",
    ],
)
def test_a_percent_before_a_word_in_kh_is_not_a_share_of_the_plan(text):
    assert [k for k, _ in kinds(text)] == ["amount"]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Tỷ lệ giải ngân đạt từ 85,5% đến 120,3%.", D("85.5"), D("120.3")),
        ("Năng suất tăng từ 12% - 15%.", D(12), D(15)),
        ("Phấn đấu tỷ lệ đô thị hóa đạt 40%–42%.", D(40), D(42)),
    ],
)
def test_a_range_with_percent_on_both_ends_is_one_figure(text, low, high):
    figures = extract(text)
    assert [(f.value, f.upper) for f in figures] == [(low, high)]


def test_a_percent_then_a_date_is_not_a_range():
    assert [(f.value, f.upper) for f in extract("Giải ngân đạt 95% đến 31/12.")] == [(D(95), None)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Năng suất lúa bình quân đạt 61,8 tạ/ha.", D("61.8"), "tạ/ha"),
        ("Sản lượng điện thương phẩm đạt 845 triệu kWh.", D(845_000_000), "kWh"),
        ("Điện năng tiêu thụ đạt 3.200 kWh.", D(3200), "kWh"),
        ("Xây dựng 15.400 m² sàn nhà ở xã hội.", D(15400), "m2"),
        ("Khai thác 2.300 m³ cát sỏi.", D(2300), "m3"),
        ("Công suất điện mặt trời đạt 120 MW.", D(120), "MW"),
        ("Tỷ suất sinh thô giảm còn 14,2‰.", D("14.2"), "‰"),
        ("Đạt 33,5 giường bệnh/vạn dân.", D("33.5"), "giường bệnh/vạn dân"),
        ("Thu nhập bình quân đạt 66 triệu/người/năm.", D(66), "triệu đồng"),
        ("Mức hỗ trợ 500.000 đồng/người.", D(500000), "đồng"),
        ("Đóng mới 24 chiếc tàu cá.", D(24), "chiếc"),
        ("Trồng mới 350.000 cây xanh.", D(350000), "cây"),
        ("Thu hút 4 nhà máy may mặc.", D(4), "nhà máy"),
        ("Đón 2,4 triệu lượt khách du lịch.", D(2_400_000), "lượt khách"),
        ("Thu ngân sách đạt 2,5 tỉ đồng.", D("2.5"), "tỷ đồng"),
        ("Tổng thu đạt 14,8 nghìn tỉ.", D(14800), "tỷ đồng"),
    ],
)
def test_units(text, value, unit):
    figures = extract(text)
    assert [(f.value, f.unit) for f in figures] == [(value, unit)]


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị đã rà soát 21 chỉ tiêu.",
        "Năm 2025, huyện đề ra 19 chỉ tiêu chủ yếu.",
        "Cụm thi đua gồm 9 huyện, thị xã.",
        "Khối thi đua bao gồm 12 sở, ngành.",
        "Dự hội nghị có 450 đại biểu tham dự.",
    ],
)
def test_agendas_and_members_are_not_results(text):
    assert extract(text) == []


def test_a_denominator_is_not_a_result_but_the_count_that_met_is():
    assert kinds("Với 18 chỉ tiêu chủ yếu, có 12 chỉ tiêu đạt và vượt.") == [("amount", D(12))]
    assert kinds("Trong số 28 chỉ tiêu, có 20 chỉ tiêu đạt.") == [("amount", D(20))]
    # a result stated with "với" stays a result
    assert kinds("Với 150 doanh nghiệp thành lập mới, huyện vượt kế hoạch.") == [("amount", D(150))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tăng trưởng đạt 7,2%, vượt mức trung bình của vùng (6,1%).", [("amount", D("7.2"))]),
        ("GRDP tăng 8,1%, cao hơn bình quân cả nước là 5,3%.", [("change", D("8.1"))]),
        (
            "Thu nhập đạt 72 triệu đồng, cao hơn mức trung bình toàn tỉnh (65 triệu đồng).",
            [("amount", D(72))],
        ),
    ],
)
def test_a_benchmark_quoted_for_comparison_is_not_a_figure(text, expected):
    assert kinds(text) == expected


def test_the_average_of_the_unit_itself_is_a_figure():
    assert kinds("Thu nhập bình quân toàn tỉnh đạt 65 triệu đồng.") == [("amount", D(65))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Huyện đạt 96,5 điểm, xếp thứ 2/11 đơn vị trong Cụm.",
            [("score", D("96.5"), None), ("rank", D(2), D(11))],
        ),
        (
            "Thị xã được 88 điểm, đứng thứ 5 trên 13 huyện.",
            [("score", D(88), None), ("rank", D(5), D(13))],
        ),
        (
            "Chỉ số PCI đạt 68,2 điểm, xếp hạng 12/63 tỉnh, thành phố.",
            [("score", D("68.2"), None), ("rank", D(12), D(63))],
        ),
        ("Xã xếp thứ 3 toàn huyện.", [("rank", D(3), None)]),
    ],
)
def test_scores_and_ranks_are_figures_of_their_own_kind(text, expected):
    assert [(f.kind, f.value, f.total) for f in extract(text)] == expected


def test_places_counted_in_diem_are_not_scores():
    assert extract("Có 25 điểm trường được sửa chữa.") == []


def test_a_list_opened_by_n_main_targets_is_targets_and_a_background_phrase_is_not():
    text = "Năm 2025 có 15 chỉ tiêu chủ yếu là:\n- Thu ngân sách 600 tỷ đồng;\n- Tỷ lệ hộ nghèo dưới 1%."
    assert [(f.value, f.role) for f in extract(text)] == [(D(600), "target"), (D(1), "target")]
    text = (
        "Bám sát các mục tiêu nhiệm kỳ, huyện thu ngân sách đạt 420 tỷ đồng, kết nạp 80 đảng viên."
    )
    assert [f.role for f in extract(text)] == ["actual", "actual"]
    text = "Thực hiện các mục tiêu đề ra, năm 2024 tỉnh thu hút 35 dự án."
    assert [f.role for f in extract(text)] == ["actual"]


@pytest.mark.parametrize(
    ("text", "words", "absent"),
    [
        ("Doanh thu vận tải, kho bãi ước đạt 1.250 tỷ đồng.", "doanh thu vận tải kho bãi", ""),
        ("Giá trị sản xuất (giá so sánh năm 2010) đạt 5.600 tỷ đồng.", "giá trị sản xuất", ""),
        ("Thu ngân sách đạt 52 tỷ đồng, tương đương 48 tỷ đồng năm trước.", "thu ngân sách", ""),
    ],
)
def test_metrics_name_the_indicator(text, words, absent):
    assert words in extract(text)[-1].metric


def test_bounds_on_shares_of_the_plan():
    assert [
        f.bound for f in extract("Thu ngân sách đạt hơn 104% dự toán; chi gần 97% dự toán.")
    ] == ["min", "max"]


def test_points_and_negative_levels():
    assert read("Tỷ lệ hộ nghèo giảm 1,2 điểm phần trăm so với năm 2023.") == [
        ("change", D("-1.2"), None, None, "điểm phần trăm", "actual", None, None)
    ]
    assert kinds("Tăng trưởng âm 2,1%; tốc độ tăng GRDP đạt -0,8%.") == [
        ("amount", D("-2.1")),
        ("amount", D("-0.8")),
    ]
    # a bullet and a range keep their numbers positive
    assert kinds("- 5 xã đạt chuẩn; giảm từ 1- 1,5%.") == [("amount", D(5)), ("change", D(-1))]


def test_an_item_under_a_heading_with_a_colon_takes_the_heading_as_its_metric():
    text = "Kết nạp 40 đảng viên.\n2. Tổng vốn đầu tư toàn xã hội:\n- Ước đạt 9.850 tỷ đồng."
    assert "tổng vốn đầu tư" in extract(text)[-1].metric
    assert "đảng viên" not in extract(text)[-1].metric


@pytest.mark.parametrize(
    "heading",
    [
        "Hội nghị thống nhất các chỉ tiêu chủ yếu sau:",
        "Mục tiêu cụ thể:",
        "Các chỉ tiêu chủ yếu đến năm 2030:",
    ],
)
def test_target_headings_of_resolutions(heading):
    text = f"{heading}\n1. Tổng thu ngân sách 600 tỷ đồng;\n2. Tỷ lệ hộ nghèo giảm 1,5%.\nKết quả thực hiện chỉ tiêu: đạt 95%."
    assert [(f.value, f.role) for f in extract(text)] == [
        (D(600), "target"),
        (D("-1.5"), "target"),
        (D(95), "actual"),
    ]
