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
from dataclasses import dataclass
from decimal import Decimal

from chitieu.extraction.units import SCALES, UNIT_SPECS, UnitSpec

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
FIGURE = re.compile(
    rf"(?P<first>{NUMBER})"
    rf"(?:\s*(?P<sep>/|-|–|đến)\s*(?P<second>{NUMBER}))?"
    r"(?=(?P<gap>\s*)(?P<rest>%|[^\W\d_][^\n]{0,40})?)",
    re.IGNORECASE,
)
WORD_END = re.compile(r"(?=$|[\s,.;:()\"“”'/!?-])")
PER_SUFFIX = re.compile(r"^(\s*/\s*(người|năm|tháng|ha|hộ|lao động))+", re.IGNORECASE)

TARGET_CUES = re.compile(
    r"phấn đấu|đề ra mục tiêu|các mục tiêu|mục tiêu\s*:|mục tiêu (?:đến năm|đến|năm|giai đoạn) \d{4}|"
    r"chỉ tiêu chủ yếu năm \d{4}\s*:|chỉ tiêu năm \d{4}\s*:|một số chỉ tiêu chủ yếu|"
    r"kế hoạch năm \d{4}\s*:|chỉ tiêu đề ra (?:cho )?năm \d{4}",
    re.IGNORECASE,
)
# Clauses end at these; " - " stays inside names ("công nghiệp - xây dựng"), ":" inside
# "Tỷ lệ lao động qua đào tạo: 74%".
CLAUSE_BREAK = re.compile(r"[;\n]|\.\s|,\s|\(|\)")
NAME_IN_BRACKETS = re.compile(r"\([^()\d,;]{1,30}\)")
SENTENCE_BREAK = re.compile(r"\n|\.\s+(?=[A-ZĐÀ-Ỹ\-–])|\.$")
NOT_A_FIGURE_BEFORE = re.compile(
    r"(?:số|thứ|khóa|khoá|lần|kỳ|ngày|tháng|năm|quý|giai đoạn|nhiệm kỳ|kỷ niệm|mã|f|quốc lộ|tỉnh lộ|"
    r"cụm thi đua|khối thi đua|điều|khoản|chương|mục|tổ|lô|phòng|đội)\s*$",
    re.IGNORECASE,
)
VERBS = re.compile(r"\b(?:tăng|giảm|đạt|vượt|bằng|gấp|chiếm|còn|cao hơn|thấp hơn)\b", re.IGNORECASE)
VERB_TAIL = re.compile(
    r"^(?:\s+[^\s\d,;.]+){0,6}?\s*(?:từ\s*)?(?:khoảng\s*)?(?:trên\s*|hơn\s*|dưới\s*|gần\s*|ít nhất\s*)?$",
    re.IGNORECASE,
)
PLAN_WORDS = r"(?:kế hoạch|kh|dự toán|chỉ tiêu(?: được giao| giao)?|nghị quyết)"
REFERENCE = re.compile(
    rf"^\s*(?:so với\s*)?{PLAN_WORDS}(?:\s+của)?\s*(?P<ref>(?:hđnd|ubnd|thành ủy|huyện ủy|tỉnh ủy)?\s*"
    r"(?:tỉnh|huyện|thị xã|thành phố|xã|phường|trung ương)?\s*(?:giao|đề ra))?",
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
}  # fmt: skip


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
        return data


def plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def read_number(text: str) -> Decimal:
    """Vietnamese digits: "72.824" → 72824, "104,97" → 104.97, "1.695,36" → 1695.36."""
    return Decimal(text.replace(".", "").replace(",", "."))


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
        if spec.written != "%" and not WORD_END.match(lowered, end):
            continue
        if spec.written == "tỷ" and lowered[end:].lstrip().startswith("lệ"):
            continue
        suffix = PER_SUFFIX.match(rest[offset + end :])
        if suffix:
            end += suffix.end()
        return spec, offset + end, scale
    return None


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in SENTENCE_BREAK.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _target_spans(text: str) -> list[tuple[int, int]]:
    """From each target cue to the end of its paragraph."""
    spans = []
    for cue in TARGET_CUES.finditer(text):
        end = text.find("\n", cue.start())
        spans.append((cue.start(), len(text) if end == -1 else end))
    return spans


def _clause_start(text: str, position: int, floor: int) -> int:
    """Where the clause holding `position` begins. A short parenthesis without numbers names
    what comes before it ("Tổng sản phẩm (GRDP) tăng 6,8%") and does not end the clause."""
    inside_names = {
        index
        for name in NAME_IN_BRACKETS.finditer(text, floor, position)
        for index in (name.start(), name.end() - 1)
    }
    start = floor
    for match in CLAUSE_BREAK.finditer(text, floor, position):
        if match.start() not in inside_names:
            start = match.end()
    return start


def _content(words: str) -> bool:
    tokens = [t for t in re.findall(r"[^\W\d_]+", words.lower())]
    return any(token not in FUNCTION_WORDS for token in tokens)


def _clean(words: str) -> str:
    return " ".join(re.sub(r"[^\w\s%/-]", " ", words).split()).lower()


def extract(text: str) -> list[Figure]:
    figures: list[Figure] = []
    targets = _target_spans(text)
    sentence_bounds = _sentences(text)

    def sentence_of(position: int) -> tuple[int, int]:
        for start, end in sentence_bounds:
            if start <= position < end:
                return start, end
        return 0, len(text)

    for match in FIGURE.finditer(text):
        start = match.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "./,-"):
            continue
        before = text[max(0, start - 40) : start]
        if NOT_A_FIGURE_BEFORE.search(before):
            continue
        sep, second = match.group("sep"), match.group("second")
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
        if spec.written == "%" and gap:
            pass
        first = read_number(match.group("first"))
        end = match.end() + len(gap) + unit_length
        figure = _figure(
            text, match, spec, scale, first, sep, second, end, sentence_of(start), targets, figures
        )
        if figure is not None:
            figures.append(figure)
    return figures


def _figure(
    text,
    match,
    spec: UnitSpec,
    scale: Decimal,
    first: Decimal,
    sep,
    second,
    end,
    sentence,
    targets,
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
    if kind != "ratio":
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
    if kind == "change" and verb_word in ("giảm", "thấp hơn"):
        value = -value
        upper = -upper if upper is not None else None

    role = "target" if any(s <= start < e for s, e in targets) else "actual"
    bound = None
    stripped_before = lower_before.rstrip()
    if BOUND_MIN_BEFORE.search(stripped_before) or (
        re.match(r"^\s*(?:\S+\s+){0,8}?trở lên", lower_after)
        and not re.match(r"^[^,;.]*\d", lower_after.split("trở lên")[0])
    ):
        bound = "min"
    elif BOUND_MAX_BEFORE.search(stripped_before) or (
        role == "target" and re.search(r"còn\s*$", stripped_before)
    ):
        bound = "max"
    if kind in ("pct_of_plan", "over_plan", "times_plan", "ratio") or upper is not None:
        bound = None

    reference = None
    if (
        kind in ("pct_of_plan", "over_plan", "times_plan")
        and reference_match
        and reference_match.group("ref")
    ):
        reference = " ".join(reference_match.group("ref").split())

    metric = _metric(text, start, end, sentence_start, previous, spec)
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
    )


def _nearest_verb(window: str) -> str:
    """The verb that governs the number: the last one before it, a few words away at most."""
    for match in reversed(list(VERBS.finditer(window))):
        if VERB_TAIL.match(window[match.end() :]):
            return match.group(0).lower()
    return ""


def _metric(
    text: str, start: int, end: int, sentence_start: int, previous: list[Figure], spec: UnitSpec
) -> str:
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
    own = _clean(f"{left} {text[start:end]} {right} {spec.unit if spec.is_count else ''}")
    context = []
    if clause_start > 0 and text[clause_start - 1] == "(":
        outer = _clause_start(text, clause_start - 1, sentence_start)
        context.append(_clean(text[outer : clause_start - 1]))
    same_sentence = [f for f in previous if f.start >= sentence_start]
    # "…cho 7 đảng bộ; 17 chi bộ … và 36 cá nhân": items of a list share its context.
    listed = any(clause_start <= f.start < start for f in same_sentence) or not _content(left)
    empty = not _content(left) and not _content(right)
    if same_sentence and (
        listed
        or empty
        or re.match(r"\s*(?:trong đó|riêng)\b", left, re.IGNORECASE)
        or (clause_start > 0 and text[clause_start - 1] == "(")
    ):
        context.insert(0, same_sentence[-1].metric)
    elif empty and previous:
        context.insert(0, previous[-1].metric)
    return " ".join([*context, own]).strip()
