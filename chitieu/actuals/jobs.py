"""The import of a data-entry workbook, as a background job."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from chitieu.actuals.excel import read_entry_workbook
from chitieu.actuals.selectors import BASELINE_FROM_UNIT
from chitieu.actuals.services import StaleValueError, sheet_save
from chitieu.core.jobs import JobFailed, register
from chitieu.core.models import Job


@register("actuals_import", time_limit=10 * 60)
def import_actuals(job: Job, progress: Callable[[int], None]) -> dict[str, Any]:
    user = get_user_model().objects.get(pk=job.created_by_id)
    with job.upload.open("rb") as stream:
        upload = read_entry_workbook(user, stream)
    progress(50)
    if upload.problems:
        raise JobFailed(upload.problems)
    assert upload.unit is not None and upload.period is not None
    try:
        # The form's save: one import of a report at a time (actuals_save locks the report, its
        # submission row or SQLite's write lock, and checks every version under that lock).
        saved = sheet_save(
            actor=user,
            unit=upload.unit,
            period=upload.period.code,
            kind=upload.kind,
            values=upload.sheet.values,
            baselines=upload.sheet.baselines,
            subunit_values=upload.sheet.subunits,
            baseline_source=BASELINE_FROM_UNIT,
            source=f"Tệp Excel: {job.upload_name or job.upload.name}",
        )
    except StaleValueError as stale:
        raise JobFailed(
            [
                f"{upload.where_value(indicator_id)}: số liệu đã được thay đổi thành {other} "
                "sau khi tệp mẫu được tạo; không ghi đè. Hãy tải tệp mẫu mới để xem số liệu "
                "hiện tại rồi nhập lại."
                for indicator_id, other in stale.others.items()
            ]
        ) from stale
    except ValidationError as error:
        raise JobFailed(list(error.messages)) from error
    except PermissionDenied as error:
        raise JobFailed([str(error) or "Bạn không có quyền nhập số liệu này."]) from error
    return {
        "unit": upload.unit.name,
        "period": upload.period.label,
        "saved": saved,
        "rows": upload.sheet.count,
        "warnings": upload.warnings,
    }


@register("actuals_bulk", time_limit=15 * 60)
def bulk_actuals(job: Job, progress: Callable[[int], None]) -> dict[str, Any]:
    """A large bulk call (more values than one request answers at once), from its kept body."""
    from chitieu.actuals.bulk import BodyError, BulkRefused, actuals_bulk_save

    user = get_user_model().objects.get(pk=job.created_by_id)
    parameters = job.parameters
    try:
        with job.upload.open("rb") as body:
            result = actuals_bulk_save(
                actor=user,
                body=body,
                layout=parameters["layout"],
                dry_run=bool(parameters.get("dry_run")),
                source=str(parameters.get("source") or "API"),
                progress=progress,
            )
    except BulkRefused as refused:
        raise JobFailed([refused.summary, *refused.messages]) from refused
    except BodyError as error:
        raise JobFailed([str(error)]) from error
    return result.as_dict()
