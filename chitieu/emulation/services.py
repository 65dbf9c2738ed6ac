"""Writes for clusters and blocks: setting up a year, signing, scoring, voting, and turning the
vote into proposals. Scoped, audited, atomic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Model

from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    can_manage_cluster,
    can_score,
    can_sign,
    can_vote,
    require,
)
from chitieu.awards.models import AwardKind, Proposal
from chitieu.core import files
from chitieu.core.audit import audited, record_change, snapshot
from chitieu.core.models import ChangeAction
from chitieu.core.numbers import Bounds, NumberFormatError, check_count, check_decimal
from chitieu.core.users import Actor
from chitieu.emulation.models import (
    Cluster,
    ClusterMember,
    ClusterYear,
    Criterion,
    Method,
    Movement,
    Score,
    ScoringTable,
    Stage,
    Vote,
)
from chitieu.targets.models import Target
from chitieu.units.models import Unit


def _audit(
    actor: Actor,
    instance: Model,
    path: str,
    before: dict[str, Any] | None = None,
    action: ChangeAction = ChangeAction.CREATE,
    reason: str = "",
    verb: str = "",
) -> None:
    """The audit row of a creation or a change (none when a change changed nothing)."""
    record_change(
        actor=actor,
        action=action,
        instance=instance,
        before=before,
        after=snapshot(instance),
        reason=reason,
        scope_path=path,
        verb=verb,
    )


@audited
def cluster_create(
    *,
    actor: Actor,
    organiser: Unit,
    name: str,
    kind: str,
    decision_number: str,
    decision_date: dt.date,
) -> Cluster:
    require(actor, Capability.MANAGE_EMULATION, organiser)
    with transaction.atomic():
        cluster = Cluster.objects.create(
            organiser=organiser,
            name=name.strip(),
            kind=kind,
            decision_number=decision_number,
            decision_date=decision_date,
        )
        _audit(actor, cluster, organiser.path)
    return cluster


@audited
def scoring_table_create(
    *, actor: Actor, organiser: Unit, year: int, name: str, criteria: list[dict]
) -> ScoringTable:
    """A table with its criteria: dicts of code, name, max_points, and optionally method,
    points_per_met, points_per_exceeded, guidance and parent (a code given before)."""
    require(actor, Capability.MANAGE_EMULATION, organiser)
    with transaction.atomic():
        table = ScoringTable.objects.create(organiser=organiser, year=year, name=name)
        by_code: dict[str, Criterion] = {}
        for order, spec in enumerate(criteria):
            data = dict(spec)
            parent = by_code.get(data.pop("parent", ""))
            criterion = Criterion.objects.create(table=table, parent=parent, order=order, **data)
            by_code[criterion.code] = criterion
            _audit(actor, criterion, organiser.path)
        _audit(actor, table, organiser.path)
    return table


@audited
def cluster_year_setup(
    *,
    actor: Actor,
    cluster: Cluster,
    year: int,
    members: list[Unit],
    chair: Unit | None = None,
    deputy: Unit | None = None,
    scoring_table: ScoringTable | None = None,
    agreement_text: str = "",
    copy_previous_table: bool = False,
) -> ClusterYear:
    """The members, chair and deputy of a year; other years stay as they were. Without a scoring
    table, `copy_previous_table` starts the year from a copy of the last year's (made in the same
    transaction: a refused setup leaves no copy behind). Each member added or removed is kept in
    the audit."""
    if not can_manage_cluster(actor, cluster):
        raise PermissionDenied(f"Bạn không có quyền lập cụm của {cluster.organiser.name}.")
    for role, unit in (("Cụm trưởng", chair), ("Cụm phó", deputy)):
        if unit is not None and unit not in members:
            raise ValidationError(f"{role} phải là thành viên của cụm trong năm {year}.")
    with transaction.atomic():
        if scoring_table is None and copy_previous_table:
            previous = (
                ClusterYear.objects.filter(cluster=cluster, year__lt=year)
                .exclude(scoring_table=None)
                .order_by("-year")
                .select_related("scoring_table")
                .first()
            )
            if previous is not None and previous.scoring_table is not None:
                scoring_table = scoring_table_copy(
                    actor=actor, table=previous.scoring_table, year=year
                )
        cluster_year, created = ClusterYear.objects.get_or_create(cluster=cluster, year=year)
        before = None if created else snapshot(cluster_year)
        cluster_year.chair, cluster_year.deputy = chair, deputy
        cluster_year.scoring_table = scoring_table
        cluster_year.agreement_text = agreement_text
        cluster_year.save()
        path = cluster.organiser.path
        for unit in members:
            member, added = ClusterMember.objects.get_or_create(
                cluster_year=cluster_year, unit=unit
            )
            if added:
                _audit(actor, member, path, verb="thêm thành viên")
        for member in cluster_year.members.exclude(unit__in=members).select_related("unit"):
            record_change(
                actor=actor,
                action=ChangeAction.DELETE,
                verb="bớt thành viên",
                instance=member,
                before=snapshot(member),
                scope_path=path,
            )
            member.delete()
        _audit(
            actor,
            cluster_year,
            cluster.organiser.path,
            before,
            ChangeAction.CREATE if created else ChangeAction.UPDATE,
        )
    return cluster_year


@audited
def member_sign(
    *,
    actor: Actor,
    member: ClusterMember,
    signed_on: dt.date,
    titles: list[AwardKind] | None = None,
    targets: list[Target] | None = None,
) -> ClusterMember:
    """A member signs the agreement and registers the titles and targets it aims for."""
    given = member
    with transaction.atomic():
        member = (
            ClusterMember.objects.select_for_update(of=("self",))
            .select_related("unit", "cluster_year")
            .get(pk=member.pk)
        )
        if not can_sign(actor, member):
            raise PermissionDenied(f"Bạn không ký giao ước thay cho {member.unit.name} được.")
        before = snapshot(member)
        member.signed_on = signed_on
        member.save(update_fields=["signed_on"])
        if titles is not None:
            member.registered_titles.set(titles)
        if targets is not None:
            foreign = [t for t in targets if t.unit_id != member.unit_id]
            if foreign:
                raise ValidationError("Chỉ đăng ký các chỉ tiêu của chính đơn vị mình.")
            member.committed_targets.set(targets)
        cluster_year = member.cluster_year
        if cluster_year.agreement_date is None or signed_on > cluster_year.agreement_date:
            ClusterYear.objects.filter(pk=cluster_year.pk).update(agreement_date=signed_on)
        _audit(actor, member, member.unit.path, before, ChangeAction.UPDATE, verb="ký giao ước")
    given.signed_on = member.signed_on
    return member


def _require_stage(actor: Actor, member: ClusterMember, stage: str) -> None:
    if stage not in Stage.values or not can_score(actor, member, stage):
        raise PermissionDenied("Bạn không có quyền chấm điểm ở bước này.")


VOTES_IN_FAVOUR = "Số phiếu đồng ý"
VOTERS = "Số người bỏ phiếu"


def score_field(criterion: Criterion) -> str:
    return f"Điểm tiêu chí {criterion.code}"


def score_bounds(criterion: Criterion) -> Bounds:
    """A score fits its column (7 digits, 2 places) and lies in 0 – the criterion's maximum."""
    return Bounds(max_digits=7, decimal_places=2, minimum=Decimal(0), maximum=criterion.max_points)


@audited
def score_set(
    *,
    actor: Actor,
    member: ClusterMember,
    criterion: Criterion,
    stage: str,
    points: Decimal,
    comment: str = "",
    evidence: File | None = None,
) -> Score:
    """Set one score; every change keeps who, when and old → new in the audit."""
    _require_stage(actor, member, stage)
    if criterion.table_id != member.cluster_year.scoring_table_id:
        raise ValidationError("Tiêu chí không thuộc bảng chấm điểm của cụm năm này.")
    if criterion.method == Method.TARGETS:
        raise ValidationError(
            f"Tiêu chí {criterion.code} được tính tự động từ kết quả thực hiện chỉ tiêu."
        )
    if criterion.children.exists():
        raise ValidationError(f"Tiêu chí {criterion.code} là nhóm; hãy chấm các tiêu chí con.")
    try:
        check_decimal(points, score_bounds(criterion), field=score_field(criterion))
    except NumberFormatError as error:
        raise ValidationError(str(error)) from error
    evidence_kind = (
        None
        if evidence is None
        else files.validate_upload(evidence, files.EVIDENCE, files.field_label(Score, "evidence"))
    )
    with transaction.atomic():
        score = (
            Score.objects.select_for_update(of=("self",))
            .filter(criterion=criterion, member=member, stage=stage)
            .first()
        )
        before = snapshot(score) if score else None
        if score is None:
            score = Score(criterion=criterion, member=member, stage=stage)
        score.points, score.comment, score.scored_by = points, comment, actor
        if evidence is not None and evidence_kind is not None:
            files.keep(score, "evidence", evidence, evidence_kind)
        score.save()
        _audit(
            actor,
            score,
            member.unit.path,
            before,
            ChangeAction.UPDATE if before else ChangeAction.CREATE,
            verb=f"chấm điểm ({stage})",
        )
    return score


@audited
def vote_record(
    *,
    actor: Actor,
    cluster_year: ClusterYear,
    award: AwardKind,
    unit: Unit,
    votes_in_favour: int,
    voters: int,
) -> Vote:
    if not can_vote(actor, cluster_year):
        raise PermissionDenied(f"Bạn không có quyền ghi kết quả bỏ phiếu của {cluster_year}.")
    if not cluster_year.members.filter(unit=unit).exists():
        raise ValidationError(f"{unit.name} không phải thành viên của cụm năm {cluster_year.year}.")
    try:
        check_count(votes_in_favour, field=VOTES_IN_FAVOUR)
        check_count(voters, field=VOTERS)
    except NumberFormatError as error:
        raise ValidationError(str(error)) from error
    if voters <= 0 or votes_in_favour > voters:
        raise ValidationError("Số phiếu đồng ý không thể lớn hơn số người bỏ phiếu.")
    with transaction.atomic():
        vote = (
            Vote.objects.select_for_update(of=("self",))
            .filter(cluster_year=cluster_year, award=award, unit=unit)
            .first()
        )
        if vote is not None and (vote.votes_in_favour, vote.voters) == (votes_in_favour, voters):
            return vote  # the same count again: nothing changes, nothing is recorded
        before = snapshot(vote) if vote is not None else None
        if vote is None:
            vote = Vote(cluster_year=cluster_year, award=award, unit=unit)
        vote.votes_in_favour, vote.voters, vote.recorded_by = votes_in_favour, voters, actor
        vote.save()
        _audit(
            actor,
            vote,
            cluster_year.cluster.organiser.path,
            before,
            action=ChangeAction.UPDATE if before else ChangeAction.CREATE,
            verb="bỏ phiếu",
        )
    return vote


@audited
def proposal_from_votes(*, actor: Actor, cluster_year: ClusterYear) -> Proposal:
    """The cluster's proposal to the province: the voted units for the voted awards; the
    checker then judges each against the ranking and the rules of the year."""
    from chitieu.awards.services import proposal_check

    organiser = cluster_year.cluster.organiser
    if not can_manage_cluster(actor, cluster_year):
        raise PermissionDenied(f"Bạn không có quyền lập tờ trình của {cluster_year}.")
    with transaction.atomic():
        # One vote, one proposal: the year's row is locked while its proposal is made.
        ClusterYear.objects.select_for_update(of=("self",)).get(pk=cluster_year.pk)
        existing = Proposal.objects.filter(cluster_year=cluster_year).first()
        if existing is not None:
            raise ValidationError(f"Tờ trình từ kết quả bỏ phiếu đã được lập: {existing.title}.")
        votes = list(cluster_year.votes.select_related("award", "unit"))
        if not votes:
            raise ValidationError("Cụm chưa bỏ phiếu.")
        proposal = Proposal.objects.create(
            unit=organiser,
            year=cluster_year.year,
            cluster_year=cluster_year,
            created_by=actor,
            title=f"Đề nghị khen thưởng {cluster_year.cluster.name} năm {cluster_year.year}",
        )
        _audit(actor, proposal, organiser.path)
        for vote in votes:
            item = proposal.items.create(
                unit=vote.unit,
                award=vote.award,
                votes_in_favour=vote.votes_in_favour,
                council_members=vote.voters,
                achievement=f"Kết quả bình xét của {cluster_year.cluster.name}",
            )
            _audit(actor, item, organiser.path, verb="từ kết quả bỏ phiếu")
        proposal_check(proposal=proposal)
    return proposal


@audited
def movement_create(
    *,
    actor: Actor,
    launched_by: Unit,
    name: str,
    document_number: str,
    document_date: dt.date,
    starts_on: dt.date,
    ends_on: dt.date,
    theme: str = "",
    tasks: str = "",
    participants: list[Unit] | None = None,
    midterm_review_on: dt.date | None = None,
    final_review_on: dt.date | None = None,
) -> Movement:
    require(actor, Capability.MANAGE_EMULATION, launched_by)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "Ngày kết thúc phải sau ngày bắt đầu."})
    with transaction.atomic():
        movement = Movement.objects.create(
            launched_by=launched_by,
            name=name,
            document_number=document_number,
            document_date=document_date,
            starts_on=starts_on,
            ends_on=ends_on,
            theme=theme,
            tasks=tasks,
            midterm_review_on=midterm_review_on,
            final_review_on=final_review_on,
        )
        if participants:
            movement.participants.set(participants)
        _audit(actor, movement, launched_by.path)
    return movement


@audited
def scoring_table_copy(*, actor: Actor, table: ScoringTable, year: int) -> ScoringTable:
    """Next year's table, starting from this one's criteria."""
    criteria = []
    codes = {criterion.pk: criterion.code for criterion in table.criteria.all()}
    for criterion in table.criteria.order_by("order", "code"):
        criteria.append(
            {
                "code": criterion.code,
                "name": criterion.name,
                "max_points": criterion.max_points,
                "guidance": criterion.guidance,
                "method": criterion.method,
                "points_per_met": criterion.points_per_met,
                "points_per_exceeded": criterion.points_per_exceeded,
                **({"parent": codes[criterion.parent_id]} if criterion.parent_id else {}),
            }
        )
    name = table.name.replace(str(table.year), str(year))
    return scoring_table_create(
        actor=actor, organiser=table.organiser, year=year, name=name, criteria=criteria
    )
