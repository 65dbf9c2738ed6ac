"""Reads of the audit trail, scoped to the subtrees where the user may view it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from chitieu.accounts.permissions import Capability, is_system_admin, scope
from chitieu.core.models import Job, ObjectChange
from chitieu.core.users import AnyUser


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    model: str = ""
    action: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    object_id: str = ""
    object_name: str = ""


def audit_list(user: AnyUser, filters: AuditFilter) -> QuerySet[ObjectChange]:
    changes = scope(ObjectChange.objects.all(), user, Capability.VIEW_AUDIT, "scope_path")
    if filters.actor:
        changes = changes.filter(actor__username__icontains=filters.actor)
    if filters.model and "." in filters.model:
        app_label, model = filters.model.split(".", 1)
        changes = changes.filter(content_type__app_label=app_label, content_type__model=model)
    if filters.action:
        changes = changes.filter(action=filters.action)
    if filters.date_from:
        changes = changes.filter(time__date__gte=filters.date_from)
    if filters.date_to:
        changes = changes.filter(time__date__lte=filters.date_to)
    if filters.object_id:
        changes = changes.filter(object_id=filters.object_id)
    if filters.object_name.strip():
        changes = changes.filter(object_repr__icontains=filters.object_name.strip())
    return changes.select_related("actor", "content_type")


def object_history(instance: Model) -> QuerySet[ObjectChange]:
    """Every recorded change of one object, newest first (visibility is the caller's check)."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    return ObjectChange.objects.filter(
        content_type=content_type, object_id=str(instance.pk)
    ).select_related("actor", "content_type")


def audited_models() -> list[ContentType]:
    ids = ObjectChange.objects.values_list("content_type_id", flat=True).distinct()
    return list(ContentType.objects.filter(pk__in=list(ids)).order_by("app_label", "model"))


def access_job(user: Any, pk: object) -> Job:
    """A job of the user's own (any job for a system administrator); 404 for the others."""
    jobs = Job.objects.all()
    if not is_system_admin(user):
        jobs = jobs.filter(created_by_id=user.pk)
    return get_object_or_404(jobs, pk=pk)
