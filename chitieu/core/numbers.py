"""Vietnamese number formats: `.` groups thousands, `,` marks decimals (1.695,36; 104,97%).

Everything is `Decimal`; a binary float never enters or leaves these functions.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

THOUSANDS = "."
DECIMAL_MARK = ","


class NumberFormatError(ValueError):
    """A text that is not a number in Vietnamese format; the message is for the user."""


def format_decimal(value: Decimal | int | None, places: int | None = None) -> str:
    """`Decimal("1695.36")` -> "1.695,36"; with `places`, rounded half up to that many places.

    Without `places` the value keeps its own digits but trailing zeros of the fraction go.
    """
    if value is None:
        return ""
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    sign = "-" if number < 0 else ""
    digits = f"{abs(number):f}"
    whole, _, fraction = digits.partition(".")
    grouped = f"{int(whole):,}".replace(",", THOUSANDS)
    if fraction:
        return f"{sign}{grouped}{DECIMAL_MARK}{fraction}"
    return f"{sign}{grouped}"


def format_percent(value: Decimal | int | None, places: int = 2) -> str:
    """`Decimal("104.97")` -> "104,97%" (the value is already in percent)."""
    if value is None:
        return ""
    text = format_decimal(value, places)
    if DECIMAL_MARK in text:
        text = text.rstrip("0").rstrip(DECIMAL_MARK)
    return f"{text}%"


_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^\d+(,\d+)?$")


def parse_decimal(text: str) -> Decimal:
    """Read "1.695,36", "72.824", "-0,5" or "320" into a Decimal.

    A dot is only a thousands separator (groups of three), a comma only the decimal mark, as
    Vietnamese users write them. "1.5" is refused rather than guessed.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    sign = ""
    if cleaned and cleaned[0] in "+-−":
        sign = "-" if cleaned[0] in "-−" else ""
        cleaned = cleaned[1:]
    if not (_GROUPED.match(cleaned) or _PLAIN.match(cleaned)):
        raise NumberFormatError(
            f"“{text.strip()}” không phải là số hợp lệ (ví dụ đúng: 1.695,36 hoặc 72.824)."
        )
    normalised = cleaned.replace(THOUSANDS, "").replace(DECIMAL_MARK, ".")
    try:
        return Decimal(sign + normalised)
    except InvalidOperation as error:  # pragma: no cover - the patterns above exclude it
        raise NumberFormatError(f"“{text.strip()}” không phải là số hợp lệ.") from error


def parse_percent(text: str) -> Decimal:
    """Read "104,97%" or "104,97" into Decimal("104.97")."""
    return parse_decimal(text.strip().removesuffix("%"))
