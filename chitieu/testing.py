"""Helpers the test modules share: a logged-in client, a figure entered through the service, a
sent proposal carried through to its decision."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model
from django.test import Client

if TYPE_CHECKING:
    from chitieu.awards.models import Decision, Proposal
    from chitieu.core.audit import AuditContext
    from chitieu.core.users import Actor
    from chitieu.indicators.models import Indicator
    from chitieu.units.models import Unit

M = TypeVar("M", bound=Model)


def client_for(user: Actor) -> Client:
    client = Client()
    client.force_login(user)
    return client


def put(
    actor: Actor,
    unit: Unit,
    indicator: Indicator,
    period: str,
    value: str,
    kind: str = "estimate",
) -> None:
    """Enter one figure as a reporter would, over whatever version is stored."""
    from chitieu.actuals.models import Actual
    from chitieu.actuals.services import ValueInput, actuals_save

    current = Actual.objects.filter(
        unit=unit, indicator=indicator, period=period, kind=kind
    ).first()
    actuals_save(
        actor=actor,
        unit=unit,
        period=period,
        kind=kind,
        values=[ValueInput(indicator, Decimal(value), current.version if current else 0)],
    )


def sent_on_paper_before(proposal: Proposal, date: dt.date) -> None:
    """A decision is not dated before its proposal was sent: a test that decides in the past
    dates the proposal's steps (sent, reviewed, put to the Committee) on that day."""
    from django.utils import timezone

    from chitieu.core.audit import unaudited

    moment = timezone.make_aware(dt.datetime.combine(date, dt.time(8)))
    with unaudited("tests: a proposal sent on paper before its decision's date"):
        proposal.steps.filter(time__gt=moment).update(time=moment)


def review_and_decide(
    board: Actor,
    proposal: Proposal,
    number: str,
    date: dt.date,
    issuer: str = "Chủ tịch UBND tỉnh",
    **extra: Any,
) -> Decision:
    """Review a sent proposal, put it before the People's Committee and record its decision: the
    steps many tests take before the part they check."""
    from chitieu.awards.decisions.services import decision_record
    from chitieu.awards.proposals.services import proposal_review, proposal_to_committee

    proposal_review(actor=board, proposal=proposal)
    proposal_to_committee(actor=board, proposal=proposal)
    # Most tests are not about the fund: the overdraw is confirmed unless the test says otherwise.
    extra.setdefault("overdraw_confirmed", True)
    extra.setdefault("overdraw_reason", "Thử nghiệm: chưa phân bổ quỹ.")
    sent_on_paper_before(proposal, date)
    return decision_record(
        actor=board, proposal=proposal, number=number, date=date, issuer=issuer, **extra
    )


# -- the audit tripwire ------------------------------------------------------------------------
# Every write to a domain model goes through an audited service (`chitieu.core.audit.audited`)
# that writes its audit row. The autouse fixture of chitieu/conftest.py fails a test in which a
# domain row is saved or deleted outside one, or a service wrote rows and no audit row.

# Not domain rows: the audit itself, the status records of background jobs, data versions.
NOT_AUDITED = {"core.objectchange", "core.job", "core.dataversion"}


def is_domain_model(model: type[Model]) -> bool:
    meta = model._meta
    return model.__module__.startswith("chitieu.") and meta.label_lower not in NOT_AUDITED


_SQL_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def _domain_tables() -> dict[str, str]:
    """Domain models by their table (lower case): model label."""
    from django.apps import apps

    return {
        model._meta.db_table.lower(): model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if is_domain_model(model)
    }


class AuditTripwire:
    """Listens to the saves and deletes of domain models while a test runs, and to the SQL
    that writes their tables inside a service: bulk inserts and updates (`bulk_create`,
    `QuerySet.update`, executemany, unnest) send no model signal, so an audited service that
    writes rows that way and no audit row is caught too. (Outside a service, only saves and
    deletes are watched: tests set up and age rows with `QuerySet.update`.)"""

    def __init__(self) -> None:
        self.violations: list[str] = []
        self.tables: dict[str, str] = {}
        self.wrapped: list[Any] = []

    def _written(self, model: type[Model], what: str) -> None:
        from chitieu.core.audit import current_audit_context

        if not is_domain_model(model):
            return
        context = current_audit_context()
        if context is None:
            self.violations.append(f"{what} {model._meta.label} outside an audited service")
        elif not context.exempt:
            context.saved.append(f"{what} {model._meta.label}")

    def on_save(
        self,
        sender: type[Model],
        instance: Model,
        created: bool,
        raw: bool = False,
        **kwargs: Any,
    ) -> None:
        if not raw:  # loaddata
            self._written(sender, "created" if created else "saved")

    def on_delete(self, sender: type[Model], instance: Model, **kwargs: Any) -> None:
        self._written(sender, "deleted")

    def on_m2m(self, sender: type[Model], instance: Model, action: str, **kwargs: Any) -> None:
        if action in ("post_add", "post_remove", "post_clear"):
            self._written(sender, f"{action[5:]} to")

    def on_query(self, execute: Any, sql: Any, params: Any, many: bool, query_context: Any) -> Any:
        from chitieu.core.audit import current_audit_context

        match = _SQL_WRITE.match(sql) if isinstance(sql, str) else None
        if match and (label := self.tables.get(match.group(1).lower())) is not None:
            context = current_audit_context()
            if context is not None and not context.exempt:
                context.written.append(label)
        return execute(sql, params, many, query_context)

    def on_close(self, context: AuditContext) -> None:
        if context.changes or context.exempt:
            return
        if context.saved:
            self.violations.append(
                f"{context.label} wrote ({', '.join(sorted(set(context.saved)))}) and no audit row"
            )
        elif context.written:
            tables = ", ".join(sorted(set(context.written)))
            self.violations.append(f"{context.label} wrote ({tables} by SQL) and no audit row")

    def __enter__(self) -> AuditTripwire:
        from django.db import connections
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from chitieu.core import audit

        self.tables = _domain_tables()
        self.wrapped = [connection for connection in connections.all(initialized_only=False)]
        for connection in self.wrapped:
            connection.execute_wrappers.append(self.on_query)
        post_save.connect(self.on_save, dispatch_uid="audit-tripwire-save")
        post_delete.connect(self.on_delete, dispatch_uid="audit-tripwire-delete")
        m2m_changed.connect(self.on_m2m, dispatch_uid="audit-tripwire-m2m")
        audit.closing_hooks.append(self.on_close)
        return self

    def __exit__(self, *exc: object) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from chitieu.core import audit

        for connection in self.wrapped:
            if self.on_query in connection.execute_wrappers:
                connection.execute_wrappers.remove(self.on_query)
        post_save.disconnect(dispatch_uid="audit-tripwire-save")
        post_delete.disconnect(dispatch_uid="audit-tripwire-delete")
        m2m_changed.disconnect(dispatch_uid="audit-tripwire-m2m")
        audit.closing_hooks.remove(self.on_close)


def fixture_row(model: type[M], **fields: Any) -> M:
    """A row a test sets up directly, where the system has no service to write it (annual
    ratings, initiatives, pending matters come from other systems): exempt from the tripwire."""
    from chitieu.core.audit import unaudited

    with unaudited("test fixture"):
        return model.objects.create(**fields)  # type: ignore[attr-defined]
