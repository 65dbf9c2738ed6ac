from decimal import Decimal as D

from chitieu.reports.narrative import (
    IndicatorFacts,
    UnitFacts,
    _number,
    indicator_sentence,
    narrative,
)

KY_ANH = UnitFacts(
    unit_name="Thị xã Kỳ Anh",
    period_label="Năm 2021",
    previous_label="năm 2020",
    achieved=11,
    total=15,
    exceeded=10,
    indicators=(
        IndicatorFacts(
            "Thu ngân sách nhà nước trên địa bàn",
            "tỷ đồng",
            D("320"),
            True,
            (("Thị xã đề ra", D("117.0018")), ("Tỉnh giao", D("162.6016"))),
        ),
        IndicatorFacts(
            "Giá trị sản xuất công nghiệp - xây dựng",
            "tỷ đồng",
            D("72824"),
            True,
            (("Thị xã đề ra", D("104.97")),),
            D("20.5801"),
        ),
        IndicatorFacts("Tỷ lệ hộ nghèo", "%", D("3.1"), False, (), D("-0.4"), True),
        IndicatorFacts(
            "Tổng vốn đầu tư toàn xã hội",
            "tỷ đồng",
            D("11200"),
            True,
            (("Thị xã đề ra", D("93.3333")),),
            achieved=False,
        ),
        IndicatorFacts("Số đảng viên mới kết nạp", "đảng viên", None, True, achieved=False),
    ),
)


def test_the_narrative_reads_like_the_article():
    first, missed = narrative(KY_ANH)
    assert first.startswith(
        "Năm 2021, thị xã Kỳ Anh có 11/15 chỉ tiêu kinh tế - xã hội đạt và vượt kế hoạch, "
        "trong đó 10 chỉ tiêu vượt kế hoạch. "
        "Thu ngân sách nhà nước trên địa bàn ước đạt 320 tỷ đồng, bằng 117% kế hoạch thị xã đề ra "
        "và 162,6% kế hoạch tỉnh giao. "
        "Giá trị sản xuất công nghiệp - xây dựng ước đạt 72.824 tỷ đồng, bằng 104,97% kế hoạch "
        "thị xã đề ra, tăng 20,58% so với năm 2020. "
        "Tỷ lệ hộ nghèo đạt 3,1%, giảm 0,4 điểm phần trăm so với năm 2020."
    )
    assert (
        missed
        == "Các chỉ tiêu chưa đạt kế hoạch: tổng vốn đầu tư toàn xã hội (đạt 93,33% kế hoạch)."
    )


def test_no_sentence_about_a_figure_that_does_not_exist():
    text = " ".join(narrative(KY_ANH))
    assert "đảng viên" not in text


def test_nothing_to_say_without_targets():
    assert narrative(UnitFacts("Xã A", "Năm 2021", "năm 2020", 0, 0, 0)) == []


def test_the_figure_extractor_reads_the_same_numbers_back():
    from chitieu.extraction.extractor import extract

    text = " ".join(narrative(KY_ANH))
    read = {(f.kind, f.value, f.total) for f in extract(text)}
    assert read >= {
        ("ratio", D(11), D(15)),
        ("amount", D(320), None),
        ("pct_of_plan", D(117), None),
        ("pct_of_plan", D("162.6"), None),
        ("amount", D(72824), None),
        ("pct_of_plan", D("104.97"), None),
        ("change", D("20.58"), None),
        ("amount", D("3.1"), None),
        ("amount", D(11200), None),
        ("pct_of_plan", D("93.33"), None),
    }


def test_issuers_are_written_as_they_are_spelled():
    facts = UnitFacts(
        "Huyện Cẩm Xuyên",
        "Năm 2024",
        "năm 2023",
        1,
        1,
        0,
        (IndicatorFacts("Thu ngân sách", "tỷ đồng", D(410), False, (("HĐND tỉnh giao", D(104)),)),),
    )
    assert "bằng 104% kế hoạch HĐND tỉnh giao" in narrative(facts)[0]


def test_every_number_the_narrative_writes_comes_back_with_its_kind_and_value():
    """Every catalogue unit, levels below zero, changes in percent and in percentage points,
    plans of every issuer: the extractor reads back exactly what the narrative wrote."""
    import json
    import random
    from collections import Counter
    from pathlib import Path

    from chitieu.extraction.extractor import extract

    catalogue = json.loads(
        (Path(__file__).resolve().parents[2] / "indicators" / "catalogue.json").read_text()
    )
    issuers = ["Tỉnh giao", "HĐND tỉnh giao", "Huyện đề ra", "UBND huyện giao", "Thị xã đề ra", ""]
    chance = random.Random(2025)
    written = read = 0
    for _ in range(12):
        items, expected = [], Counter({("ratio", D(20)): 1, ("amount", D(5)): 1})
        for entry in catalogue:
            unit = entry["unit"]
            value = D(chance.randint(-5000 if unit == "%" else 0, 200000)) / chance.choice(
                [1, 10, 100]
            )
            if unit == "hạng":  # a place: "xếp thứ 12", with no plan's share and no change
                value = D(chance.randint(1, 63))
                items.append(IndicatorFacts(entry["name"], unit, value, chance.random() < 0.5))
                expected[("rank", value)] += 1
                continue
            ratios = tuple(
                (chance.choice(issuers), D(chance.randint(5000, 20000)) / 100)
                for _ in range(chance.randint(0, 2))
            )
            change = D(chance.randint(-3000, 3000)) / 100 if chance.random() < 0.7 else None
            points = unit == "%" and chance.random() < 0.5
            achieved = chance.random() < 0.7
            items.append(
                IndicatorFacts(
                    entry["name"],
                    unit,
                    value,
                    chance.random() < 0.5,
                    ratios,
                    change,
                    points,
                    achieved,
                )
            )
            shown = _number(abs(value), 3 if abs(value) < 1000 else None)
            level = D(shown.replace(".", "").replace(",", ".")) * (-1 if value < 0 else 1)
            expected[("score" if unit == "điểm" else "amount", level.normalize())] += 1
            for _, ratio in ratios:
                expected[("pct_of_plan", round(ratio, 2).normalize())] += 1
            if change:
                expected[("change", round(change, 2).normalize())] += 1
            if not achieved and ratios:
                expected[("pct_of_plan", round(ratios[0][1], 2).normalize())] += 1
        text = " ".join(
            narrative(UnitFacts("Huyện Cẩm Xuyên", "Năm 2024", "năm 2023", 20, 25, 5, tuple(items)))
        )
        got = Counter((f.kind, f.value.normalize()) for f in extract(text))
        assert expected - got == Counter(), text
        assert got - expected == Counter(), text
        written += sum(expected.values())
        read += sum(got.values())
    assert written == read > 1000


def test_within_a_year_the_narrative_counts_targets_on_course_and_names_those_at_risk():
    facts = UnitFacts(
        "Thị xã Kỳ Anh",
        "6 tháng đầu năm 2021",
        "cùng kỳ năm 2020",
        10,
        15,
        0,
        (
            IndicatorFacts("Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", D("140.5"), True),
            IndicatorFacts(
                "Tổng vốn đầu tư toàn xã hội",
                "tỷ đồng",
                D("3000"),
                False,
                (("", D("25")),),
                achieved=False,
            ),
        ),
        partial=True,
        at_risk=4,
    )
    assert narrative(facts) == [
        "6 tháng đầu năm 2021, thị xã Kỳ Anh có 10/15 chỉ tiêu kinh tế - xã hội đúng tiến độ "
        "kế hoạch năm, 4 chỉ tiêu có nguy cơ không đạt. Thu ngân sách nhà nước trên địa bàn "
        "ước đạt 140,5 tỷ đồng. Tổng vốn đầu tư toàn xã hội đạt 3.000 tỷ đồng, bằng 25% kế "
        "hoạch.",
        "Các chỉ tiêu có nguy cơ không đạt kế hoạch năm: tổng vốn đầu tư toàn xã hội (đạt 25% "
        "kế hoạch).",
    ]


def test_a_place_in_a_ranking_reads_as_a_place():
    item = IndicatorFacts("Xếp hạng chỉ số PCI", "hạng", D("12"), False, (("", D("83")),))
    assert indicator_sentence(item, "năm 2024") == "Chỉ số PCI xếp thứ 12."
