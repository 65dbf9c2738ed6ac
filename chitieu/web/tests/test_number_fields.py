"""Vietnamese numbers in every field (issue 12, item 2): every number of every form and page is
a text input read by the one reader, so "324,124" is 324,124 and never 324.124, "3.2" is refused
with the hint "3,2" and nothing is saved, and what looks wrong is warned about before saving."""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse

from chitieu.accounts.tests.test_permission_matrix import World
from chitieu.awards import forms as awards_forms
from chitieu.core import forms as core_forms
from chitieu.core.forms import VietnameseDecimalField, VietnameseIntegerField
from chitieu.emulation import forms as emulation_forms
from chitieu.indicators import forms as indicators_forms
from chitieu.targets import forms as targets_forms
from chitieu.testing import client_for, put
from chitieu.units import forms as units_forms

HINT = "Dùng dấu phẩy cho phần thập phân: 3,2"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FORM_MODULES = (
    awards_forms,
    core_forms,
    emulation_forms,
    indicators_forms,
    targets_forms,
    units_forms,
)


def _number_fields() -> list[tuple[str, str, forms.Field]]:
    found: list[tuple[str, str, forms.Field]] = []
    for module in FORM_MODULES:
        for name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != module.__name__:
                continue
            for field_name, field in form.base_fields.items():
                if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
                    found.append((f"{name}.{field_name}", field_name, field))
    return found


NUMBER_FIELDS = _number_fields()
SHOWN = [(label, name, field) for label, name, field in NUMBER_FIELDS if not field.widget.is_hidden]
DECIMALS = [
    (label, field)
    for label, _name, field in SHOWN
    if not isinstance(field, VietnameseIntegerField) and field.bounds.minimum is None
]
WHOLES = [
    (label, field) for label, _name, field in SHOWN if isinstance(field, VietnameseIntegerField)
]


def test_the_forms_have_number_fields_to_check():
    assert {label for label, _f in DECIMALS} >= {
        "TargetForm.value",
        "TargetForm.upper",
        "TargetForm.threshold",
        "IndicatorForm.minimum",
        "IndicatorForm.maximum",
    }
    assert {label for label, _f in WHOLES} >= {
        "ItemForm.votes_in_favour",
        "ItemForm.council_members",
        "ProposalForm.year",
        "PersonForm.birth_year",
        "IndicatorForm.decimals",
        "TargetForm.order",
    }


@pytest.mark.parametrize(("label", "name", "field"), SHOWN, ids=[s[0] for s in SHOWN])
def test_every_number_field_is_the_vietnamese_field_in_a_text_input(label, name, field):
    assert isinstance(field, VietnameseDecimalField), label
    html = str(field.widget.render(name, None, None))
    assert 'type="text"' in html
    assert 'type="number"' not in html
    assert re.search(r'inputmode="(decimal|numeric)"', html)
    assert 'hx-get="/check-number/?field=' in html
    assert html.endswith('<span class="check" aria-live="polite"></span>')


def test_no_template_has_a_number_input():
    offending = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if re.search(r"type=\"?number", path.read_text(encoding="utf-8"))
    ]
    assert offending == []


DECIMAL_TEXTS = [
    ("324,124", Decimal("324.124")),
    ("91,5", Decimal("91.5")),
    ("-1,5", Decimal("-1.5")),
    ("1.695,36", Decimal("1695.36")),
    ("72.824", Decimal("72824")),
]


@pytest.mark.parametrize(("label", "field"), DECIMALS, ids=[d[0] for d in DECIMALS])
@pytest.mark.parametrize(("text", "expected"), DECIMAL_TEXTS)
def test_a_decimal_field_reads_the_comma_as_the_decimal_mark(label, field, text, expected):
    value = field.clean(text)
    assert value == expected
    assert value.as_tuple() == expected.as_tuple()  # never multiplied, not even in its exponent


@pytest.mark.parametrize(("label", "field"), WHOLES, ids=[w[0] for w in WHOLES])
def test_a_whole_number_field_reads_the_dot_as_thousands_and_refuses_a_fraction(label, field):
    low = field.bounds.minimum if field.bounds.minimum is not None else Decimal(0)
    text = str(int(low) + 5)
    assert field.clean(text) == int(low) + 5
    assert isinstance(field.clean(text), int)
    with pytest.raises(forms.ValidationError):
        field.clean(f"{int(low) + 5},5")


@pytest.mark.parametrize(("label", "_name", "field"), SHOWN, ids=[s[0] for s in SHOWN])
def test_every_number_field_refuses_3_point_2_with_the_hint(label, _name, field):
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("3.2")
    assert HINT in refused.value.messages[0]


def test_a_year_and_an_id_are_shown_without_the_thousands_dot():
    year = awards_forms.ProposalForm(initial={"year": 2024})["year"]
    assert 'value="2024"' in str(year)
    order = targets_forms.TargetForm(initial={"order": 1200})["order"]
    assert 'value="1.200"' in str(order)


# -- every page that reads a number -----------------------------------------------------------


@dataclass
class Page:
    """One number of one page: the request that types `text`, and how to read what was saved."""

    label: str
    user: str
    post: Callable[[World, str], tuple[str, dict]]
    saved: Callable[[World], object]
    examples: list[tuple[str, object]]


def _target(measure: str, **numbers: str) -> Callable[[World, str], tuple[str, dict]]:
    def build(w: World, text: str) -> tuple[str, dict]:
        data = {
            "indicator": w.catalogue["KT06"].pk,
            "issuer": "Tỉnh giao",
            "is_main": "on",
            "measure": measure,
            "comparison": "range" if "upper" in numbers else "reach",
            "value": "",
            "upper": "",
            "threshold": "",
            "order": "0",
        }
        data.update({key: text if given == "TEXT" else given for key, given in numbers.items()})
        return reverse("resolution_detail", args=[w.resolution.pk]), data

    return build


def _new_target(field: str) -> Callable[[World], object]:
    def saved(w: World) -> object:
        target = apps.get_model("targets", "Target").objects.filter(issuer="Tỉnh giao").first()
        return None if target is None else getattr(target, field)

    return saved


def _indicator(field: str) -> Callable[[World, str], tuple[str, dict]]:
    def build(w: World, text: str) -> tuple[str, dict]:
        kt06 = w.catalogue["KT06"]
        return reverse("indicator_edit", args=[kt06.pk]), {
            "name": kt06.name,
            "unit_of_measure": kt06.unit_of_measure,
            "category": kt06.category,
            "direction": kt06.direction,
            "aggregation": kt06.aggregation,
            "nature": kt06.nature,
            "decimals": "3",
            "is_active": "on",
            field: text,
        }

    return build


def _kt06(field: str) -> Callable[[World], object]:
    return lambda w: getattr(
        apps.get_model("indicators", "Indicator").objects.get(code="KT06"), field
    )


def _cluster(action: str, field: str, **extra) -> Callable[[World, str], tuple[str, dict]]:
    def build(w: World, text: str) -> tuple[str, dict]:
        data = {"action": action, "member": w.member.pk, **extra}
        if action == "score":
            data["criterion"] = w.criterion.pk
        if action == "vote":
            w.confirmed()  # votes come after the Board confirmed the scoring
        data[field] = text
        return reverse("cluster_year_detail", args=[w.cluster_year.pk]), data

    return build


def _layout_pk() -> int:
    return (
        apps.get_model("awards", "BlankLayout").objects.filter(unit=None).order_by("pk").first().pk
    )


def _rule_set_pk() -> int:
    from django.db.models import F

    rule_sets = apps.get_model("awards", "RuleSet").objects
    return rule_sets.order_by(F("valid_from").desc(nulls_last=True)).first().pk


def _fund_amount(w: World) -> object:
    entry = apps.get_model("awards", "FundEntry").objects.filter(description="Phân bổ").first()
    return None if entry is None else entry.amount


def _province_rule(w: World) -> object:
    rule = apps.get_model("awards", "ProvinceRule").objects.filter(unit=w.tree.province).first()
    return None if rule is None else rule.parameters.get("cstdcs_max_share_of_ldtt")


def _figure(w: World) -> object:
    actual = apps.get_model("actuals", "Actual").objects.filter(unit=w.tree.commune_a).first()
    return None if actual is None else actual.value


PAGES = [
    Page(
        "target value",
        "planner",
        _target("change", value="TEXT"),
        _new_target("value"),
        [(t, v) for t, v in DECIMAL_TEXTS],
    ),
    Page(
        "target range, both ends",
        "planner",
        _target("change", value="-2.000", upper="TEXT"),
        _new_target("upper"),
        [(t, v) for t, v in DECIMAL_TEXTS],
    ),
    Page(
        "target standard of a sub-unit",
        "planner",
        _target("subunit_count", value="2", threshold="TEXT"),
        _new_target("threshold"),
        [(t, v) for t, v in DECIMAL_TEXTS],
    ),
    Page(
        "indicator's lowest value",
        "sysadmin",
        _indicator("minimum"),
        _kt06("minimum"),
        [(t, v) for t, v in DECIMAL_TEXTS],
    ),
    Page(
        "indicator's highest value",
        "sysadmin",
        _indicator("maximum"),
        _kt06("maximum"),
        [(t, v) for t, v in DECIMAL_TEXTS],
    ),
    Page(
        "tolerance for nearly met",
        "planner",
        lambda w, text: (reverse("tolerance", args=[w.tree.town.pk]), {"near_met_tolerance": text}),
        lambda w: getattr(
            apps.get_model("evaluation", "EvaluationPolicy")
            .objects.filter(unit=w.tree.town)
            .first(),
            "near_met_tolerance",
            None,
        ),
        [("4,5", Decimal("4.5")), ("12,25", Decimal("12.25"))],
    ),
    Page(
        "score of a criterion",
        "town_board",
        _cluster("score", "points", stage="board"),
        lambda w: getattr(apps.get_model("emulation", "Score").objects.first(), "points", None),
        [("9,5", Decimal("9.5")), ("7,25", Decimal("7.25"))],
    ),
    Page(
        "voters of a vote",
        "town_board",
        _cluster("vote", "voters", award="TTLDTT", votes_in_favour="5"),
        lambda w: getattr(apps.get_model("emulation", "Vote").objects.first(), "voters", None),
        [("1.200", 1200), ("12", 12)],
    ),
    Page(
        "fund allocation",
        "town_board",
        lambda w, text: (
            reverse("fund", args=[w.tree.town.pk, 2024]),
            {"amount": text, "date": "02/01/2024", "description": "Phân bổ"},
        ),
        _fund_amount,
        [("1.695.000", Decimal("1695000")), ("324.124", Decimal("324124"))],
    ),
    Page(
        "position of a blank's field",
        "sysadmin",
        lambda w, text: (reverse("blank_layout", args=[_layout_pk()]), {"name_x": text}),
        lambda w: (
            apps.get_model("awards", "BlankLayout").objects.get(pk=_layout_pk()).fields["name"]["x"]
        ),
        [("62,5", "62.5"), ("91,5", "91.5")],
    ),
    Page(
        "province's share",
        "board",
        lambda w, text: (
            reverse("province_rules", args=[w.tree.province.pk]),
            {"rule_set": _rule_set_pk(), "cstdcs_max_share_of_ldtt": text},
        ),
        _province_rule,
        [("12,5", "12.5"), ("91,5", "91.5")],
    ),
    Page(
        "figure on the data-entry sheet",
        "reporter",
        lambda w, text: (
            reverse("actuals_entry", args=[w.tree.commune_a.pk, "2021"]),
            {
                f"value_{w.catalogue['KT06'].pk}": text,
                f"version_{w.catalogue['KT06'].pk}": "0",
                "save": "",
            },
        ),
        _figure,
        [(t, v) for t, v in DECIMAL_TEXTS if v >= 0],
    ),
]
EXAMPLES = [(page, text, expected) for page in PAGES for text, expected in page.examples]


@pytest.fixture
def world(tree, superuser, make_user, catalogue, awards) -> World:
    return World(tree, superuser, make_user, catalogue, awards)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "text", "expected"), EXAMPLES, ids=[f"{p.label}: {t}" for p, t, _e in EXAMPLES]
)
def test_every_page_saves_the_number_as_typed(world, page, text, expected):
    url, data = page.post(world, text)
    response = client_for(world.users[page.user]).post(url, data, follow=True)
    assert response.status_code == 200
    assert page.saved(world) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=[p.label for p in PAGES])
def test_every_page_refuses_3_point_2_with_the_hint_and_saves_nothing(world, page):
    before = page.saved(world)
    url, data = page.post(world, "3.2")
    response = client_for(world.users[page.user]).post(url, data, follow=True)
    assert response.status_code == 200
    assert HINT in response.content.decode()
    assert page.saved(world) == before


# -- the live check ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_live_check_shows_the_number_as_it_will_be_saved_or_the_hint(reporter_a):
    client = client_for(reporter_a)
    url = reverse("check_number")
    ok = client.get(url, {"field": "value", "value": "324,124"}).content.decode()
    assert ok == '<span class="ok">✓ 324,124</span>'
    # A dot is a thousands separator: the check says how big the number is.
    big = client.get(url, {"field": "value", "value": "324.124"}).content.decode()
    assert (
        big == '<span class="ok">✓ 324.124</span> <small class="muted">(khoảng 324,1 nghìn)</small>'
    )
    bad = client.get(url, {"field": "value", "value": "3.2"}).content.decode()
    assert bad.startswith('<span class="error">“3.2” không phải là số hợp lệ. ' + HINT)
    whole = client.get(
        url, {"field": "n", "n": "1,5", "whole": "1", "places": "0"}
    ).content.decode()
    assert whole == '<span class="error">1,5 phải là số nguyên.</span>'
    year = client.get(url, {"field": "y", "y": "2024", "whole": "1", "plain": "1"}).content.decode()
    assert year == '<span class="ok">✓ 2024</span>'
    assert client.get(url, {"field": "value", "value": "  "}).content == b""


@pytest.mark.django_db
def test_the_live_check_of_a_target_applies_its_indicator(reporter_a, catalogue):
    client = client_for(reporter_a)
    url = reverse("check_number")
    poverty = catalogue["XH03"].pk  # a share: 0–100
    refused = client.get(
        url, {"field": "value", "value": "915", "indicator": poverty, "measure": "level"}
    ).content.decode()
    assert refused == '<span class="error">giá trị 915 phải từ 0 đến 100.</span>'
    growth = catalogue["KT01"].pk  # a growth rate in %, with no highest value
    warned = client.get(
        url, {"field": "value", "value": "150", "indicator": growth, "measure": "level"}
    ).content.decode()
    assert warned == (
        '<span class="ok">✓ 150</span> <span class="warning">'
        "150% vượt quá 100%: một tỷ lệ hiếm khi lớn như vậy.</span>"
    )


@pytest.mark.django_db
def test_the_live_check_answers_nonsense_without_an_error(reporter_a):
    client = client_for(reporter_a)
    url = reverse("check_number")
    for query in (
        {"field": "v", "v": "1", "digits": "999999999999", "min": "abc", "max": "1e999"},
        {"value_99999999999999999999": "1"},
        {"field": "v", "v": "1", "indicator": "x", "measure": "level"},
        {"field": "v", "v": "9" * 200},
    ):
        assert client.get(url, query).status_code == 200


# -- warnings before saving ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_target_a_thousand_times_last_years_figure_is_warned_about_and_saved_when_confirmed(
    world,
):
    target = apps.get_model("targets", "Target")
    put(world.superuser, world.tree.town, world.catalogue["KT06"], "2020", "300")
    url, data = _target("level", value="TEXT")(world, "324.124")
    client = client_for(world.users["planner"])
    warned = client.post(url, data).content.decode()
    assert (
        "Giá trị kế hoạch: 324.124 lớn hơn 1.000 lần số liệu năm 2020 (300): "
        "có nhầm dấu chấm với dấu phẩy, hay nhầm đơn vị tính?"
    ) in warned
    assert 'name="confirm_implausible"' in warned
    assert not target.objects.filter(issuer="Tỉnh giao").exists()
    client.post(url, {**data, "confirm_implausible": "1"})
    assert target.objects.get(issuer="Tỉnh giao").value == Decimal("324124")


@pytest.mark.django_db
def test_a_target_a_thousandth_of_last_years_target_is_warned_about(world, superuser):
    from chitieu.targets.services import resolution_create, target_create

    earlier = resolution_create(
        actor=superuser,
        unit=world.tree.town,
        number="09/NQ-HĐND",
        title="Kế hoạch năm 2020",
        date=dt.date(2019, 12, 18),
        issuing_body="HĐND thị xã Kỳ Anh",
        period="2020",
    )
    target_create(
        actor=superuser,
        resolution=earlier,
        indicator=world.catalogue["KT06"],
        issuer="HĐND giao",
        value=Decimal("500000"),
    )
    url, data = _target("level", value="TEXT")(world, "324,124")
    html = client_for(world.users["planner"]).post(url, data).content.decode()
    assert (
        "Giá trị kế hoạch: 324,124 chưa bằng một phần nghìn chỉ tiêu năm 2020 (HĐND giao) (500.000)"
    ) in html
    assert not apps.get_model("targets", "Target").objects.filter(issuer="Tỉnh giao").exists()


@pytest.mark.django_db
def test_a_growth_over_100_percent_is_warned_about(world):
    url, data = _target("growth", value="TEXT")(world, "915")
    html = client_for(world.users["planner"]).post(url, data).content.decode()
    assert "Giá trị kế hoạch: 915% vượt quá 100%: một tỷ lệ hiếm khi lớn như vậy." in html
    assert not apps.get_model("targets", "Target").objects.filter(issuer="Tỉnh giao").exists()


@pytest.mark.django_db
def test_a_figure_a_thousand_times_last_years_is_warned_about_then_saved_when_confirmed(world):
    actual = apps.get_model("actuals", "Actual")
    kt06 = world.catalogue["KT06"]
    put(world.superuser, world.tree.commune_a, kt06, "2020", "31")
    url = reverse("actuals_entry", args=[world.tree.commune_a.pk, "2021"])
    data = {f"value_{kt06.pk}": "31.500", f"version_{kt06.pk}": "0", "save": ""}
    client = client_for(world.users["reporter"])
    html = client.post(url, data).content.decode()
    assert (
        "KT06 · Thu ngân sách nhà nước trên địa bàn: "
        "31.500 lớn hơn 1.000 lần cùng kỳ năm trước (31)"
    ) in html
    assert 'value="31.500"' in html  # what was typed, to correct or confirm
    assert not actual.objects.filter(unit=world.tree.commune_a, period="2021").exists()
    client.post(url, {**data, "confirm_implausible": "1"})
    assert actual.objects.get(unit=world.tree.commune_a, period="2021").value == Decimal("31500")


@pytest.mark.django_db
def test_an_excel_target_a_thousand_times_last_years_figure_is_added_with_a_warning(world):
    from chitieu.targets.tests.test_excel import upload

    put(world.superuser, world.tree.town, world.catalogue["KT06"], "2020", "300")
    row = ["KT06", "Tỉnh giao", "x", "level", "reach", "324.124", None, None, None, None, ""]
    response = upload(client_for(world.users["planner"]), world.resolution, [row])
    html = response.content.decode()
    assert (
        "Trang “Chỉ tiêu”, dòng 2: Giá trị kế hoạch: 324.124 lớn hơn 1.000 lần số liệu năm "
        "2020 (300)"
    ) in html
    target = apps.get_model("targets", "Target").objects.get(issuer="Tỉnh giao")
    assert target.value == Decimal("324124")
