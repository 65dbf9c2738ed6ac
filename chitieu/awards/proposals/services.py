"""Writes for a commendation proposal: made, filled, checked, sent, reviewed, forwarded, put
before the People's Committee or returned (its decision: awards.decisions). Every write is
scoped, audited and atomic; every transition happens on the locked row."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    can_edit_proposal,
    can_propose_for,
    is_reviewer,
    require,
)
from chitieu.awards.models import (
    AwardKind,
    Initiative,
    Person,
    Proposal,
    ProposalItem,
    ProposalStatus,
    ProposalStep,
    Subject,
)
from chitieu.awards.proposals.checking import proposal_check, standings_for
from chitieu.awards.proposals.selectors import beyond_authority
from chitieu.core import files
from chitieu.core.audit import audited, record_change, record_creation, snapshot
from chitieu.core.models import ChangeAction
from chitieu.core.numbers import NumberFormatError, check_count
from chitieu.core.users import Actor
from chitieu.emulation.models import ClusterYear, Movement
from chitieu.units.models import Unit


def record_step(
    actor: Actor, proposal: Proposal, to: str, comment: str = "", verb: str = ""
) -> None:
    """Move the proposal to `to`, with its step and its audit row (on the locked row)."""
    before = snapshot(proposal)
    previous = proposal.status
    proposal.status = to
    proposal.comment = comment
    proposal.save(update_fields=["status", "comment"])
    ProposalStep.objects.create(
        proposal=proposal, from_status=previous, to_status=to, actor=actor, comment=comment
    )
    record_change(
        actor=actor,
        action=ChangeAction.ACTION,
        verb=verb,
        instance=proposal,
        before=before,
        after=snapshot(proposal),
        reason=comment,
        scope_path=proposal.unit.path,
    )


def lock_proposal(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",)).select_related("unit").get(pk=proposal.pk)
    )


def _require_editable(actor: Actor, proposal: Proposal, refused: str) -> None:
    """`can_edit_proposal` on the locked row: a stranger is refused, a sent proposal is not
    editable for anybody (`refused` says why)."""
    if can_edit_proposal(actor, proposal):
        return
    if not can_propose_for(actor, proposal.unit):
        raise PermissionDenied(f"Bạn không có quyền sửa tờ trình của {proposal.unit.name}.")
    raise ValidationError(refused)


@audited
def proposal_create(
    *,
    actor: Actor,
    unit: Unit,
    year: int,
    title: str,
    cluster_year: ClusterYear | None = None,
    movement: Movement | None = None,
) -> Proposal:
    require(actor, Capability.PROPOSE_AWARDS, unit)
    with transaction.atomic():
        proposal = Proposal.objects.create(
            unit=unit,
            year=year,
            title=title.strip(),
            cluster_year=cluster_year,
            movement=movement,
            created_by=actor,
        )
        record_creation(actor=actor, instance=proposal, scope_path=unit.path)
    return proposal


def _subject_ok(award: AwardKind, person: Person | None, unit: Unit | None) -> None:
    if (person is None) == (unit is None):
        raise ValidationError("Hãy chọn một cá nhân hoặc một tập thể.")
    wants = award.subject
    if person is not None and wants == Subject.COLLECTIVE:
        raise ValidationError(f"{award.name} chỉ dành cho tập thể.")
    if unit is not None and wants in (Subject.INDIVIDUAL, Subject.HOUSEHOLD):
        raise ValidationError(f"{award.name} chỉ dành cho cá nhân.")


@audited
def proposal_item_add(
    *,
    actor: Actor,
    proposal: Proposal,
    award: AwardKind,
    person: Person | None = None,
    unit: Unit | None = None,
    commendation_type: str = "cong_trang",
    achievement: str = "",
    votes_in_favour: int | None = None,
    council_members: int | None = None,
    initiatives: list[Initiative] | None = None,
    justification: str = "",
) -> ProposalItem:
    require(actor, Capability.PROPOSE_AWARDS, proposal.unit)
    for value, field in (
        (votes_in_favour, "Số phiếu đồng ý"),
        (council_members, "Số thành viên hội đồng"),
    ):
        if value is not None:
            try:
                check_count(value, field=field)
            except NumberFormatError as error:
                raise ValidationError(str(error)) from error
    _subject_ok(award, person, unit)
    subject_unit = person.unit if person else unit
    assert subject_unit is not None
    if not subject_unit.path.startswith(proposal.unit.path):
        raise ValidationError("Chỉ đề nghị khen thưởng cho cá nhân, tập thể thuộc đơn vị mình.")
    standings = standings_for(proposal)
    with transaction.atomic():
        locked = lock_proposal(proposal)
        _require_editable(actor, locked, "Tờ trình đã gửi đi, không thêm được.")
        item = ProposalItem.objects.create(
            proposal=locked,
            person=person,
            unit=unit,
            award=award,
            commendation_type=commendation_type,
            achievement=achievement,
            votes_in_favour=votes_in_favour,
            council_members=council_members,
            justification=justification,
        )
        if initiatives:
            item.initiatives.set(initiatives)
        record_creation(actor=actor, instance=item, scope_path=locked.unit.path)
        proposal_check(proposal=locked, standings=standings)
    item.refresh_from_db()
    return item


@audited
def proposal_submit(*, actor: Actor, proposal: Proposal) -> Proposal:
    require(actor, Capability.PROPOSE_AWARDS, proposal.unit)
    standings = standings_for(proposal)
    with transaction.atomic():
        locked = lock_proposal(proposal)
        _require_editable(actor, locked, "Tờ trình không ở trạng thái được gửi.")
        proposal_check(proposal=locked, standings=standings)
        items = list(locked.items.select_related("award", "person", "unit"))
        if not items:
            raise ValidationError("Tờ trình chưa có ai được đề nghị.")
        missing = [
            f"{item.person or item.unit} ({item.award.name})"
            for item in items
            if not item.eligible and not item.justification.strip()
        ]
        if missing:
            raise ValidationError(
                "Các trường hợp chưa đủ điều kiện cần có giải trình trước khi gửi: "
                + "; ".join(missing)
            )
        locked.considered_at = first_reviewer(locked)
        locked.save(update_fields=["considered_at"])
        record_step(actor, locked, ProposalStatus.SUBMITTED, verb="gửi")
    return locked


def first_reviewer(proposal: Proposal) -> Unit:
    """Where a sent proposal goes first: the cluster's organiser, else the level above the unit
    (a province's own proposal stays with the province)."""
    if proposal.cluster_year is not None:
        return proposal.cluster_year.cluster.organiser
    return proposal.unit.parent or proposal.unit


def require_reviewer(actor: Actor, proposal: Proposal) -> Unit:
    """The Board of the level that holds the proposal acts on it. A cluster's proposal (the
    result of its vote) goes to its organiser's Board; a province's own proposal otherwise only
    to a system administrator (nobody reviews their own unit's proposal)."""
    level = proposal.considered_at or first_reviewer(proposal)
    if not is_reviewer(actor, proposal):
        if level == proposal.unit and proposal.cluster_year_id is None:
            raise PermissionDenied("Chỉ quản trị hệ thống được thẩm định tờ trình cấp tỉnh.")
        raise PermissionDenied(f"Bạn không có quyền thực hiện thao tác này tại {level.name}.")
    return level


@audited
def proposal_review(*, actor: Actor, proposal: Proposal, comment: str = "") -> Proposal:
    standings = standings_for(proposal)
    with transaction.atomic():
        locked = lock_proposal(proposal)
        require_reviewer(actor, locked)
        if locked.status != ProposalStatus.SUBMITTED:
            raise ValidationError("Chỉ thẩm định tờ trình đã gửi.")
        proposal_check(proposal=locked, standings=standings)
        record_step(actor, locked, ProposalStatus.REVIEWED, comment, verb="thẩm định")
    return locked


@audited
def proposal_forward(*, actor: Actor, proposal: Proposal, comment: str = "") -> Proposal:
    """A reviewed proposal goes on to the Board of the level above (tờ trình lên cấp trên)."""
    with transaction.atomic():
        locked = lock_proposal(proposal)
        level = require_reviewer(actor, locked)
        if level.parent is None:
            raise ValidationError("Tờ trình đã ở cấp tỉnh, không còn cấp trên để chuyển.")
        if locked.status != ProposalStatus.REVIEWED:
            raise ValidationError("Chỉ chuyển lên cấp trên tờ trình đã được thẩm định.")
        locked.considered_at = level.parent
        locked.save(update_fields=["considered_at"])
        note = f"Chuyển lên {level.parent.name}" + (f": {comment}" if comment else "")
        record_step(actor, locked, ProposalStatus.SUBMITTED, note, verb="chuyển lên cấp trên")
    return locked


@audited
def proposal_to_committee(*, actor: Actor, proposal: Proposal, comment: str = "") -> Proposal:
    """The Board puts a reviewed proposal before its People's Committee, whose chair decides."""
    with transaction.atomic():
        locked = lock_proposal(proposal)
        level = require_reviewer(actor, locked)
        if locked.status != ProposalStatus.REVIEWED:
            raise ValidationError("Chỉ trình Ủy ban nhân dân tờ trình đã được thẩm định.")
        beyond = beyond_authority(locked, level)
        if beyond:
            raise ValidationError(
                f"Ủy ban nhân dân {level.name} không có thẩm quyền quyết định: "
                + ", ".join(beyond)
                + ". Hãy chuyển tờ trình lên cấp trên."
            )
        record_step(
            actor, locked, ProposalStatus.AT_COMMITTEE, comment, verb="trình Ủy ban nhân dân"
        )
    return locked


RETURNABLE = (ProposalStatus.SUBMITTED, ProposalStatus.REVIEWED, ProposalStatus.AT_COMMITTEE)


@audited
def proposal_return(*, actor: Actor, proposal: Proposal, comment: str) -> Proposal:
    if not comment.strip():
        raise ValidationError({"comment": "Hãy ghi lý do trả lại tờ trình."})
    with transaction.atomic():
        locked = lock_proposal(proposal)
        require_reviewer(actor, locked)
        if locked.status not in RETURNABLE:
            raise ValidationError("Chỉ trả lại tờ trình đang được xét.")
        locked.considered_at = None  # sent again, it starts at the first level
        locked.save(update_fields=["considered_at"])
        record_step(actor, locked, ProposalStatus.RETURNED, comment.strip(), verb="trả lại")
    return locked


@audited
def proposal_attach(
    *,
    actor: Actor,
    proposal: Proposal,
    achievement_report: File | None = None,
    vote_minutes: File | None = None,
) -> Proposal:
    """Attach the achievement report and the minutes of the council's vote."""
    require(actor, Capability.PROPOSE_AWARDS, proposal.unit)
    uploads: dict[str, tuple[File, files.FileKind]] = {}
    for field, upload in (
        ("achievement_report", achievement_report),
        ("vote_minutes", vote_minutes),
    ):
        if upload is not None:
            label = files.field_label(Proposal, field)
            kind = files.validate_upload(upload, files.PROPOSAL_DOCUMENT, label)
            name = files.original_name(upload)
            if not name.lower().endswith(kind.extension):
                # Accepted only as the document it is: a PDF named .docx is refused.
                raise ValidationError(
                    f"{label}: tệp “{name}” là tệp {kind.label}, tên tệp phải có đuôi "
                    f"{kind.extension}."
                )
            uploads[field] = (upload, kind)
    with transaction.atomic():
        locked = lock_proposal(proposal)
        _require_editable(actor, locked, "Tờ trình đã gửi đi, không thay tệp được.")
        before = snapshot(locked)
        if not uploads:
            return locked  # nothing attached, nothing changes
        for field, (upload, kind) in uploads.items():
            files.keep(locked, field, upload, kind)
        locked.save()
        record_change(
            actor=actor,
            action=ChangeAction.UPDATE,
            instance=locked,
            before=before,
            after=snapshot(locked),
            verb="đính kèm",
            scope_path=locked.unit.path,
        )
    return locked


@audited
def proposal_item_justify(*, actor: Actor, item: ProposalItem, justification: str) -> ProposalItem:
    """The justification that lets a candidate the checker flagged go forward: written by the
    proposing unit's Board while the proposal is in its hands, kept in the audit."""
    with transaction.atomic():
        locked = lock_proposal(item.proposal)
        _require_editable(actor, locked, "Tờ trình đã gửi đi, không sửa giải trình được.")
        row = ProposalItem.objects.select_for_update(of=("self",)).get(pk=item.pk, proposal=locked)
        text = justification.strip()
        if row.justification == text:
            return row
        before = snapshot(row)
        row.justification = text
        row.save(update_fields=["justification"])
        record_change(
            actor=actor,
            action=ChangeAction.UPDATE,
            verb="giải trình",
            instance=row,
            before=before,
            after=snapshot(row),
            scope_path=locked.unit.path,
        )
    return row
