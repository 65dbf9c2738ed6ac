"""The pages that span the domains: the home page, the audit list, object history, jobs (the
users pages are in web/users.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from chitieu.accounts.permissions import Capability, has_capability_anywhere, is_system_admin
from chitieu.accounts.selectors import (
    memberships_of,
)
from chitieu.core import files
from chitieu.core.audit_display import attach_shown_changes
from chitieu.core.forms import AuditFilterForm
from chitieu.core.history import history_accessor
from chitieu.core.http import AuthenticatedHttpRequest, is_htmx
from chitieu.core.jobs import JobNotStarted, job_check_alive, job_may_retry, job_retry
from chitieu.core.models import Job
from chitieu.evaluation import selectors as evaluation
from chitieu.web import exports, selectors
from chitieu.web.leader import leader_page, leader_unit
from chitieu.web.tasks import tasks_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    this_year = timezone.localdate().year
    memberships = memberships_of(request.user)
    lead = leader_unit(memberships)
    page = leader_page(lead) if lead else None
    units = [
        unit
        for unit in {m.unit.pk: m.unit for m in memberships}.values()
        if page is None or unit.pk != page.unit.pk  # its headline is the leader's page
    ]
    context = {
        "tasks": tasks_of(request.user, memberships),
        "leader": page,
        "leader_chart": page.chart() if page else None,
        # with the year to enter figures for: a unit merged away reports up to its last year
        "memberships": [
            (m, min(this_year, m.unit.valid_to.year) if m.unit.valid_to else this_year)
            for m in memberships
        ],
        "headlines": evaluation.latest_headlines(units),
        "this_year": this_year,
        "is_system_admin": is_system_admin(request.user),
    }
    return render(request, "web/home.html", context)


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not has_capability_anywhere(request.user, Capability.VIEW_AUDIT):
        raise PermissionDenied
    model_choices = [
        (f"{ct.app_label}.{ct.model}", str(model._meta.verbose_name).capitalize())
        for ct in selectors.audited_models()
        if (model := ct.model_class()) is not None
    ]
    form = AuditFilterForm(request.GET or None, model_choices=model_choices)
    filters = (
        selectors.AuditFilter(**form.cleaned_data) if form.is_valid() else selectors.AuditFilter()
    )
    changes = selectors.audit_list(request.user, filters)
    if request.GET.get("format") == "xlsx":
        return exports.audit_workbook(changes)
    page = Paginator(changes, 50).get_page(request.GET.get("page"))
    page.object_list = attach_shown_changes(list(page.object_list))
    return render(request, "web/audit_list.html", {"form": form, "page": page})


@login_required
def object_history(request: HttpRequest, model_label: str, pk: str) -> HttpResponse:
    accessor = history_accessor(model_label)
    if accessor is None:
        raise Http404
    instance = accessor(request.user, pk)
    changes = attach_shown_changes(list(selectors.object_history(instance)))
    return render(request, "web/object_history.html", {"object": instance, "changes": changes})


def _job(request: HttpRequest, pk: int) -> Job:
    return job_check_alive(selectors.access_job(request.user, pk))


@files.login_required_for_files(file_param="download")
def job_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    job = _job(request, pk)
    if request.GET.get("download") and job.output:
        return files.file_response(request, job.output, job.result.get("file", ""))
    template = "web/job.html#status" if is_htmx(request) else "web/job.html"
    context = {"job": job, "may_retry": job_may_retry(request.user, job)}
    return render(request, template, context)


@login_required
@require_POST
def job_retry_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        retried = job_retry(actor=request.user, job=job)
    except JobNotStarted as error:
        messages.error(request, " ".join(error.messages))
        return redirect("job_detail", pk=job.pk)
    return redirect("job_detail", pk=retried.pk)
