"""Actual figures of units, their revisions, and the submission of a unit's report for a period.

`Actual` holds the current value of (unit, indicator, period, kind) with a version number that
guards against lost updates; every saved value is kept as an `ActualRevision`. A `Submission`
carries the report of a unit for a period through draft → submitted → approved (locked), or back
to the unit with a comment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chitieu.core.periods import Period


class ActualKind(models.TextChoices):
    ESTIMATE = "estimate", _("Estimate")
    OFFICIAL = "official", _("Official")


class Actual(models.Model):
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT)
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT
    )
    period = models.CharField(_("period"), max_length=12)
    kind = models.CharField(_("kind"), max_length=10, choices=ActualKind.choices)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("actual figure")
        verbose_name_plural = _("actual figures")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "period", "kind"], name="actual_unique_value"
            )
        ]
        indexes = [models.Index(fields=["unit", "period"]), models.Index(fields=["period"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.unit} · {self.period} · {self.get_kind_display()}"


class ActualRevision(models.Model):
    """One saved value, never changed afterwards: the history of a figure and its source."""

    actual = models.ForeignKey(Actual, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    value = models.DecimalField(max_digits=20, decimal_places=6, null=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    quote = models.TextField(_("quoted text"), blank=True)
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    class Meta:
        ordering = ["actual", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["actual", "version"], name="revision_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.actual} v{self.version}"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


EDITABLE_STATUSES = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


class Submission(models.Model):
    """The report of one unit for one period and one kind: the estimate (ước thực hiện) and the
    official figures (số chính thức) are submitted, approved and reopened each on its own."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT)
    period = models.CharField(_("period"), max_length=12)
    kind = models.CharField(
        _("kind"), max_length=10, choices=ActualKind.choices, default=ActualKind.ESTIMATE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("report submission")
        verbose_name_plural = _("report submissions")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period", "kind"], name="submission_unique")
        ]

    def __str__(self) -> str:
        return (
            f"{self.unit} · {self.period} · {self.get_kind_display()} · {self.get_status_display()}"
        )

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def period_value(self) -> Period:
        return Period.parse(self.period)


class ReportingDeadline(models.Model):
    """When the units under `unit` must have submitted their report for `period`."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT)
    period = models.CharField(_("period"), max_length=12)
    deadline = models.DateField(_("deadline"))

    class Meta:
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="deadline_unique")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period} · {self.deadline}"
