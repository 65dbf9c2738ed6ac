"""Figures from Vietnamese report text, in the form of shared/corpus/GUIDE.md.

The extractor is a set of plain rules, written for the way Vietnamese reports and newspapers
state figures in general, not for any one text: a number (Vietnamese format, ranges, "X/Y") is a
figure only when a unit follows it (%, money, tonnes, a counted noun); dates, document numbers,
ordinals and anniversaries have none and fall away. Its kind comes from the words around it
("đạt 104,97% kế hoạch", "vượt ... dự toán", "gấp ... lần", "tăng/giảm ... so với"), its role
from the cues that open a list of targets ("phấn đấu", "mục tiêu", "chỉ tiêu chủ yếu năm 2022:"),
its bound from "trên", "trở lên", "dưới", "còn"; what it measures from its clause.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from chitieu.extraction.encodings import clean
from chitieu.extraction.units import SCALES, UNIT_SPECS, UnitSpec

# Vietnamese digits; a single space between groups of three is a thousands separator too
# ("12 450 tỷ đồng" is 12450, never 450).
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?: \d{3})+(?:,\d+)?(?!\d)|\d+(?:,\d+)?"
FIGURE = re.compile(
    rf"(?P<first>{NUMBER})"
    rf"(?:\s*%\s*(?P<psep>-|–|đến)\s*(?P<psecond>{NUMBER})(?=\s*%)"
    rf"|\s*(?P<sep>/|-|–|đến)\s*(?P<second>{NUMBER}))?"
    r"(?=(?P<gap>\s*)(?P<rest>%|‰|[^\W\d_][^\n]{0,40})?)",
    re.IGNORECASE,
)
LOCAL = 300  # how far back the words that qualify a number are looked for
WORD_END = re.compile(r"(?=$|[\s,.;:()\"“”'/!?-])")
PER_SUFFIX = re.compile(r"^(\s*/\s*(người|năm|tháng|ha|hộ|lao động))+", re.IGNORECASE)

TARGET_CUES = re.compile(
    r"phấn đấu|đề ra mục tiêu|(?<!thực hiện )(?<!kết quả )(?:mục tiêu|chỉ tiêu)(?: chủ yếu| cụ thể| chính)?(?: như sau| sau| gồm| là)?\s*:|(?<!bám sát )(?<!theo )(?<!thực hiện )(?<!hoàn thành )các mục tiêu"
    r"(?! nhiệm kỳ,)(?! đề ra,)|mục tiêu\s*:|\d+ (?:nhóm )?chỉ tiêu(?: chủ yếu| chính| cụ thể)?"
    r"(?: là| gồm| như sau)\s*:|mục tiêu (?:đến năm|đến|năm|giai đoạn) \d{4}|"
    r"chỉ tiêu chủ yếu năm \d{4}\s*:|(?<!thực hiện các )(?<!thực hiện )(?<!kết quả các )(?<!quả )"
    r"(?:mục tiêu, )?chỉ tiêu chủ yếu (?:năm|đến năm|giai đoạn) \d{4}(?:\s*-\s*\d{4})?(?=[ \t]*(?::|\n|$))|chỉ tiêu năm \d{4}\s*:|một số chỉ tiêu chủ yếu|"
    r"kế hoạch năm \d{4}\s*:|chỉ tiêu đề ra (?:cho )?năm \d{4}",
    re.IGNORECASE,
)
# Clauses end at these; " - " stays inside names ("công nghiệp - xây dựng"), ":" inside
# "Tỷ lệ lao động qua đào tạo: 74%".
CLAUSE_BREAK = re.compile(r"[;\n]|\.\s|,\s|\(|\)")
NAME_IN_BRACKETS = re.compile(
    r"\((?:[^()\d,;]{1,30}|[^()%;]{0,25}\b(?:19|20)\d{2}\b[^()%;]{0,10})\)"
)  # "(GRDP)", "(giá so sánh năm 2010)": part of the name
SENTENCE_BREAK = re.compile(r"\n|\.\s+(?=[A-ZĐÀ-Ỹ\-–])|\.$")
NOT_A_FIGURE_BEFORE = re.compile(
    r"(?:số|thứ|khóa|khoá|lần|kỳ|ngày|tháng|năm|quý|giai đoạn|nhiệm kỳ|kỷ niệm|mã|f|quốc lộ|tỉnh lộ|"
    r"cụm thi đua|khối thi đua|điều|khoản|chương|mục|tổ|lô|phòng|đội)\s*$",
    re.IGNORECASE,
)
# Counts that are not results: an agenda, a denominator, the members of a cluster.
NOT_A_RESULT_BEFORE = re.compile(
    r"(?:rà soát|đề ra|gồm có|bao gồm|\bgồm)(?:\s+(?:các|có))?\s*$",
    re.IGNORECASE,
)
# "Với 18 chỉ tiêu …, có 12 chỉ tiêu đạt", "trong số 28 chỉ tiêu": the size of the set, not a result.
DENOMINATOR_BEFORE = re.compile(
    r"(?:trong số|trên tổng số|(?:^|[,;:.(]\s*|\n)với)(?:\s+(?:các|có))?\s*$", re.IGNORECASE
)
NOT_A_RESULT_AFTER = re.compile(
    r"^(?:\s+\S+){0,3}?\s*(?:là|gồm|như sau)\s*:|^[^,;.]{0,60}\b(?:tham dự|dự hội nghị|dự đại hội)",
    re.IGNORECASE,
)
# A benchmark quoted for comparison: "cao hơn bình quân cả nước là 5,3%", "trung bình của vùng (6,1%)".
BENCHMARK_BEFORE = re.compile(
    r"(?:cao hơn|thấp hơn|vượt|so với|hơn|bằng|gấp|với)\s+(?:mức\s+)?(?:bình quân|trung bình|mức chung)"
    r"(?:\s+chung)?(?:\s+của)?\s+(?:cả nước|toàn quốc|vùng|khu vực|"
    r"các tỉnh|toàn tỉnh|cả tỉnh|chung)[^,;.\d()]{0,25}(?:\s+là|\s*\(|\s*:)?\s*$",
    re.IGNORECASE,
)
RANK_BEFORE = re.compile(r"(?:xếp|đứng|xếp hạng|vị trí)\s+(?:thứ|hạng)?\s*$", re.IGNORECASE)
RANK = re.compile(
    r"(?P<place>\d{1,3})(?:\s*(?:/|trên|trong số|trong|so với)\s*(?P<of>\d{1,4})"
    r"(?:\s+(?:đơn vị|huyện|xã|tỉnh|tỉnh, thành phố|địa phương|cơ quan|phường|thị xã|"
    r"huyện, thị xã, thành phố|cụm|thành viên|sở, ngành|sở|ngành))?)?",
    re.IGNORECASE,
)
NEGATIVE_BEFORE = re.compile(r"\bâm\s*$", re.IGNORECASE)
VERBS = re.compile(r"\b(?:tăng|giảm|đạt|vượt|bằng|gấp|chiếm|còn|cao hơn|thấp hơn)\b", re.IGNORECASE)
VERB_TAIL = re.compile(
    r"^(?:\s+[^\s\d,;.]+){0,6}?\s*(?:từ\s*)?(?:khoảng\s*)?(?:trên\s*|hơn\s*|dưới\s*|gần\s*|ít nhất\s*)?$",
    re.IGNORECASE,
)
PLAN_WORDS = r"(?:kế hoạch\b|kh\b|dự toán\b|chỉ tiêu(?: được giao| giao)?\b|nghị quyết\b)"
ISSUER = (
    r"(?:hđnd|ubnd|thành ủy|huyện ủy|tỉnh ủy|thị ủy|đảng ủy)?\s*"
    r"(?:tỉnh|huyện|thị xã|thành phố|xã|phường|thị trấn|trung ương)?\s*(?:giao|đề ra)\b"
)
REFERENCE = re.compile(
    rf"^\s*(?:so(?: với)?\s*)?(?:(?P<plan>{PLAN_WORDS})(?:\s+(?:năm|cả năm|của|được))?\s*(?P<ref>{ISSUER})?"
    rf"|(?P<bare>(?:hđnd|ubnd|tỉnh|huyện|thị xã|thành phố|xã|phường|thị trấn|trung ương)\s*(?:giao|đề ra)\b))",
    re.IGNORECASE,
)
PLAN_BEFORE = re.compile(
    rf"so(?: với)?\s+{PLAN_WORDS}(?:\s+(?:năm|cả năm|năm \d{{4}}))?(?:\s+{ISSUER})?[^,;.\d]{{0,15}}"
    r"\b(?:đạt|bằng|là)\s*(?:khoảng\s*|hơn\s*|trên\s*|gần\s*)?$",
    re.IGNORECASE,
)
BOUND_MIN_BEFORE = re.compile(r"(?:trên|hơn|ít nhất|tối thiểu)\s*$", re.IGNORECASE)
BOUND_MAX_BEFORE = re.compile(r"(?:dưới|không quá|tối đa|gần)\s*$", re.IGNORECASE)
FUNCTION_WORDS = {
    "và", "trong", "đó", "có", "với", "của", "cho", "là", "được", "đạt", "ước", "bằng", "tăng", "giảm",
    "vượt", "so", "gấp", "lần", "khoảng", "trên", "hơn", "dưới", "từ", "đến", "thêm", "ít", "nhất",
    "tổng", "số", "toàn", "nâng", "lên", "riêng", "năm", "nay", "cả", "thực", "hiện", "đã", "chiếm",
    "kế", "hoạch", "kh", "dự", "toán", "giao", "đề", "ra", "hđnd", "ubnd", "cùng", "kỳ", "trước",
    "tỉnh", "huyện", "thị", "xã", "thành", "phố", "nghị", "quyết", "nhiệm", "kết", "quả",
    "tương", "đương", "ứng", "tức", "gần", "mức",
}  # fmt: skip
METRIC_WORDS = 16  # a metric is the words that name the indicator, never a whole clause


@dataclass
class Figure:
    kind: str
    value: Decimal
    unit: str
    metric: str
    role: str
    quote: str
    start: int
    end: int
    total: Decimal | None = None
    upper: Decimal | None = None
    bound: str | None = None
    reference: str | None = None
    cell: str | None = None  # in a table: which one, its row and column
    own_metric: str = field(default="", repr=False, compare=False)  # its clause's words only

    def as_dict(self) -> dict:
        data: dict[str, object] = {"kind": self.kind, "value": plain(self.value)}
        if self.total is not None:
            data["total"] = plain(self.total)
        if self.upper is not None:
            data["upper"] = plain(self.upper)
        data.update({"unit": self.unit, "metric": self.metric, "role": self.role})
        if self.bound:
            data["bound"] = self.bound
        if self.reference:
            data["reference"] = self.reference
        data.update({"quote": self.quote, "start": self.start, "end": self.end})
        if self.cell:
            data["cell"] = self.cell
        return data


def plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def read_number(text: str) -> Decimal:
    """Vietnamese digits: "72.824" → 72824, "104,97" → 104.97, "1.695,36" → 1695.36."""
    return Decimal(text.replace(" ", "").replace(".", "").replace(",", "."))


def _match_unit(rest: str) -> tuple[UnitSpec, int, Decimal] | None:
    """The unit at the start of `rest`, how many characters it takes, and a scale factor."""
    lowered = rest.lower()
    scale = Decimal(1)
    offset = 0
    for word, factor in SCALES.items():
        if lowered.startswith(word + " ") and not lowered.startswith(
            ("nghìn tỷ", "ngàn tỷ", "vạn tấn")
        ):
            candidate = lowered[len(word) + 1 :]
            for spec in UNIT_SPECS:
                if (
                    spec.is_count
                    and candidate.startswith(spec.written)
                    and WORD_END.match(candidate, len(spec.written))
                ):
                    scale, offset, lowered = Decimal(factor), len(word) + 1, candidate
                    break
            break
    for spec in UNIT_SPECS:
        if not lowered.startswith(spec.written):
            continue
        end = len(spec.written)
        if spec.written not in ("%", "‰") and not WORD_END.match(lowered, end):
            continue
        if spec.written == "tỷ" and lowered[end:].lstrip().startswith("lệ"):
            continue
        suffix = PER_SUFFIX.match(rest[offset + end :])
        if suffix:
            end += suffix.end()
        return spec, offset + end, scale
    return None


def _target_spans(text: str) -> list[tuple[int, int]]:
    """From each target cue to the end of its paragraph; a cue that opens a list ("CÁC CHỈ TIÊU
    CHỦ YẾU NĂM 2025:", "Phấn đấu năm 2025:") also covers the items under it, to the first line
    that is not an item."""
    spans = []
    for cue in TARGET_CUES.finditer(text):
        end = text.find("\n", cue.start())
        end = len(text) if end == -1 else end
        line_start = text.rfind("\n", 0, cue.start()) + 1
        line = text[line_start:end].strip()
        heading = line.endswith(":") or (
            cue.start() - line_start < 40 and len(line) < 150 and not line.endswith((".", ";"))
        )
        if heading:
            end = _list_end(text, end)
        spans.append((cue.start(), end))
    return spans


class Spans:
    """Target spans, asked whether they cover a position in logarithmic time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def covers(self, position: int) -> bool:
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]


def _list_end(text: str, end: int) -> int:
    """Where the items under a heading end: marked items ("- …", "1. …") while they last; if the
    first line is not marked, its plain lines up to a blank line or the next heading."""
    marked: bool | None = None
    while end < len(text):
        following = text.find("\n", end + 1)
        following = len(text) if following == -1 else following
        line = text[end + 1 : following]
        if not line.strip():
            if marked is None and following < len(text):
                end = following
                continue
            break
        is_item = bool(LIST_LINE.match(line))
        if marked is None:
            marked = is_item
        if marked and not is_item:
            break
        if not marked and (HEADING_LINE.match(line) or len(line) > 300):
            break
        end = following
    return end


HEADING_LINE = re.compile(
    r"^\s*(?:[IVXLC]+[.)]\s|[A-ZĐ][.)]\s|(?:phần|chương|mục)\s+\w+|[^a-zđà-ỹ]{12,}$)|.*:\s*$"
)


LIST_LINE = re.compile(r"^\s*(?:[-+•*–]|\d{1,2}[.)](?!\d)|[a-zđ]\)|\(\d{1,2}\))\s*\S")


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in SENTENCE_BREAK.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _clause_start(text: str, position: int, floor: int) -> int:
    """Where the clause holding `position` begins. A short parenthesis without numbers names
    what comes before it ("Tổng sản phẩm (GRDP) tăng 6,8%") and does not end the clause."""
    inside_names = {
        index
        for name in NAME_IN_BRACKETS.finditer(text, floor, position)
        for index in (name.start(), name.end() - 1)
    }
    breaks = [
        match
        for match in CLAUSE_BREAK.finditer(text, floor, position)
        if match.start() not in inside_names
    ]
    if not breaks:
        return floor
    # A name with a comma ("Doanh thu vận tải, kho bãi ước đạt …"): the clause before the last
    # comma holds no number and no verb, so it is part of the name.
    index = len(breaks) - 1
    while (
        index > 0
        and breaks[index].group(0) == ", "
        and not re.search(r"\d", text[breaks[index - 1].end() : breaks[index].start()])
        and not VERBS.search(text[breaks[index - 1].end() : breaks[index].start()])
        and len(text[breaks[index - 1].end() : breaks[index].start()].split()) <= 6
    ):
        index -= 1
    if (
        index == 0
        and breaks[0].group(0) == ", "
        and not re.search(r"\d", text[floor : breaks[0].start()])
        and not VERBS.search(text[floor : breaks[0].start()])
        and len(text[floor : breaks[0].start()].split()) <= 6
    ):
        return floor
    return breaks[index].end()


def _content(words: str) -> bool:
    tokens = [t for t in re.findall(r"[^\W\d_]+", words.lower())]
    return any(token not in FUNCTION_WORDS for token in tokens)


def _clean(words: str) -> str:
    return " ".join(re.sub(r"[^\w\s%/-]", " ", words).split()).lower()


def extract(text: str) -> list[Figure]:
    """The figures of a text. The text is cleaned first (NFC, spaces, old fonts: see
    encodings.clean); offsets and quotes refer to the cleaned text, which is the text itself
    whenever it is already clean."""
    text = clean(text)
    figures: list[Figure] = []
    targets = Spans(_target_spans(text))
    sentence_bounds = _sentences(text)
    sentence_starts = [start for start, _ in sentence_bounds]

    def sentence_of(position: int) -> tuple[int, int]:
        index = bisect_right(sentence_starts, position) - 1
        if index >= 0:
            start, end = sentence_bounds[index]
            if start <= position < end:
                return max(start, position - LOCAL), end
        return max(0, position - LOCAL), len(text)

    for match in FIGURE.finditer(text):
        start = match.start()
        # "đạt -2,1%": a minus sign of its own (not the dash of a range "1-1,5%" or a code "A-12")
        signed = (
            start > 0
            and text[start - 1] == "-"
            and (start == 1 or text[start - 2] in " (:\n")
            and not re.search(r"\d\s*$", text[max(0, start - 12) : start - 1])
        )
        if start > 0 and not signed and (text[start - 1].isalnum() or text[start - 1] in "./,-"):
            continue
        before = text[max(0, start - 40) : start]
        if figures and figures[-1].kind == "rank" and start < figures[-1].end:
            continue  # the "13" of "thứ 5 trên 13 huyện"
        if RANK_BEFORE.search(before):
            rank = _rank(text, start, sentence_of(start), targets, figures)
            if rank is not None:
                figures.append(rank)
            continue
        if NOT_A_FIGURE_BEFORE.search(before) or BENCHMARK_BEFORE.search(before):
            continue
        sep, second = match.group("sep"), match.group("second")
        if match.group("psep"):
            sep, second = match.group("psep"), match.group("psecond")
        rest = match.group("rest") or ""
        gap = match.group("gap") or ""
        if (
            sep
            and second
            and sep in "-–"
            and (not rest or re.fullmatch(r"(19|20)\d\d", match.group("first")))
        ):
            continue  # "2021-12", "2020 - 2025": dates and periods, not ranges
        unit = _match_unit(rest)
        if unit is None or (len(gap) > 2):
            continue
        spec, unit_length, scale = unit
        end = match.end() + len(gap) + unit_length
        if spec.is_count and (
            NOT_A_RESULT_BEFORE.search(before)
            or NOT_A_RESULT_AFTER.match(text[end : end + 80])
            or (
                spec.unit in ("chỉ tiêu", "tiêu chí", "nhiệm vụ")
                and DENOMINATOR_BEFORE.search(before)
            )
        ):
            continue
        if spec.unit == "điểm" and not re.match(
            r"\s*(?:$|[,.;:)\n]|xếp|đứng|trên|/|\(|và)", text[end:]
        ):
            continue  # "25 điểm trường", "12 điểm du lịch": a count of places, not a score
        first = read_number(match.group("first"))
        figure = _figure(
            text, match, spec, scale, first, sep, second, end, sentence_of(start), targets, figures
        )
        if figure is not None:
            if signed and figure.kind in ("amount", "change") and figure.unit == "%":
                figure.value = -figure.value
                figure.upper = -figure.upper if figure.upper is not None else None
                figure.start -= 1
                figure.quote = text[figure.start : figure.end]
            figures.append(figure)
    return figures


def _figure(
    text: str,
    match: re.Match[str],
    spec: UnitSpec,
    scale: Decimal,
    first: Decimal,
    sep: str | None,
    second: str | None,
    end: int,
    sentence: tuple[int, int],
    targets: Spans,
    previous: list[Figure],
) -> Figure | None:
    start = match.start()
    sentence_start, sentence_end = sentence
    before = text[sentence_start:start]
    after = text[end : min(sentence_end, end + 80)]
    lower_before, lower_after = before.lower(), after.lower()

    total = upper = None
    kind = "amount"
    if sep == "/" and second is not None:
        if spec.is_count is False and spec.written != "%":
            return None
        kind, total = "ratio", read_number(second)
    elif sep and second is not None:
        upper = read_number(second)
    if sep == "/" and second is None:
        return None

    verb_word = _nearest_verb(lower_before[-70:])
    if verb_word == "tăng" and re.search(r"tăng\s+trưởng[^,;]*$", lower_before[-70:]):
        verb_word = "đạt"
    reference_match = REFERENCE.match(lower_after)
    mentions_plan = bool(reference_match and reference_match.group(0).strip())
    plan_before = spec.written == "%" and PLAN_BEFORE.search(lower_before[-90:]) is not None
    if spec.unit == "điểm phần trăm":
        if verb_word not in ("tăng", "giảm", "cao hơn", "thấp hơn"):
            return None
        kind = "change"
    elif spec.unit == "điểm" and kind != "ratio":
        kind = "change" if verb_word in ("tăng", "giảm") else "score"
    elif plan_before and kind != "ratio" and not mentions_plan:
        kind = "pct_of_plan"
    elif kind != "ratio":
        if verb_word == "gấp" and spec.written == "lần":
            kind = "times_plan" if mentions_plan else "change"
        elif (spec.written == "%" and verb_word == "vượt" and mentions_plan) or (
            spec.written == "%"
            and verb_word in ("tăng", "giảm")
            and re.match(r"^\s*(?:so với\s*)?(?:nghị quyết|kế hoạch|kh)\b", lower_after)
        ):
            kind = "over_plan"
        elif spec.written == "%" and mentions_plan and verb_word in ("đạt", "bằng", ""):
            kind = "pct_of_plan"
        elif verb_word in ("tăng", "giảm", "cao hơn", "thấp hơn"):
            kind = "change"
        elif spec.written == "%" and re.match(r"^\s*so với (?:cùng kỳ|năm trước)", lower_after):
            kind = "amount"
        elif spec.written == "lần":
            return None
    value = first * spec.factor * scale
    if upper is not None:
        upper = upper * spec.factor * scale
    if (kind == "change" and verb_word in ("giảm", "thấp hơn")) or (
        kind == "amount" and NEGATIVE_BEFORE.search(lower_before[-12:])
    ):  # "giảm 1,03%", "tăng trưởng âm 2,1%"
        value = -value
        upper = -upper if upper is not None else None

    role = "target" if targets.covers(start) else "actual"
    bound = None
    stripped_before = lower_before.rstrip()
    tail = stripped_before[-40:]
    if BOUND_MIN_BEFORE.search(tail) or (
        re.match(r"^\s*(?:\S+\s+){0,8}?trở lên", lower_after)
        and not re.match(r"^[^,;.]*\d", lower_after.split("trở lên")[0])
    ):
        bound = "min"
    elif BOUND_MAX_BEFORE.search(tail) or (
        role == "target" and re.search(r"còn\s*$", stripped_before)
    ):
        bound = "max"
    if kind in ("times_plan", "ratio", "rank") or upper is not None:
        bound = None

    reference = None
    if kind in ("pct_of_plan", "over_plan", "times_plan") and reference_match:
        words = reference_match.group("ref") or reference_match.group("bare") or ""
        if not words.strip() and (reference_match.group("plan") or "").startswith("nghị quyết"):
            words = "nghị quyết"
        reference = " ".join(words.split()) or None

    metric, own = _metric(text, start, end, sentence_start, previous, spec)
    unit_name = spec.unit
    if kind in ("pct_of_plan", "over_plan"):
        unit_name = "%"
    quote = text[start:end].strip()
    return Figure(
        kind=kind,
        value=value,
        unit=unit_name,
        metric=metric,
        role=role,
        quote=quote,
        start=start,
        end=start + len(quote),
        total=total,
        upper=upper,
        bound=bound,
        reference=reference,
        own_metric=own,
    )


def _rank(
    text: str, start: int, sentence: tuple[int, int], targets: Spans, previous: list[Figure]
) -> Figure | None:
    """ "xếp thứ 2/11 đơn vị", "đứng thứ 3 trên 13 huyện": a place, of how many if said."""
    found = RANK.match(text, start)
    if found is None:
        return None
    place, of = found.group("place"), found.group("of")
    end = found.end()
    metric, own = _metric(text, start, end, sentence[0], previous, UNIT_SPECS[-1])
    quote = text[start:end].strip()
    return Figure(
        kind="rank",
        value=Decimal(place),
        unit="thứ hạng",
        metric=metric,
        role="target" if targets.covers(start) else "actual",
        quote=quote,
        start=start,
        end=start + len(quote),
        total=Decimal(of) if of else None,
        own_metric=own,
    )


def _nearest_verb(window: str) -> str:
    """The verb that governs the number: the last one before it, a few words away at most."""
    for match in reversed(list(VERBS.finditer(window))):
        if VERB_TAIL.match(window[match.end() :]):
            return match.group(0).lower()
    return ""


def _metric(
    text: str, start: int, end: int, sentence_start: int, previous: list[Figure], spec: UnitSpec
) -> tuple[str, str]:
    """What is measured: the clause before the number, the number with its unit, and the words
    after it. A clause that says nothing of its own ("đạt 104,97% kế hoạch", "trong đó 20%"), a
    parenthesis, or the next item of a list takes the context of what comes before it."""
    clause_start = _clause_start(text, start, sentence_start)
    left = text[clause_start:start]
    right_end = min(len(text), end + 120)
    for match in CLAUSE_BREAK.finditer(text, end, right_end):
        right_end = match.start()
        break
    right = text[end:right_end]
    left_words = _clean(left).split()[-16:]
    right_words = _clean(right).split()[:12]
    own = " ".join(
        [*left_words, _clean(text[start:end]), *right_words, spec.unit if spec.is_count else ""]
    ).strip()
    context = []
    line_start = text.rfind("\n", 0, start) + 1
    if line_start > 0 and not _content(text[line_start:start]):
        # "Thu ngân sách:\n- Ước đạt 320 tỷ đồng": the heading above names the item
        heading = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1].strip()
        if heading.endswith(":") and not re.search(r"\d\s*(?:%|[^\W\d_])", heading):
            own = " ".join([*_clean(heading).split()[-12:], own])
            return own, own
    if clause_start > 0 and text[clause_start - 1] == "(":
        outer = _clause_start(text, clause_start - 1, sentence_start)
        context.append(" ".join(_clean(text[outer : clause_start - 1]).split()[-8:]))
    same_sentence: list[Figure] = []
    for earlier in reversed(previous):  # only the last few: work stays linear
        if earlier.start < sentence_start or len(same_sentence) == 2:
            break
        same_sentence.insert(0, earlier)
    # "…cho 7 đảng bộ; 17 chi bộ … và 36 cá nhân": items of a list share its context.
    listed = any(clause_start <= f.start < start for f in same_sentence) or not _content(left)
    empty = not _content(left) and not _content(right)
    if same_sentence and (
        listed
        or empty
        or re.match(r"\s*(?:trong đó|riêng)\b", left, re.IGNORECASE)
        or (clause_start > 0 and text[clause_start - 1] == "(")
    ):
        context.insert(0, _head(same_sentence[-1]))
    elif empty and previous:
        context.insert(0, _head(previous[-1]))
    return " ".join([*context, own]).strip(), own


def _head(figure: Figure) -> str:
    """What a figure of a list inherits of its predecessor: the words of its own clause, never
    what that one inherited (so a chain of a thousand items never grows its metrics)."""
    own = figure.own_metric or figure.metric
    inherited = figure.metric[: len(figure.metric) - len(own)] if figure.own_metric else ""
    return " ".join([*inherited.split()[:METRIC_WORDS], *own.split()[:METRIC_WORDS]])
