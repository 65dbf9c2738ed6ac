"""The statistical report on emulation and commendation work of a unit for a year, after the
06xx.N/BNV-TĐKT forms of Circular 02/2023/TT-BNV: movements launched, and titles and awards
granted by form and level, for collectives and individuals, by sex, and for leaders against
workers and farmers. Where the official layout is not known exactly, the table is the closest
faithful one (see the README)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from chitieu.awards.models import AwardRecord
from chitieu.emulation.models import Movement
from chitieu.units.models import Unit

LEVELS = {"toan_quoc": "Cấp Nhà nước", "tinh": "Cấp tỉnh", "co_so": "Cấp cơ sở"}


@dataclass
class Row:
    label: str
    level: str
    collectives: int = 0
    individuals: int = 0
    women: int = 0
    leaders: int = 0
    workers_farmers: int = 0

    @property
    def total(self) -> int:
        return self.collectives + self.individuals

    def cells(self) -> tuple[str, ...]:
        return (
            self.label,
            LEVELS.get(self.level, self.level),
            str(self.total),
            str(self.collectives),
            str(self.individuals),
            str(self.women),
            str(self.leaders),
            str(self.workers_farmers),
        )


@dataclass
class Report:
    unit: Unit
    year: int
    movements: list[Movement]
    rows: list[Row] = field(default_factory=list)

    @property
    def totals(self) -> Row:
        total = Row("Tổng cộng", "")
        for row in self.rows:
            for name in ("collectives", "individuals", "women", "leaders", "workers_farmers"):
                setattr(total, name, getattr(total, name) + getattr(row, name))
        return total


HEADINGS = (
    "Danh hiệu, hình thức",
    "Cấp",
    "Tổng số",
    "Tập thể",
    "Cá nhân",
    "Trong đó nữ",
    "Lãnh đạo, quản lý",
    "Công nhân, nông dân, người lao động",
)


def statistics(unit: Unit, year: int) -> Report:
    """Everything decided in `year` for the collectives and people of `unit`'s subtree."""
    in_scope = Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path)
    records = AwardRecord.objects.filter(in_scope, decision_date__year=year).values_list(
        "award__name", "award__level", "person_id", "person__sex", "person__group"
    )
    rows: dict[tuple[str, str], Row] = {}
    for name, level, person_id, sex, group in records:
        row = rows.setdefault((name, level), Row(name, level))
        if person_id is None:
            row.collectives += 1
            continue
        row.individuals += 1
        row.women += sex == "nu"
        row.leaders += group == "lanh_dao"
        row.workers_farmers += group in ("cong_nhan", "nong_dan")
    movements = list(
        Movement.objects.filter(
            launched_by__path__startswith=unit.path, document_date__year=year
        ).order_by("document_date")
    )
    order = defaultdict(int, {"toan_quoc": 0, "tinh": 1, "co_so": 2})
    report = Report(unit, year, movements)
    report.rows = sorted(rows.values(), key=lambda r: (order[r.level], r.label))
    return report
