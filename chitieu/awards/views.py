"""Proposals with the checker's findings, their review and decision; persons and histories."""

from __future__ import annotations

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
from chitieu.accounts.permissions import Capability, has_capability
from chitieu.accounts.selectors import memberships_of
from chitieu.awards import selectors, services
from chitieu.awards.blanks import (
    access_blank_layout,
    layout_copy,
    layout_update,
    layouts_for,
    layouts_for_decision,
    layouts_visible_to,
    may_adjust,
    placed,
    print_decision,
    render_pages,
)
from chitieu.awards.forms import DecisionForm, ItemForm, PersonForm, ProposalForm
from chitieu.awards.fund import (
    FUND_AMOUNT,
    FUND_AMOUNT_FIELD,
    balance_of,
    fund_allocate,
    fund_for,
    overdraw_warning,
)
from chitieu.awards.importing import import_award_history, template_workbook
from chitieu.awards.models import BlankLayout, Decision, Initiative, Person, RuleSet
from chitieu.awards.province_rules import PROVINCE_PARAMETERS, province_rule_set, settings_of
from chitieu.core import files
from chitieu.core.converters import parse_year
from chitieu.core.dates import DateFormatError, opening_year, parse_date
from chitieu.core.excel import XLSX, xlsx_response
from chitieu.core.http import is_htmx
from chitieu.core.numbers import NumberFormatError, parse_decimal, read_decimal
from chitieu.emulation.models import Movement
from chitieu.units.models import Unit
from chitieu.units.selectors import access_unit


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    """The proposals of a year: the one asked for, else the newest with proposals."""
    years = selectors.proposal_years(request.user)
    year = opening_year(years, timezone.localdate())
    if (asked := parse_year(request.GET.get("year"))) is not None:
        year = asked
    proposals = selectors.proposal_list(request.user, year)
    if request.GET.get("format") == "xlsx":
        rows = [
            (p.title, p.unit.name, p.item_count, p.get_status_display())  # type: ignore[attr-defined]  # annotated by the selector
            for p in proposals
        ]
        headings = ("Tờ trình", "Đơn vị đề nghị", "Số cá nhân, tập thể", "Tình trạng")
        return xlsx_response(
            f"de-nghi-khen-thuong-{year}", f"Đề nghị khen thưởng năm {year}", headings, rows
        )
    context = {"proposals": proposals, "year": year, "years": years}
    return render(request, "awards/proposal_list.html", context)


@login_required
def proposal_new(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    if not permissions.can_propose_for(request.user, unit):
        raise permissions.PermissionDenied(_("Only the unit's Board prepares its proposals."))
    movements = Movement.objects.filter(participants=unit) | Movement.objects.filter(
        launched_by__in=[int(part) for part in unit.path.strip("/").split("/")]
    )
    form = ProposalForm(
        request.POST or None,
        initial={"year": timezone.localdate().year - 1},
        movements=movements.distinct().order_by("-document_date"),
    )
    if request.method == "POST" and form.is_valid():
        proposal = services.proposal_create(actor=request.user, unit=unit, **form.cleaned_data)
        return redirect("proposal_detail", pk=proposal.pk)
    return render(request, "awards/proposal_new.html", {"form": form, "unit": unit})


def _add_item(request: HttpRequest, proposal, form: ItemForm) -> None:
    data = dict(form.cleaned_data)
    person = selectors.access_person(request.user, data.pop("person")) if data["person"] else None
    unit = access_unit(request.user, data.pop("unit")) if data["unit"] else None
    data.pop("person", None)
    data.pop("unit", None)
    parts = [part for part in data.pop("initiatives").replace(" ", "").split(",") if part]
    if any(not (part.isascii() and part.isdigit()) or len(part) > 15 for part in parts):
        raise ValidationError(
            {"initiatives": "Sáng kiến: ghi các mã số, cách nhau bằng dấu phẩy (ví dụ: 3, 12)."}
        )
    ids = [int(part) for part in parts]
    initiatives = list(Initiative.objects.filter(pk__in=ids, person=person)) if person else []
    services.proposal_item_add(
        actor=request.user,
        proposal=proposal,
        person=person,
        unit=unit,
        initiatives=initiatives,
        **data,
    )


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = Capability.EDIT if request.method == "POST" else Capability.VIEW
    proposal = selectors.access_proposal(request.user, pk, need)
    user = request.user
    may_edit = permissions.can_edit_proposal(user, proposal)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _add_item(request, proposal, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Added; the checker's findings are shown below."))
            return redirect("proposal_detail", pk=proposal.pk)
    context = {
        "proposal": proposal,
        "items": proposal.items.select_related("award", "person", "unit").prefetch_related(
            "initiatives"
        ),
        "steps": proposal.steps.select_related("actor"),
        "form": form if may_edit else None,
        "decision_form": DecisionForm(),
        # The buttons shown are the actions the rules allow (accounts.permissions).
        "can_edit": may_edit,
        "can_justify": permissions.can_justify(user, proposal),
        "can_review": permissions.can_review(user, proposal),
        "can_forward": permissions.can_forward(user, proposal),
        "can_committee": permissions.can_put_to_committee(user, proposal),
        "can_return": permissions.can_return(user, proposal),
        "can_decide": permissions.can_decide(user, proposal),
        "can_publish": hasattr(proposal, "decision")
        and permissions.can_publish_decision(user, proposal.decision),
        "layouts": layouts_for_decision(proposal.decision) if hasattr(proposal, "decision") else [],
        "overdraw": overdraw_warning(proposal, proposal.considered_at, timezone.localdate())
        if proposal.considered_at and proposal.status in ("reviewed", "committee")
        else "",
        "beyond_authority": services.beyond_authority(proposal, proposal.considered_at)
        if proposal.considered_at and proposal.status == "reviewed"
        else [],
        "can_propose": has_capability(request.user, Capability.PROPOSE_AWARDS, proposal.unit),
    }
    return render(request, "awards/proposal_detail.html", context)


# What each action of the proposal page asks of the proposal; the service checks the rule again
# on the locked row.
PROPOSAL_ACTIONS = {
    "submit": Capability.EDIT,
    "attach": Capability.EDIT,
    "justify": Capability.EDIT,
    "review": Capability.REVIEW,
    "forward": Capability.REVIEW,
    "committee": Capability.REVIEW,
    "return": Capability.REVIEW,
    "decide": Capability.REVIEW,
}


@login_required
@require_POST
def proposal_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in PROPOSAL_ACTIONS:
        raise Http404
    proposal = selectors.access_proposal(request.user, pk, PROPOSAL_ACTIONS[action])
    comment = request.POST.get("comment", "")
    try:
        if action == "submit":
            services.proposal_submit(actor=request.user, proposal=proposal)
        elif action == "review":
            services.proposal_review(actor=request.user, proposal=proposal, comment=comment)
        elif action == "forward":
            services.proposal_forward(actor=request.user, proposal=proposal, comment=comment)
        elif action == "committee":
            services.proposal_to_committee(actor=request.user, proposal=proposal, comment=comment)
        elif action == "return":
            services.proposal_return(actor=request.user, proposal=proposal, comment=comment)
        elif action == "decide":
            form = DecisionForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    [
                        f"{form.fields[k].label}: {' '.join(map(str, v))}"
                        for k, v in form.errors.items()
                    ]
                )
            services.decision_record(actor=request.user, proposal=proposal, **form.cleaned_data)
        elif action == "attach":
            services.proposal_attach(
                actor=request.user,
                proposal=proposal,
                achievement_report=request.FILES.get("achievement_report"),
                vote_minutes=request.FILES.get("vote_minutes"),
            )
        elif action == "justify":
            item = get_object_or_404(proposal.items, pk=request.POST.get("item", ""))
            services.proposal_item_justify(
                actor=request.user,
                item=item,
                justification=request.POST.get("justification", ""),
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done."))
    return redirect("proposal_detail", pk=proposal.pk)


HISTORY_HEADINGS = (
    "Năm",
    "Hình thức khen thưởng",
    "Tập thể / cá nhân",
    "Số quyết định",
    "Ngày quyết định",
    "Loại",
    "Tiền thưởng (đồng)",
    "Ghi chú",
)


def _history_workbook(name: str, title: str, records) -> HttpResponse:
    """The award history a page shows, as Excel: a person's or a collective's."""
    rows = [
        (
            record.year,
            record.award.name,
            record.person.full_name if record.person_id else record.unit.name,
            record.decision_number,
            record.decision_date,
            record.get_commendation_type_display(),
            record.cash,
            "Số liệu mẫu" if record.is_sample else "",
        )
        for record in records
    ]
    return xlsx_response(name, title, HISTORY_HEADINGS, rows)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.access_person(request.user, pk)
    if request.GET.get("format") == "xlsx":
        return _history_workbook(
            f"khen-thuong-ca-nhan-{person.pk}",
            f"Quá trình khen thưởng — {person.full_name} ({person.unit.name})",
            selectors.person_history(person),
        )
    context = {
        "person": person,
        "history": selectors.person_history(person),
        "ratings": person.ratings.order_by("-year"),
        "initiatives": person.initiatives.order_by("-year"),
    }
    return render(request, "awards/person_detail.html", context)


@login_required
def unit_people(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    if request.GET.get("format") == "xlsx":
        return _history_workbook(
            f"khen-thuong-tap-the-{unit.pk}",
            f"Quá trình khen thưởng tập thể — {unit.name}",
            selectors.collective_history(unit),
        )
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("person_detail", pk=person.pk)
    context = {
        "unit": unit,
        "people": Person.objects.filter(unit=unit).order_by("full_name"),
        "form": form,
        "history": selectors.collective_history(unit),
        "import_problems": request.session.pop("import_problems", []),
        "can_propose": permissions.can_propose_for(request.user, unit),
        "can_add_person": permissions.can_act_for_member(request.user, unit),
        "can_import": has_capability(request.user, Capability.MANAGE_EMULATION, unit),
        "this_year": timezone.localdate().year,
    }
    return render(request, "awards/unit_people.html", context)


@login_required
def history_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        template_workbook(),
        content_type=XLSX,
    )
    response["Content-Disposition"] = 'attachment; filename="mau-qua-trinh-khen-thuong.xlsx"'
    return response


@login_required
@require_POST
def history_import(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = access_unit(request.user, unit_pk, Capability.MANAGE_EMULATION)
    upload = request.FILES.get("file")
    problem = _("Choose an Excel file.") if upload is None else files.upload_problem(upload)
    if problem or upload is None:
        messages.error(request, problem)
        return redirect("unit_people", unit_pk=unit.pk)
    try:
        result = import_award_history(actor=request.user, stream=upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("unit_people", unit_pk=unit.pk)
    if result.problems:
        request.session["import_problems"] = result.problems
        messages.error(request, _("Nothing was imported: the file has problems."))
    else:
        messages.success(
            request,
            _("Imported %(records)s awards (%(people)s new people).")
            % {"records": result.records, "people": result.people_created},
        )
    return redirect("unit_people", unit_pk=unit.pk)


@login_required
def fund(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = access_unit(request.user, unit_pk)
    if request.method == "POST":
        try:
            fund_allocate(
                actor=request.user,
                unit=unit,
                year=year,
                amount=read_decimal(
                    request.POST.get("amount", ""), FUND_AMOUNT, field=FUND_AMOUNT_FIELD
                ),
                date=parse_date(request.POST.get("date", "")),
                description=request.POST.get("description", ""),
            )
        except (ValidationError, NumberFormatError, DateFormatError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Saved."))
        return redirect("fund", unit_pk=unit.pk, year=year)
    current = fund_for(unit, year)
    if request.GET.get("format") == "xlsx":
        return _fund_workbook(unit, year, current)
    context = {
        "unit": unit,
        "year": year,
        "fund": current,
        "entries": current.entries.select_related("decision") if current else [],
        "balance": balance_of(current) if current else None,
        "can_allocate": has_capability(request.user, Capability.MANAGE_EMULATION, unit),
    }
    return render(request, "awards/fund.html", context)


def _fund_workbook(unit, year: int, current) -> HttpResponse:
    entries = list(current.entries.select_related("decision")) if current else []
    rows: list[tuple] = [
        (
            entry.date,
            entry.get_kind_display(),
            entry.description,
            -entry.amount if entry.kind == "spending" else entry.amount,
        )
        for entry in entries
    ]
    if current:
        balance = balance_of(current)
        rows += [
            ("", "Tổng phân bổ", "", balance.income),
            ("", "Tổng chi", "", -balance.spending),
            ("", "Số dư", "", balance.balance),
        ]
    return xlsx_response(
        f"quy-thi-dua-khen-thuong-{unit.pk}-{year}",
        f"Quỹ thi đua, khen thưởng — {unit.name} — năm {year}",
        ("Ngày", "Loại", "Nội dung", "Số tiền (đồng)"),
        rows,
    )


def _layout_fields(request: HttpRequest, layout: BlankLayout) -> dict:
    labels = {"x": "vị trí ngang (mm)", "y": "vị trí dọc (mm)", "size": "cỡ chữ"}
    fields = {}
    for name, spec in layout.fields.items():
        field = {
            key: str(
                parse_decimal(
                    request.POST.get(f"{name}_{key}", "") or str(spec[key]).replace(".", ","),
                    field=f"Trường “{name}”, {label}",
                )
            )
            for key, label in labels.items()
        }
        fields[name] = {
            **field,
            "bold": bool(request.POST.get(f"{name}_bold")),
            "width": spec.get("width", 150),
        }
    return fields


SAMPLE = {
    "name": "Nguyễn Thị Lan",
    "unit": "Thị xã Kỳ Anh, tỉnh Hà Tĩnh",
    "achievement": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024",
    "decision": "Quyết định số 15/QĐ-UBND ngày 05/01/2025",
    "place_date": "Hà Tĩnh, ngày 05 tháng 01 năm 2025",
    "signer": "Võ Trọng Hải",
}


@login_required
def blank_layout(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the fields of a blank; the preview follows each change. A Board that may not adjust
    this layout makes its unit's own copy first."""
    layout = access_blank_layout(request.user, pk)
    if request.method == "POST" and "copy_for" in request.POST:
        try:
            unit = access_unit(request.user, request.POST["copy_for"])
            copy = layout_copy(actor=request.user, layout=layout, unit=unit)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("blank_layout", pk=layout.pk)
        messages.success(request, _("Your unit's own copy was made; adjust it here."))
        return redirect("blank_layout", pk=copy.pk)
    if request.method == "POST":
        try:
            fields = _layout_fields(request, layout)
            if is_htmx(request):  # a live preview, nothing saved
                draft = BlankLayout(
                    name=layout.name,
                    award=layout.award,
                    page_width=layout.page_width,
                    page_height=layout.page_height,
                    font=layout.font,
                    fields=fields,
                )
                return HttpResponse(render_pages(draft, [placed(draft, SAMPLE)], preview=True))
            layout_update(actor=request.user, layout=layout, fields=fields)
        except (ValidationError, NumberFormatError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Saved."))
        return redirect("blank_layout", pk=layout.pk)
    preview = render_pages(layout, [placed(layout, SAMPLE)], preview=True)
    boards = Unit.objects.filter(
        pk__in=[
            m.unit_id
            for m in memberships_of(request.user)
            if has_capability(request.user, Capability.MANAGE_EMULATION, m.unit)
        ]
    ).exclude(pk=layout.unit_id or 0)
    context = {
        "layout": layout,
        "preview": preview,
        "layouts": layouts_visible_to(request.user).order_by("name"),
        "can_adjust": may_adjust(request.user, layout),
        "copy_for": boards,
    }
    return render(request, "awards/blank_layout.html", context)


@login_required
def print_blanks(request: HttpRequest, pk: int, layout_pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision, pk=pk)
    if decision.proposal is None:
        raise Http404
    selectors.access_proposal(request.user, decision.proposal.pk)
    layout = get_object_or_404(layouts_for(decision.unit), pk=layout_pk)
    try:
        content = print_decision(layout, decision, request.GET.get("signer", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("proposal_detail", pk=decision.proposal.pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="in-phoi-{decision.pk}.pdf"'
    return response


@login_required
def province_rules(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """The quotas and caps the province adds to the national rules."""
    province = access_unit(request.user, unit_pk)
    if request.method == "POST":
        rule_set = get_object_or_404(RuleSet, pk=request.POST.get("rule_set"))
        values = {
            key: request.POST.get(key, "") for key in PROVINCE_PARAMETERS if key in request.POST
        }
        try:
            province_rule_set(
                actor=request.user, province=province, rule_set=rule_set, values=values
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved."))
        return redirect("province_rules", unit_pk=province.pk)
    context = {
        "province": province,
        "settings": settings_of(province),
        "rule_sets": RuleSet.objects.order_by("valid_from"),
        "can_manage": province.parent_id is None
        and has_capability(request.user, Capability.MANAGE_EMULATION, province),
    }
    return render(request, "awards/province_rules.html", context)


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
