"""The names of statuses and views on the pages, in the user's language. `Status.label` stays
Vietnamese: the engine needs no Django, and documents are Vietnamese whatever the screen says."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy, ngettext

from chitieu.actuals.figurebook import View
from chitieu.evaluation.engine import Status, TermSummary

STATUS_NAMES = {
    Status.EXCEEDED: gettext_lazy("Exceeded"),
    Status.MET: gettext_lazy("Met"),
    Status.NEARLY_MET: gettext_lazy("Nearly met"),
    Status.NOT_MET: gettext_lazy("Not met"),
    Status.NO_DATA: gettext_lazy("No data"),
    Status.ON_TRACK: gettext_lazy("On track"),
    Status.NEEDS_ACCELERATION: gettext_lazy("Needs acceleration"),
    Status.OFF_TRACK: gettext_lazy("Off track"),
    Status.AT_RISK: gettext_lazy("At risk of not being met"),
}

VIEW_NAMES = {
    View.BEST: gettext_lazy("Best available (official, else the estimate)"),
    View.ESTIMATE: gettext_lazy("Estimates"),
    View.OFFICIAL: gettext_lazy("Official figures"),
}


def status_name(status: Status) -> str:
    return str(STATUS_NAMES[status])


def view_choices() -> list[tuple[str, str]]:
    return [(view.value, str(name)) for view, name in VIEW_NAMES.items()]


def term_summary_text(summary: TermSummary) -> str:
    """ "3 đúng tiến độ, 1 cần tăng tốc" in the user's language, naming only what there is."""
    parts = []
    judged = summary.achieved + summary.not_met
    if judged:
        parts.append(
            gettext("%(a)s/%(n)s met or exceeded at the term's end")
            % {"a": summary.achieved, "n": judged}
        )
    for count, words in (
        (summary.on_track, gettext_lazy("%(n)s on track")),
        (summary.needs_acceleration, gettext_lazy("%(n)s need acceleration")),
        (summary.off_track, gettext_lazy("%(n)s off track")),
    ):
        if count:
            parts.append(str(words) % {"n": count})
    if summary.no_data:
        parts.append(
            ngettext("%(n)s without data", "%(n)s without data", summary.no_data)
            % {"n": summary.no_data}
        )
    return ", ".join(parts)
