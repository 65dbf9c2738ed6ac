"""Recording the People's Committee's decision on a proposal: its awards enter the history with
their cash, spent from the deciding level's fund."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.awards.decisions.cash import base_salary_on, cash_amount, cash_subject
from chitieu.awards.fund.services import record_decision_spending
from chitieu.awards.models import AwardRecord, BaseSalary, Decision, Proposal, ProposalStatus
from chitieu.awards.proposals.services import lock_proposal, record_step, require_reviewer
from chitieu.awards.rules import facts
from chitieu.core.audit import audited, record_creation
from chitieu.core.users import Actor


@audited
def decision_record(
    *, actor: Actor, proposal: Proposal, number: str, date: dt.date, issuer: str, signer: str = ""
) -> Decision:
    """The People's Committee's decision on a proposal put before it, recorded by its Board: the
    awards enter the history with the cash of the rule set of the achievement year and the base
    salary of the date; the cash is spent from the deciding level's fund."""
    if not number.strip():
        raise ValidationError({"number": "Hãy nhập số quyết định."})
    salaries = list(BaseSalary.objects.values_list("valid_from", "amount"))
    with transaction.atomic():
        locked = lock_proposal(proposal)
        # Checked on the locked row: the proposal may have moved on since the page was shown.
        level = require_reviewer(actor, locked)
        if locked.status != ProposalStatus.AT_COMMITTEE:
            raise ValidationError("Chỉ ghi quyết định cho tờ trình đã trình Ủy ban nhân dân.")
        rules = facts.rule_set_model_for(locked.year)
        factor = Decimal(str(rules.parameters.get("household_factor", "1.5")))
        salary = base_salary_on(date, salaries)
        decision = Decision.objects.create(
            number=number.strip(),
            date=date,
            issuer=issuer.strip(),
            signer=signer.strip(),
            unit=level,
            proposal=locked,
        )
        record_creation(actor=actor, instance=decision, scope_path=locked.unit.path)
        for item in locked.items.select_related("award", "person__unit", "unit").order_by("id"):
            subject = cash_subject(collective=bool(item.unit_id), award_subject=item.award.subject)
            record = AwardRecord.objects.create(
                person=item.person,
                unit=item.unit,
                award=item.award,
                year=locked.year,
                commendation_type=item.commendation_type,
                decision=decision,
                decision_number=decision.number,
                decision_date=date,
                issuer=decision.issuer,
                cash=cash_amount(
                    award=item.award.code,
                    subject=subject,
                    coefficients=rules.cash,
                    base_salary=salary,
                    household_factor=factor,
                ),
            )
            item.initiatives.update(used_for=record)
            subject_unit = item.person.unit if item.person else item.unit
            assert subject_unit is not None
            record_creation(actor=actor, instance=record, scope_path=subject_unit.path)
        record_decision_spending(actor=actor, decision=decision)
        record_step(
            actor, locked, ProposalStatus.DECIDED, f"Quyết định {decision}", verb="quyết định"
        )
    return decision
