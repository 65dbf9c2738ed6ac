"""The extractor on sentences of other provinces and years, pattern by pattern; on the corpus;
and the round trip of Vietnamese numbers."""

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chitieu.core.numbers import format_decimal
from chitieu.extraction.extractor import extract
from chitieu.extraction.scoring import Score, score

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"


def figures(text: str) -> list[tuple]:
    return [
        (f.kind, f.value, f.total, f.upper, f.unit, f.role, f.bound, f.reference)
        for f in extract(text)
    ]


CASES = [
    (
        "Năm 2023, tỉnh Nghệ An có 25/29 chỉ tiêu đạt và vượt kế hoạch.",
        [("ratio", D(25), D(29), None, "chỉ tiêu", "actual", None, None)],
    ),
    (
        "Tổng thu ngân sách nhà nước trên địa bàn ước đạt 21.500 tỷ đồng, bằng 112,4% dự toán Trung ương giao, "
        "tăng 8,3% so với cùng kỳ.",
        [
            ("amount", D(21500), None, None, "tỷ đồng", "actual", None, None),
            ("pct_of_plan", D("112.4"), None, None, "%", "actual", None, "trung ương giao"),
            ("change", D("8.3"), None, None, "%", "actual", None, None),
        ],
    ),
    (
        "Tốc độ tăng trưởng kinh tế (GRDP) ước đạt 6,52%.",
        [("amount", D("6.52"), None, None, "%", "actual", None, None)],
    ),
    (
        "Thu nhập bình quân đầu người đạt 71,2 triệu đồng/người/năm.",
        [("amount", D("71.2"), None, None, "triệu đồng", "actual", None, None)],
    ),
    (
        "Tỷ lệ hộ nghèo giảm còn 2,15%, giảm 1,03% so với năm 2022.",
        [
            ("amount", D("2.15"), None, None, "%", "actual", None, None),
            ("change", D("-1.03"), None, None, "%", "actual", None, None),
        ],
    ),
    (
        "Phấn đấu năm 2024: tỷ lệ lao động qua đào tạo đạt 72%; có thêm 15 xã đạt chuẩn nông thôn mới.",
        [
            ("amount", D(72), None, None, "%", "target", None, None),
            ("amount", D(15), None, None, "xã", "target", None, None),
        ],
    ),
    (
        "Kim ngạch xuất khẩu đạt 1,25 tỷ USD, vượt 4,2% kế hoạch.",
        [
            ("amount", D("1.25"), None, None, "tỷ USD", "actual", None, None),
            ("over_plan", D("4.2"), None, None, "%", "actual", None, None),
        ],
    ),
    (
        "Sản lượng lương thực đạt 1,2 triệu tấn; đón 1,5 triệu lượt khách.",
        [
            ("amount", D(1200000), None, None, "tấn", "actual", None, None),
            ("amount", D(1500000), None, None, "lượt khách", "actual", None, None),
        ],
    ),
    (
        "Kết nạp 1.250 đảng viên mới, đạt 104,2% chỉ tiêu.",
        [
            ("amount", D(1250), None, None, "đảng viên", "actual", None, None),
            ("pct_of_plan", D("104.2"), None, None, "%", "actual", None, None),
        ],
    ),
    (
        "So với cùng kỳ, giảm 12 vụ tai nạn giao thông.",
        [("change", D(-12), None, None, "vụ", "actual", None, None)],
    ),
    (
        "Tổng vốn đầu tư toàn xã hội ước đạt trên 20.000 tỷ đồng.",
        [("amount", D(20000), None, None, "tỷ đồng", "actual", "min", None)],
    ),
    (
        "Chỉ tiêu năm 2025: tăng trưởng GRDP từ 8% trở lên; thu nhập bình quân 80 triệu đồng/người.",
        [
            ("amount", D(8), None, None, "%", "target", "min", None),
            ("amount", D(80), None, None, "triệu đồng", "target", None, None),
        ],
    ),
    (
        "Mục tiêu đến năm 2030, tỷ lệ đô thị hóa đạt 40%.",
        [("amount", D(40), None, None, "%", "target", None, None)],
    ),
    (
        "Giá trị sản xuất công nghiệp tăng 9,8% so với cùng kỳ năm trước, bằng 96,5% so với cùng kỳ.",
        [
            ("change", D("9.8"), None, None, "%", "actual", None, None),
            ("amount", D("96.5"), None, None, "%", "actual", None, None),
        ],
    ),
    (
        "Doanh thu du lịch đạt 3.200 tỷ đồng, gấp 2 lần kế hoạch; lượng khách gấp 1,5 lần so với cùng kỳ.",
        [
            ("amount", D(3200), None, None, "tỷ đồng", "actual", None, None),
            ("times_plan", D(2), None, None, "lần", "actual", None, None),
            ("change", D("1.5"), None, None, "lần", "actual", None, None),
        ],
    ),
    (
        "Huyện phấn đấu giảm tỷ lệ hộ nghèo từ 1,5 đến 2%; tỷ lệ trẻ em suy dinh dưỡng dưới 10%.",
        [
            ("change", D("-1.5"), None, D(-2), "%", "target", None, None),
            ("amount", D(10), None, None, "%", "target", "max", None),
        ],
    ),
    (
        "Thu ngân sách trên địa bàn đạt 14,8 ngàn tỷ đồng, vượt 25% dự toán HĐND tỉnh giao.",
        [
            ("amount", D(14800), None, None, "tỷ đồng", "actual", None, None),
            ("over_plan", D(25), None, None, "%", "actual", None, "hđnd tỉnh giao"),
        ],
    ),
    (
        "Toàn huyện có 16/16 xã đạt 19/19 tiêu chí nông thôn mới.",
        [
            ("ratio", D(16), D(16), None, "xã", "actual", None, None),
            ("ratio", D(19), D(19), None, "tiêu chí", "actual", None, None),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_patterns_of_other_provinces_and_years(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 15/3/2024, UBND tỉnh ban hành Quyết định số 1234/QĐ-UBND.",
        "Kỷ niệm 70 năm Ngày truyền thống, chào mừng Đại hội lần thứ XIII, Kỳ họp thứ 7.",
        "Trong giai đoạn 2021-2025, thực hiện Nghị quyết 68-NQ/TW và Chỉ thị 34-CT/TW.",
        "Cụm thi đua số 1 gồm 12 tỉnh; các trường hợp F1, F2; phần mềm 3.0; trẻ em dưới 5 tuổi.",
        "date 2021-12 Huyện Vĩnh Lộc",
    ],
)
def test_dates_document_numbers_ordinals_and_anniversaries_are_not_figures(text):
    assert extract(text) == []


def test_quotes_and_offsets_point_into_the_text():
    text = "Năm 2021, thu ngân sách ước đạt 320 tỷ đồng, vượt 117% kế hoạch thị xã đề ra."
    for figure in extract(text):
        assert text[figure.start : figure.end] == figure.quote


def test_metric_follows_the_subject_of_a_chain_of_figures():
    text = (
        "Tổng giá trị sản xuất công nghiệp - xây dựng ước đạt 72.824 tỷ đồng, đạt 104,97% kế hoạch, "
        "tăng 20,58% so với năm 2020."
    )
    assert all("công nghiệp - xây dựng" in f.metric for f in extract(text))


def test_a_name_in_brackets_stays_with_its_subject():
    text = (
        "Năm 2023, tổng sản phẩm trên địa bàn tỉnh (GRDP) tăng 6,8% so với năm 2022. Kim ngạch "
        "xuất khẩu đạt 850 triệu USD. Tốc độ tăng trưởng kinh tế (GRDP) ước đạt 8,02%; toàn tỉnh "
        "có 145/185 xã đạt chuẩn nông thôn mới (chiếm 78,4%)."
    )
    metrics = {f.quote: f.metric for f in extract(text)}
    assert "tổng sản phẩm trên địa bàn tỉnh grdp" in metrics["6,8%"]
    assert metrics["8,02%"].startswith("tốc độ tăng trưởng kinh tế grdp")
    assert "xuất khẩu" not in metrics["8,02%"]
    # A parenthesis holding a figure still takes the context of what it explains.
    assert "nông thôn mới" in metrics["78,4%"]


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_a_number_written_in_vietnamese_reads_back_the_same(value):
    (figure,) = extract(f"Thu ngân sách trên địa bàn đạt {format_decimal(value)} tỷ đồng.")
    assert figure.value == value


def test_the_corpus_scores_above_the_bar():
    total = Score()
    for text_path in sorted((CORPUS / "texts").glob("*.txt")):
        labels = json.loads((CORPUS / "labels" / f"{text_path.stem}.json").read_text())["figures"]
        total.add(score([f.as_dict() for f in extract(text_path.read_text())], labels))
    assert total.labelled == 78
    assert total.f1 >= 0.95
    assert min(total.accuracy("unit"), total.accuracy("role"), total.accuracy("metric")) >= 0.9
