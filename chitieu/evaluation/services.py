"""Writes to evaluation settings, audited."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.accounts.permissions import Capability, require
from chitieu.core.audit import audited, record_change, snapshot
from chitieu.core.models import ChangeAction
from chitieu.core.users import Actor
from chitieu.evaluation.models import EvaluationPolicy
from chitieu.units.models import Unit


@audited
def policy_set(
    *, actor: Actor, unit: Unit, near_met_tolerance: Decimal, reason: str = ""
) -> EvaluationPolicy:
    """Set the tolerance for "gần đạt" on a unit and everything under it."""
    require(actor, Capability.MANAGE_TARGETS, unit)
    if not Decimal(0) <= near_met_tolerance <= Decimal(50):
        raise ValidationError({"near_met_tolerance": "Ngưỡng “gần đạt” phải từ 0 đến 50%."})
    with transaction.atomic():
        policy = EvaluationPolicy.objects.select_for_update(of=("self",)).filter(unit=unit).first()
        before = snapshot(policy) if policy else None
        if policy is None:
            policy = EvaluationPolicy(unit=unit)
        policy.near_met_tolerance = near_met_tolerance
        policy.save()
        record_change(
            actor=actor,
            action=ChangeAction.UPDATE if before else ChangeAction.CREATE,
            instance=policy,
            before=before,
            after=snapshot(policy),
            reason=reason,
            scope_path=unit.path,
        )
    return policy
