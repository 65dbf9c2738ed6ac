"""Public pages, no login: only what was published, as it was published. Cacheable."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from chitieu.core import files
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.core.periods import Period, PeriodError
from chitieu.emulation.selectors import access_cluster_year
from chitieu.public import selectors, services
from chitieu.public.models import Publication
from chitieu.reports.selectors import access_decision
from chitieu.units.selectors import access_unit

PUBLIC_CACHE = cache_control(public=True, max_age=300)


@PUBLIC_CACHE
def index(request: HttpRequest) -> HttpResponse:
    publications = selectors.publication_index()
    return render(request, "public/index.html", {"publications": publications})


@PUBLIC_CACHE
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    publication = selectors.access_publication(pk)
    return render(
        request,
        f"public/{publication.kind}.html",
        {"publication": publication, "c": publication.content},
    )


def document(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A published document is public, as its publication; withdrawn, it is gone."""
    publication = selectors.access_publication(pk)
    return files.file_response(request, publication.document, publication.document_name)


@login_required
@require_POST
def publish(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    try:
        publication = _publish(request, kind, pk, request.FILES.get("document"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = reverse("home")
        return redirect(back)
    messages.success(request, _("Published."))
    return redirect("public_detail", pk=publication.pk)


def _publish(
    request: AuthenticatedHttpRequest, kind: str, pk: int, document: UploadedFile | None
) -> Publication:
    if kind == "decision":
        decision = access_decision(request.user, pk)
        publication = services.publish_decision(
            actor=request.user, decision=decision, document=document
        )
    elif kind == "ranking":
        publication = services.publish_ranking(
            actor=request.user,
            cluster_year=access_cluster_year(request.user, pk),
            document=document,
        )
    elif kind == "headline":
        try:
            period = Period.parse(request.POST.get("period", ""))
        except PeriodError as error:
            raise Http404 from error
        publication = services.publish_headline(
            actor=request.user, unit=access_unit(request.user, pk), period=period, document=document
        )
    else:
        raise PermissionDenied
    return publication
