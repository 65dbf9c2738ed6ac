"""Writes for commendation: persons, history, proposals through review to a decision, whose
awards enter the history with their cash. Every write is scoped, audited and atomic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    can_edit_proposal,
    can_propose_for,
    has_capability,
    is_reviewer,
    require,
)
from chitieu.awards import eligibility as el
from chitieu.awards import facts
from chitieu.awards.cash import base_salary_on, cash_amount
from chitieu.awards.models import (
    AwardKind,
    AwardRecord,
    BaseSalary,
    Decision,
    Initiative,
    Person,
    Proposal,
    ProposalItem,
    ProposalStatus,
    ProposalStep,
    Subject,
)
from chitieu.core import files
from chitieu.core.audit import audited, record_change, record_creation, snapshot
from chitieu.core.models import ChangeAction
from chitieu.core.numbers import NumberFormatError, check_count
from chitieu.units.models import Unit


@audited
def person_create(
    *,
    actor,
    unit: Unit,
    full_name: str,
    sex: str,
    birth_year: int | None = None,
    position: str = "",
    group: str = "khac",
    is_sample: bool = False,
) -> Person:
    if not (
        has_capability(actor, Capability.PROPOSE_AWARDS, unit)
        or has_capability(actor, Capability.MANAGE_EMULATION, unit)
    ):
        raise PermissionDenied(f"Bạn không có quyền quản lý cán bộ của {unit.name}.")
    if not full_name.strip():
        raise ValidationError({"full_name": "Hãy nhập họ và tên."})
    with transaction.atomic():
        person = Person.objects.create(
            unit=unit,
            full_name=full_name.strip(),
            sex=sex,
            birth_year=birth_year,
            position=position,
            group=group,
            is_sample=is_sample,
        )
        record_creation(actor=actor, instance=person, scope_path=unit.path)
    return person


@audited
def award_record_create(
    *,
    actor,
    award: AwardKind,
    year: int,
    decision_number: str,
    decision_date: dt.date,
    person: Person | None = None,
    unit: Unit | None = None,
    issuer: str = "",
    commendation_type: str = "cong_trang",
    cash=None,
    note: str = "",
    is_sample: bool = False,
    reason: str = "",
) -> AwardRecord:
    """Enter an award of the past into the history (decided outside the system)."""
    subject_unit = person.unit if person else unit
    if subject_unit is None or (person is not None and unit is not None):
        raise ValidationError("Khen thưởng phải thuộc về một cá nhân hoặc một tập thể.")
    require(actor, Capability.MANAGE_EMULATION, subject_unit)
    with transaction.atomic():
        record = AwardRecord.objects.create(
            person=person,
            unit=unit,
            award=award,
            year=year,
            decision_number=decision_number,
            decision_date=decision_date,
            issuer=issuer,
            commendation_type=commendation_type,
            cash=cash,
            note=note,
            is_sample=is_sample,
        )
        record_creation(actor=actor, instance=record, scope_path=subject_unit.path, reason=reason)
    return record


# -- proposals ---------------------------------------------------------------------------------


def _step(actor, proposal: Proposal, to: str, comment: str = "", verb: str = "") -> None:
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


def _locked(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",)).select_related("unit").get(pk=proposal.pk)
    )


def _require_editable(actor, proposal: Proposal, refused: str) -> None:
    """`can_edit_proposal` on the locked row: a stranger is refused, a sent proposal is not
    editable for anybody (`refused` says why)."""
    if can_edit_proposal(actor, proposal):
        return
    if not can_propose_for(actor, proposal.unit):
        raise PermissionDenied(f"Bạn không có quyền sửa tờ trình của {proposal.unit.name}.")
    raise ValidationError(refused)


@audited
def proposal_create(
    *, actor, unit: Unit, year: int, title: str, cluster_year=None, movement=None
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
    actor,
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
    with transaction.atomic():
        locked = _locked(proposal)
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
        proposal_check(proposal=locked)
    item.refresh_from_db()
    return item


def _checker_proposal(item: ProposalItem) -> el.Proposal:
    proposal = item.proposal
    if item.person is not None:
        candidate = facts.person_candidate(item.person)
        key = f"person:{item.person.pk}"
    else:
        assert item.unit is not None
        rank, exceeded = _cluster_standing(item)
        candidate = facts.collective_candidate(item.unit, proposal.year, rank, exceeded)
        key = f"unit:{item.unit.pk}"
    votes = None
    if item.votes_in_favour is not None and item.council_members:
        votes = el.Votes(item.votes_in_favour, item.council_members)
    return el.Proposal(
        item.award.code,
        proposal.year,
        candidate,
        key=key,
        unit_key=str(proposal.unit_id),
        votes=votes,
        initiative_ids=facts.initiatives_of(item),
    )


def _cluster_standing(item: ProposalItem) -> tuple[int | None, bool | None]:
    cluster_year = item.proposal.cluster_year
    if cluster_year is None or item.unit is None:
        return None, None
    from chitieu.emulation.selectors import cluster_ranking

    for row in cluster_ranking(cluster_year):
        if row.unit.pk == item.unit.pk:
            return row.rank, row.targets_exceeded
    return None, None


def proposal_check(*, proposal: Proposal) -> None:
    """Run the checker over every item of the proposal as one batch and keep its findings."""
    items = list(proposal.items.select_related("award", "person__unit", "unit", "proposal"))
    if not items:
        return
    checker = facts.checker_for(proposal.year, proposal.unit)
    checked = [_checker_proposal(item) for item in items]
    verdicts = checker.check_batch(checked)
    for item, verdict in zip(items, verdicts, strict=True):
        item.findings = [
            {"condition": f.condition, "met": f.met, "message": f.message, "article": f.article}
            for f in verdict.findings
        ]
        item.eligible = verdict.eligible
    ProposalItem.objects.bulk_update(items, ["findings", "eligible"])


@audited
def proposal_submit(*, actor, proposal: Proposal) -> Proposal:
    require(actor, Capability.PROPOSE_AWARDS, proposal.unit)
    with transaction.atomic():
        locked = _locked(proposal)
        _require_editable(actor, locked, "Tờ trình không ở trạng thái được gửi.")
        proposal_check(proposal=locked)
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
        _step(actor, locked, ProposalStatus.SUBMITTED, verb="gửi")
    return locked


def first_reviewer(proposal: Proposal) -> Unit:
    """Where a sent proposal goes first: the cluster's organiser, else the level above the unit
    (a province's own proposal stays with the province)."""
    if proposal.cluster_year is not None:
        return proposal.cluster_year.cluster.organiser
    return proposal.unit.parent or proposal.unit


def _require_reviewer(actor, proposal: Proposal) -> Unit:
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
def proposal_review(*, actor, proposal: Proposal, comment: str = "") -> Proposal:
    with transaction.atomic():
        locked = _locked(proposal)
        _require_reviewer(actor, locked)
        if locked.status != ProposalStatus.SUBMITTED:
            raise ValidationError("Chỉ thẩm định tờ trình đã gửi.")
        proposal_check(proposal=locked)
        _step(actor, locked, ProposalStatus.REVIEWED, comment, verb="thẩm định")
    return locked


def beyond_authority(proposal: Proposal, level: Unit) -> list[str]:
    """The awards of the proposal that the People's Committee of `level` cannot grant: those of
    the province or the State are decided at the province (which forwards the State's)."""
    if level.parent is None:
        return []
    names = proposal.items.exclude(award__level="co_so").values_list("award__name", flat=True)
    return sorted(set(names))


@audited
def proposal_forward(*, actor, proposal: Proposal, comment: str = "") -> Proposal:
    """A reviewed proposal goes on to the Board of the level above (tờ trình lên cấp trên)."""
    with transaction.atomic():
        locked = _locked(proposal)
        level = _require_reviewer(actor, locked)
        if level.parent is None:
            raise ValidationError("Tờ trình đã ở cấp tỉnh, không còn cấp trên để chuyển.")
        if locked.status != ProposalStatus.REVIEWED:
            raise ValidationError("Chỉ chuyển lên cấp trên tờ trình đã được thẩm định.")
        locked.considered_at = level.parent
        locked.save(update_fields=["considered_at"])
        note = f"Chuyển lên {level.parent.name}" + (f": {comment}" if comment else "")
        _step(actor, locked, ProposalStatus.SUBMITTED, note, verb="chuyển lên cấp trên")
    return locked


@audited
def proposal_to_committee(*, actor, proposal: Proposal, comment: str = "") -> Proposal:
    """The Board puts a reviewed proposal before its People's Committee, whose chair decides."""
    with transaction.atomic():
        locked = _locked(proposal)
        level = _require_reviewer(actor, locked)
        if locked.status != ProposalStatus.REVIEWED:
            raise ValidationError("Chỉ trình Ủy ban nhân dân tờ trình đã được thẩm định.")
        beyond = beyond_authority(locked, level)
        if beyond:
            raise ValidationError(
                f"Ủy ban nhân dân {level.name} không có thẩm quyền quyết định: "
                + ", ".join(beyond)
                + ". Hãy chuyển tờ trình lên cấp trên."
            )
        _step(actor, locked, ProposalStatus.AT_COMMITTEE, comment, verb="trình Ủy ban nhân dân")
    return locked


RETURNABLE = (ProposalStatus.SUBMITTED, ProposalStatus.REVIEWED, ProposalStatus.AT_COMMITTEE)


@audited
def proposal_return(*, actor, proposal: Proposal, comment: str) -> Proposal:
    if not comment.strip():
        raise ValidationError({"comment": "Hãy ghi lý do trả lại tờ trình."})
    with transaction.atomic():
        locked = _locked(proposal)
        _require_reviewer(actor, locked)
        if locked.status not in RETURNABLE:
            raise ValidationError("Chỉ trả lại tờ trình đang được xét.")
        locked.considered_at = None  # sent again, it starts at the first level
        locked.save(update_fields=["considered_at"])
        _step(actor, locked, ProposalStatus.RETURNED, comment.strip(), verb="trả lại")
    return locked


@audited
def decision_record(
    *, actor, proposal: Proposal, number: str, date: dt.date, issuer: str, signer: str = ""
) -> Decision:
    """The People's Committee's decision on a proposal put before it, recorded by its Board: the
    awards enter the history with the cash of the rule set of the achievement year and the base
    salary of the date; the cash is spent from the deciding level's fund."""
    if not number.strip():
        raise ValidationError({"number": "Hãy nhập số quyết định."})
    salaries = list(BaseSalary.objects.values_list("valid_from", "amount"))
    with transaction.atomic():
        locked = _locked(proposal)
        # Checked on the locked row: the proposal may have moved on since the page was shown.
        level = _require_reviewer(actor, locked)
        if locked.status != ProposalStatus.AT_COMMITTEE:
            raise ValidationError("Chỉ ghi quyết định cho tờ trình đã trình Ủy ban nhân dân.")
        rules = facts.rule_set_model_for(locked.year)
        factor = Decimal(str(rules.parameters.get("household_factor", "1.5")))
        salary = base_salary_on(date, salaries)
        decision = Decision.objects.create(
            number=number.strip(),
            date=date,
            issuer=issuer.strip(),
            signer=signer.strip(),
            unit=level,
            proposal=locked,
        )
        record_creation(actor=actor, instance=decision, scope_path=locked.unit.path)
        for item in locked.items.select_related("award", "person__unit", "unit").order_by("id"):
            subject = (
                "collective"
                if item.unit_id
                else ("household" if item.award.subject == Subject.HOUSEHOLD else "individual")
            )
            record = AwardRecord.objects.create(
                person=item.person,
                unit=item.unit,
                award=item.award,
                year=locked.year,
                commendation_type=item.commendation_type,
                decision=decision,
                decision_number=decision.number,
                decision_date=date,
                issuer=decision.issuer,
                cash=cash_amount(
                    award=item.award.code,
                    subject=subject,
                    coefficients=rules.cash,
                    base_salary=salary,
                    household_factor=factor,
                ),
            )
            item.initiatives.update(used_for=record)
            subject_unit = item.person.unit if item.person else item.unit
            assert subject_unit is not None
            record_creation(actor=actor, instance=record, scope_path=subject_unit.path)
        from chitieu.awards.fund import record_decision_spending

        record_decision_spending(actor=actor, decision=decision)
        _step(actor, locked, ProposalStatus.DECIDED, f"Quyết định {decision}", verb="quyết định")
    return decision


@audited
def proposal_attach(
    *, actor, proposal: Proposal, achievement_report=None, vote_minutes=None
) -> Proposal:
    """Attach the achievement report and the minutes of the council's vote."""
    require(actor, Capability.PROPOSE_AWARDS, proposal.unit)
    uploads = {}
    for field, upload in (
        ("achievement_report", achievement_report),
        ("vote_minutes", vote_minutes),
    ):
        if upload is not None:
            label = files.field_label(Proposal, field)
            uploads[field] = (upload, files.validate_upload(upload, files.PROPOSAL_DOCUMENT, label))
    with transaction.atomic():
        locked = _locked(proposal)
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
def proposal_item_justify(*, actor, item: ProposalItem, justification: str) -> ProposalItem:
    """The justification that lets a candidate the checker flagged go forward: written by the
    proposing unit's Board while the proposal is in its hands, kept in the audit."""
    with transaction.atomic():
        locked = _locked(item.proposal)
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
