"""The grounds a unit's decisions and proposals print ("Căn cứ …", "Xét đề nghị của …"): kept per
unit as ordered lines, edited by the unit's Board; a unit without its own lines prints those of
the nearest level above, else the default set of its province."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.accounts.permissions import Capability, has_capability, require
from chitieu.awards.models import LegalBasis
from chitieu.core.audit import audited, record_change, record_creation, snapshot
from chitieu.core.models import ChangeAction
from chitieu.core.users import Actor, AnyUser
from chitieu.units.models import Unit
from chitieu.units.names import in_text

# Where a line names the unit that proposes ("Xét đề nghị của Chủ tịch UBND [đơn vị đề nghị]").
PROPOSER = "[đơn vị đề nghị]"
MAX_LINES = 20
MAX_LENGTH = 1000


def province_of(unit: Unit) -> Unit:
    return Unit.objects.get(pk=int(unit.path.strip("/").split("/")[0]))


def default_lines(province: Unit) -> list[str]:
    """The grounds of a decision on emulation and commendation in force since 1 July 2025."""
    return [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của "
        "Luật Thi đua, khen thưởng;",
        f"Căn cứ Quy chế công tác thi đua, khen thưởng của {in_text(province.name)};",
        f"Xét đề nghị của Chủ tịch UBND {PROPOSER} và Trưởng Ban Thi đua - Khen thưởng.",
    ]


@dataclass(frozen=True)
class GroundsPage:
    unit: Unit
    grounds: Grounds
    can_edit: bool


def grounds_page(user: AnyUser, unit: Unit) -> GroundsPage:
    return GroundsPage(
        unit, grounds_for(unit), has_capability(user, Capability.MANAGE_EMULATION, unit)
    )


@dataclass(frozen=True)
class Grounds:
    lines: list[str]
    owner: Unit | None  # the unit whose lines they are; None: the default set

    def printed(self, proposer: str) -> list[str]:
        return [line.replace(PROPOSER, proposer) for line in self.lines]


def grounds_for(unit: Unit) -> Grounds:
    """The lines `unit` prints: its own, else the nearest level's above, else the default."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    stored: dict[int, list[str]] = {}
    for line in LegalBasis.objects.filter(unit_id__in=ids).order_by("position"):
        stored.setdefault(line.unit_id, []).append(line.text)
    for pk in reversed(ids):
        if pk in stored:
            return Grounds(stored[pk], Unit.objects.get(pk=pk))
    return Grounds(default_lines(province_of(unit)), None)


def parse_lines(text: str) -> list[str]:
    """One line of the text, one ground; blank lines dropped."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise ValidationError({"lines": "Hãy nhập ít nhất một dòng căn cứ."})
    if len(lines) > MAX_LINES:
        raise ValidationError({"lines": f"Nhiều nhất {MAX_LINES} dòng căn cứ."})
    if any(len(line) > MAX_LENGTH for line in lines):
        raise ValidationError({"lines": f"Mỗi dòng căn cứ dài nhất {MAX_LENGTH} ký tự."})
    return lines


@audited
def legal_basis_set(*, actor: Actor, unit: Unit, lines: list[str]) -> list[LegalBasis]:
    """The unit's Board replaces the unit's lines of grounds with `lines`, in that order."""
    require(actor, Capability.MANAGE_EMULATION, unit)
    if not lines:
        raise ValidationError({"lines": "Hãy nhập ít nhất một dòng căn cứ."})
    with transaction.atomic():
        Unit.objects.select_for_update().get(pk=unit.pk)
        for old in LegalBasis.objects.filter(unit=unit):
            record_change(
                actor=actor,
                action=ChangeAction.DELETE,
                instance=old,
                before=snapshot(old),
                scope_path=unit.path,
            )
            old.delete()
        created = []
        for position, text in enumerate(lines, start=1):
            line = LegalBasis.objects.create(unit=unit, position=position, text=text)
            record_creation(actor=actor, instance=line, scope_path=unit.path)
            created.append(line)
    return created
