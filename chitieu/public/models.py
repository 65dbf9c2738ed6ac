"""What the Board chooses to publish, frozen at the moment of publishing: the public pages show
these snapshots and nothing else, so a later change or an unpublished record never leaks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chitieu.core.files import RandomName


class PublicationKind(models.TextChoices):
    DECISION = "decision", _("Award decision")
    RANKING = "ranking", _("Cluster ranking")
    HEADLINE = "headline", _("Targets met by a unit")


class Publication(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=PublicationKind.choices)
    title = models.CharField(_("title"), max_length=300)
    content = models.JSONField(_("published content"))
    document = models.FileField(_("document"), upload_to=RandomName("public"), blank=True)
    document_name = models.CharField(_("file name"), max_length=255, blank=True)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveIntegerField()  # the decision, cluster year or unit published
    period = models.CharField(max_length=12, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.title
