"""The catalogue of titles and forms of reward, the rule sets by period with the province's own
parameters, and the base salaries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")
    ANY = "any", _("Individual or collective")


class AwardKind(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    subject = models.CharField(_("for"), max_length=12, choices=Subject.choices)
    is_title = models.BooleanField(_("emulation title"), default=True)
    level = models.CharField(_("level"), max_length=20)

    class Meta:
        ordering = ["code"]
        verbose_name = _("title or form of reward")
        verbose_name_plural = _("titles and forms of reward")

    def __str__(self) -> str:
        return self.name


class RuleSet(models.Model):
    """The rules of a period: parameters, citations and cash coefficients, as data."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict)
    articles = models.JSONField(_("citations"), default=dict)
    cash = models.JSONField(_("cash coefficients"), default=dict)

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"


class ProvinceRule(models.Model):
    """A province's own quotas and caps on top of a rule set."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("province"), on_delete=models.CASCADE)
    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE)
    parameters = models.JSONField(_("parameters"), default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "rule_set"], name="province_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.rule_set.code}"


class BaseSalary(models.Model):
    valid_from = models.DateField(_("valid from"), unique=True)
    amount = models.DecimalField(_("amount (đồng)"), max_digits=14, decimal_places=0)

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")

    def __str__(self) -> str:
        return f"{self.amount} từ {self.valid_from}"
