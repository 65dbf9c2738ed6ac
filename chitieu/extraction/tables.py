"""Figures of a report's table, as shared/corpus/GUIDE.md ("Word tables") says: one figure per cell
that holds a number, its metric the row's indicator, its unit the row's ĐVT, its kind and role
the column's (plan columns are targets, "So với KH (%)" a share of the plan, "So với cùng kỳ (%)"
a level against last year). Pure: cells in, figures out; where the table stands is the caller's.

Headers are read by their words, not by their position: the usual ones (STT, Chỉ tiêu/Nội dung,
ĐVT/Đơn vị tính, Kế hoạch/KH năm …, Thực hiện/Ước thực hiện/Ước TH, So với KH (%), So với cùng
kỳ (%), Tăng (+)/giảm (−)), over one row or two (a merged upper cell repeats over its columns)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from chitieu.extraction.reading import Table
from chitieu.extraction.units import UNIT_SPECS

CELL_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?: \d{3})+(?:,\d+)?|\d+(?:,\d+)?"
CELL = re.compile(
    r"^(?P<words>[^\d+\-−]*?)\s*(?P<sign>[+\-−])?\s*(?P<first>" + CELL_NUMBER + r")"
    r"(?:\s*(?P<sep>/|-|–|÷|đến)\s*(?P<second>" + CELL_NUMBER + r"))?"
    r"\s*(?P<unit>[^\d]*?)\s*$",
    re.IGNORECASE,
)
EMPTY_CELLS = {"", "-", "–", "—", "x", "...", "…", "/", "*"}
COLUMN_NUMBERS = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z])\)?(?:\s*=.*)?$")
GROUP_NAME = re.compile(r"^(?:[IVXLC]+|[A-ZĐ])\s*[.)/-]\s+\S|^(?:phần|chương)\s", re.IGNORECASE)
LEADING_NUMBER = re.compile(r"^\s*(?:[-+•*–]+|\d+(?:\.\d+)*[.)]?|[a-zđ]\)|[IVXLC]+\.)\s*")
PLAN = re.compile(
    r"kế hoạch|\bkh\b|nghị quyết|\bnq\b|dự toán|mục tiêu|chỉ tiêu (?:nghị quyết|năm|kế hoạch|"
    r"giao|được giao|đề ra|nhiệm kỳ|đại hội)|chỉ tiêu \d{4}"
)
ACTUAL = re.compile(
    r"thực hiện|\bth\b|ư\s*th|\bước\b|kết quả|đạt được|lũy kế|luỹ kế|\btổng số\b|số liệu"
)
PREVIOUS = re.compile(r"cùng kỳ|\bck\b|năm trước|năm \d{4}|\d{4}|kỳ trước|tháng trước|quý trước")
COMPARE = re.compile(r"so với|so sánh|\bso\b|/")
CHANGE = re.compile(
    r"tăng\s*\(\+\)|tăng\s*/\s*giảm|tăng,\s*giảm|tăng\s*\(\+\)\s*,?\s*giảm|\(\+\s*/\s*-\)|"
    r"chênh lệch|tăng giảm|\(\+\)\s*/\s*\(-\)"
)
NAME = re.compile(r"chỉ tiêu|nội dung|danh mục|hạng mục|lĩnh vực|\btên\b|diễn giải|nhiệm vụ")


@dataclass
class CellFigure:
    row: int
    column: int
    kind: str
    value: Decimal
    unit: str
    metric: str
    role: str
    quote: str
    header: str
    total: Decimal | None = None
    upper: Decimal | None = None
    bound: str | None = None


def _lower(text: str) -> str:
    return " ".join(text.lower().split())


def column_kind(header: str) -> str:
    """stt, name, unit, note, plan, actual, pct_plan, pct_prev, pct_next, change, or ""."""
    h = _lower(header)
    if not h:
        return ""
    if re.fullmatch(r"(?:số\s*)?t\.?t|stt|số thứ tự|tt", h):
        return "stt"
    if re.search(
        r"ghi chú|năm sinh|ngày|số điện thoại|địa chỉ|số hiệu|mã số|số quyết định|ký hiệu|chức vụ|"
        r"cơ quan chủ trì|đơn vị (?:chủ trì|thực hiện|phối hợp)|thời gian|thời hạn",
        h,
    ):
        return "note"
    if re.fullmatch(r"đvt|đơn vị(?: tính)?|đv tính|đơn vị đo", h) or h.startswith(
        ("đvt", "đơn vị tính")
    ):
        return "unit"
    if CHANGE.search(h):
        return "change"
    compare = COMPARE.search(h) if ("%" in h or "so" in h or "tỷ lệ" in h or "/" in h) else None
    if compare:
        left, right = h[: compare.start()], h[compare.end() :]
        if (
            PLAN.search(left)
            and not ACTUAL.search(left)
            and (ACTUAL.search(right) or PREVIOUS.search(right))
        ):
            return "pct_next"
        if PLAN.search(right):
            return "pct_plan"
        if PREVIOUS.search(right) or ACTUAL.search(right):
            return "pct_prev"
    if "%" in h and re.search(r"thực hiện kế hoạch|hoàn thành|so kh|đạt so", h):
        return "pct_plan"
    plan, actual = PLAN.search(h), ACTUAL.search(h)
    if NAME.search(h) and not plan and not actual:
        return "name"
    if plan and actual:
        return "plan" if plan.start() < actual.start() else "actual"
    if plan:
        return "plan"
    if actual or re.search(r"\b(?:19|20)\d{2}\b|tháng|quý|năm", h):
        return "actual"
    return ""


UNIT_ABBREVIATIONS = {
    "dn": "doanh nghiệp", "htx": "hợp tác xã", "tr.đồng": "triệu đồng", "tr.đ": "triệu đồng",
    "trđ": "triệu đồng", "tr đồng": "triệu đồng", "tr. đồng": "triệu đồng", "tỷ đ": "tỷ đồng",
    "tỷđ": "tỷ đồng", "tỉ đồng": "tỷ đồng", "ng.đồng": "nghìn đồng", "1.000 đồng": "nghìn đồng",
    "1000 đồng": "nghìn đồng", "%/năm": "%", "giường/vạn dân": "giường bệnh/vạn dân",
    "bs/vạn dân": "bác sĩ/vạn dân", "lượt người": "lượt người", "hécta": "ha", "héc ta": "ha",
}  # fmt: skip


def unit_of(text: str) -> tuple[str, Decimal, bool] | None:
    """A unit as written in an ĐVT cell or a name's parentheses: its name, its factor, and
    whether it is a share of the plan ("% kế hoạch")."""
    t = _lower(text).strip("() ")
    if not t:
        return None
    if re.fullmatch(r"%\s*(?:so\s*(?:với\s*)?)?(?:kế hoạch|kh|dự toán|nghị quyết|nq)", t):
        return "%", Decimal(1), True
    t = UNIT_ABBREVIATIONS.get(t, t)
    scale = re.match(r"^(1\.?000|nghìn|ngàn|triệu|vạn)\s+(?=\S)", t)
    if scale:  # "1000 tấn", "Nghìn người": the cell's number counts thousands
        inner = unit_of(t[scale.end() :])
        if inner is not None and not inner[2] and inner[0] not in ("đồng", "USD", "tỷ đồng"):
            factor = {"nghìn": 1000, "ngàn": 1000, "triệu": 10**6, "vạn": 10**4}.get(
                scale.group(1), 1000
            )
            return inner[0], inner[1] * factor, False
    for spec in UNIT_SPECS:
        if t == spec.written or (
            t.startswith(spec.written) and re.match(r"[\s/(]", t[len(spec.written) :] or " ")
        ):
            return spec.unit, spec.factor, False
    if len(t) <= 30 and not re.search(r"\d", t):
        return t, Decimal(1), False
    return None


def read_cell_number(text: str) -> Decimal:
    return Decimal(text.replace(" ", "").replace(".", "").replace(",", "."))


def _is_number_cell(text: str) -> bool:
    return bool(text.strip()) and CELL.match(text.strip()) is not None


def _is_header(row: list) -> bool:
    """A row that names the indicator column and at least one value column (or three kinds of
    column, as "STT | Chỉ tiêu | ĐVT")."""
    kinds = [column_kind(cell.text) for cell in row]
    if "name" not in kinds:
        return False
    values = ("plan", "actual", "pct_plan", "pct_prev", "pct_next", "change")
    return any(k in values for k in kinds) or sum(1 for k in kinds if k) >= 3


def _header_rows(table: Table) -> tuple[int, int] | None:
    """The first and the last-plus-one header row: the first row where a name column and a
    value column can be told apart, and the rows under it that hold no figures."""
    index = next((i for i, row in enumerate(table.rows[:15]) if _is_header(row)), None)
    if index is None:
        return None
    end = index + 1
    while end < len(table.rows):
        texts = [c.text.strip() for c in table.rows[end]]
        filled = [t for t in texts if t]
        if not filled:
            end += 1
            continue
        numbers = [t for t in filled[1:] if _is_number_cell(t) and not column_kind(t)]
        if numbers and not all(COLUMN_NUMBERS.match(t) for t in filled):
            break
        if all(COLUMN_NUMBERS.match(t) for t in filled):
            break
        end += 1
    return index, end


def _column_headers(table: Table, first: int, end: int) -> list[str]:
    width = max(len(row) for row in table.rows)
    headers = []
    for column in range(width):
        parts: list[str] = []
        for row in table.rows[first:end]:
            text = row[column].text.strip() if column < len(row) else ""
            if text and text not in parts:
                parts.append(text)
        headers.append(" ".join(parts))
    return headers


def _metric(name: str) -> str:
    name = LEADING_NUMBER.sub("", name)
    name = re.sub(r"^\s*(?:trong đó|riêng|gồm|bao gồm)\s*[:,]?\s*", "", name, flags=re.IGNORECASE)
    words = re.sub(r"[^\w\s%/-]", " ", name).lower().split()
    return " ".join(words[:14])


def _bound(words: str, unit_words: str) -> str | None:
    w = _lower(words) + " " + _lower(unit_words)
    if re.search(r"trên|hơn|≥|>=|>|ít nhất|tối thiểu|trở lên", w):
        return "min"
    if re.search(r"dưới|≤|<=|<|không quá|tối đa|gần", w):
        return "max"
    return None


def table_figures(table: Table) -> list[CellFigure] | None:
    """The figures of a data table, or None when it is not one (a layout table)."""
    found = _header_rows(table)
    if found is None:
        return None
    first, end = found
    headers = _column_headers(table, first, end)
    kinds = [column_kind(h) for h in headers]
    if "name" not in kinds:
        return None
    name_column = kinds.index("name")
    unit_column = kinds.index("unit") if "unit" in kinds else None
    figures: list[CellFigure] = []
    seen: set[int] = set()
    for r in range(end, len(table.rows)):
        row = table.rows[r]
        if name_column >= len(row):
            continue
        texts = [c.text.strip() for c in row]
        if all(COLUMN_NUMBERS.match(t) for t in texts if t) and sum(1 for t in texts if t) >= 3:
            continue
        name = texts[name_column]
        stt = texts[0] if name_column > 0 else ""
        row_unit = (
            unit_of(texts[unit_column])
            if unit_column is not None and unit_column < len(texts)
            else None
        )
        if row_unit is None:  # "Thu ngân sách (tỷ đồng)": the unit in the name's parentheses
            inside = re.search(r"\(([^()\d]{1,20})\)\s*$", name)
            if inside is not None:
                row_unit = unit_of(inside.group(1))
        metric = _metric(name)
        group = (GROUP_NAME.match(name) or re.fullmatch(r"[IVXLC]+|[A-ZĐ]", stt)) is not None
        for c in range(name_column + 1, len(row)):
            kind_of_column = kinds[c] if c < len(kinds) else ""
            if kind_of_column in ("stt", "name", "unit", "note"):
                continue
            cell = row[c]
            if cell.key in seen:
                continue
            text = texts[c]
            if text.lower() in EMPTY_CELLS:
                continue
            figure = _cell_figure(text, kind_of_column, row_unit, metric, headers[c], r, c)
            if figure is None:
                continue
            if group and not metric:
                continue
            seen.add(cell.key)
            figures.append(figure)
    return figures


def _cell_figure(
    text: str,
    column: str,
    row_unit: tuple[str, Decimal, bool] | None,
    metric: str,
    header: str,
    r: int,
    c: int,
) -> CellFigure | None:
    cleaned = text.replace("−", "-").replace("≥", "≥ ").replace("≤", "≤ ")
    match = CELL.match(" ".join(cleaned.split()))
    if match is None:
        return None
    words, unit_words = match.group("words") or "", match.group("unit") or ""
    if len(words) > 30 or len(unit_words) > 30:
        return None
    first = read_cell_number(match.group("first"))
    sep, second = match.group("sep"), match.group("second")
    sign = match.group("sign")
    lowered = _lower(words)
    kind = {
        "plan": "amount", "actual": "amount", "": "amount", "pct_plan": "pct_of_plan",
        "pct_prev": "amount", "pct_next": "amount", "change": "change",
    }[column]  # fmt: skip
    role = "target" if column in ("plan", "pct_next") else "actual"
    unit, factor, share = row_unit if row_unit is not None else ("", Decimal(1), False)
    unit_text = re.sub(r"\b(?:trở lên|trở xuống)\b", "", unit_words).strip()
    written = unit_of(unit_text) if unit_text else None
    if written is not None and (row_unit is None or written[0] == "%"):
        unit, factor, share = written
    if column in ("pct_plan", "pct_prev", "pct_next"):
        unit, factor = "%", Decimal(1)
    if share and column in ("plan", "actual", ""):
        kind, unit = "pct_of_plan", "%"
    total = upper = None
    negative = sign == "-" or "giảm" in lowered
    if re.search(r"tăng|giảm", lowered):
        kind = "change"
    if sep == "/" and second:
        kind, total = "ratio", read_cell_number(second)
        if not unit:
            unit = ""
    elif sep and second:
        upper = read_cell_number(second)
    if kind not in ("ratio",) and unit not in ("%",):
        first *= factor
        upper = upper * factor if upper is not None else None
    if negative:  # "Giảm 0,3 - 0,5", "-2,1" (a negative growth): both ends signed
        first = -first
        upper = -upper if upper is not None else None
    bound = (
        _bound(words, unit_words)
        if kind not in ("pct_of_plan", "ratio") and upper is None
        else None
    )
    return CellFigure(
        row=r, column=c, kind=kind, value=first, unit=unit or "", metric=metric, role=role,
        quote=text.strip(), header=header, total=total, upper=upper, bound=bound,
    )  # fmt: skip
