"""The quotas and caps a province adds to the national rules (LAW.md: "provinces may set one"):
only what a rule set leaves open, set by the province's Board, audited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.accounts.permissions import Capability, get_or_404, has_capability, require
from chitieu.awards.models import ProvinceRule, RuleSet
from chitieu.core.audit import audited, record_change, snapshot
from chitieu.core.models import ChangeAction
from chitieu.core.numbers import NumberFormatError, format_decimal, parse_decimal
from chitieu.core.users import Actor, AnyUser
from chitieu.units.models import Unit

# What a province may set where the national rules say nothing: a percentage, 0–100.
PROVINCE_PARAMETERS = {
    "cstdcs_max_share_of_ldtt": (
        "Số Chiến sĩ thi đua cơ sở tối đa, tính theo % số Lao động tiên tiến của đơn vị"
    ),
}


@dataclass
class Setting:
    rule_set: RuleSet
    key: str
    label: str
    value: Decimal | None  # the province's; None: no cap


def settings_of(province: Unit) -> list[Setting]:
    """Every parameter the province may set, for every rule set that leaves it open."""
    own = {rule.rule_set_id: rule.parameters for rule in ProvinceRule.objects.filter(unit=province)}
    found = []
    for rule_set in RuleSet.objects.order_by("valid_from"):
        for key, label in PROVINCE_PARAMETERS.items():
            if key in rule_set.parameters:
                continue  # the national rules decide it
            value = own.get(rule_set.pk, {}).get(key)
            found.append(Setting(rule_set, key, label, None if value is None else Decimal(value)))
    return found


@audited
def province_rule_set(
    *, actor: Actor, province: Unit, rule_set: RuleSet, values: dict[str, str]
) -> None:
    """Save the given parameters of the province for one rule set from the form's text; a blank
    one is removed, the others stay. All or none; a Vietnamese message names what is wrong."""
    if province.parent_id is not None:
        raise ValidationError("Chỉ cấp tỉnh đặt thêm quy định về tỷ lệ, định mức khen thưởng.")
    require(actor, Capability.MANAGE_EMULATION, province)
    given: dict[str, str | None] = {}
    for key, text in values.items():
        if key not in PROVINCE_PARAMETERS or key in rule_set.parameters:
            raise ValidationError(f"Tỉnh không đặt được tham số “{key}” cho {rule_set.name}.")
        if not text.strip():
            given[key] = None
            continue
        try:
            value = parse_decimal(text)
        except (NumberFormatError, InvalidOperation) as error:
            raise ValidationError(f"{PROVINCE_PARAMETERS[key]}: {error}") from error
        if not 0 <= value <= 100:
            shown = format_decimal(value)
            raise ValidationError(
                f"{PROVINCE_PARAMETERS[key]}: phải từ 0 đến 100, không phải {shown}."
            )
        given[key] = str(value)
    with transaction.atomic():
        rule = (
            ProvinceRule.objects.select_for_update()
            .filter(unit=province, rule_set=rule_set)
            .first()
        )
        before = snapshot(rule) if rule else None
        if rule is None:
            rule = ProvinceRule(unit=province, rule_set=rule_set)
        parameters = {**rule.parameters, **given}
        rule.parameters = {key: value for key, value in parameters.items() if value is not None}
        rule.save()
        record_change(
            actor=actor,
            action=ChangeAction.CREATE if before is None else ChangeAction.UPDATE,
            instance=rule,
            before=before,
            after=snapshot(rule),
            scope_path=province.path,
        )


def access_rule_set(pk: object) -> RuleSet:
    return get_or_404(RuleSet.objects.all(), pk)


@dataclass(frozen=True)
class ProvinceRulesPage:
    province: Unit
    settings: list[Setting]
    rule_sets: list[RuleSet]
    can_manage: bool


def province_rules_page(user: AnyUser, province: Unit) -> ProvinceRulesPage:
    return ProvinceRulesPage(
        province,
        settings_of(province),
        list(RuleSet.objects.order_by("valid_from")),
        province.parent_id is None and has_capability(user, Capability.MANAGE_EMULATION, province),
    )
