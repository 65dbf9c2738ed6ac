"""The audit trail: one row per create, update or delete made through a service."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from chitieu.core.files import RandomName


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    ACTION = "action", _("Action")


class ObjectChange(models.Model):
    """Who changed what, when, from which values to which, and why.

    `scope_path` is the unit path of the object's unit, so that an administrator of a province
    sees exactly the changes inside that province.
    """

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changes",
    )
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    verb = models.CharField(_("what was done"), max_length=60, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    scope_path = models.CharField(max_length=255, blank=True, db_index=True)

    class Meta:
        ordering = ["-time", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-time"])]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    @property
    def model_label(self) -> str:
        return f"{self.content_type.app_label}.{self.content_type.model}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(field, old, new) for each field whose value differs; all fields on create/delete."""
        before = self.before or {}
        after = self.after or {}
        names = sorted(set(before) | set(after))
        return [
            (name, before.get(name), after.get(name))
            for name in names
            if before.get(name) != after.get(name)
        ]


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A long task (an import, a large report) with its status, progress and outcome."""

    kind = models.CharField(_("kind"), max_length=40)
    status = models.CharField(
        _("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    parameters = models.JSONField(default=dict, blank=True)
    upload = models.FileField(upload_to=RandomName("jobs"), blank=True)
    upload_name = models.CharField(max_length=255, blank=True)
    output = models.FileField(upload_to=RandomName("jobs"), blank=True)
    result = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Written by every progress step: a running job whose heartbeat stops has lost its worker.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # How many problems the job found; `errors` keeps only the first ones.
    error_count = models.PositiveIntegerField(default=0)
    retry_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="retries"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat")]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def hidden_error_count(self) -> int:
        return max(0, self.error_count - len(self.errors))


class DataVersion(models.Model):
    """A stamp per province (`scope` its path, "/12/") and one for the rest (`scope` ""), set
    anew by every audited write in the same transaction (`chitieu.core.versions`): a cached
    page keyed on the stamps is never older than the data it is shown with."""

    scope = models.CharField(max_length=64, unique=True)
    stamp = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.scope or '*'}: {self.stamp}"
