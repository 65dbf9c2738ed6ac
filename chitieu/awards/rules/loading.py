"""Loading the awards catalogue, the rule sets and the base salaries (idempotent)."""

from __future__ import annotations

from django.db import transaction

from chitieu.awards.models import AwardKind, BaseSalary, BlankLayout, RuleSet
from chitieu.awards.rules.catalogue import AWARDS, BASE_SALARIES, RULE_SETS
from chitieu.core.audit import unaudited


@unaudited("the catalogue, rule sets and salaries shipped with the package")
@transaction.atomic
def load_award_catalogue() -> int:
    """Create what is missing; returns how many rows were created."""
    created = 0
    for code, name, subject, is_title, level in AWARDS:
        _award, made = AwardKind.objects.get_or_create(
            code=code,
            defaults={"name": name, "subject": subject, "is_title": is_title, "level": level},
        )
        created += made
    for spec in RULE_SETS:
        _rules, made = RuleSet.objects.get_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "legal_basis": spec["legal_basis"],
                "valid_from": spec["valid_from"],
                "valid_to": spec["valid_to"],
                "parameters": spec["parameters"],
                "articles": spec["articles"],
                "cash": spec["cash"],
            },
        )
        created += made
    for code, label in (
        ("BK_TINH", "Phôi Bằng khen của Chủ tịch UBND tỉnh"),
        ("GIAY_KHEN", "Phôi Giấy khen"),
    ):
        award = AwardKind.objects.get(code=code)
        if not BlankLayout.objects.filter(award=award).exists():
            BlankLayout.objects.create(name=label, award=award)
            created += 1
    for valid_from, amount in BASE_SALARIES:
        _salary, made = BaseSalary.objects.get_or_create(
            valid_from=valid_from, defaults={"amount": amount}
        )
        created += made
    return created
