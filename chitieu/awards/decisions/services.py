"""Recording the People's Committee's decision on a proposal: the items it grants enter the
history with their cash, spent from the deciding level's fund; the items it refuses keep the
reason. A flagged item (a condition not met) is granted only when chosen explicitly, and a
decision the fund cannot pay is refused unless the Board confirms the overdraw with a reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from chitieu.awards.decisions.cash import base_salary_on, cash_amount, cash_subject
from chitieu.awards.decisions.signing import check_decision_date, signer_parts
from chitieu.awards.fund.selectors import shortfall_message
from chitieu.awards.fund.services import record_decision_spending
from chitieu.awards.models import (
    AwardRecord,
    BaseSalary,
    Decision,
    Proposal,
    ProposalItem,
    ProposalStatus,
)
from chitieu.awards.proposals.services import lock_proposal, record_step, require_reviewer
from chitieu.awards.rules import facts
from chitieu.core.audit import audited, record_change, record_creation, snapshot
from chitieu.core.models import ChangeAction
from chitieu.core.users import Actor

REASON_LIMIT = 300


def _label(item: ProposalItem) -> str:
    return f"{item.award.name} — {item.person or item.unit}"


def _outcomes(
    items: list[ProposalItem],
    granted: Collection[int] | None,
    reasons: Mapping[int, str],
) -> dict[int, str | None]:
    """Each item's answer: None when granted, else the reason for refusing it. Without an
    explicit `granted`, the items that meet every condition are granted and the flagged ones
    refused; a flagged item is granted only when listed in `granted`."""
    known = {item.pk for item in items}
    chosen = {item.pk for item in items if item.eligible} if granted is None else set(granted)
    strangers = (chosen | set(reasons)) - known
    if strangers:
        raise ValidationError("Có mục không thuộc tờ trình này.")
    outcomes: dict[int, str | None] = {}
    problems = []
    for item in items:
        reason = (reasons.get(item.pk) or "").strip()
        if len(reason) > REASON_LIMIT:
            problems.append(f"{_label(item)}: lý do dài quá {REASON_LIMIT} ký tự.")
        if item.pk in chosen:
            outcomes[item.pk] = None
        elif reason:
            outcomes[item.pk] = reason
        elif not item.eligible:
            unmet = "; ".join(f["message"] for f in item.findings if not f.get("met"))
            outcomes[item.pk] = (f"Chưa đủ điều kiện: {unmet}" if unmet else "Chưa đủ điều kiện.")[
                :REASON_LIMIT
            ]
        else:
            problems.append(f"{_label(item)}: hãy ghi lý do không khen thưởng.")
    if problems:
        raise ValidationError(problems)
    if items and all(outcome is not None for outcome in outcomes.values()):
        raise ValidationError("Quyết định phải khen thưởng ít nhất một mục của tờ trình.")
    return outcomes


def submitted_on(proposal: Proposal) -> dt.date | None:
    """The day the proposal was first sent to the Board."""
    step = proposal.steps.filter(to_status=ProposalStatus.SUBMITTED).order_by("time", "id").first()
    return timezone.localdate(step.time) if step else None


@audited
def decision_record(
    *,
    actor: Actor,
    proposal: Proposal,
    number: str,
    date: dt.date,
    issuer: str,
    signer: str = "",
    granted: Collection[int] | None = None,
    reasons: Mapping[int, str] | None = None,
    overdraw_confirmed: bool = False,
    overdraw_reason: str = "",
    signer_title: str = "",
) -> Decision:
    """The People's Committee's decision on a proposal put before it, recorded by its Board: the
    granted items enter the history with the cash of the rule set of the achievement year and
    the base salary of the date; the cash is spent from the deciding level's fund of the year.

    `granted`: the ids of the items granted (None: those that meet every condition); `reasons`:
    why each other item is refused (a flagged item not granted gets the checker's findings).
    A decision needing more than the fund holds (no fund: nothing) is refused unless
    `overdraw_confirmed` with an `overdraw_reason`, kept on the fund's entry."""
    if not number.strip():
        raise ValidationError({"number": "Hãy nhập số quyết định."})
    overdraw_reason = overdraw_reason.strip()
    if overdraw_confirmed and not overdraw_reason:
        raise ValidationError({"overdraw_reason": "Hãy ghi lý do chi vượt quỹ."})
    if len(overdraw_reason) > REASON_LIMIT:
        raise ValidationError(
            {"overdraw_reason": f"Lý do chi vượt quỹ dài quá {REASON_LIMIT} ký tự."}
        )
    signer_title, signer = signer_parts(signer_title, signer)
    check_decision_date(date, timezone.localdate())
    salaries = list(BaseSalary.objects.values_list("valid_from", "amount"))
    with transaction.atomic():
        locked = lock_proposal(proposal)
        # Checked on the locked row: the proposal may have moved on since the page was shown.
        level = require_reviewer(actor, locked)
        if locked.status != ProposalStatus.AT_COMMITTEE:
            raise ValidationError("Chỉ ghi quyết định cho tờ trình đã trình Ủy ban nhân dân.")
        items = list(locked.items.select_related("award", "person__unit", "unit").order_by("id"))
        outcomes = _outcomes(items, granted, reasons or {})
        check_decision_date(date, timezone.localdate(), submitted_on(locked))
        rules = facts.rule_set_model_for(locked.year)
        factor = Decimal(str(rules.parameters.get("household_factor", "1.5")))
        try:
            salary = base_salary_on(date, salaries)
        except LookupError as error:
            raise ValidationError(str(error)) from error
        cash = {
            item.pk: cash_amount(
                award=item.award.code,
                subject=cash_subject(
                    collective=bool(item.unit_id), award_subject=item.award.subject
                ),
                coefficients=rules.cash,
                base_salary=salary,
                household_factor=factor,
            )
            for item in items
            if outcomes[item.pk] is None
        }
        needed = sum((amount or Decimal(0) for amount in cash.values()), Decimal(0))
        shortfall = shortfall_message(level, date.year, needed)
        if shortfall and not overdraw_confirmed:
            raise ValidationError(
                f"{shortfall} Quyết định chưa được ghi: muốn chi vượt quỹ, hãy xác nhận và ghi "
                "lý do."
            )
        decision = Decision.objects.create(
            number=number.strip(),
            date=date,
            issuer=issuer.strip(),
            signer=signer,
            signer_title=signer_title,
            unit=level,
            proposal=locked,
        )
        record_creation(actor=actor, instance=decision, scope_path=locked.unit.path)
        for item in items:
            before = snapshot(item)
            item.granted = outcomes[item.pk] is None
            item.refusal_reason = outcomes[item.pk] or ""
            item.save(update_fields=["granted", "refusal_reason"])
            record_change(
                actor=actor,
                action=ChangeAction.UPDATE,
                instance=item,
                before=before,
                after=snapshot(item),
                scope_path=locked.unit.path,
                verb="quyết định",
            )
            if not item.granted:
                continue
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
                cash=cash[item.pk],
            )
            item.initiatives.update(used_for=record)
            subject_unit = item.person.unit if item.person else item.unit
            assert subject_unit is not None
            record_creation(actor=actor, instance=record, scope_path=subject_unit.path)
        record_decision_spending(
            actor=actor, decision=decision, overdraw_reason=overdraw_reason if shortfall else ""
        )
        refused = sum(outcome is not None for outcome in outcomes.values())
        comment = f"Quyết định {decision}"
        if refused:
            comment += f": khen thưởng {len(items) - refused} mục, không khen thưởng {refused} mục"
        record_step(actor, locked, ProposalStatus.DECIDED, comment, verb="quyết định")
    return decision
