"""The Board's year, and a cluster's year: agreement, scores, ranking, vote, proposals."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from chitieu.accounts.permissions import (
    Capability,
    has_capability,
)
from chitieu.core import files
from chitieu.core.dates import DateFormatError, opening_year
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.core.numbers import NumberFormatError, read_count, read_decimal
from chitieu.emulation import selectors, services
from chitieu.emulation.cluster_page import cluster_page
from chitieu.emulation.forms import (
    ClusterForm,
    ClusterYearForm,
    CopyTableForm,
    CriterionForm,
    MovementForm,
    ScoringTableForm,
    SignForm,
)
from chitieu.emulation.models import (
    ClusterMember,
    ClusterYear,
    Criterion,
    ScoringTable,
)
from chitieu.targets.models import Target
from chitieu.units.models import Unit
from chitieu.units.selectors import access_unit


@login_required
def board_latest(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """The Board's page of the newest year its clusters were set up (up to this year), else of
    last year, when the work of commendation is done."""
    organiser = access_unit(request.user, unit_pk)
    year = opening_year(selectors.cluster_years(organiser.pk), timezone.localdate())
    return redirect("board_year", unit_pk=organiser.pk, year=year)


def _board_post(
    request: AuthenticatedHttpRequest,
    data: selectors.BoardYear,
    form: ClusterForm,
    movement_form: MovementForm,
) -> bool:
    """The movement or the cluster the Board's page posted, created: whether it was."""
    bound: forms.Form = movement_form if movement_form.is_bound else form
    if not bound.is_valid():
        return False
    fields = bound.cleaned_data
    try:
        if bound is movement_form:
            services.movement_create(actor=request.user, launched_by=data.organiser, **fields)
        else:
            services.cluster_create(actor=request.user, organiser=data.organiser, **fields)
    except ValidationError as error:
        bound.add_error(None, error)
        return False
    messages.success(request, _("Saved."))
    return True


@login_required
def board_year(request: AuthenticatedHttpRequest, unit_pk: int, year: int) -> HttpResponse:
    data = selectors.board_year(request.user, unit_pk, year)
    form = ClusterForm(request.POST if request.POST.get("action") != "movement" else None)
    movement_form = MovementForm(request.POST if request.POST.get("action") == "movement" else None)
    if request.method == "POST" and _board_post(request, data, form, movement_form):
        return redirect("board_year", unit_pk=data.organiser.pk, year=year)
    context = {
        "data": data,
        "years": sorted({*range(year - 2, year + 2), *selectors.cluster_years(data.organiser.pk)}),
        "form": form,
        "movement_form": movement_form,
        "not_set_up": selectors.clusters_without_year(data.organiser, year),
        "can_manage": has_capability(request.user, Capability.MANAGE_EMULATION, data.organiser),
    }
    return render(request, "emulation/board_year.html", context)


@login_required
def cluster_year_setup(
    request: AuthenticatedHttpRequest, cluster_pk: int, year: int
) -> HttpResponse:
    setup = selectors.cluster_year_setup(request.user, cluster_pk, year)
    form = ClusterYearForm(
        request.POST or None,
        initial=setup.initial,
        candidates=setup.candidates,
        tables=setup.tables,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        members = list(data.pop("members"))
        try:
            cluster_year = services.cluster_year_setup(
                actor=request.user,
                cluster=setup.cluster,
                year=year,
                members=members,
                copy_previous_table=True,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("cluster_year_detail", pk=cluster_year.pk)
    context = {"form": form, "cluster": setup.cluster, "year": year}
    return render(request, "emulation/cluster_year_setup.html", context)


def _confirm(request: AuthenticatedHttpRequest, cluster_year: ClusterYear) -> None:
    services.scoring_confirm(
        actor=request.user,
        cluster_year=cluster_year,
        override_reason=request.POST.get("override_reason", ""),
    )


def _close(request: AuthenticatedHttpRequest, cluster_year: ClusterYear) -> None:
    services.year_close(actor=request.user, cluster_year=cluster_year)


def _reopen(request: AuthenticatedHttpRequest, cluster_year: ClusterYear) -> None:
    services.year_reopen(
        actor=request.user, cluster_year=cluster_year, reason=request.POST.get("reason", "")
    )


def _member(request: AuthenticatedHttpRequest, cluster_year: ClusterYear) -> ClusterMember:
    """The member named by the form, among this year's members only (KeyError otherwise)."""
    members = {str(m.pk): m for m in cluster_year.members.select_related("unit")}
    return members[request.POST["member"]]


def _sign(request: AuthenticatedHttpRequest, cluster_year: ClusterYear) -> None:
    titles = selectors.award_kinds().filter(code__in=request.POST.getlist("titles"))
    services.member_sign(
        actor=request.user,
        member=_member(request, cluster_year),
        signed_on=SignForm(request.POST).day(),
        titles=list(titles),
    )


def _register(request: AuthenticatedHttpRequest, cluster_year: ClusterYear) -> None:
    """The member's commitments: its targets ("targets") or the titles it registers ("titles")."""
    member = _member(request, cluster_year)
    action = request.POST["action"]
    chosen = Target.objects.filter(pk__in=request.POST.getlist("targets"), unit=member.unit)
    kinds = selectors.award_kinds().filter(code__in=request.POST.getlist("titles"))
    services.member_register(
        actor=request.user,
        member=member,
        targets=list(chosen) if action == "targets" else None,
        titles=list(kinds) if action == "titles" else None,
    )


def _score(request: AuthenticatedHttpRequest, cluster_year: ClusterYear) -> None:
    criterion = get_object_or_404(
        Criterion, pk=request.POST["criterion"], table=cluster_year.scoring_table
    )
    points = read_decimal(
        request.POST.get("points", ""),
        services.score_bounds(criterion),
        field=services.score_field(criterion),
    )
    services.score_set(
        actor=request.user,
        member=_member(request, cluster_year),
        criterion=criterion,
        stage=request.POST["stage"],
        points=points,
        comment=request.POST.get("comment", ""),
        evidence=request.FILES.get("evidence"),
    )


def _vote(request: AuthenticatedHttpRequest, cluster_year: ClusterYear) -> None:
    services.vote_record(
        actor=request.user,
        cluster_year=cluster_year,
        award=selectors.award_by_code(request.POST["award"]),
        unit=_member(request, cluster_year).unit,
        votes_in_favour=read_count(
            request.POST.get("votes_in_favour", ""), field=services.VOTES_IN_FAVOUR
        ),
        voters=read_count(request.POST.get("voters", ""), field=services.VOTERS),
    )


# The cluster page's POSTed actions, each through its service (an unknown one does nothing).
CLUSTER_ACTIONS = {
    "sign": _sign,
    "targets": _register,
    "titles": _register,
    "score": _score,
    "vote": _vote,
    "confirm": _confirm,
    "close": _close,
    "reopen": _reopen,
}


@login_required
def cluster_year_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cluster_year = selectors.access_cluster_year(request.user, pk)
    if request.method == "POST":
        act = CLUSTER_ACTIONS.get(request.POST.get("action", ""))
        try:
            if act:
                act(request, cluster_year)
        except (ValidationError, NumberFormatError, DateFormatError, ValueError, KeyError) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            messages.error(request, _("Nothing was saved: %(reason)s") % {"reason": text})
        else:
            messages.success(request, _("Saved."))
        return redirect("cluster_year_detail", pk=cluster_year.pk)
    context = {
        **vars(cluster_page(request.user, cluster_year)),
        "sign_form": SignForm(auto_id=False),
    }
    return render(request, "emulation/cluster_year.html", context)


@files.login_required_for_files()
def score_evidence(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A score's evidence, for those who may see the cluster's scores."""
    score = selectors.access_score(request.user, pk)
    return files.file_response(request, score.evidence, score.evidence_name)


@login_required
def scoring_tables(request: AuthenticatedHttpRequest, unit_pk: int, year: int) -> HttpResponse:
    """The organiser's scoring tables of a year: create one, or copy an earlier year's."""
    organiser, tables = selectors.scoring_tables(request.user, unit_pk, year)
    earlier = selectors.tables_to_copy(organiser, year)
    action = request.POST.get("action")
    form = ScoringTableForm(request.POST if action == "create" else None)
    copy_form = CopyTableForm(request.POST if action == "copy" else None, tables=earlier)
    bound = form if action == "create" else copy_form
    if request.method == "POST" and bound.is_valid():
        try:
            table = _table_post(request, organiser, year, bound)
        except ValidationError as error:
            bound.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("scoring_table", pk=table.pk)
    context = {"organiser": organiser, "year": year, "tables": tables, "form": form}
    context |= {"copy_form": copy_form, "earlier": earlier}
    context["can_manage"] = has_capability(request.user, Capability.MANAGE_EMULATION, organiser)
    return render(request, "emulation/scoring_tables.html", context)


def _table_post(
    request: AuthenticatedHttpRequest, organiser: Unit, year: int, bound: forms.Form
) -> ScoringTable:
    if isinstance(bound, CopyTableForm):
        source = bound.cleaned_data["source"]
        return services.scoring_table_copy(actor=request.user, table=source, year=year)
    return services.scoring_table_create(
        actor=request.user,
        organiser=organiser,
        year=year,
        name=bound.cleaned_data["name"],
        criteria=[],
    )


@login_required
def scoring_table(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A table's tree of criteria; the Board adds, changes and removes criteria until scoring
    starts (then the table is read-only: copy it to change it)."""
    table = selectors.access_table(request.user, pk)
    editing = selectors.criterion_of(
        table, request.POST.get("criterion") or request.GET.get("edit")
    )
    initial = selectors.criterion_initial(editing)
    form = CriterionForm(
        request.POST if request.POST.get("action") == "save" else None, initial=initial
    )
    if request.method == "POST" and _criterion_post(request, table, editing, form):
        return redirect("scoring_table", pk=table.pk)
    page = selectors.table_page(request.user, table)
    can_manage = has_capability(request.user, Capability.MANAGE_EMULATION, table.organiser)
    context = {"page": page, "form": form, "editing": editing, "can_manage": can_manage}
    return render(request, "emulation/scoring_table.html", context)


def _criterion_post(
    request: AuthenticatedHttpRequest,
    table: ScoringTable,
    editing: Criterion | None,
    form: CriterionForm,
) -> bool:
    """The criterion saved or removed, through the services: whether it was."""
    try:
        if request.POST.get("action") == "delete" and editing is not None:
            services.criterion_delete(actor=request.user, criterion=editing)
        elif form.is_valid():
            fields = form.service_fields()
            services.criterion_save(
                actor=request.user,
                table=table,
                criterion=editing,
                parent_code=fields.pop("parent_code"),
                **fields,
            )
        else:
            return False
    except ValidationError as error:
        if form.is_bound and not selectors.is_locked(table):
            form.add_error(None, error)
            return False
        reason = " ".join(error.messages)
        messages.error(request, _("Nothing was saved: %(reason)s") % {"reason": reason})
        return True
    messages.success(request, _("Saved."))
    return True
