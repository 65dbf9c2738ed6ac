from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja import Router, Schema

from chitieu.actuals.bulk import BulkResult, bulk_upsert, rows_from_csv
from chitieu.core.converters import Id
from chitieu.core.http import AuthenticatedHttpRequest

router = Router()


class ValueIn(Schema):
    unit: Id
    indicator: str
    period: str
    kind: str = "estimate"
    value: str | None = None


class ValueSetIn(Schema):
    dry_run: bool = False
    values: list[ValueIn]


class BulkOut(Schema):
    dry_run: bool
    created: int
    updated: int
    unchanged: int


@router.post("", response=BulkOut)
def upsert_values(request: AuthenticatedHttpRequest, payload: ValueSetIn) -> BulkResult:
    """Save many figures at once (all or none). With dry_run, only tell what would change."""
    result = bulk_upsert(
        actor=request.user, rows=[v.dict() for v in payload.values], dry_run=payload.dry_run
    )
    if result.problems:
        raise ValidationError(result.problems)
    return result


@router.post("/csv", response=BulkOut)
def upsert_values_csv(request: AuthenticatedHttpRequest, dry_run: bool = False) -> BulkResult:
    """The same with a CSV body: unit,indicator,period,kind,value (decimal point)."""
    try:
        text = request.body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError("Tệp CSV phải mã hóa UTF-8.") from error
    result = bulk_upsert(actor=request.user, rows=rows_from_csv(text), dry_run=dry_run)
    if result.problems:
        raise ValidationError(result.problems)
    return result
