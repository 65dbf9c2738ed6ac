"""Proposals with the checker's findings, their review and decision; a cluster's proposal made
from its vote; a proposal's attachments."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chitieu.accounts import permissions
from chitieu.accounts.permissions import Capability
from chitieu.awards.decisions.services import decision_record
from chitieu.awards.forms import DecisionForm, ItemForm, ProposalForm
from chitieu.awards.models import Proposal
from chitieu.awards.people import records
from chitieu.awards.people.selectors import initiatives_titled
from chitieu.awards.proposals import exports, from_votes, selectors, services
from chitieu.core import files
from chitieu.core.converters import parse_year
from chitieu.core.dates import opening_year
from chitieu.core.http import AuthenticatedHttpRequest
from chitieu.emulation.selectors import access_cluster_year
from chitieu.units.selectors import access_unit


@login_required
def proposal_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The proposals of a year: the one asked for, else the newest with proposals."""
    years = selectors.proposal_years(request.user)
    year = opening_year(years, timezone.localdate())
    if (asked := parse_year(request.GET.get("year"))) is not None:
        year = asked
    proposals = selectors.proposal_list(request.user, year)
    if request.GET.get("format") == "xlsx":
        return exports.proposal_list_workbook(year, proposals)
    context = {"proposals": proposals, "year": year, "years": years}
    return render(request, "awards/proposal_list.html", context)


@login_required
def proposal_new(request: AuthenticatedHttpRequest, unit_pk: int) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    if not permissions.can_propose_for(request.user, unit):
        raise permissions.PermissionDenied(_("Only the unit's Board prepares its proposals."))
    form = ProposalForm(
        request.POST or None,
        initial={"year": timezone.localdate().year - 1},
        movements=selectors.movements_for(unit),
    )
    if request.method == "POST" and form.is_valid():
        proposal = services.proposal_create(actor=request.user, unit=unit, **form.cleaned_data)
        return redirect("proposal_detail", pk=proposal.pk)
    return render(request, "awards/proposal_new.html", {"form": form, "unit": unit})


def _add_item(request: AuthenticatedHttpRequest, proposal: Proposal, form: ItemForm) -> None:
    data = dict(form.cleaned_data)
    person_name, collective_name = data.pop("person_name"), data.pop("collective_name")
    if not (person_name.strip() or collective_name.strip()):
        raise ValidationError(_("Name the person or the collective proposed."))
    person = records.pick_person(request.user, person_name) if person_name.strip() else None
    unit = records.pick_collective(request.user, collective_name) if not person else None
    titles = data.pop("initiatives")
    initiatives = initiatives_titled(person, titles) if person and titles.strip() else []
    services.proposal_item_add(
        actor=request.user,
        proposal=proposal,
        person=person,
        unit=unit,
        initiatives=initiatives,
        **data,
    )


@login_required
def proposal_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = Capability.EDIT if request.method == "POST" else Capability.VIEW
    proposal = selectors.access_proposal(request.user, pk, need)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _add_item(request, proposal, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Added; the checker's findings are shown below."))
            return redirect("proposal_detail", pk=proposal.pk)
    page = selectors.proposal_page(request.user, proposal)
    context = {
        **vars(page),
        "form": form if page.can_edit else None,
        "decision_form": DecisionForm(),
    }
    return render(request, "awards/proposal_detail.html", context)


def _item_keys(request: AuthenticatedHttpRequest, prefix: str) -> dict[int, str]:
    """The items named by the decision form's fields `<prefix><item id>`, with their values."""
    found = {}
    for key in request.POST:
        tail = key.removeprefix(prefix)
        if key.startswith(prefix) and tail.isascii() and tail.isdigit() and len(tail) < 12:
            found[int(tail)] = request.POST.get(key, "")
    return found


def _decide(request: AuthenticatedHttpRequest, proposal: Proposal) -> None:
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise ValidationError(
            [f"{form.fields[k].label}: {' '.join(map(str, v))}" for k, v in form.errors.items()]
        )
    # The page's form says, item by item, what is granted; without it, the eligible items are.
    answered = "outcomes" in request.POST
    decision_record(
        actor=request.user,
        proposal=proposal,
        granted=list(_item_keys(request, "grant_")) if answered else None,
        reasons=_item_keys(request, "reason_"),
        **form.cleaned_data,
    )


def _attach(request: AuthenticatedHttpRequest, proposal: Proposal) -> None:
    services.proposal_attach(
        actor=request.user,
        proposal=proposal,
        achievement_report=request.FILES.get("achievement_report"),
        vote_minutes=request.FILES.get("vote_minutes"),
    )


def _justify(request: AuthenticatedHttpRequest, proposal: Proposal) -> None:
    item = get_object_or_404(proposal.items, pk=request.POST.get("item", ""))
    services.proposal_item_justify(
        actor=request.user, item=item, justification=request.POST.get("justification", "")
    )


Act = Callable[[AuthenticatedHttpRequest, Proposal], object]


def _with_comment(service: Callable[..., Proposal]) -> Act:
    def act(request: AuthenticatedHttpRequest, proposal: Proposal) -> None:
        service(actor=request.user, proposal=proposal, comment=request.POST.get("comment", ""))

    return act


# What each action of the proposal page asks of the proposal, and how it is done; the service
# checks the rule again on the locked row.
PROPOSAL_ACTIONS: dict[str, tuple[Capability, Act]] = {
    "submit": (
        Capability.EDIT,
        lambda request, proposal: services.proposal_submit(actor=request.user, proposal=proposal),
    ),
    "attach": (Capability.EDIT, _attach),
    "justify": (Capability.EDIT, _justify),
    "review": (Capability.REVIEW, _with_comment(services.proposal_review)),
    "forward": (Capability.REVIEW, _with_comment(services.proposal_forward)),
    "committee": (Capability.REVIEW, _with_comment(services.proposal_to_committee)),
    "return": (Capability.REVIEW, _with_comment(services.proposal_return)),
    "decide": (Capability.REVIEW, _decide),
}


@login_required
@require_POST
def proposal_action(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in PROPOSAL_ACTIONS:
        raise Http404
    need, act = PROPOSAL_ACTIONS[action]
    proposal = selectors.access_proposal(request.user, pk, need)
    try:
        act(request, proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done."))
    return redirect("proposal_detail", pk=proposal.pk)


@login_required
@require_POST
def proposal_from_votes(request: AuthenticatedHttpRequest, cluster_year_pk: int) -> HttpResponse:
    """The cluster's proposal made from its vote, back on the cluster's page."""
    cluster_year = access_cluster_year(request.user, cluster_year_pk)
    try:
        proposal = from_votes.proposal_from_votes(actor=request.user, cluster_year=cluster_year)
    except ValidationError as error:
        reason = " ".join(error.messages)
        messages.error(request, _("Nothing was saved: %(reason)s") % {"reason": reason})
    else:
        messages.success(request, _("The proposal was prepared from the vote."))
        request.session["last_proposal"] = proposal.pk
    return redirect("cluster_year_detail", pk=cluster_year.pk)


PROPOSAL_FILES = ("achievement_report", "vote_minutes")


@files.login_required_for_files()
def proposal_file(request: HttpRequest, pk: int, field: str) -> HttpResponseBase:
    """A proposal's attachment, for those who may see the proposal."""
    if field not in PROPOSAL_FILES:
        raise Http404
    proposal = selectors.access_proposal(request.user, pk)
    return files.file_response(
        request, getattr(proposal, field), getattr(proposal, f"{field}_name")
    )
