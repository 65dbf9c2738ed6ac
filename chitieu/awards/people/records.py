"""What the checker needs, as data people enter: the annual ratings of persons and collectives,
the initiatives and research projects of persons (with the decision that recognised them), and
the disciplines, inspections and complaints pending. Persons and collectives are picked by name.
Every write is scoped to the user's units, audited and atomic."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.accounts.permissions import Capability, PermissionDenied, has_capability
from chitieu.awards.models import (
    AnnualRating,
    DisciplineLevel,
    Initiative,
    Matter,
    PendingKind,
    Person,
    Rating,
    Scope,
)
from chitieu.awards.people.selectors import people_visible_to
from chitieu.core.audit import audited, record_change, record_creation, snapshot
from chitieu.core.models import ChangeAction
from chitieu.core.text import fold
from chitieu.core.users import Actor, AnyUser
from chitieu.units.models import Unit
from chitieu.units.selectors import units_named

YEARS = (2000, 2100)
WITH_BIRTH_YEAR = re.compile(r"^(?P<name>.+?)\s*\((?P<year>\d{4})\)\s*$")


# -- picking by name ----------------------------------------------------------------------------


def pick_person(user: AnyUser, name: str, within: Unit | None = None) -> Person:
    """The person called `name` among those the user sees (under `within` if given); "Họ tên
    (1985)" tells apart namesakes by the year of birth."""
    text = " ".join(name.split())
    if not text:
        raise ValidationError("Hãy nhập họ và tên người được xét.")
    birth_year = None
    if match := WITH_BIRTH_YEAR.match(text):
        text, birth_year = match["name"], int(match["year"])
    people = people_visible_to(user).filter(search_name=fold(text)).select_related("unit")
    if within is not None:
        people = people.filter(unit__path__startswith=within.path)
    if birth_year is not None:
        people = people.filter(birth_year=birth_year)
    found = list(people.order_by("full_name", "id")[:20])
    if not found:
        place = f" trong {within.name}" if within else ""
        raise ValidationError(f"Không tìm thấy người tên “{name.strip()}”{place}.")
    if len(found) > 1:
        named = "; ".join(
            f"{p.full_name} ({p.birth_year or 'chưa rõ năm sinh'}, {p.unit.name})" for p in found
        )
        raise ValidationError(
            f"Có {len(found)} người tên “{text}”: {named}. Hãy ghi kèm năm sinh, ví dụ "
            f"“{found[0].full_name} (1985)”."
        )
    return found[0]


def pick_collective(user: AnyUser, name: str) -> Unit:
    """The collective (a unit of the registry) called `name` among those the user sees."""
    if not name.strip():
        raise ValidationError("Hãy nhập tên tập thể.")
    found = units_named(user, name.strip())
    if not found:
        raise ValidationError(f"Không tìm thấy tập thể tên “{name.strip()}”.")
    if len(found) > 1:
        raise ValidationError(
            f"Có {len(found)} tập thể tên “{name.strip()}”: "
            + "; ".join(f"{u.name} ({u.parent.name if u.parent else ''})" for u in found)
            + "."
        )
    return found[0]


# -- checks --------------------------------------------------------------------------------------


def _subject_unit(person: Person | None, unit: Unit | None) -> Unit:
    if (person is None) == (unit is None):
        raise ValidationError("Dữ liệu phải thuộc về một cá nhân hoặc một tập thể.")
    subject = person.unit if person is not None else unit
    assert subject is not None
    return subject


def _require_manager(actor: Actor, unit: Unit) -> None:
    if not (
        has_capability(actor, Capability.PROPOSE_AWARDS, unit)
        or has_capability(actor, Capability.MANAGE_EMULATION, unit)
    ):
        raise PermissionDenied(f"Bạn không có quyền nhập dữ liệu thi đua của {unit.name}.")


def _check_year(year: int, field: str = "year") -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValidationError({field: f"Năm phải trong khoảng {YEARS[0]}–{YEARS[1]}."})


def _check_choice(
    value: str, choices: Sequence[tuple[str, object]], field: str, label: str
) -> None:
    keys = [key for key, _label in choices]
    if value not in keys:
        raise ValidationError(
            {field: f"{label} “{value}” không hợp lệ; chọn một trong: {', '.join(keys)}."}
        )


def _check_text(value: str, limit: int, field: str, label: str, required: bool = False) -> str:
    text = value.strip()
    if required and not text:
        raise ValidationError({field: f"Hãy nhập {label}."})
    if len(text) > limit:
        raise ValidationError({field: f"{label.capitalize()} dài quá {limit} ký tự."})
    return text


# -- annual ratings ---------------------------------------------------------------------------


@audited
def rating_record(
    *,
    actor: Actor,
    year: int,
    rating: str,
    person: Person | None = None,
    unit: Unit | None = None,
) -> AnnualRating:
    """The rating of a person or a collective for a year; a second rating of the same year
    replaces the first (the change is in the audit)."""
    subject = _subject_unit(person, unit)
    _require_manager(actor, subject)
    _check_year(year)
    _check_choice(rating, Rating.choices, "rating", "Xếp loại")
    with transaction.atomic():
        existing = (
            AnnualRating.objects.select_for_update()
            .filter(person=person, unit=unit if person is None else None, year=year)
            .first()
        )
        if existing is None:
            created = AnnualRating.objects.create(
                person=person, unit=unit, year=year, rating=rating
            )
            record_creation(actor=actor, instance=created, scope_path=subject.path)
            return created
        before = snapshot(existing)
        existing.rating = rating
        existing.save(update_fields=["rating"])
        record_change(
            actor=actor,
            action=ChangeAction.UPDATE,
            instance=existing,
            before=before,
            after=snapshot(existing),
            scope_path=subject.path,
        )
        return existing


# -- initiatives and research projects ---------------------------------------------------------


@audited
def initiative_create(
    *,
    actor: Actor,
    person: Person,
    title: str,
    year: int,
    scope: str = Scope.UNIT,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    issuer: str = "",
    is_research: bool = False,
) -> Initiative:
    """A recognised initiative (or, `is_research`, an accepted research project) of a person,
    with the decision that recognised it. Which award used it is set when a decision grants an
    award that relied on it."""
    _require_manager(actor, person.unit)
    what = "tên đề tài" if is_research else "tên sáng kiến"
    title = _check_text(title, 300, "title", what, required=True)
    _check_year(year)
    _check_choice(scope, Scope.choices, "scope", "Phạm vi ảnh hưởng")
    decision_number = _check_text(decision_number, 60, "decision_number", "số quyết định")
    issuer = _check_text(issuer, 200, "issuer", "cơ quan công nhận")
    if decision_date is not None and decision_date.year < year:
        raise ValidationError(
            {"decision_date": f"Ngày quyết định công nhận không thể trước năm {year}."}
        )
    with transaction.atomic():
        initiative = Initiative.objects.create(
            person=person,
            title=title,
            year=year,
            scope=scope,
            is_research=is_research,
            decision_number=decision_number,
            decision_date=decision_date,
            issuer=issuer,
        )
        record_creation(actor=actor, instance=initiative, scope_path=person.unit.path)
    return initiative


# -- disciplines, inspections, complaints ------------------------------------------------------


@audited
def matter_create(
    *,
    actor: Actor,
    kind: str,
    year: int,
    person: Person | None = None,
    unit: Unit | None = None,
    level: str = "",
    closed_on: dt.date | None = None,
    note: str = "",
) -> Matter:
    """A discipline, inspection or complaint about a person or a collective; while it is not
    closed, no award is granted."""
    subject = _subject_unit(person, unit)
    _require_manager(actor, subject)
    _check_choice(kind, PendingKind.choices, "kind", "Loại")
    _check_year(year)
    if level:
        if kind != PendingKind.DISCIPLINE:
            raise ValidationError({"level": "Chỉ kỷ luật mới có hình thức kỷ luật."})
        _check_choice(level, DisciplineLevel.choices, "level", "Hình thức kỷ luật")
    note = _check_text(note, 300, "note", "ghi chú")
    if closed_on is not None and closed_on.year < year:
        raise ValidationError({"closed_on": f"Ngày kết thúc không thể trước năm {year}."})
    with transaction.atomic():
        matter = Matter.objects.create(
            person=person,
            unit=unit if person is None else None,
            kind=kind,
            level=level,
            year=year,
            closed_on=closed_on,
            note=note,
        )
        record_creation(actor=actor, instance=matter, scope_path=subject.path)
    return matter


@audited
def matter_close(*, actor: Actor, matter: Matter, closed_on: dt.date) -> Matter:
    """The matter is settled on `closed_on`: it no longer holds awards back."""
    subject = _subject_unit(matter.person, matter.unit if matter.person is None else None)
    _require_manager(actor, subject)
    if closed_on.year < matter.year:
        raise ValidationError({"closed_on": f"Ngày kết thúc không thể trước năm {matter.year}."})
    with transaction.atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        if locked.closed_on is not None:
            raise ValidationError("Việc này đã được giải quyết xong.")
        before = snapshot(locked)
        locked.closed_on = closed_on
        locked.save(update_fields=["closed_on"])
        record_change(
            actor=actor,
            action=ChangeAction.UPDATE,
            instance=locked,
            before=before,
            after=snapshot(locked),
            scope_path=subject.path,
        )
    return locked
