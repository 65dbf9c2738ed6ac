"""Publishing and withdrawing: scoped to the publisher's units, audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from chitieu.accounts.permissions import Capability, require
from chitieu.awards.models import Decision
from chitieu.core import files
from chitieu.core.audit import record_change, record_creation, snapshot
from chitieu.core.dates import format_date
from chitieu.core.models import ChangeAction
from chitieu.core.periods import Period
from chitieu.emulation.models import ClusterYear
from chitieu.emulation.selectors import cluster_ranking
from chitieu.evaluation.loader import evaluate_units
from chitieu.public.models import Publication, PublicationKind
from chitieu.units.models import Unit


def _publish(
    actor, *, kind, title, content, unit, source_id, period="", document=None
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


def publish_decision(*, actor, decision: Decision, document=None) -> Publication:
    require(actor, Capability.MANAGE_EMULATION, decision.unit)
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


def publish_ranking(*, actor, cluster_year: ClusterYear, document=None) -> Publication:
    require(actor, Capability.MANAGE_EMULATION, cluster_year.cluster.organiser)
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


def publish_headline(*, actor, unit: Unit, period: Period, document=None) -> Publication:
    require(actor, Capability.MANAGE_TARGETS, unit)
    (results,) = evaluate_units([unit], period)
    headlines = [
        {
            "issuer": h.issuer,
            "achieved": h.achieved,
            "total": h.total,
            "exceeded": h.exceeded,
            "text": h.text,
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


def withdraw(*, actor, publication: Publication) -> None:
    require(actor, Capability.VIEW, publication.unit)
    if not (actor.is_superuser or publication.published_by_id == actor.pk):
        require(actor, Capability.MANAGE_EMULATION, publication.unit)
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
