"""No form asks for a database id: units are picked by name (the unit search's radio buttons),
and no visible field of any form is labelled as an id or a "mã số"."""

import importlib
import pkgutil
import re

import pytest
from django import forms

import chitieu
from chitieu.targets.forms import TargetForm
from chitieu.targets.models import Target
from chitieu.testing import client_for

pytestmark = pytest.mark.django_db


def every_form_class() -> list[type[forms.BaseForm]]:
    found: list[type[forms.BaseForm]] = []
    for module in pkgutil.walk_packages(chitieu.__path__, "chitieu."):
        if not module.name.endswith(".forms"):
            continue
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.name
            ):
                found.append(value)
    return found


def test_no_visible_field_of_any_form_asks_for_an_id():
    asking = []
    for form_class in every_form_class():
        for name, field in form_class.base_fields.items():
            if isinstance(field.widget, forms.HiddenInput):
                continue
            label = str(field.label or name)
            if re.search(r"\bid\b|mã số", label, re.IGNORECASE):
                asking.append(f"{form_class.__name__}.{name}: {label}")
    assert asking == []
    assert isinstance(TargetForm.base_fields["subject_unit"].widget, forms.HiddenInput)
    assert isinstance(TargetForm.base_fields["unit"].widget, forms.HiddenInput)


def test_a_milestones_sub_unit_is_picked_by_name_on_the_resolution_page(
    town_resolution, planner, tree, catalogue
):
    client = client_for(planner)
    page = client.get(f"/resolutions/{town_resolution.pk}/").content.decode()
    assert 'hx-get="/units/?pick=subject_unit"' in page
    assert 'hx-get="/units/?pick=unit"' in page
    assert "(id)" not in page and "mã số" not in page

    # The search for "ky ha" offers Xã Kỳ Hà as a radio button named after the field.
    results = client.get("/units/", {"q": "ky ha", "pick": "subject_unit"}).content
    assert f'name="subject_unit" value="{tree.commune_b.pk}"'.encode() in results

    response = client.post(
        f"/resolutions/{town_resolution.pk}/",
        {
            "indicator": catalogue["KT16"].pk,
            "issuer": "HĐND giao",
            "is_main": "on",
            "measure": "milestone",
            "comparison": "reach",
            "threshold": "1",
            "subject_unit": str(tree.commune_b.pk),
            "order": "0",
        },
    )
    assert response.status_code == 302
    target = Target.objects.get(resolution=town_resolution)
    assert (target.measure, target.subject_unit, target.unit) == (
        "milestone",
        tree.commune_b,
        tree.town,
    )


def test_a_form_error_shows_the_picked_unit_again_by_its_name(town_resolution, planner, tree):
    client = client_for(planner)
    page = client.post(
        f"/resolutions/{town_resolution.pk}/",
        {"issuer": "HĐND giao", "subject_unit": str(tree.commune_b.pk), "measure": "milestone"},
    ).content.decode()
    assert f'name="subject_unit" value="{tree.commune_b.pk}" checked> Xã Kỳ Hà' in page
    assert Target.objects.count() == 0
