"""The award history a page shows, as Excel: a person's or a collective's."""

from __future__ import annotations

from django.http import HttpResponse

from chitieu.awards.models import AwardRecord, Person
from chitieu.awards.people.selectors import collective_history, person_history
from chitieu.core.excel import xlsx_response
from chitieu.units.models import Unit

HISTORY_HEADINGS = (
    "Năm",
    "Hình thức khen thưởng",
    "Tập thể / cá nhân",
    "Số quyết định",
    "Ngày quyết định",
    "Loại",
    "Tiền thưởng (đồng)",
    "Ghi chú",
)


def _history_workbook(name: str, title: str, records: list[AwardRecord]) -> HttpResponse:
    rows = [
        (
            record.year,
            record.award.name,
            record.person.full_name if record.person else record.unit.name if record.unit else "",
            record.decision_number,
            record.decision_date,
            record.get_commendation_type_display(),
            record.cash,
            "Số liệu mẫu" if record.is_sample else "",
        )
        for record in records
    ]
    return xlsx_response(name, title, HISTORY_HEADINGS, rows)


def person_history_workbook(person: Person) -> HttpResponse:
    return _history_workbook(
        f"khen-thuong-ca-nhan-{person.pk}",
        f"Quá trình khen thưởng — {person.full_name} ({person.unit.name})",
        person_history(person),
    )


def collective_history_workbook(unit: Unit) -> HttpResponse:
    return _history_workbook(
        f"khen-thuong-tap-the-{unit.pk}",
        f"Quá trình khen thưởng tập thể — {unit.name}",
        collective_history(unit),
    )
