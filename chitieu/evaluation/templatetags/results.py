"""The overview's status cells, rendered in one go: a province has thousands of them, and the
template language would resolve half a dozen variables for each."""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from chitieu.core.numbers import format_percent
from chitieu.evaluation.engine import Status, TermSummary
from chitieu.evaluation.labels import status_name as _status_name
from chitieu.evaluation.labels import term_summary_text
from chitieu.evaluation.loader import TargetResult

register = template.Library()


@register.filter
def status_name(status: Status) -> str:
    return _status_name(status)


@register.filter
def term_text(summary: TermSummary) -> str:
    """ "3 on track, 1 needs acceleration": the term targets, counted apart."""
    return term_summary_text(summary)


@register.filter
def measured_text(result: TargetResult) -> str:
    """What was measured in the target's own terms: "10%" for a growth, "12/34" for a place."""
    return result.measured_text


@register.filter
def forecast(result: TargetResult) -> str:
    """The projected year-end figure in Vietnamese format ("321", never "321,000")."""
    return result.forecast_text


@register.simple_tag
def status_groups(groups: list[list[TargetResult]]) -> SafeString:
    """One <td> per indicator column: the unit's target as one status cell; where the unit has
    targets of several issuers for the indicator, a dot per issuer followed by its issuer
    ("Tỉnh giao", "HĐND giao"), so both are seen."""
    return SafeString("".join(_group(group) for group in groups))


def _issuer_dot(cell: TargetResult) -> SafeString:
    name = _status_name(cell.status)
    ratio = cell.evaluation.ratio
    title = name if ratio is None else f"{name} · {format_percent(ratio)}"
    return format_html(
        '<span class="issuer-dot"><span class="dot status-{}" title="{}: {}"></span> '
        "<small>{}</small></span>",
        cell.status.value,
        cell.target.issuer,
        title,
        cell.target.issuer,
    )


def _group(group: list[TargetResult]) -> str:
    if len(group) <= 1:
        return _cell(group[0] if group else None)
    return format_html(
        '<td class="cell">{}</td>', format_html_join("", "{}", ((_issuer_dot(c),) for c in group))
    )


def _cell(cell: TargetResult | None) -> str:
    if cell is None:
        return "<td></td>"
    status = cell.status
    ratio = cell.evaluation.ratio
    name = _status_name(status)
    title = name if ratio is None else f"{name} · {format_percent(ratio)}"
    return f'<td class="s-{status.value}" title="{escape(title)}"></td>'
