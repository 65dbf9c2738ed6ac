"""The import of a data-entry workbook, as a background job."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from chitieu.actuals.excel import read_entry_workbook
from chitieu.actuals.services import actuals_save
from chitieu.core.jobs import JobFailed, register
from chitieu.core.models import Job


@register("actuals_import")
def import_actuals(job: Job, progress) -> dict:
    user = get_user_model().objects.get(pk=job.created_by_id)
    with job.upload.open("rb") as stream:
        upload = read_entry_workbook(user, stream)
    progress(50)
    if upload.problems:
        raise JobFailed(upload.problems)
    assert upload.unit is not None and upload.period is not None
    try:
        saved = actuals_save(
            actor=user,
            unit=upload.unit,
            period=upload.period.code,
            kind=upload.kind,
            values=upload.values,
            source=f"Tệp Excel: {job.upload_name or job.upload.name}",
        )
    except Exception as error:
        messages = getattr(error, "messages", [str(error)])
        raise JobFailed(list(messages)) from error
    return {
        "unit": upload.unit.name,
        "period": upload.period.label,
        "saved": len(saved),
        "rows": len(upload.values),
    }
