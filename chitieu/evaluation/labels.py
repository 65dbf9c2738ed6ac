"""The names of statuses and views on the pages, in the user's language. `Status.label` stays
Vietnamese: the engine needs no Django, and documents are Vietnamese whatever the screen says."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from chitieu.actuals.figurebook import View
from chitieu.evaluation.engine import Status

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
