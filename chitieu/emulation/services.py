"""Writes for clusters and blocks: setting up a year, signing, scoring, voting (the proposal made
from the vote is awards': awards.proposals.from_votes). Scoped, audited, atomic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from chitieu.accounts.permissions import (
    Capability,
    PermissionDenied,
    can_manage_cluster,
    can_score,
    can_sign,
    can_vote,
    require,
    scope_paths,
)
from chitieu.core import files
from chitieu.core.audit import audited, record_change, snapshot
from chitieu.core.models import ChangeAction
from chitieu.core.numbers import Bounds, NumberFormatError, check_count, check_decimal
from chitieu.core.users import Actor
from chitieu.emulation import guards
from chitieu.emulation.models import (
    Cluster,
    ClusterMember,
    ClusterYear,
    Criterion,
    Method,
    Movement,
    MovementMethod,
    MovementReview,
    MovementScope,
    ReviewKind,
    Rule,
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


CRITERION_FIELDS = (
    "code",
    "name",
    "max_points",
    "guidance",
    "evidence_required",
    "method",
    "rule",
    "ratio_cap",
    "issuer",
    "points_per_met",
    "points_per_exceeded",
)


def _checked_criterion(data: dict[str, Any]) -> dict[str, Any]:
    """A criterion's fields, checked: a code and a name, a maximum in 0 – 1.000 (7 digits, 2
    places), a known method and rule, a cap of 100% – 1.000% and an issuer for the headline rule."""
    unknown = set(data) - set(CRITERION_FIELDS)
    if unknown:
        raise ValidationError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}.")
    out = dict(data)
    out["code"] = str(out.get("code", "")).strip()
    out["name"] = str(out.get("name", "")).strip()
    if not out["code"] or len(out["code"]) > 20:
        raise ValidationError("Mã tiêu chí không được để trống và tối đa 20 ký tự.")
    if not out["name"] or len(out["name"]) > 300:
        raise ValidationError("Tên tiêu chí không được để trống và tối đa 300 ký tự.")
    maximum = out.get("max_points")
    if not isinstance(maximum, Decimal):
        raise ValidationError(f"Điểm tối đa của tiêu chí {out['code']} chưa có.")
    try:
        check_decimal(
            maximum,
            Bounds(max_digits=7, decimal_places=2, minimum=Decimal("0.01"), maximum=Decimal(1000)),
            field=f"Điểm tối đa của tiêu chí {out['code']}",
        )
        if "ratio_cap" in out:
            check_decimal(
                out["ratio_cap"],
                Bounds(max_digits=6, decimal_places=2, minimum=Decimal(100), maximum=Decimal(1000)),
                field="Mức trần tỷ lệ thực hiện (%)",
            )
    except NumberFormatError as error:
        raise ValidationError(str(error)) from error
    method = out.setdefault("method", Method.MANUAL)
    if method not in Method.values:
        raise ValidationError("Cách tính điểm không hợp lệ.")
    if method == Method.TARGETS:
        legacy = "points_per_met" in out or "points_per_exceeded" in out
        rule = out.setdefault("rule", Rule.PER_TARGET if legacy else Rule.SHARE)
        if rule not in Rule.values:
            raise ValidationError("Quy tắc tính điểm từ chỉ tiêu không hợp lệ.")
        out["issuer"] = str(out.get("issuer", "")).strip()
        if rule == Rule.HEADLINE and not out["issuer"]:
            raise ValidationError(
                f"Tiêu chí {out['code']}: hãy ghi cơ quan giao chỉ tiêu (ví dụ HĐND tỉnh)."
            )
    return out


@audited
def scoring_table_create(
    *, actor: Actor, organiser: Unit, year: int, name: str, criteria: list[dict]
) -> ScoringTable:
    """A table with its criteria: dicts of code, name, max_points, and optionally method, rule,
    ratio_cap, issuer, guidance, evidence_required and parent (a code given before)."""
    require(actor, Capability.MANAGE_EMULATION, organiser)
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError("Tên bảng chấm điểm không được để trống và tối đa 200 ký tự.")
    if not 2000 <= year <= 2100:
        raise ValidationError("Năm không hợp lệ.")
    with transaction.atomic():
        table = ScoringTable.objects.create(organiser=organiser, year=year, name=name)
        by_code: dict[str, Criterion] = {}
        for order, spec in enumerate(criteria):
            data = dict(spec)
            parent_code = data.pop("parent", "")
            data = _checked_criterion(data)
            if data["code"] in by_code:
                raise ValidationError(f"Mã tiêu chí {data['code']} bị trùng.")
            parent = by_code.get(parent_code)
            criterion = Criterion.objects.create(table=table, parent=parent, order=order, **data)
            by_code[criterion.code] = criterion
            _audit(actor, criterion, organiser.path)
        _audit(actor, table, organiser.path)
    return table


@audited
def criterion_save(
    *,
    actor: Actor,
    table: ScoringTable,
    criterion: Criterion | None = None,
    parent_code: str = "",
    **fields: Any,
) -> Criterion:
    """Add a criterion to a table (under the criterion of `parent_code`, if given) or change
    one; refused once scoring started on the table."""
    require(actor, Capability.MANAGE_EMULATION, table.organiser)
    data = _checked_criterion(fields)
    with transaction.atomic():
        ScoringTable.objects.select_for_update().get(pk=table.pk)
        guards.require_table_open(table)
        if criterion is not None and criterion.table_id != table.pk:
            raise ValidationError("Tiêu chí không thuộc bảng chấm điểm này.")
        others = (
            table.criteria.all() if criterion is None else table.criteria.exclude(pk=criterion.pk)
        )
        if others.filter(code=data["code"]).exists():
            raise ValidationError(f"Mã tiêu chí {data['code']} đã có trong bảng.")
        parent = None
        if parent_code.strip():
            parent = others.filter(code=parent_code.strip()).first()
            if parent is None:
                raise ValidationError(f"Không có tiêu chí mã {parent_code.strip()} trong bảng.")
            ancestor: Criterion | None = parent
            while criterion is not None and ancestor is not None:
                if ancestor.pk == criterion.pk:
                    raise ValidationError("Một tiêu chí không thể nằm dưới chính nó.")
                ancestor = ancestor.parent
        before = snapshot(criterion) if criterion else None
        if criterion is None:
            criterion = Criterion(table=table, order=table.criteria.count())
        for name, value in data.items():
            setattr(criterion, name, value)
        criterion.parent = parent
        criterion.save()
        _audit(
            actor,
            criterion,
            table.organiser.path,
            before,
            ChangeAction.UPDATE if before else ChangeAction.CREATE,
        )
    return criterion


@audited
def criterion_delete(*, actor: Actor, criterion: Criterion) -> None:
    """Remove a criterion (and the criteria under it); refused once scoring started."""
    table = criterion.table
    require(actor, Capability.MANAGE_EMULATION, table.organiser)
    with transaction.atomic():
        ScoringTable.objects.select_for_update().get(pk=table.pk)
        guards.require_table_open(table)
        for child in criterion.children.all():
            criterion_delete(actor=actor, criterion=child)
        record_change(
            actor=actor,
            action=ChangeAction.DELETE,
            instance=criterion,
            before=snapshot(criterion),
            scope_path=table.organiser.path,
        )
        criterion.delete()


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
        if not created:
            guards.require_open(cluster_year, "thay đổi thành viên, bảng chấm điểm")
            started = Score.objects.filter(member__cluster_year=cluster_year).exists()
            if started and scoring_table != cluster_year.scoring_table:
                raise ValidationError(
                    "Cụm đã chấm điểm theo bảng chấm điểm hiện tại; không đổi bảng được nữa."
                )
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
    titles: Sequence[Model] | None = None,
    targets: list[Target] | None = None,
) -> ClusterMember:
    """A member signs the agreement (on the day of the conference, not later than today) and
    registers the titles and targets it aims for. Who recorded it is kept, and whether the
    Board recorded it on the member's behalf (a user not of the member's own units)."""
    given = member
    today = timezone.localdate()
    if signed_on > today:
        raise ValidationError(
            f"Ngày ký {signed_on:%d/%m/%Y} chưa đến; hãy ghi ngày đã ký giao ước "
            "(không sau hôm nay)."
        )
    with transaction.atomic():
        member = (
            ClusterMember.objects.select_for_update(of=("self",))
            .select_related("unit", "cluster_year")
            .get(pk=member.pk)
        )
        if not can_sign(actor, member):
            raise PermissionDenied(f"Bạn không ký giao ước thay cho {member.unit.name} được.")
        guards.require_open(member.cluster_year, "ký giao ước")
        year = member.cluster_year.year
        if not year - 1 <= signed_on.year <= year:
            raise ValidationError(
                f"Ngày ký {signed_on:%d/%m/%Y} không thuộc năm thi đua {year} "
                f"(giao ước ký trong năm {year - 1} hoặc {year})."
            )
        before = _registration(member)
        if member.signed_on != signed_on or member.signed_by_id is None:
            member.signed_on = signed_on
            member.signed_by = actor
            member.signed_for_member = not acts_as_member(actor, member.unit)
        member.save(update_fields=["signed_on", "signed_by", "signed_for_member"])
        if titles is not None:
            member.registered_titles.set([title.pk for title in titles])
        if targets is not None:
            foreign = [t for t in targets if t.unit_id != member.unit_id]
            if foreign:
                raise ValidationError("Chỉ đăng ký các chỉ tiêu của chính đơn vị mình.")
            member.committed_targets.set(targets)
        cluster_year = member.cluster_year
        if cluster_year.agreement_date is None or signed_on > cluster_year.agreement_date:
            ClusterYear.objects.filter(pk=cluster_year.pk).update(agreement_date=signed_on)
        record_change(
            actor=actor,
            action=ChangeAction.UPDATE,
            instance=member,
            before=before,
            after=_registration(member),
            scope_path=member.unit.path,
            verb="ký giao ước",
        )
    given.signed_on = member.signed_on
    return member


@audited
def member_register(
    *,
    actor: Actor,
    member: ClusterMember,
    titles: Sequence[Model] | None = None,
    targets: list[Target] | None = None,
) -> ClusterMember:
    """The titles a member registers for the year, and the main targets it commits to, apart
    from its signature (which keeps its day)."""
    with transaction.atomic():
        member = (
            ClusterMember.objects.select_for_update(of=("self",))
            .select_related("unit", "cluster_year")
            .get(pk=member.pk)
        )
        if not can_sign(actor, member):
            raise PermissionDenied(f"Bạn không đăng ký thay cho {member.unit.name} được.")
        guards.require_open(member.cluster_year, "đăng ký")
        before = _registration(member)
        if titles is not None:
            member.registered_titles.set([title.pk for title in titles])
        if targets is not None:
            if any(t.unit_id != member.unit_id for t in targets):
                raise ValidationError("Chỉ đăng ký các chỉ tiêu của chính đơn vị mình.")
            member.committed_targets.set(targets)
        record_change(
            actor=actor,
            action=ChangeAction.UPDATE,
            instance=member,
            before=before,
            after=_registration(member),
            scope_path=member.unit.path,
            verb="đăng ký thi đua",
        )
    return member


def _registration(member: ClusterMember) -> dict[str, Any]:
    """A member's row with what it registered (the audit's snapshot leaves many-to-many out)."""
    return snapshot(member) | {
        "registered_titles": sorted(member.registered_titles.values_list("code", flat=True)),
        "committed_targets": sorted(member.committed_targets.values_list("pk", flat=True)),
    }


def acts_as_member(actor: Actor, unit: Unit) -> bool:
    """The actor is a user of the unit itself (or of a unit inside it), not a Board above."""
    paths = [
        *(scope_paths(actor, Capability.PROPOSE_AWARDS) or []),
        *(scope_paths(actor, Capability.MANAGE_EMULATION) or []),
    ]
    return any(path.startswith(unit.path) for path in paths)


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
    guards.require_open(member.cluster_year, "chấm điểm")
    guards.require_scoring_open(member.cluster_year)
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
    if criterion.evidence_required and stage == Stage.SELF and evidence is None:
        has_evidence = (
            Score.objects.filter(criterion=criterion, member=member, stage=stage)
            .exclude(evidence="")
            .exists()
        )
        if not has_evidence:
            raise ValidationError(f"Tiêu chí {criterion.code} cần kèm minh chứng khi tự chấm.")
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
    award: Model,  # an awards.AwardKind, the award a vote is for
    unit: Unit,
    votes_in_favour: int,
    voters: int,
) -> Vote:
    if not can_vote(actor, cluster_year):
        raise PermissionDenied(f"Bạn không có quyền ghi kết quả bỏ phiếu của {cluster_year}.")
    guards.require_open(cluster_year, "bỏ phiếu")
    guards.require_confirmed(cluster_year, "bỏ phiếu")
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
            .filter(cluster_year=cluster_year, award_id=award.pk, unit=unit)
            .first()
        )
        if vote is not None and (vote.votes_in_favour, vote.voters) == (votes_in_favour, voters):
            return vote  # the same count again: nothing changes, nothing is recorded
        before = snapshot(vote) if vote is not None else None
        if vote is None:
            vote = Vote(cluster_year=cluster_year, award_id=award.pk, unit=unit)
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


def _movement_dates_check(
    *,
    starts_on: dt.date,
    ends_on: dt.date,
    midterm_review_on: dt.date | None,
    final_review_on: dt.date | None,
) -> None:
    """The period in order, the sơ kết inside it and before the tổng kết."""
    errors: dict[str, str] = {}
    if ends_on < starts_on:
        errors["ends_on"] = "Ngày kết thúc phải sau ngày bắt đầu."
    if midterm_review_on and not starts_on <= midterm_review_on <= ends_on:
        errors["midterm_review_on"] = (
            "Ngày sơ kết phải nằm trong thời gian phong trào "
            f"({starts_on:%d/%m/%Y} – {ends_on:%d/%m/%Y})."
        )
    if final_review_on and final_review_on < starts_on:
        errors["final_review_on"] = "Ngày tổng kết phải sau ngày bắt đầu phong trào."
    elif midterm_review_on and final_review_on and final_review_on <= midterm_review_on:
        errors["final_review_on"] = "Ngày tổng kết phải sau ngày sơ kết."
    if errors:
        raise ValidationError(errors)


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
    scope: str = MovementScope.SECTOR_LOCALITY,
    method: str = MovementMethod.THEMATIC,
    note: str = "",
) -> Movement:
    require(actor, Capability.MANAGE_EMULATION, launched_by)
    if not name.strip() or not document_number.strip():
        raise ValidationError("Phong trào cần tên và số văn bản phát động.")
    if scope not in MovementScope.values or method not in MovementMethod.values:
        raise ValidationError("Phạm vi hoặc hình thức thi đua không hợp lệ.")
    _movement_dates_check(
        starts_on=starts_on,
        ends_on=ends_on,
        midterm_review_on=midterm_review_on,
        final_review_on=final_review_on,
    )
    outside = [u.name for u in participants or [] if not u.path.startswith(launched_by.path)]
    if outside:
        raise ValidationError(
            "Đơn vị tham gia phải thuộc đơn vị phát động: " + ", ".join(sorted(outside)) + "."
        )
    with transaction.atomic():
        movement = Movement.objects.create(
            launched_by=launched_by,
            name=name.strip(),
            document_number=document_number.strip(),
            document_date=document_date,
            starts_on=starts_on,
            ends_on=ends_on,
            theme=theme,
            tasks=tasks,
            midterm_review_on=midterm_review_on,
            final_review_on=final_review_on,
            scope=scope,
            method=method,
            note=note,
        )
        if participants:
            movement.participants.set(participants)
        _audit(actor, movement, launched_by.path, verb="phát động phong trào")
    return movement


@audited
def movement_review_record(
    *,
    actor: Actor,
    movement: Movement,
    kind: str,
    held_on: dt.date,
    results: str,
    document_number: str = "",
) -> MovementReview:
    """A sơ kết or the tổng kết of a movement, held: sơ kết within the movement's period and
    before its tổng kết, one tổng kết, after every sơ kết."""
    require(actor, Capability.MANAGE_EMULATION, movement.launched_by)
    if kind not in ReviewKind.values:
        raise ValidationError({"kind": "Loại hội nghị không hợp lệ."})
    if not results.strip():
        raise ValidationError({"results": "Cần ghi kết quả sơ kết, tổng kết."})
    if held_on < movement.starts_on:
        raise ValidationError(
            {
                "held_on": "Ngày họp phải từ ngày bắt đầu phong trào "
                f"({movement.starts_on:%d/%m/%Y})."
            }
        )
    with transaction.atomic():
        locked = Movement.objects.select_for_update().get(pk=movement.pk)
        reviews = list(locked.reviews.all())
        final = next((r for r in reviews if r.kind == ReviewKind.FINAL), None)
        if kind == ReviewKind.MIDTERM:
            if held_on > locked.ends_on:
                raise ValidationError(
                    {
                        "held_on": "Sơ kết phải trong thời gian phong trào "
                        f"(đến {locked.ends_on:%d/%m/%Y})."
                    }
                )
            if final is not None and held_on >= final.held_on:
                raise ValidationError(
                    {"held_on": f"Sơ kết phải trước tổng kết ({final.held_on:%d/%m/%Y})."}
                )
        else:
            if final is not None:
                raise ValidationError({"kind": "Phong trào đã có hội nghị tổng kết."})
            last = max((r.held_on for r in reviews), default=None)
            if last is not None and held_on <= last:
                raise ValidationError(
                    {"held_on": f"Tổng kết phải sau lần sơ kết gần nhất ({last:%d/%m/%Y})."}
                )
        review = MovementReview.objects.create(
            movement=locked,
            kind=kind,
            held_on=held_on,
            results=results.strip(),
            document_number=document_number.strip(),
            recorded_by=actor,
        )
        verb = "sơ kết phong trào" if kind == ReviewKind.MIDTERM else "tổng kết phong trào"
        _audit(actor, review, locked.launched_by.path, verb=verb)
    return review


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
                "evidence_required": criterion.evidence_required,
                "rule": criterion.rule,
                "ratio_cap": criterion.ratio_cap,
                "issuer": criterion.issuer,
                **({"parent": codes[criterion.parent_id]} if criterion.parent_id else {}),
            }
        )
    name = table.name.replace(str(table.year), str(year))
    if str(table.year) not in table.name:
        name = f"{table.name} ({year})"
    return scoring_table_create(
        actor=actor, organiser=table.organiser, year=year, name=name, criteria=criteria
    )


def _only_board(cluster_year: ClusterYear, what: str) -> str:
    return f"Chỉ Ban Thi đua của {cluster_year.cluster.organiser.name} được {what}."


@audited
def scoring_confirm(
    *, actor: Actor, cluster_year: ClusterYear, override_reason: str = ""
) -> ClusterYear:
    """The Board confirms the scoring of the year: every member signed and scored on every
    criterion, or, when some are not, the Board's reason for confirming anyway is recorded."""
    if not can_manage_cluster(actor, cluster_year):
        raise PermissionDenied(
            f"Chỉ Ban Thi đua của {cluster_year.cluster.organiser.name} xác nhận."
        )
    reason = override_reason.strip()
    with transaction.atomic():
        locked = ClusterYear.objects.select_for_update().get(pk=cluster_year.pk)
        guards.require_open(locked, "xác nhận kết quả chấm điểm")
        if locked.scoring_confirmed_at is not None:
            raise ValidationError("Kết quả chấm điểm đã được xác nhận.")
        gaps = guards.readiness(locked).gaps
        if gaps and not reason:
            raise ValidationError(
                "Chưa xác nhận được: " + "; ".join(gaps) + ". Nếu vẫn xác nhận, hãy ghi rõ lý do."
            )
        before = snapshot(locked)
        locked.scoring_confirmed_at = timezone.now()
        locked.scoring_confirmed_by = actor
        locked.confirmation_override = reason if gaps else ""
        locked.save()
        _audit(
            actor,
            locked,
            locked.cluster.organiser.path,
            before,
            ChangeAction.UPDATE,
            reason=f"{reason} (còn thiếu: {'; '.join(gaps)})" if gaps else "",
            verb="xác nhận kết quả chấm điểm" + (" (vượt kiểm tra)" if gaps else ""),
        )
    _refresh(cluster_year, locked)
    return locked


@audited
def year_close(*, actor: Actor, cluster_year: ClusterYear) -> ClusterYear:
    """The Board closes the year (decided): scores, votes and signatures are refused."""
    if not can_manage_cluster(actor, cluster_year):
        raise PermissionDenied(
            f"Chỉ Ban Thi đua của {cluster_year.cluster.organiser.name} khóa năm."
        )
    with transaction.atomic():
        locked = ClusterYear.objects.select_for_update().get(pk=cluster_year.pk)
        if guards.is_decided(locked):
            raise ValidationError(f"Năm {locked.year} của cụm đã khóa.")
        before = snapshot(locked)
        locked.closed_at, locked.closed_by = timezone.now(), actor
        locked.save()
        _audit(
            actor,
            locked,
            locked.cluster.organiser.path,
            before,
            ChangeAction.UPDATE,
            verb="khóa năm thi đua",
        )
    _refresh(cluster_year, locked)
    return locked


@audited
def year_reopen(*, actor: Actor, cluster_year: ClusterYear, reason: str) -> ClusterYear:
    """The Board reopens a decided (closed) year, or the confirmed scoring of an open one, with
    its reason (the audit keeps it): scores may be corrected again, and votes and proposals wait
    for the Board to confirm the scoring again."""
    if not can_manage_cluster(actor, cluster_year):
        raise PermissionDenied(_only_board(cluster_year, "mở lại"))
    reason = reason.strip()
    if not reason:
        raise ValidationError("Hãy ghi rõ lý do mở lại.")
    with transaction.atomic():
        locked = ClusterYear.objects.select_for_update().get(pk=cluster_year.pk)
        before = snapshot(locked)
        if guards.is_decided(locked):
            locked.closed_at, locked.closed_by = None, None
            locked.reopened_at = timezone.now()
            verb = "mở lại năm thi đua"
        elif locked.scoring_confirmed_at is not None:
            verb = "mở lại việc chấm điểm"
        else:
            raise ValidationError("Năm này đang mở; không có gì để mở lại.")
        # Reopened, the scores may be corrected; votes and proposals wait for a new confirmation.
        locked.scoring_confirmed_at, locked.scoring_confirmed_by = None, None
        locked.confirmation_override = ""
        locked.reopen_reason = reason
        locked.save()
        _audit(
            actor,
            locked,
            locked.cluster.organiser.path,
            before,
            ChangeAction.UPDATE,
            reason=reason,
            verb=verb,
        )
    _refresh(cluster_year, locked)
    return locked


GUARD_FIELDS = (
    "scoring_confirmed_at",
    "scoring_confirmed_by_id",
    "confirmation_override",
    "closed_at",
    "closed_by_id",
    "reopened_at",
    "reopen_reason",
)


def _refresh(given: ClusterYear, fresh: ClusterYear) -> None:
    for name in GUARD_FIELDS:
        setattr(given, name, getattr(fresh, name))
