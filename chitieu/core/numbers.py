"""Vietnamese number formats: `.` groups thousands, `,` marks decimals (1.695,36; 104,97%).

Everything is `Decimal`; a binary float never enters or leaves these functions.

Reading a number is two steps, both here so that every entry (forms, Excel, API, CSV) uses the
same rules: `parse_decimal` (Vietnamese text) or `parse_plain_decimal` (the API's and CSV's
`1695.36`) accept only ASCII digits, no exponent, no NaN or Infinity; `check_decimal` then
bounds the value by its column (`max_digits`, `decimal_places`) and by what the quantity allows
(`minimum`, `maximum`, whole numbers). `read_decimal` does both. Formatting copes with any Decimal.

A refused "3.2" says what was probably meant ("Dùng dấu phẩy cho phần thập phân: 3,2") but is
never read as 3,2: "1.500" is one thousand five hundred. What is possible but looks wrong (a
share over 100%, a value a thousand times last year's) is `implausibilities`: warnings, for the
forms to show before saving.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

THOUSANDS = "."
DECIMAL_MARK = ","
MAX_TEXT_LENGTH = 64  # longer texts are refused before any regular expression reads them
NOT_A_NUMBER = "—"  # how a stored NaN or Infinity is shown (never raised)
MAX_SHOWN_DIGITS = 60  # a value with more digits than this is shown as mantissa×10^exponent


class NumberFormatError(ValueError):
    """A text that is not a number in Vietnamese format; the message is for the user."""


@dataclass(frozen=True)
class Bounds:
    """What a value may be: its column's digits and places, and the quantity's own limits."""

    max_digits: int = 19
    decimal_places: int = 6
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    whole: bool = False

    @property
    def whole_digits(self) -> int:
        return self.max_digits - self.decimal_places


# The figures' columns are DecimalField(max_digits=20, decimal_places=6), but SQLite keeps them
# as REAL (15 significant digits), and a 14-digit whole part can round up to 15 digits there
# (99999999999999.999999 reads back as 10^14, too wide for the column). Entries are bounded at
# 13 whole digits (below ten thousand billion) so that every database gives back what was typed.
COLUMN = Bounds(max_digits=19, decimal_places=6)
COUNT = Bounds(minimum=Decimal(0), whole=True)
SHARE = Bounds(minimum=Decimal(0), maximum=Decimal(100))


def _with_field(field: str, message: str) -> str:
    return f"{field}: {message}" if field else message


def _show(value: Decimal) -> str:
    text = format_decimal(value)
    return text if len(text) <= 32 else f"{text[:30]}…"


def _digits(value: Decimal) -> tuple[int, int]:
    """(digits before the decimal mark, significant places after it) of a finite Decimal."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    significant = list(digits)
    places = max(0, -exponent)
    while places and len(significant) > 1 and significant[-1] == 0:
        significant.pop()
        places -= 1
    if exponent > 0:
        whole = len(significant) + exponent if significant != [0] else 1
    else:
        whole = max(0, len(significant) - places)
    while whole > 1 and significant and significant[0] == 0:
        significant.pop(0)
        whole -= 1
    return whole, places


def check_decimal(value: Decimal, bounds: Bounds = COLUMN, *, field: str = "") -> Decimal:
    """`value` if it is within `bounds`, else NumberFormatError with a message naming `field`."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise NumberFormatError(_with_field(field, f"“{value}” không phải là số hợp lệ."))
    whole, places = _digits(value)
    if whole > bounds.whole_digits:
        raise NumberFormatError(
            _with_field(
                field,
                f"{_show(value)} quá lớn: phần nguyên tối đa {bounds.whole_digits} chữ số.",
            )
        )
    if bounds.whole and places:
        raise NumberFormatError(_with_field(field, f"{_show(value)} phải là số nguyên."))
    if places > bounds.decimal_places:
        raise NumberFormatError(
            _with_field(
                field,
                f"{_show(value)} có quá nhiều chữ số thập phân: tối đa {bounds.decimal_places}.",
            )
        )
    low, high = bounds.minimum, bounds.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            rule = f"phải từ {format_decimal(low)} đến {format_decimal(high)}"
        elif low is not None:
            rule = f"không được nhỏ hơn {format_decimal(low)}"
        else:
            rule = f"không được lớn hơn {format_decimal(high)}"
        raise NumberFormatError(_with_field(field, f"giá trị {_show(value)} {rule}."))
    return value


def format_decimal(value: Decimal | int | None, places: int | None = None) -> str:
    """`Decimal("1695.36")` -> "1.695,36"; with `places`, rounded half up to that many places.

    Without `places` the value keeps its own digits but trailing zeros of the fraction go.
    Any Decimal is shown: huge, tiny, with many places; NaN and Infinity as "—".
    """
    if value is None:
        return ""
    number = Decimal(value)
    if not number.is_finite():
        return NOT_A_NUMBER
    if number and (
        number.adjusted() > MAX_SHOWN_DIGITS
        or (places is None and number.adjusted() < -MAX_SHOWN_DIGITS)
    ):
        # Beyond any real figure (only a hand-edited database holds it): shown, not written out.
        mantissa = format_decimal(number.scaleb(-number.adjusted()), 3)
        return f"{mantissa}×10^{number.adjusted()}"
    _sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    # Enough precision for every digit of the value and of the places asked for.
    precision = len(digits) + abs(exponent) + (places or 0) + 2
    with localcontext() as context:
        context.prec = max(precision, 28)
        context.Emax, context.Emin = 10**9, -(10**9)
        if places is not None:
            number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        elif number == number.to_integral_value():
            number = number.quantize(Decimal(1))
        else:
            number = number.normalize()
        sign = "-" if number < 0 else ""
        digits_text = f"{abs(number):f}"
    whole, _, fraction = digits_text.partition(".")
    grouped = f"{int(whole):,}".replace(",", THOUSANDS)
    if fraction:
        return f"{sign}{grouped}{DECIMAL_MARK}{fraction}"
    return f"{sign}{grouped}"


def format_percent(value: Decimal | int | None, places: int = 2) -> str:
    """`Decimal("104.97")` -> "104,97%" (the value is already in percent)."""
    if value is None:
        return ""
    text = format_decimal(value, places)
    if text == NOT_A_NUMBER:
        return text
    if DECIMAL_MARK in text:
        text = text.rstrip("0").rstrip(DECIMAL_MARK)
    return f"{text}%"


_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$", re.ASCII)
_PLAIN = re.compile(r"^\d+(,\d+)?$", re.ASCII)
_MACHINE = re.compile(r"^[+-]?\d+(\.\d+)?$", re.ASCII)


def _cleaned(text: str) -> str:
    return str(text).strip().replace("\u00a0", "").replace(" ", "")


def _shown_text(text: str) -> str:
    shown = str(text).strip()
    return shown if len(shown) <= 32 else f"{shown[:30]}…"


def _is_vietnamese(cleaned: str) -> bool:
    return bool(_GROUPED.match(cleaned) or _PLAIN.match(cleaned))


_DOTTED = re.compile(r"^\d+(\.\d+)+$", re.ASCII)
_ENGLISH = re.compile(r"^\d{1,3}(,\d{3})+\.\d+$", re.ASCII)


def _meant(cleaned: str) -> tuple[str, str] | None:
    """What a refused text most likely meant, to show it (never to read it): "3.2" is 3,2 with
    the decimal mark a point, "1,695.36" is 1.695,36 written the English way. None otherwise."""
    if len(cleaned) > MAX_TEXT_LENGTH:
        return None
    if _DOTTED.match(cleaned):
        whole, _, fraction = cleaned.rpartition(THOUSANDS)
        candidate = f"{whole}{DECIMAL_MARK}{fraction}"
        if _is_vietnamese(candidate):
            return "Dùng dấu phẩy cho phần thập phân", candidate
    if _ENGLISH.match(cleaned):
        swapped = cleaned.translate(str.maketrans(",.", THOUSANDS + DECIMAL_MARK))
        return "Viết số theo kiểu Việt Nam, dấu phẩy cho phần thập phân", swapped
    return None


def parse_decimal(text: str, *, field: str = "") -> Decimal:
    """Read "1.695,36", "72.824", "-0,5" or "320" into a Decimal.

    A dot is only a thousands separator (groups of three), a comma only the decimal mark, as
    Vietnamese users write them. "1.5" is refused rather than guessed; so are digits other than
    0–9 (fullwidth, Arabic-Indic, superscripts), exponents, NaN and Infinity.
    """
    cleaned = _cleaned(text)
    sign = ""
    if cleaned and cleaned[0] in "+-−":
        sign = "-" if cleaned[0] in "-−" else ""
        cleaned = cleaned[1:]
    if len(cleaned) > MAX_TEXT_LENGTH or not _is_vietnamese(cleaned):
        meant = _meant(cleaned)
        if meant is not None:
            raise NumberFormatError(
                _with_field(
                    field,
                    f"“{_shown_text(text)}” không phải là số hợp lệ. {meant[0]}: "
                    f"{'-' if sign else ''}{meant[1]} (dấu chấm chỉ tách hàng nghìn: "
                    "1.500 là một nghìn năm trăm).",
                )
            )
        raise NumberFormatError(
            _with_field(
                field,
                f"“{_shown_text(text)}” không phải là số hợp lệ "
                "(ví dụ đúng: 1.695,36 hoặc 72.824).",
            )
        )
    normalised = cleaned.replace(THOUSANDS, "").replace(DECIMAL_MARK, ".")
    try:
        return Decimal(sign + normalised)
    except InvalidOperation as error:  # pragma: no cover - the patterns above exclude it
        raise NumberFormatError(
            _with_field(field, f"“{_shown_text(text)}” không phải là số hợp lệ.")
        ) from error


def parse_plain_decimal(text: str, *, field: str = "") -> Decimal:
    """Read the API's and CSV's "1695.36" or "-0.5": ASCII digits and a decimal point only."""
    cleaned = _cleaned(text)
    if len(cleaned) > MAX_TEXT_LENGTH or not _MACHINE.match(cleaned):
        raise NumberFormatError(
            _with_field(
                field,
                f"“{_shown_text(text)}” không phải là số hợp lệ "
                "(dùng chữ số 0–9 và dấu chấm thập phân, ví dụ: 1695.36).",
            )
        )
    return Decimal(cleaned)


def parse_percent(text: str, *, field: str = "") -> Decimal:
    """Read "104,97%" or "104,97" into Decimal("104.97")."""
    return parse_decimal(str(text).strip().removesuffix("%"), field=field)


def read_decimal(
    text: str, bounds: Bounds = COLUMN, *, field: str = "", plain: bool = False
) -> Decimal:
    """Parse (Vietnamese, or `plain` for the API) and bound: the one reader of every entry."""
    value = parse_plain_decimal(text, field=field) if plain else parse_decimal(text, field=field)
    return check_decimal(value, bounds, field=field)


WHOLE_COUNT = Bounds(max_digits=9, decimal_places=0, minimum=Decimal(0), whole=True)


def check_count(value: int, *, field: str = "", bounds: Bounds = WHOLE_COUNT) -> int:
    """A count (votes, people, pieces) is whole, not negative, and fits an integer column."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise NumberFormatError(_with_field(field, f"“{value}” không phải là số nguyên."))
    check_decimal(Decimal(value), bounds, field=field)
    return value


def read_count(text: str, *, field: str = "", bounds: Bounds = WHOLE_COUNT) -> int:
    """Read a count typed by a user ("36", "1.200"), bounded as `check_count`."""
    return int(read_decimal(text, bounds, field=field))


_MAGNITUDES = (
    (Decimal(10) ** 12, "nghìn tỷ"),
    (Decimal(10) ** 9, "tỷ"),
    (Decimal(10) ** 6, "triệu"),
    (Decimal(10) ** 3, "nghìn"),
)


def magnitude_words(value: Decimal) -> str:
    """How big a number is, in words: "khoảng 324,1 nghìn" for 324124, "" below a thousand.

    Shown beside what was typed, so that a dot read as a thousands separator ("324.124") is
    seen at once as three hundred thousand, not three hundred."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return ""
    size = abs(value)
    for scale, word in _MAGNITUDES:
        if size >= scale:
            shown = format_decimal(size / scale, 1)
            if shown.endswith(f"{DECIMAL_MARK}0"):
                shown = shown[:-2]
            return f"khoảng {'-' if value < 0 else ''}{shown} {word}"
    return ""


# A value this many times its reference (or this many times smaller) is questioned, not refused:
# a comma typed as a dot multiplies by a thousand, and so does a figure in đồng put in tỷ đồng.
IMPLAUSIBLE_FACTOR = Decimal(1000)  # the messages say "nghìn": change them with it
PERCENT_CEILING = Decimal(100)


@dataclass(frozen=True)
class Reference:
    """A value to compare an entry with: `what` names it ("số liệu năm 2023")."""

    what: str
    value: Decimal


def implausibilities(
    value: Decimal | None,
    *,
    percent: bool = False,
    references: Iterable[Reference] = (),
    field: str = "",
) -> list[str]:
    """The one rule of what looks wrong without being impossible: warnings, never refusals.

    A value in percent beyond ±100% (a share cannot exceed the whole; a growth or a change that
    large is a slip far more often than a fact), and a value more than a thousand times its
    reference (last year's figure, last year's target) or less than a thousandth of it. Each
    warning is a sentence for the user, naming `field`."""
    if value is None or not isinstance(value, Decimal) or not value.is_finite():
        return []
    warnings: list[str] = []
    if percent and abs(value) > PERCENT_CEILING:
        warnings.append(f"{_show(value)}% vượt quá 100%: một tỷ lệ hiếm khi lớn như vậy.")
    for reference in references:
        other = reference.value
        if not isinstance(other, Decimal) or not other.is_finite() or not other or not value:
            continue
        factor = format_decimal(IMPLAUSIBLE_FACTOR)
        if abs(value) > IMPLAUSIBLE_FACTOR * abs(other):
            warnings.append(
                f"{_show(value)} lớn hơn {factor} lần {reference.what} ({_show(other)}): "
                "có nhầm dấu chấm với dấu phẩy, hay nhầm đơn vị tính?"
            )
        elif abs(other) > IMPLAUSIBLE_FACTOR * abs(value):
            warnings.append(
                f"{_show(value)} chưa bằng một phần nghìn {reference.what} ({_show(other)}): "
                "có nhầm dấu chấm với dấu phẩy, hay nhầm đơn vị tính?"
            )
    return [_with_field(field, warning) for warning in warnings]
