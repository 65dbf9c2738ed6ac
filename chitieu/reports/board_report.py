"""The Board's periodic report to its People's Committee on emulation and commendation work (the
Board "theo dõi, đôn đốc, kiểm tra … định kỳ báo cáo UBND tỉnh"): for the first six months or
the whole year, the movements launched and reviewed, the clusters and blocks signed and scored,
the proposals by stage and level, the decisions and awards by form and level, and the fund; as a
page and as a Word or PDF report in the format of Decree 30/2020."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from chitieu.accounts.permissions import Capability, has_capability, refuse_unless
from chitieu.awards.models import (
    AwardRecord,
    FundEntry,
    FundEntryKind,
    Proposal,
    ProposalStatus,
)
from chitieu.awards.statistics.report import LEVELS
from chitieu.core.dates import format_date
from chitieu.core.numbers import format_decimal
from chitieu.core.users import AnyUser
from chitieu.emulation.models import ClusterKind, ClusterYear, Movement, Stage
from chitieu.reports.documents import Letterhead, Table
from chitieu.units.models import Unit
from chitieu.units.names import in_text, place_name
from chitieu.units.selectors import access_unit

HALF, YEAR = "6t", "nam"
PERIODS = {HALF: "6 tháng đầu năm", YEAR: "năm"}


@dataclass(frozen=True)
class MovementRow:
    name: str
    document: str  # "Kế hoạch 12/KH-UBND ngày 10/01/2026"
    launched: bool  # launched within the period
    reviews: str  # "Sơ kết 30/06/2026; tổng kết 15/12/2026", those within the period


@dataclass(frozen=True)
class ClusterRow:
    name: str
    kind: str
    members: int
    signed: int
    self_scored: int
    confirmed: int


@dataclass(frozen=True)
class AwardRow:
    form: str
    level: str
    collectives: int
    individuals: int
    cash: Decimal

    @property
    def total(self) -> int:
        return self.collectives + self.individuals


@dataclass
class BoardReport:
    unit: Unit
    year: int
    period: str  # HALF or YEAR
    start: dt.date
    end: dt.date
    movements: list[MovementRow] = field(default_factory=list)
    clusters: list[ClusterRow] = field(default_factory=list)
    proposals: dict[tuple[str, str], int] = field(default_factory=dict)  # (stage, level) → count
    decisions: int = 0
    awards: list[AwardRow] = field(default_factory=list)
    fund_income: Decimal = Decimal(0)
    fund_spending: Decimal = Decimal(0)

    @property
    def label(self) -> str:
        return f"{PERIODS[self.period]} {self.year}"

    @property
    def launched(self) -> int:
        return sum(1 for m in self.movements if m.launched)

    @property
    def reviewed(self) -> int:
        return sum(1 for m in self.movements if m.reviews)

    @property
    def fund_balance(self) -> Decimal:
        return self.fund_income - self.fund_spending

    @property
    def proposal_levels(self) -> list[str]:
        return sorted({level for _stage, level in self.proposals})

    def proposal_rows(self) -> list[tuple[str, ...]]:
        """One row per stage: its count at each level, then the total."""
        levels = self.proposal_levels
        rows = []
        for stage, label in ProposalStatus.choices:
            counts = [self.proposals.get((stage, level), 0) for level in levels]
            if any(counts):
                rows.append((str(label), *map(str, counts), str(sum(counts))))
        totals = [sum(v for (_s, lv), v in self.proposals.items() if lv == lev) for lev in levels]
        rows.append(("Tổng cộng", *map(str, totals), str(sum(totals))))
        return rows

    def award_totals(self) -> AwardRow:
        return AwardRow(
            "Tổng cộng",
            "",
            sum(r.collectives for r in self.awards),
            sum(r.individuals for r in self.awards),
            sum((r.cash for r in self.awards), Decimal(0)),
        )


def period_bounds(year: int, period: str) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 6, 30) if period == HALF else dt.date(year, 12, 31)


def _reviews(movement: Movement, start: dt.date, end: dt.date) -> str:
    parts = [
        f"{what} {format_date(day)}"
        for what, day in (
            ("Sơ kết", movement.midterm_review_on),
            ("Tổng kết", movement.final_review_on),
        )
        if day is not None and start <= day <= end
    ]
    return "; ".join(parts)


def board_report(user: AnyUser, unit_pk: object, year: int, period: str) -> BoardReport:
    """The report of the unit's Board: for the Board of the unit and of the levels above."""
    unit = access_unit(user, unit_pk)
    refuse_unless(
        has_capability(user, Capability.MANAGE_EMULATION, unit),
        "Chỉ Ban Thi đua - Khen thưởng của đơn vị và cấp trên xem báo cáo này.",
    )
    return build_report(unit, year, period)


def build_report(unit: Unit, year: int, period: str) -> BoardReport:
    start, end = period_bounds(year, period)
    report = BoardReport(unit, year, period, start, end)
    under = unit.path
    in_period = Q(document_date__range=(start, end)) | Q(midterm_review_on__range=(start, end))
    in_period |= Q(final_review_on__range=(start, end))
    for movement in Movement.objects.filter(
        in_period, launched_by__path__startswith=under
    ).order_by("document_date", "pk"):
        report.movements.append(
            MovementRow(
                movement.name,
                f"{movement.document_number} ngày {format_date(movement.document_date)}",
                start <= movement.document_date <= end,
                _reviews(movement, start, end),
            )
        )
    kinds = dict(ClusterKind.choices)
    clusters = (
        ClusterYear.objects.filter(cluster__organiser__path__startswith=under, year=year)
        .select_related("cluster")
        .annotate(
            member_count=Count("members", distinct=True),
            signed_count=Count(
                "members",
                filter=Q(members__signed_on__isnull=False, members__signed_on__lte=end),
                distinct=True,
            ),
            self_count=Count("members", filter=Q(members__scores__stage=Stage.SELF), distinct=True),
            board_count=Count(
                "members", filter=Q(members__scores__stage=Stage.BOARD), distinct=True
            ),
        )
        .order_by("cluster__name")
    )
    report.clusters = [
        ClusterRow(
            c.cluster.name,
            str(kinds.get(c.cluster.kind, c.cluster.kind)),
            c.member_count,
            c.signed_count,
            c.self_count,
            c.board_count,
        )
        for c in clusters
    ]
    active = Q(created_at__date__range=(start, end)) | Q(steps__time__date__range=(start, end))
    proposals = (
        Proposal.objects.filter(active, unit__path__startswith=under)
        .distinct()
        .select_related("unit__parent", "considered_at", "cluster_year__cluster__organiser")
    )
    counter: Counter[tuple[str, str]] = Counter()
    for proposal in proposals:
        level = proposal.considered_at or proposal.unit
        counter[(proposal.status, level.get_type_display())] += 1
    report.proposals = dict(counter)
    scope = Q(person__unit__path__startswith=under) | Q(unit__path__startswith=under)
    records = (
        AwardRecord.objects.filter(scope, decision_date__range=(start, end))
        .values("award__name", "award__level", "award__is_title", "award__code")
        .annotate(
            collectives=Count("id", filter=Q(person__isnull=True)),
            individuals=Count("id", filter=Q(person__isnull=False)),
            cash=Sum("cash"),
        )
    )
    order = {"toan_quoc": 0, "tinh": 1, "co_so": 2}
    report.awards = [
        AwardRow(
            r["award__name"],
            LEVELS.get(r["award__level"], r["award__level"]),
            r["collectives"],
            r["individuals"],
            r["cash"] or Decimal(0),
        )
        for r in sorted(
            records,
            key=lambda r: (
                order.get(r["award__level"], 3),
                not r["award__is_title"],
                r["award__code"],
            ),
        )
    ]
    # The decisions that awarded within the unit: those recorded here and those of the history.
    report.decisions = (
        AwardRecord.objects.filter(scope, decision_date__range=(start, end))
        .order_by()
        .values("decision_number", "decision_date", "issuer")
        .distinct()
        .count()
    )
    totals = dict(
        FundEntry.objects.filter(fund__unit=unit, fund__year=year, date__lte=end)
        .values_list("kind")
        .annotate(total=Sum("amount"))
    )
    report.fund_income = totals.get(FundEntryKind.INCOME) or Decimal(0)
    report.fund_spending = totals.get(FundEntryKind.SPENDING) or Decimal(0)
    return report


# -- the document ---------------------------------------------------------------------------------


def _board(unit: Unit) -> str:
    return "SỞ NỘI VỤ" if unit.parent_id is None else "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"


def _board_name(unit: Unit) -> str:
    return "Sở Nội vụ" if unit.parent_id is None else "Hội đồng Thi đua - Khen thưởng"


def summary(report: BoardReport) -> list[str]:
    """The report's paragraphs, each figure as the tables below give it."""
    members = sum(c.members for c in report.clusters)
    signed = sum(c.signed for c in report.clusters)
    scored = sum(c.self_scored for c in report.clusters)
    confirmed = sum(c.confirmed for c in report.clusters)
    proposals = sum(report.proposals.values())
    decided = sum(
        v for (stage, _l), v in report.proposals.items() if stage == ProposalStatus.DECIDED
    )
    totals = report.award_totals()
    unit = in_text(report.unit.name)
    return [
        f"Thực hiện nhiệm vụ theo dõi, đôn đốc, kiểm tra công tác thi đua, khen thưởng, "
        f"{_board_name(report.unit)} báo cáo Ủy ban nhân dân {unit} kết quả công tác "
        f"thi đua, khen thưởng {report.label} (từ {format_date(report.start)} đến "
        f"{format_date(report.end)}) như sau:",
        f"1. Phong trào thi đua: phát động {report.launched} phong trào; sơ kết, tổng kết "
        f"{report.reviewed} phong trào.",
        f"2. Cụm, khối thi đua: {len(report.clusters)} cụm, khối với {members} đơn vị thành viên; "
        f"{signed} đơn vị đã ký giao ước thi đua, {scored} đơn vị đã tự chấm điểm, {confirmed} "
        "đơn vị đã được thẩm định điểm.",
        f"3. Hồ sơ đề nghị khen thưởng: {proposals} tờ trình, trong đó {decided} tờ trình đã có "
        "quyết định khen thưởng.",
        f"4. Khen thưởng: {report.decisions} quyết định, khen thưởng {totals.collectives} lượt "
        f"tập thể và {totals.individuals} lượt cá nhân; tiền thưởng "
        f"{format_decimal(totals.cash)} đồng.",
        f"5. Quỹ thi đua, khen thưởng năm {report.year}: được phân bổ "
        f"{format_decimal(report.fund_income)} đồng, đã chi {format_decimal(report.fund_spending)} "
        f"đồng, còn {format_decimal(report.fund_balance)} đồng.",
    ]


def tables(report: BoardReport) -> list[Table]:
    totals = report.award_totals()
    return [
        Table(
            ("Phong trào thi đua", "Văn bản phát động", "Phát động trong kỳ", "Sơ kết, tổng kết"),
            [(m.name, m.document, "x" if m.launched else "", m.reviews) for m in report.movements],
            caption="Biểu 1. Phong trào thi đua",
        ),
        Table(
            ("Cụm, khối", "Loại", "Thành viên", "Đã ký giao ước", "Đã tự chấm", "Đã thẩm định"),
            [
                (
                    c.name,
                    c.kind,
                    str(c.members),
                    str(c.signed),
                    str(c.self_scored),
                    str(c.confirmed),
                )
                for c in report.clusters
            ],
            caption="Biểu 2. Cụm, khối thi đua",
        ),
        Table(
            ("Giai đoạn", *(f"Cấp {level.lower()}" for level in report.proposal_levels), "Tổng số"),
            report.proposal_rows(),
            caption="Biểu 3. Hồ sơ đề nghị khen thưởng theo giai đoạn và cấp xét",
        ),
        Table(
            ("Hình thức", "Cấp", "Tập thể", "Cá nhân", "Tổng số", "Tiền thưởng (đồng)"),
            [
                (
                    r.form,
                    r.level,
                    str(r.collectives),
                    str(r.individuals),
                    str(r.total),
                    format_decimal(r.cash),
                )
                for r in [*report.awards, totals]
            ],
            caption="Biểu 4. Khen thưởng theo hình thức và cấp",
        ),
    ]


def report_parts(report: BoardReport) -> tuple[Letterhead, list[str], None, tuple[()], list[Table]]:
    unit = report.unit
    head = Letterhead(
        parent_body=f"UBND {unit.name}",
        issuing_body=_board(unit),
        number="Số:      /BC-SNV" if unit.parent_id is None else "Số:      /BC-HĐTĐKT",
        place=unit.short_name or place_name(unit.name),
        date=timezone.localdate(),
        title="BÁO CÁO",
        subtitle=f"Kết quả công tác thi đua, khen thưởng {report.label}",
        signer_role="GIÁM ĐỐC" if unit.parent_id is None else "TM. HỘI ĐỒNG",
        signer_title="" if unit.parent_id is None else "CHỦ TỊCH",
        recipients=("Như trên;", "Lưu: VT."),
        addressee=f"Kính gửi: Ủy ban nhân dân {in_text(unit.name)}.",
    )
    return head, summary(report), None, (), tables(report)
