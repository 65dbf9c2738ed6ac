"""Large reports as background jobs."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from chitieu.actuals.figurebook import View
from chitieu.core.jobs import register
from chitieu.core.models import Job
from chitieu.core.periods import Period


@register("overview_workbook")
def overview_workbook(job: Job, progress: Callable[[int], None]) -> dict[str, str]:
    from chitieu.reports.exports import build_overview_workbook

    user = get_user_model().objects.get(pk=job.created_by_id)
    parameters = job.parameters
    progress(10)
    name, content = build_overview_workbook(
        user,
        parameters["root"],
        Period.parse(parameters["period"]),
        View(parameters["view"]),
        parameters.get("sort", "name"),
    )
    progress(90)
    job.output.save(name, ContentFile(content), save=True)
    return {"file": name}
