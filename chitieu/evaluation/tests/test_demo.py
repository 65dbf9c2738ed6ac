"""The demo shows the corpus as it is: Thị xã Kỳ Anh 2021 at 11/15, Cẩm Xuyên at 23/25, Vĩnh Lộc
at 21/26 with 10 exceeded; loading it twice changes nothing."""

from decimal import Decimal

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from chitieu.accounts.models import Membership
from chitieu.actuals.models import Actual, ActualRevision
from chitieu.awards.models import Proposal
from chitieu.core.models import ObjectChange
from chitieu.core.periods import Period
from chitieu.demo.accounts import DEMO_PASSWORD
from chitieu.evaluation.loader import evaluate_units
from chitieu.targets.models import Target
from chitieu.units.importer import import_admin_units
from chitieu.units.models import Unit


@pytest.fixture
def demo(db):
    import_admin_units({"42", "38"})
    call_command("load_demo")


def headline_texts(name: str, year: int) -> list[tuple[str, str]]:
    unit = Unit.objects.get(name=name, valid_to__isnull=False, parent__parent__isnull=True)
    (results,) = evaluate_units([unit], Period.year_of(year))
    return [(headline.issuer, headline.text) for headline in results.headlines()]


def test_the_demo_shows_the_headlines_of_the_corpus(demo):
    assert headline_texts("Thị xã Kỳ Anh", 2021)[0] == (
        "Thị xã đề ra",
        "11/15 chỉ tiêu chủ yếu đạt và vượt, trong đó 10 chỉ tiêu vượt",
    )
    assert headline_texts("Huyện Cẩm Xuyên", 2021)[0][1].startswith("23/25 chỉ tiêu chủ yếu")
    assert headline_texts("Huyện Vĩnh Lộc", 2021)[0][1] == (
        "21/26 chỉ tiêu chủ yếu đạt và vượt, trong đó 10 chỉ tiêu vượt"
    )


def test_the_real_figures_of_ky_anh_2021_give_the_articles_ratios(demo):
    town = Unit.objects.get(name="Thị xã Kỳ Anh")
    (results,) = evaluate_units([town], Period.year_of(2021))
    budget = {
        r.target.issuer: r.evaluation.ratio
        for r in results.results
        if r.target.indicator.code == "KT06"
    }
    assert budget == {"Thị xã đề ra": Decimal("117.0018"), "Tỉnh giao": Decimal("162.6016")}
    industry = next(r for r in results.results if r.target.indicator.code == "KT03")
    assert industry.evaluation.ratio == Decimal("104.9700")
    assert industry.change.value == Decimal("20.5800")


def test_the_2022_targets_of_ky_anh_are_as_the_text_gives_them(demo):
    town = Unit.objects.get(name="Thị xã Kỳ Anh")
    targets = {
        t.indicator.code: (t.comparison, t.value)
        for t in Target.objects.filter(unit=town, period="2022").select_related("indicator")
    }
    assert targets == {
        "XD01": ("at_least", Decimal("80")),
        "XD02": ("reach", Decimal("110")),
        "XD04": ("reach", Decimal("100")),
        "XD06": ("at_least", Decimal("20")),
        "XD05": ("reach", Decimal("90")),
        "KT06": ("reach", Decimal("324.124")),
        "XH05": ("reach", Decimal("74")),
        "XH03": ("at_most", Decimal("3.2")),
        "XH04": ("at_most", Decimal("4.8")),
    }


def test_generated_values_are_marked_as_sample(demo):
    town = Unit.objects.get(name="Thị xã Kỳ Anh")
    real = Actual.objects.get(unit=town, period="2021", indicator__code="KT06")
    assert real.is_sample is False
    assert Actual.objects.get(unit=town, period="2021", indicator__code="KT07").is_sample is True
    assert ActualRevision.objects.get(actual=real).source.startswith("Báo Hà Tĩnh")


def test_the_demo_loads_twice_without_duplicating_anything(demo):
    counts = (
        get_user_model().objects.count(),
        Membership.objects.count(),
        Target.objects.count(),
        Actual.objects.count(),
        ObjectChange.objects.count(),
    )
    call_command("load_demo")
    assert (
        get_user_model().objects.count(),
        Membership.objects.count(),
        Target.objects.count(),
        Actual.objects.count(),
        ObjectChange.objects.count(),
    ) == counts
    assert counts[0] == 12  # six accounts of the 2021–2022 demo, six ward reporters of 2026
    # django-axes counts attempts per request, so authenticate() is given one.
    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request, username="kyanh", password=DEMO_PASSWORD) is not None


def test_the_board_finds_a_decided_and_a_pending_proposal(demo):
    assert list(
        Proposal.objects.order_by("year").values_list("year", "status", "considered_at__name")
    ) == [(2021, "decided", "Tỉnh Hà Tĩnh"), (2022, "submitted", "Tỉnh Hà Tĩnh")]
