"""Titles and forms of reward, the rule sets by period, persons with their award history, and
proposals that end in a decision.

An award record belongs to a person or to a collective (a unit or organisation of the registry).
A person keeps their history when their unit is merged; a collective formed by a merger inherits
the history of the units that went into it whole (see selectors.collective_history).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chitieu.core.files import RandomName
from chitieu.core.text import fold


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


class Sex(models.TextChoices):
    MALE = "nam", _("Male")
    FEMALE = "nu", _("Female")


class Group(models.TextChoices):
    LEADER = "lanh_dao", _("Leader or manager")
    WORKER = "cong_nhan", _("Worker")
    FARMER = "nong_dan", _("Farmer")
    OTHER = "khac", _("Other")


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=150)
    sex = models.CharField(_("sex"), max_length=3, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people"
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    group = models.CharField(_("group"), max_length=10, choices=Group.choices, default=Group.OTHER)
    search_name = models.CharField(max_length=200, editable=False)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.full_name)
        super().save(*args, **kwargs)


def _one_subject() -> Q:
    return (Q(person__isnull=False) & Q(unit__isnull=True)) | (
        Q(person__isnull=True) & Q(unit__isnull=False)
    )


class CommendationType(models.TextChoices):
    MERIT = "cong_trang", _("For merit")
    SUDDEN = "dot_xuat", _("Sudden")
    THEME = "chuyen_de", _("Movement or theme")
    DEDICATION = "cong_hien", _("Dedication")
    SERVICE = "nien_han", _("Length of service")
    FOREIGN = "doi_ngoai", _("Foreign relations")


class Decision(models.Model):
    number = models.CharField(_("number"), max_length=60)
    date = models.DateField(_("date"))
    issuer = models.CharField(_("issued by"), max_length=200)
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    unit = models.ForeignKey("units.Unit", verbose_name=_("issuing unit"), on_delete=models.PROTECT)
    proposal = models.OneToOneField(
        "Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="decision"
    )

    class Meta:
        ordering = ["-date", "number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.number} ngày {self.date:%d/%m/%Y}"


class AwardRecord(models.Model):
    """One title or reward in the history of a person or a collective."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    award = models.ForeignKey(AwardKind, verbose_name=_("award"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("achievement year"))
    commendation_type = models.CharField(
        _("type"), max_length=12, choices=CommendationType.choices, default=CommendationType.MERIT
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    cash = models.DecimalField(
        _("cash (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-year", "-decision_date"]
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        constraints = [models.CheckConstraint(condition=_one_subject(), name="award_one_subject")]

    def __str__(self) -> str:
        return f"{self.award} {self.year} — {self.person or self.unit}"

    @property
    def counts_for_merit(self) -> bool:
        return self.commendation_type not in (CommendationType.SUDDEN, CommendationType.THEME)


class Rating(models.TextChoices):
    EXCELLENT = "HTXS", _("Completed tasks excellently")
    GOOD = "HTT", _("Completed tasks well")
    DONE = "HT", _("Completed tasks")
    NOT_DONE = "KHT", _("Did not complete tasks")


class AnnualRating(models.Model):
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="ratings"
    )
    unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=4, choices=Rating.choices)

    class Meta:
        verbose_name = _("annual rating")
        verbose_name_plural = _("annual ratings")
        constraints = [
            models.CheckConstraint(condition=_one_subject(), name="rating_one_subject"),
            models.UniqueConstraint(fields=["person", "year"], name="rating_person_year"),
            models.UniqueConstraint(fields=["unit", "year"], name="rating_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} {self.year}: {self.rating}"


class Scope(models.TextChoices):
    UNIT = "co_so", _("Within the unit")
    PROVINCE = "tinh", _("Province-wide")
    NATIONAL = "toan_quoc", _("Nationwide")


class Initiative(models.Model):
    """A recognised initiative (sáng kiến) or accepted research project of a person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year recognised"))
    scope = models.CharField(_("scope of effect"), max_length=10, choices=Scope.choices)
    is_research = models.BooleanField(_("research project"), default=False)
    used_for = models.ForeignKey(
        AwardRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="initiatives"
    )

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return self.title


class PendingKind(models.TextChoices):
    DISCIPLINE = "ky_luat", _("discipline")
    INSPECTION = "thanh_tra", _("inspection")
    COMPLAINT = "khieu_nai", _("complaint")


class DisciplineLevel(models.TextChoices):
    REPRIMAND = "khien_trach", _("Reprimand")
    WARNING = "canh_cao", _("Warning")
    DEMOTION = "giang_chuc", _("Demotion")
    REMOVAL = "cach_chuc", _("Removal from office")
    DISMISSAL = "buoc_thoi_viec", _("Dismissal")


class Matter(models.Model):
    """A discipline, inspection or complaint concerning a person or a collective."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="matters"
    )
    unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="matters"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PendingKind.choices)
    level = models.CharField(
        _("discipline level"), max_length=16, choices=DisciplineLevel.choices, blank=True
    )
    year = models.PositiveSmallIntegerField(_("year"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("discipline, inspection or complaint")
        verbose_name_plural = _("disciplines, inspections and complaints")
        constraints = [models.CheckConstraint(condition=_one_subject(), name="matter_one_subject")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.person or self.unit}"


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    SUBMITTED = "submitted", _("Sent to the Board")
    REVIEWED = "reviewed", _("Reviewed by the Board")
    AT_COMMITTEE = "committee", _("Before the People's Committee")
    RETURNED = "returned", _("Returned")
    DECIDED = "decided", _("Decided")


class Proposal(models.Model):
    """A commendation proposal (tờ trình) of a unit, with its list."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("proposing unit"), on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("achievement year"))
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    # The level whose Board holds the proposal once sent: the level above the unit (or the
    # cluster's organiser), then each level it is forwarded to; its People's Committee decides.
    considered_at = models.ForeignKey(
        "units.Unit",
        verbose_name=_("considered at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Stored under random names; the names the files were uploaded with are kept beside them.
    achievement_report = models.FileField(
        _("achievement report"), upload_to=RandomName("proposals"), blank=True
    )
    achievement_report_name = models.CharField(_("file name"), max_length=255, blank=True)
    vote_minutes = models.FileField(
        _("vote minutes"), upload_to=RandomName("proposals"), blank=True
    )
    vote_minutes_name = models.CharField(_("file name"), max_length=255, blank=True)
    cluster_year = models.ForeignKey(
        "emulation.ClusterYear",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    movement = models.ForeignKey(
        "emulation.Movement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(_("last comment"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("commendation proposal")
        verbose_name_plural = _("commendation proposals")
        constraints = [
            # One vote of a cluster's year, one proposal (emulation.services.proposal_from_votes).
            models.UniqueConstraint(fields=["cluster_year"], name="proposal_one_per_cluster_year")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.unit}, {self.year})"

    @property
    def is_editable(self) -> bool:
        return self.status in (ProposalStatus.DRAFT, ProposalStatus.RETURNED)


class ProposalItem(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT)
    unit = models.ForeignKey("units.Unit", null=True, blank=True, on_delete=models.PROTECT)
    award = models.ForeignKey(AwardKind, verbose_name=_("award"), on_delete=models.PROTECT)
    commendation_type = models.CharField(
        _("type"), max_length=12, choices=CommendationType.choices, default=CommendationType.MERIT
    )
    achievement = models.TextField(_("achievement"), blank=True)
    votes_in_favour = models.PositiveIntegerField(_("votes in favour"), null=True, blank=True)
    council_members = models.PositiveIntegerField(_("council members"), null=True, blank=True)
    initiatives = models.ManyToManyField(
        Initiative, blank=True, verbose_name=_("initiatives relied on")
    )
    justification = models.TextField(
        _("justification"), blank=True, help_text=_("Required when a condition is not met.")
    )
    findings = models.JSONField(_("checker findings"), default=list, blank=True)
    eligible = models.BooleanField(_("meets every condition"), default=False)

    class Meta:
        ordering = ["id"]  # the order in which the unit listed them
        verbose_name = _("proposed award")
        verbose_name_plural = _("proposed awards")
        constraints = [models.CheckConstraint(condition=_one_subject(), name="item_one_subject")]

    def __str__(self) -> str:
        return f"{self.award} — {self.person or self.unit}"

    @property
    def is_flagged(self) -> bool:
        """Goes forward although a condition is not met, on a written justification."""
        return not self.eligible


class ProposalStep(models.Model):
    """Who moved a proposal from which status to which, when, and why."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=10, choices=ProposalStatus.choices)
    to_status = models.CharField(max_length=10, choices=ProposalStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    time = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["time", "id"]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.from_status} → {self.to_status}"


class Fund(models.Model):
    """The emulation and commendation fund (quỹ thi đua, khen thưởng) of a unit for a year."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("reward fund")
        verbose_name_plural = _("reward funds")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="fund_unique")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


class FundEntryKind(models.TextChoices):
    INCOME = "income", _("Allocation")
    SPENDING = "spending", _("Spending")


class FundEntry(models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=8, choices=FundEntryKind.choices)
    amount = models.DecimalField(_("amount (đồng)"), max_digits=16, decimal_places=0)
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=300)
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="fund_entry"
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"


BLANK_FIELDS = ("name", "unit", "achievement", "decision", "place_date", "signer")


def default_blank_fields() -> dict:
    """A Bằng khen blank in landscape A4: where each printed line goes, in millimetres."""
    return {
        "name": {"x": 60, "y": 92, "size": 24, "bold": True, "width": 177},
        "unit": {"x": 60, "y": 106, "size": 15, "bold": False, "width": 177},
        "achievement": {"x": 45, "y": 120, "size": 15, "bold": False, "width": 207},
        "decision": {"x": 30, "y": 170, "size": 12, "bold": False, "width": 110},
        "place_date": {"x": 160, "y": 160, "size": 13, "bold": False, "width": 110},
        "signer": {"x": 160, "y": 190, "size": 14, "bold": True, "width": 110},
    }


class BlankLayout(models.Model):
    """Where the fields of a certificate are printed on a pre-printed blank."""

    name = models.CharField(_("name"), max_length=150)
    award = models.ForeignKey(
        AwardKind, verbose_name=_("for"), on_delete=models.PROTECT, related_name="+"
    )
    page_width = models.DecimalField(
        _("page width (mm)"), max_digits=6, decimal_places=1, default=297
    )
    page_height = models.DecimalField(
        _("page height (mm)"), max_digits=6, decimal_places=1, default=210
    )
    font = models.CharField(_("font"), max_length=60, default="Times New Roman")
    fields = models.JSONField(_("fields"), default=default_blank_fields)
    # None: the installation's layout, kept by system administrators; a unit's own copy is
    # adjusted by its Board and used for the decisions of that unit and the units under it.
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("blank layout")
        verbose_name_plural = _("blank layouts")

    def __str__(self) -> str:
        return self.name
