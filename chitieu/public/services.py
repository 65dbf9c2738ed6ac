"""Publishing and withdrawing: scoped to the publisher's units, audited."""

from __future__ import annotations

from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from chitieu.accounts.permissions import (
    Capability,
    can_manage_cluster,
    can_publish_decision,
    can_withdraw,
    refuse_unless,
    require,
)
from chitieu.awards.models import Decision
from chitieu.core import files
from chitieu.core.audit import audited, record_change, record_creation, snapshot
from chitieu.core.dates import format_date
from chitieu.core.models import ChangeAction
from chitieu.core.periods import Period
from chitieu.core.users import Actor
from chitieu.emulation.models import ClusterYear
from chitieu.emulation.selectors import cluster_ranking
from chitieu.evaluation.loader import evaluate_units
from chitieu.public.models import Publication, PublicationKind
from chitieu.units.models import Unit


def _publish(
    actor: Actor,
    *,
    kind: str,
    title: str,
    content: dict[str, Any],
    unit: Unit,
    source_id: int,
    period: str = "",
    document: File | None = None,
) -> Publication:
    document_kind = (
        None
        if document is None
        else files.validate_upload(
            document, files.PUBLICATION_DOCUMENT, files.field_label(Publication, "document")
        )
    )
    with transaction.atomic():
        publication = Publication.objects.create(
            kind=kind,
            title=title,
            content=content,
            unit=unit,
            source_id=source_id,
            period=period,
            published_by=actor,
        )
        if document is not None and document_kind is not None:
            files.keep(publication, "document", document, document_kind)
            publication.save(update_fields=["document", "document_name"])
        record_creation(
            actor=actor,
            instance=publication,
            scope_path=unit.path,
            verb="công bố",
        )
    return publication


@audited
def publish_decision(
    *, actor: Actor, decision: Decision, document: File | None = None
) -> Publication:
    refuse_unless(
        can_publish_decision(actor, decision),
        f"Bạn không có quyền công bố quyết định của {decision.unit.name}.",
    )
    records = decision.awards.select_related("award", "person__unit", "unit").order_by(
        "award__code", "id"
    )
    content = {
        "number": decision.number,
        "date": format_date(decision.date),
        "issuer": decision.issuer,
        "awards": [
            {
                "name": str(r.person or r.unit),
                "unit": r.person.unit.name if r.person else "",
                "award": r.award.name,
                "year": r.year,
            }
            for r in records
        ],
    }
    return _publish(
        actor,
        kind=PublicationKind.DECISION,
        unit=decision.unit,
        source_id=decision.pk,
        title=f"Quyết định {decision.number} ngày {format_date(decision.date)}",
        content=content,
        document=document,
    )


@audited
def publish_ranking(
    *, actor: Actor, cluster_year: ClusterYear, document: File | None = None
) -> Publication:
    refuse_unless(
        can_manage_cluster(actor, cluster_year),
        f"Bạn không có quyền công bố kết quả của {cluster_year}.",
    )
    content = {
        "cluster": cluster_year.cluster.name,
        "year": cluster_year.year,
        "rows": [
            {
                "rank": r.rank,
                "unit": r.unit.name,
                "points": str(r.total),
                "targets": f"{r.targets_met}/{r.targets_total}",
            }
            for r in cluster_ranking(cluster_year)
        ],
    }
    return _publish(
        actor,
        kind=PublicationKind.RANKING,
        unit=cluster_year.cluster.organiser,
        source_id=cluster_year.pk,
        title=f"Xếp hạng {cluster_year.cluster.name} năm {cluster_year.year}",
        content=content,
        document=document,
    )


@audited
def publish_headline(
    *, actor: Actor, unit: Unit, period: Period, document: File | None = None
) -> Publication:
    require(actor, Capability.MANAGE_TARGETS, unit)
    (results,) = evaluate_units([unit], period)
    headlines = [
        {
            "issuer": h.issuer,
            "achieved": h.achieved,
            "total": h.total,
            "exceeded": h.exceeded,
            "partial": h.partial,
            "on_track": h.on_track,
            "at_risk": h.at_risk,
            "text": h.text,
            "is_sample": any(r.is_sample for r in results.results if r.target.issuer == h.issuer),
        }
        for h in results.headlines()
    ]
    return _publish(
        actor,
        kind=PublicationKind.HEADLINE,
        unit=unit,
        source_id=unit.pk,
        period=period.code,
        title=f"{unit.name} — {period.label}",
        content={"unit": unit.name, "period": period.label, "headlines": headlines},
        document=document,
    )


@audited
def withdraw(*, actor: Actor, publication: Publication) -> None:
    refuse_unless(can_withdraw(actor, publication), "Bạn không có quyền thu hồi bản công bố này.")
    with transaction.atomic():
        before = snapshot(publication)
        publication.withdrawn_at = timezone.now()
        publication.save(update_fields=["withdrawn_at"])
        record_change(
            actor=actor,
            action=ChangeAction.UPDATE,
            verb="thu hồi",
            instance=publication,
            before=before,
            after=snapshot(publication),
            scope_path=publication.unit.path,
        )
