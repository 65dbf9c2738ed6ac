"""The Ministry's statistical forms of emulation and commendation (Thông tư 02/2023/TT-BNV,
Biểu 06xx.N/BNV-TĐKT) filled from the system's own records, as printed: header cells, row codes
and labels, units of count, then the counts. What is confirmed of each layout, and what is not,
is in /work/shared/reference/MOHA-FORMS.md and the README ("Biểu mẫu thống kê").

- 0601.N "Số phong trào thi đua": the movements launched by the unit and the units under it whose
  launch document is dated in the reporting period, by launching level (columns), scope, duration
  and method (rows).
- 0603.N "Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh": the province's
  awards (level "tinh") decided in the period for the unit's collectives and people, by form of
  award (columns), recipient (rows 02–10) and type of commendation (rows 11–17).

- 0602.N "Số lượng khen thưởng cấp Nhà nước": the state-level awards (level "toan_quoc") decided
  in the period, one column per order, medal, honorary title or other form present.
- 0604.N and 0605.N: the TĐKT bodies and civil servants the province entered for the year
  (chitieu.awards.staffing), age and seniority at the end of the period.

The reporting period of the field is 01/12 of the previous year to 30/11 of the year [LEGAL]."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from chitieu.awards.models import AwardRecord, Sex, TdktBodies, TdktOfficer, TrainingLevel
from chitieu.emulation.models import Movement, MovementMethod, MovementScope
from chitieu.units.models import PROVINCE_LEVEL, Unit, UnitType

CIRCULAR = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
RECEIPT = "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo"


def reporting_period(year: int) -> tuple[dt.date, dt.date]:
    """01/12 of the previous year to 30/11 of the year (the TĐKT field's period)."""
    return dt.date(year - 1, 12, 1), dt.date(year, 11, 30)


@dataclass
class FormRow:
    code: str  # "01"; "" for a section heading
    label: str
    unit: str = ""  # Đơn vị tính, on forms with column C
    values: list[int] | None = None  # the data columns (2, 3, …); None for a heading
    bold: bool = False
    italic: bool = False

    @property
    def total(self) -> int | None:
        return None if self.values is None else sum(self.values)


@dataclass
class Head:
    """A heading of the data columns; its children are the headings under it. The leaves are the
    form's physical data columns, left to right."""

    text: str
    children: list[Head] = field(default_factory=list)

    @property
    def width(self) -> int:
        return sum(child.width for child in self.children) or 1

    @property
    def depth(self) -> int:
        return 1 + max((child.depth for child in self.children), default=0)


@dataclass
class Tally:
    """A form's counts by row code and data column, and its rows read from them: every form
    counts its records this way."""

    width: int
    counts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, code: str, column: int) -> None:
        self.counts.setdefault(code, [0] * self.width)[column] += 1

    def row(
        self, code: str, label: str, unit: str = "", *, bold: bool = False, italic: bool = False
    ) -> FormRow:
        values = list(self.counts.get(code, [0] * self.width))
        return FormRow(code, label, unit, values, bold=bold, italic=italic)


@dataclass
class StatForm:
    number: str  # "0601.N/BNV-TĐKT"
    title: str
    count_unit: str  # "Đơn vị tính: Phong trào"
    reporting_unit: str
    year: int
    lead: list[str]  # the columns that span the header rows: A, B (, C)
    group: str  # the merged heading over the data columns
    columns: list[str]  # the data columns' headings
    letters: list[str]  # the row of column letters and numbers
    rows: list[FormRow] = field(default_factory=list)
    receiving_unit: str = "Bộ Nội vụ"
    notes: list[str] = field(default_factory=list)
    # The headings of the data columns when they are more than one group over its columns (0602's
    # four header rows), or none (0604's one column): then `group` and `columns` are not used.
    heads: list[Head] | None = None
    # A "Tổng số" column computed as the sum of the data columns, after the lead columns; without
    # it the rows' values are printed as they are (0605's "Tổng số" and "Trong đó: Nữ").
    total_column: bool = True
    # How many physical columns each entry of `letters` spans (0602's "2" over every medal).
    letter_spans: list[int] | None = None
    # The receipt-date line top left (0601 and 0602 print it; the peer leaves it out of 0603–0605).
    receipt: bool = True

    def header(self) -> list[Head]:
        if self.heads is not None:
            return self.heads
        return [Head(self.group, [Head(column) for column in self.columns])]

    def lead_cells(self) -> list[str]:
        return [*self.lead, "Tổng số"] if self.total_column else list(self.lead)

    def printed_values(self, row: FormRow) -> list[int]:
        assert row.values is not None
        return [sum(row.values), *row.values] if self.total_column else list(row.values)

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return reporting_period(self.year)

    def row(self, code: str) -> FormRow:
        return next(row for row in self.rows if row.code == code)


# -- 0601.N ---------------------------------------------------------------------------------------

COLUMNS_0601 = [
    "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)",
    "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
    "Cơ quan, tổ chức, đơn vị",
]
SCOPE_ROWS = [
    ("02", "- Toàn quốc", MovementScope.NATIONAL),
    ("03", "- Bộ, ban, ngành đoàn thể, địa phương", MovementScope.SECTOR_LOCALITY),
    (
        "04",
        "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức",
        MovementScope.CLUSTER,
    ),
    ("05", "- Cơ quan, tổ chức, đơn vị", MovementScope.AGENCY),
]
DURATION_ROWS = [
    ("06", "- Dưới 1 năm"),
    ("07", "- 1 năm"),
    ("08", "- Từ 1 năm đến dưới 3 năm"),
    ("09", "- Từ 3 năm đến dưới 5 năm"),
    ("10", "- Từ 5 năm trở lên"),
]
METHOD_ROWS = [
    ("11", "- Thi đua theo chuyên đề", MovementMethod.THEMATIC),
    ("12", "- Thi đua thường xuyên hàng năm", MovementMethod.REGULAR),
]


def launch_column(unit: Unit) -> int:
    """0: central level (no unit of the system is), 1: province, 2: agency, organisation, unit
    (districts, communes, departments and the others)."""
    return 1 if unit.type in PROVINCE_LEVEL else 2


def duration_code(starts_on: dt.date, ends_on: dt.date) -> str:
    """Row 06–10 of a movement's period, in whole months from its first to the day after its last
    day: 01/01–31/12 is 12 months, "1 năm"; more than 12 and less than 36, row 08."""
    after = ends_on + dt.timedelta(days=1)
    months = (after.year - starts_on.year) * 12 + after.month - starts_on.month
    months -= after.day < starts_on.day
    if months < 12:
        return "06"
    if months == 12:
        return "07"
    if months < 36:
        return "08"
    if months < 60:
        return "09"
    return "10"


def form_0601(unit: Unit, year: int) -> StatForm:
    start, end = reporting_period(year)
    movements = Movement.objects.filter(
        launched_by__path__startswith=unit.path, document_date__range=(start, end)
    ).select_related("launched_by")
    tally = Tally(3)
    add = tally.add
    for movement in movements:
        column = launch_column(movement.launched_by)
        add("01", column)
        add(next(code for code, _l, scope in SCOPE_ROWS if scope == movement.scope), column)
        add(duration_code(movement.starts_on, movement.ends_on), column)
        add(next(code for code, _l, method in METHOD_ROWS if method == movement.method), column)

    data = tally.row

    rows = [
        data("01", "Tổng số", bold=True),
        FormRow("", "1. Chia theo phạm vi tổ chức thi đua", bold=True),
        *[data(code, label) for code, label, _s in SCOPE_ROWS],
        FormRow("", "2. Chia theo thời hạn thi đua", bold=True),
        *[data(code, label) for code, label in DURATION_ROWS],
        FormRow("", "3. Chia theo phương thức tổ chức phong trào thi đua", bold=True),
        *[data(code, label) for code, label, _m in METHOD_ROWS],
    ]
    return StatForm(
        number="0601.N/BNV-TĐKT",
        title="SỐ PHONG TRÀO THI ĐUA",
        count_unit="Đơn vị tính: Phong trào",
        reporting_unit=unit.name,
        year=year,
        lead=["", "Mã số"],
        group="Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
        columns=COLUMNS_0601,
        letters=["A", "B", "1=(2+3+4)", "2", "3", "4"],
        rows=rows,
        notes=[
            "Phong trào được tính theo ngày văn bản phát động trong kỳ báo cáo "
            f"{start:%d/%m/%Y} – {end:%d/%m/%Y}.",
        ],
    )


# -- 0603.N ---------------------------------------------------------------------------------------

COLUMNS_0603 = [
    "Bằng khen",
    "Chiến sĩ thi đua cấp bộ, cấp tỉnh",
    "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
    "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực "
    "thuộc Trung ương",
]
# The award forms of the province in the catalogue, by column (2–5 → 0–3).
AWARD_COLUMNS_0603 = {"BK_TINH": 0, "CSTDT": 1, "CO_TINH": 2}
RECIPIENT_ROWS_0603 = [
    ("", "1. Chia theo đối tượng khen thưởng", ""),
    ("02", "- Tập thể", "Tập thể"),
    ("03", "Trong đó: Doanh nghiệp", "Doanh nghiệp"),
    ("04", "- Hộ gia đình", "Hộ"),
    ("05", "- Cá nhân", "Người"),
    ("06", "+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "Người"),
    ("07", "+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "Người"),
    ("08", "+ Doanh nhân", "Người"),
    ("09", "+ Các cấp lãnh đạo khác từ phó phòng trở lên", "Người"),
    (
        "10",
        "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu "
        "(công nhân, nông dân,...)",
        "Người",
    ),
]
TYPE_ROWS_0603 = [
    ("11", "- Thường xuyên", "cong_trang"),
    ("12", "- Chuyên đề", "chuyen_de"),
    ("13", "- Đột xuất", "dot_xuat"),
    ("14", "- Đối ngoại", "doi_ngoai"),
    ("15", "- Cống hiến", "cong_hien"),
    ("16", "- Niên hạn", "nien_han"),
    ("17", "- Kháng chiến", "khang_chien"),
]


def award_column_0603(code: str, name: str) -> int | None:
    if code in AWARD_COLUMNS_0603:
        return AWARD_COLUMNS_0603[code]
    folded = name.casefold()
    if "kỷ niệm chương" in folded or "huy hiệu" in folded:
        return 3
    return None


def form_0603(unit: Unit, year: int) -> StatForm:
    start, end = reporting_period(year)
    in_scope = Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path)
    records = AwardRecord.objects.filter(
        in_scope, award__level="tinh", decision_date__range=(start, end)
    ).values_list(
        "award__code",
        "award__name",
        "award__subject",
        "person_id",
        "person__group",
        "unit__type",
        "commendation_type",
    )
    tally = Tally(4)
    add = tally.add
    left_out = 0

    for code, name, subject, person_id, group, unit_type, kind in records:
        column = award_column_0603(code, name)
        if column is None:
            left_out += 1
            continue
        add("01", column)
        if person_id is None:
            add("04" if subject == "household" else "02", column)
            if unit_type == UnitType.ENTERPRISE:
                add("03", column)
        else:
            add("05", column)
            add("09" if group == "lanh_dao" else "10", column)
        add(next((c for c, _l, k in TYPE_ROWS_0603 if k == kind), "11"), column)

    data = tally.row

    rows = [data("01", "Tổng số", bold=True)]
    for code, label, count_unit in RECIPIENT_ROWS_0603:
        if not code:
            rows.append(FormRow("", label, bold=True))
        else:
            rows.append(data(code, label, count_unit, italic=code == "03"))
    rows.append(FormRow("", "2. Chia theo phương thức khen thưởng", bold=True))
    rows += [data(code, label) for code, label, _k in TYPE_ROWS_0603]
    notes = [
        "Khen thưởng cấp tỉnh được tính theo ngày quyết định trong kỳ báo cáo "
        f"{start:%d/%m/%Y} – {end:%d/%m/%Y}.",
        "Dòng 06–08: hồ sơ cá nhân chưa ghi cấp lãnh đạo; lãnh đạo, quản lý được tính ở dòng 09.",
    ]
    if left_out:
        notes.append(f"{left_out} khen thưởng cấp tỉnh khác (không thuộc cột 2–5) không tính.")
    return StatForm(
        number="0603.N/BNV-TĐKT",
        title=(
            "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, "
            "THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
        ),
        count_unit="",
        reporting_unit=unit.name,
        year=year,
        lead=["", "Mã số", "Đơn vị tính"],
        group="Chia ra",
        columns=COLUMNS_0603,
        letters=["A", "B", "C", "1", "2", "3", "4", "5"],
        rows=rows,
        notes=notes,
    )


# -- 0602.N ---------------------------------------------------------------------------------------

COLLECTIVE, INDIVIDUAL = "Tập thể", "Cá nhân"
# The groups of columns 2–9, by their number on the form: heading, whether it holds one column per
# form of reward present, and the sides (Tập thể, Cá nhân) each of its columns is split into.
GROUPS_0602: dict[int, tuple[str, bool, tuple[str, ...]]] = {
    2: (
        "Các loại huân chương, huy chương (Mỗi hình thức khen thưởng ghi riêng một cột)",
        True,
        (COLLECTIVE, INDIVIDUAL),
    ),
    3: ("Giải thưởng Hồ Chí Minh", False, (INDIVIDUAL,)),
    4: ("Giải thưởng Nhà nước", False, (INDIVIDUAL,)),
    5: (
        "Danh hiệu vinh dự nhà nước (Mỗi hình thức khen thưởng ghi riêng một cột)",
        True,
        (COLLECTIVE, INDIVIDUAL),
    ),
    6: ("Cờ thi đua của Chính phủ", False, (COLLECTIVE,)),
    7: ("Bằng khen của Thủ tướng Chính phủ", False, (COLLECTIVE, INDIVIDUAL)),
    8: ("Danh hiệu “Chiến sĩ thi đua toàn quốc”", False, (INDIVIDUAL,)),
    9: (
        "Các hình thức khen thưởng khác (Mỗi hình thức khen thưởng ghi riêng một cột)",
        True,
        (COLLECTIVE, INDIVIDUAL),
    ),
}
FIXED_0602 = {"GT_HCM": 3, "GT_NN": 4, "CO_CP": 6, "BK_TTG": 7, "CSTDTQ": 8}
SUBMITTER_ROWS_0602 = [
    ("02", "- Bộ, ban, ngành, đoàn thể Trung ương", "Bộ, ngành"),
    ("03", "- Tỉnh, thành phố trực thuộc Trung ương", "Tỉnh, TP"),
]
RECIPIENT_ROWS_0602 = [
    (str(int(code) + 4).zfill(2), label, count_unit)
    for code, label, count_unit in RECIPIENT_ROWS_0603
    if code
]
TYPE_ROWS_0602 = [(str(int(code) + 4), label, kind) for code, label, kind in TYPE_ROWS_0603]


def state_group(code: str, name: str) -> int | None:
    """The group of columns (2–9) of a state-level form of reward; None for a Kỷ niệm chương,
    which a ministry or a body gives, not the State."""
    if code in FIXED_0602:
        return FIXED_0602[code]
    folded = name.casefold()
    if code.startswith(("HC_", "HCH_")) or folded.startswith(("huân chương", "huy chương")):
        return 2
    if code.startswith("VD_"):
        return 5
    if "kỷ niệm chương" in folded or "huy hiệu" in folded:
        return None
    return 9


def _sides_0602(group: int, subject: str) -> tuple[str, ...]:
    """A growing group's column of one form of reward: Tập thể and Cá nhân, except an honorary
    title given only to a person (Bà mẹ Việt Nam anh hùng, Nhà giáo ưu tú…) or a collective."""
    if group == 5 and subject == "individual":
        return (INDIVIDUAL,)
    if group == 5 and subject == "collective":
        return (COLLECTIVE,)
    return GROUPS_0602[group][2]


def form_0602(unit: Unit, year: int) -> StatForm:
    start, end = reporting_period(year)
    in_scope = Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path)
    records = list(
        AwardRecord.objects.filter(
            in_scope, award__level="toan_quoc", decision_date__range=(start, end)
        )
        .order_by("award_id", "id")
        .values_list(
            "award_id",
            "award__code",
            "award__name",
            "award__subject",
            "person_id",
            "person__group",
            "unit__type",
            "commendation_type",
        )
    )
    # The forms of reward present, by group, in the catalogue's order.
    present: dict[int, dict[int, tuple[str, str]]] = {group: {} for group in GROUPS_0602}
    left_out = 0
    for award_id, code, name, subject, *_rest in records:
        group = state_group(code, name)
        if group is not None and GROUPS_0602[group][1]:
            present[group].setdefault(award_id, (name, subject))
    heads: list[Head] = []
    leaves: dict[tuple[int, int | None, str], int] = {}
    spans: list[int] = []

    def leaf_heads(group: int, award_id: int | None, sides: tuple[str, ...]) -> list[Head]:
        for side in sides:
            leaves[(group, award_id, side)] = len(leaves)
        return [Head(side) for side in sides]

    for group, (heading, grows, sides) in GROUPS_0602.items():
        if grows and present[group]:
            children = [
                Head(name, leaf_heads(group, award_id, _sides_0602(group, subject)))
                for award_id, (name, subject) in present[group].items()
            ]
        else:  # a fixed group, or a growing one with no form of reward in the period
            children = leaf_heads(group, None, sides)
        head = Head(heading, children)
        heads.append(head)
        spans.append(head.width)
    tally = Tally(len(leaves))
    add = tally.add
    households = 0

    for award_id, code, name, subject, person_id, group_of, unit_type, kind in records:
        group = state_group(code, name)
        side = INDIVIDUAL if person_id is not None else COLLECTIVE
        key = None if group is None else (group, award_id if GROUPS_0602[group][1] else None, side)
        if key is None or key not in leaves:
            left_out += 1
            continue
        column = leaves[key]
        for row_code in ("01", "03"):
            add(row_code, column)
        if person_id is None:
            households += subject == "household"
            add("08" if subject == "household" else "06", column)
            if unit_type == UnitType.ENTERPRISE:
                add("07", column)
        else:
            add("09", column)
            add("13" if group_of == "lanh_dao" else "14", column)
        add(next((c for c, _l, k in TYPE_ROWS_0602 if k == kind), "15"), column)

    data = tally.row

    rows = [
        data("01", "Tổng số", bold=True),
        FormRow(
            "",
            "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng",
            bold=True,
        ),
        *[data(code, label, count_unit) for code, label, count_unit in SUBMITTER_ROWS_0602],
        FormRow("", "2. Chia theo đối tượng khen thưởng", bold=True),
        *[
            data(code, label, count_unit, italic=code == "07")
            for code, label, count_unit in RECIPIENT_ROWS_0602
        ],
        FormRow("", "3. Chia theo phương thức khen thưởng", bold=True),
        *[data(code, label) for code, label, _k in TYPE_ROWS_0602],
    ]
    notes = [
        "Khen thưởng cấp Nhà nước được tính theo ngày quyết định trong kỳ báo cáo "
        f"{start:%d/%m/%Y} – {end:%d/%m/%Y}; mỗi tập thể, hộ gia đình hoặc cá nhân được khen "
        "là một.",
        "Cột 2, 5 và 9: mỗi hình thức khen thưởng có trong kỳ một cột.",
        "Dòng 02–03: hệ thống là của tỉnh, mọi tờ trình Thủ tướng Chính phủ là của tỉnh nên được "
        "tính ở dòng 03; dòng 02 (bộ, ngành) để trống. Mẫu không có mã số 04, 05.",
        "Dòng 10–12: hồ sơ cá nhân chưa ghi cấp lãnh đạo; lãnh đạo, quản lý được tính ở dòng 13.",
        "Dòng 21: hệ thống chưa có loại khen thưởng kháng chiến.",
    ]
    if households:
        notes.append(f"{households} hộ gia đình được khen được tính ở cột Tập thể.")
    if left_out:
        notes.append(
            f"{left_out} khen thưởng cấp Nhà nước khác (kỷ niệm chương, hoặc đối tượng không "
            "thuộc cột của hình thức) không tính."
        )
    return StatForm(
        number="0602.N/BNV-TĐKT",
        title="SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        count_unit="",
        reporting_unit=unit.name,
        year=year,
        lead=["", "Mã số", "Đơn vị tính"],
        group="Chia ra",
        columns=[],
        letters=["A", "B", "C", "1", *[str(group) for group in GROUPS_0602]],
        letter_spans=[1, 1, 1, 1, *spans],
        heads=[Head("Chia ra", heads)],
        rows=rows,
        notes=notes,
    )


# -- 0604.N ---------------------------------------------------------------------------------------

TITLE_TAIL = "CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
BODY_ROWS_0604 = [
    ("02", "- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "Vụ", "ministry_departments"),
    ("03", "- Cấp phòng, ban hoặc bộ phận thuộc Vụ", "Phòng", "department_sections"),
    ("04", "- Cấp ban thuộc Sở Nội vụ", "Ban", "home_affairs_boards"),
    ("05", "- Cấp phòng thuộc Sở Nội vụ", "Phòng", "home_affairs_offices"),
]


def form_0604(unit: Unit, year: int) -> StatForm:
    bodies = TdktBodies.objects.filter(unit=unit, year=year).first()
    counts = {code: getattr(bodies, name) if bodies else 0 for code, _l, _u, name in BODY_ROWS_0604}
    rows = [
        FormRow("01", "Tổng số", "Tổ chức", [sum(counts.values())], bold=True),
        FormRow("", "Chia theo cơ cấu tổ chức bộ máy", bold=True),
        *[FormRow(code, label, unit_, [counts[code]]) for code, label, unit_, _n in BODY_ROWS_0604],
    ]
    notes = [
        f"Số tổ chức do tỉnh nhập cho năm {year} (tại thời điểm cuối kỳ báo cáo, "
        f"{reporting_period(year)[1]:%d/%m/%Y}); dòng 01 là tổng các dòng 02–05.",
    ]
    if bodies is None:
        notes.append("Tỉnh chưa nhập số tổ chức làm công tác thi đua, khen thưởng của năm này.")
    return StatForm(
        number="0604.N/BNV-TĐKT",
        title=f"SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG {TITLE_TAIL}",
        count_unit="",
        reporting_unit=unit.name,
        year=year,
        lead=["", "Mã số", "Đơn vị tính"],
        group="",
        columns=[],
        letters=["A", "B", "C", "1"],
        heads=[Head("Số lượng")],
        total_column=False,
        receipt=False,
        rows=rows,
        notes=notes,
    )


# -- 0605.N ---------------------------------------------------------------------------------------

AGE_ROWS_0605 = [
    ("02", "- Từ 30 trở xuống", 0, 30),
    ("03", "- Từ 31 đến 40", 31, 40),
    ("04", "- Từ 41 đến 50", 41, 50),
    ("05", "- Từ 51 đến 55", 51, 55),
    ("06", "- Từ 56 đến 60", 56, 60),
    ("07", "- Trên 60 tuổi", 61, 200),
]
TRAINING_ROWS_0605 = [
    ("08", "- Sơ cấp", TrainingLevel.ELEMENTARY),
    ("09", "- Trung cấp", TrainingLevel.INTERMEDIATE),
    ("10", "- Cao đẳng", TrainingLevel.COLLEGE),
    ("11", "- Đại học", TrainingLevel.UNIVERSITY),
    ("12", "- Trên đại học", TrainingLevel.POSTGRADUATE),
]
SENIORITY_ROWS_0605 = [
    ("13", "- Dưới 5 năm", 0, 4),
    ("14", "- Từ 5 đến dưới 10 năm", 5, 9),
    ("15", "- Từ 10 năm trở lên", 10, 200),
]


def age_on(born: dt.date, day: dt.date) -> int:
    """Age in whole years on `day`: one turns 31 on the 31st birthday."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def form_0605(unit: Unit, year: int) -> StatForm:
    end = reporting_period(year)[1]
    officers = TdktOfficer.objects.filter(unit=unit, year=year).values_list(
        "sex", "birth_date", "training", "began_year"
    )
    tally = Tally(2)  # the total, and of whom women

    def add(code: str, woman: bool) -> None:
        tally.add(code, 0)
        if woman:
            tally.add(code, 1)

    for sex, born, training, began in officers:
        woman = sex == Sex.FEMALE
        age, seniority = age_on(born, end), year - began
        add("01", woman)
        add(next(code for code, _l, low, high in AGE_ROWS_0605 if low <= age <= high), woman)
        add(next(code for code, _l, level in TRAINING_ROWS_0605 if level == training), woman)
        add(next(c for c, _l, low, high in SENIORITY_ROWS_0605 if low <= seniority <= high), woman)

    data = tally.row

    rows = [
        data("01", "Tổng số", bold=True),
        FormRow("", "1. Chia theo độ tuổi", bold=True),
        *[data(code, label) for code, label, _lo, _hi in AGE_ROWS_0605],
        FormRow("", "2. Chia theo trình độ đào tạo", bold=True),
        *[data(code, label) for code, label, _t in TRAINING_ROWS_0605],
        FormRow(
            "", "3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng", bold=True
        ),
        *[data(code, label) for code, label, _lo, _hi in SENIORITY_ROWS_0605],
    ]
    notes = [
        f"Danh sách công chức làm công tác thi đua, khen thưởng do tỉnh nhập cho năm {year}. Tuổi "
        f"và thâm niên tính đến ngày cuối kỳ báo cáo {end:%d/%m/%Y}; thâm niên là số năm từ năm "
        "bắt đầu làm công tác thi đua, khen thưởng đến năm báo cáo.",
        "Mẫu được biết (chưa đối chiếu phụ lục Thông tư) ghi “Từ 5 đến 10 năm” và “Từ 10 năm trở "
        "lên”, chồng nhau ở 10 năm, và in mã số 14 hai lần: ở đây đọc là “Từ 5 đến dưới 10 năm” "
        "(mã 14) và “Từ 10 năm trở lên” (mã 15).",
    ]
    return StatForm(
        number="0605.N/BNV-TĐKT",
        title=f"SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG {TITLE_TAIL}",
        count_unit="",
        reporting_unit=unit.name,
        year=year,
        lead=["", "Mã số"],
        group="",
        columns=[],
        letters=["A", "B", "1", "2"],
        heads=[Head("Số lượng (Người)", [Head("Tổng số"), Head("Trong đó: Nữ")])],
        total_column=False,
        receipt=False,
        rows=rows,
        notes=notes,
    )


FORMS = {
    "0601": form_0601,
    "0602": form_0602,
    "0603": form_0603,
    "0604": form_0604,
    "0605": form_0605,
}
PROVINCE_FORMS = {"0604", "0605"}  # of the TĐKT bodies and civil servants a province enters


def forms_for(unit: Unit) -> list[str]:
    """The forms a unit reports: 0604 and 0605 only a province-level unit."""
    return [code for code in FORMS if unit.type in PROVINCE_LEVEL or code not in PROVINCE_FORMS]
