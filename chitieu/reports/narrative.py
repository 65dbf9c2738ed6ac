"""The narrative of a unit's results, written as the newspapers in shared/corpus write it:

"Năm 2021, thị xã Kỳ Anh có 11/15 chỉ tiêu kinh tế - xã hội đạt và vượt kế hoạch. Thu ngân sách
nhà nước trên địa bàn ước đạt 320 tỷ đồng, bằng 117% kế hoạch thị xã đề ra và 162,6% kế hoạch
tỉnh giao..."

Pure: it takes plain facts and returns sentences. No sentence is written about a figure that
does not exist; estimates read "ước đạt", official figures "đạt".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from chitieu.core.numbers import format_decimal, format_percent

RANK_UNIT = "hạng"  # the unit of the catalogue's places in rankings (PCI, PAR INDEX…)


@dataclass(frozen=True)
class IndicatorFacts:
    name: str
    unit_of_measure: str
    value: Decimal | None
    is_estimate: bool
    ratios: tuple[tuple[str, Decimal], ...] = ()  # (issuer, percent of its plan)
    change: Decimal | None = None  # against the same period last year
    change_in_points: bool = False
    achieved: bool = True


@dataclass(frozen=True)
class UnitFacts:
    unit_name: str  # "Thị xã Kỳ Anh"
    period_label: str  # "Năm 2021", "6 tháng đầu năm 2022"
    previous_label: str  # "năm 2020", "cùng kỳ năm 2021"
    achieved: int
    total: int
    exceeded: int
    indicators: Sequence[IndicatorFacts] = field(default_factory=tuple)
    # Within a year: `achieved` counts the targets on course for the year, `at_risk` the others.
    partial: bool = False
    at_risk: int = 0


def _in_sentence(name: str) -> str:
    """ "Thị xã Kỳ Anh" inside a sentence reads "thị xã Kỳ Anh"; an abbreviation stays as it is
    spelled ("HĐND tỉnh", "UBND huyện")."""
    first = name.split(" ", 1)[0] if name else ""
    if len(first) > 1 and first.isupper():
        return name
    return name[:1].lower() + name[1:] if name else name


def _number(value: Decimal, places: int | None) -> str:
    text = format_decimal(value, places)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _amount(value: Decimal, unit: str) -> str:
    """ "320 tỷ đồng", "3,1%"; a negative level reads "âm 2,1%" as the reports write it."""
    if value < 0:
        return "âm " + _amount(-value, unit)
    number = _number(value, 3 if abs(value) < 1000 else None)
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def _issuer_phrase(issuer: str) -> str:
    return f"kế hoạch {_in_sentence(issuer)}" if issuer else "kế hoạch"


def headline_sentence(facts: UnitFacts) -> str:
    if facts.total == 0:
        return ""
    if facts.partial:
        return (
            f"{facts.period_label}, {_in_sentence(facts.unit_name)} có {facts.achieved}/"
            f"{facts.total} chỉ tiêu kinh tế - xã hội đúng tiến độ kế hoạch năm, {facts.at_risk} "
            "chỉ tiêu có nguy cơ không đạt."
        )
    sentence = (
        f"{facts.period_label}, {_in_sentence(facts.unit_name)} có {facts.achieved}/{facts.total} "
        "chỉ tiêu kinh tế - xã hội đạt và vượt kế hoạch"
    )
    if facts.exceeded:
        sentence += f", trong đó {facts.exceeded} chỉ tiêu vượt kế hoạch"
    return sentence + "."


def indicator_sentence(item: IndicatorFacts, previous_label: str) -> str:
    if item.value is None:
        return ""
    if item.unit_of_measure == RANK_UNIT:
        # A place reads "xếp thứ 12"; a share of a plan or a change in % of a place means nothing.
        estimate = "ước " if item.is_estimate else ""
        subject = item.name.removeprefix("Xếp hạng ")  # "Chỉ số PCI xếp thứ 12"
        subject = subject[:1].upper() + subject[1:]
        return f"{subject} {estimate}xếp thứ {_number(item.value, 0)}."
    verb = "ước đạt" if item.is_estimate else "đạt"
    parts = [f"{item.name} {verb} {_amount(item.value, item.unit_of_measure)}"]
    if item.ratios:
        ratios = " và ".join(
            f"{format_percent(ratio, 2)} {_issuer_phrase(issuer)}" for issuer, ratio in item.ratios
        )
        parts.append(f"bằng {ratios}")
    if item.change is not None and item.change != 0:
        verb = "tăng" if item.change > 0 else "giảm"
        size = abs(item.change)
        amount = (
            f"{_number(size, 2)} điểm phần trăm"
            if item.change_in_points
            else format_percent(size, 2)
        )
        parts.append(f"{verb} {amount} so với {previous_label}")
    return ", ".join(parts) + "."


def missed_sentence(items: Sequence[IndicatorFacts], *, partial: bool = False) -> str:
    """The targets not met; within a year, those whose projected year end misses the plan."""
    missed = [item for item in items if not item.achieved and item.value is not None]
    if not missed:
        return ""
    names = []
    for item in missed:
        if item.ratios:
            names.append(
                f"{_in_sentence(item.name)} (đạt {format_percent(item.ratios[0][1], 2)} kế hoạch)"
            )
        else:
            names.append(_in_sentence(item.name))
    opening = (
        "Các chỉ tiêu có nguy cơ không đạt kế hoạch năm"
        if partial
        else ("Các chỉ tiêu chưa đạt kế hoạch")
    )
    return f"{opening}: " + "; ".join(names) + "."


def narrative(facts: UnitFacts) -> list[str]:
    """Paragraphs: the headline with the main indicators, then the targets not met."""
    first = [headline_sentence(facts)]
    first += [indicator_sentence(item, facts.previous_label) for item in facts.indicators]
    paragraphs = [" ".join(sentence for sentence in first if sentence)]
    missed = missed_sentence(facts.indicators, partial=facts.partial)
    if missed:
        paragraphs.append(missed)
    return [paragraph for paragraph in paragraphs if paragraph]
