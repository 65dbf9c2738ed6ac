"""Which indicator of the catalogue a figure is about: the words of its metric against the words
of each indicator's name (with the abbreviations reports use), the unit, and the kind. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from chitieu.core.text import fold

ALIASES = {
    "htx": "hop tac xa", "ntm": "nong thon moi", "bhyt": "bao hiem y te", "ocop": "ocop san pham",
    "grdp": "tang truong", "ldtt": "lao dong", "kt-xh": "kinh te xa hoi", "ttcn": "tieu thu cong nghiep",
    "thu ngan sach": "thu ngan sach nha nuoc", "dang vien moi": "dang vien moi ket nap",
    "ket nap": "dang vien moi ket nap", "doanh nghiep thanh lap": "doanh nghiep thanh lap moi",
}  # fmt: skip
STOPWORDS = {
    "ty", "le", "so", "cac", "va", "cua", "tren", "dia", "ban", "dat", "uoc", "nam", "trong", "do",
    "co", "la", "duoc", "voi", "cho", "tong", "gia", "tri", "bang", "tang", "giam", "ke", "hoach",
    "thuc", "hien", "toan", "huyen", "tinh", "thi", "xa", "nhu", "den", "tu", "the", "nay", "mot",
}  # fmt: skip
UNIT_FAMILIES = {
    "tỷ đồng": "money", "triệu đồng": "money", "nghìn đồng": "money", "tỷ USD": "money", "triệu USD": "money",
    "%": "rate", "tấn": "mass", "ha": "area",
}  # fmt: skip


# Units of one family and their size in the family's base: a figure in "triệu đồng" is shown
# against an indicator kept in "tỷ đồng" divided by 1.000.
CONVERSIONS = {
    "tỷ đồng": ("đồng", Decimal(10) ** 9), "triệu đồng": ("đồng", Decimal(10) ** 6),
    "nghìn đồng": ("đồng", Decimal(10) ** 3), "đồng": ("đồng", Decimal(1)),
    "tỷ usd": ("usd", Decimal(10) ** 9), "triệu usd": ("usd", Decimal(10) ** 6), "usd": ("usd", Decimal(1)),
    "tấn": ("kg", Decimal(1000)), "tạ": ("kg", Decimal(100)), "kg": ("kg", Decimal(1)),
    "ha": ("m2", Decimal(10000)), "km2": ("m2", Decimal(10) ** 6), "m2": ("m2", Decimal(1)),
    "km": ("m", Decimal(1000)), "m": ("m", Decimal(1)),
}  # fmt: skip


def converted(value: Decimal, unit: str, to_unit: str) -> Decimal | None:
    """`value` in `unit` expressed in `to_unit`; the value itself when the units are the same,
    None when they cannot be converted."""
    source, target = unit.strip().lower(), to_unit.strip().lower()
    if source == target:
        return value
    a, b = CONVERSIONS.get(source), CONVERSIONS.get(target)
    if a is None or b is None or a[0] != b[0]:
        return None
    return (value * a[1] / b[1]).normalize()


@dataclass(frozen=True)
class IndicatorTerms:
    id: int
    code: str
    name: str
    unit_of_measure: str


@dataclass(frozen=True)
class Match:
    indicator_id: int
    code: str
    name: str
    score: float
    unit_of_measure: str = ""


def _words(text: str, aliases: bool = False) -> list[str]:
    folded = f" {fold(text)} "
    if aliases:  # the report's words, spelled out as the catalogue names them
        for short, long in ALIASES.items():
            folded = folded.replace(f" {short} ", f" {short} {long} ")
    return [word for word in folded.split() if word not in STOPWORDS and not word.isdigit()]


def _grams(words: list[str]) -> set[str]:
    return set(words) | {f"{a} {b}" for a, b in pairwise(words)}


def _family(unit: str) -> str:
    return UNIT_FAMILIES.get(unit, "count")


def best_indicator(
    metric: str, unit: str, kind: str, catalogue: Sequence[IndicatorTerms], minimum: float = 0.34
) -> Match | None:
    """The indicator whose name the metric covers best, or None below `minimum`."""
    metric_grams = _grams(_words(metric, aliases=True))
    best: Match | None = None
    for indicator in catalogue:
        name_grams = _grams(_words(indicator.name))
        if not name_grams:
            continue
        shared = name_grams & metric_grams
        covered = len(shared) / len(name_grams)
        # A level should have the indicator's kind of unit; shares of a plan and changes are in %
        # or "lần" whatever the indicator measures. The same counted noun is a strong sign.
        if kind in ("amount", "ratio"):
            if _family(unit) != _family(indicator.unit_of_measure):
                covered *= 0.5
            elif unit == indicator.unit_of_measure and _family(unit) == "count":
                covered += 0.2
        # Between names covered alike, the more specific one (more shared words) wins.
        covered += 0.01 * len(shared)
        if best is None or covered > best.score:
            best = Match(
                indicator.id,
                indicator.code,
                indicator.name,
                round(covered, 3),
                indicator.unit_of_measure,
            )
    return best if best is not None and best.score >= minimum else None
