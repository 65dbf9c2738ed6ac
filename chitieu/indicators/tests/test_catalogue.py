import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from chitieu.core.models import ObjectChange
from chitieu.indicators.models import Indicator
from chitieu.indicators.services import indicator_update, load_default_catalogue


def test_the_default_catalogue_covers_the_corpus_and_loads_once(db):
    assert load_default_catalogue() == 52
    assert load_default_catalogue() == 0
    poverty = Indicator.objects.get(code="XH03")
    assert (
        poverty.direction,
        poverty.aggregation,
        poverty.weight_indicator.code,
        poverty.nature,
    ) == (
        "lower",
        "weighted_average",
        "XH02",
        "stock",
    )
    names = " | ".join(Indicator.objects.values_list("name", flat=True)).lower()
    for words in (
        "ngân sách",
        "công nghiệp - xây dựng",
        "nông - lâm - ngư",
        "bán lẻ",
        "thu nhập",
        "hộ nghèo",
        "cận nghèo",
        "lao động qua đào tạo",
        "bảo hiểm y tế",
        "nông thôn mới",
        "ocop",
        "doanh nghiệp",
        "hợp tác xã",
        "đảng viên",
        "tổ chức cơ sở đảng",
    ):
        assert words in names, words


def test_only_a_system_administrator_edits_and_the_edit_is_audited(catalogue, superuser, planner):
    income = catalogue["KT09"]
    with pytest.raises(PermissionDenied):
        indicator_update(actor=planner, indicator=income, decimals=0)
    indicator_update(actor=superuser, indicator=income, decimals=0, reason="Làm tròn")
    change = ObjectChange.objects.get(content_type__model="indicator", action="update")
    assert (change.before["decimals"], change.after["decimals"], change.reason) == (
        1,
        0,
        "Làm tròn",
    )


def test_a_weighted_average_needs_its_weight(catalogue, superuser):
    with pytest.raises(ValidationError, match="quyền số"):
        indicator_update(
            actor=superuser, indicator=catalogue["XH05"], aggregation="weighted_average"
        )
    assert Indicator.objects.get(code="XH05").aggregation == "average"


def test_the_catalogue_page_and_edit_form(catalogue, superuser, planner):
    admin = Client()
    admin.force_login(superuser)
    assert (
        "Thu ngân sách nhà nước trên địa bàn"
        in admin.get(reverse("indicator_list")).content.decode()
    )
    url = reverse("indicator_edit", args=[catalogue["KT06"].pk])
    data = {
        "name": "Thu NSNN trên địa bàn",
        "unit_of_measure": "tỷ đồng",
        "category": "kinh_te",
        "direction": "higher",
        "aggregation": "sum",
        "nature": "flow",
        "decimals": "3",
        "is_active": "on",
    }
    assert admin.post(url, data).status_code == 302
    assert Indicator.objects.get(code="KT06").name == "Thu NSNN trên địa bàn"
    other = Client()
    other.force_login(planner)
    assert other.post(url, {**data, "name": "x"}).status_code == 403
    assert Indicator.objects.get(code="KT06").name == "Thu NSNN trên địa bàn"


def test_a_ranking_keeps_how_many_it_ranks_by_year(catalogue, superuser):
    pci = catalogue["CC08"]
    assert (pci.ranked_units, pci.ranked_out_of(2024), pci.ranked_out_of(2025)) == ("tỉnh", 63, 34)
    assert catalogue["CC10"].ranked_out_of(2025) is None  # DDCI: each province its own count
    admin = Client()
    admin.force_login(superuser)
    url = reverse("indicator_edit", args=[catalogue["CC10"].pk])
    assert (
        "2000: 63; 2025: 34" in admin.get(reverse("indicator_edit", args=[pci.pk])).content.decode()
    )
    data = {
        "name": catalogue["CC10"].name,
        "unit_of_measure": "hạng",
        "category": "cai_cach_hanh_chinh",
        "direction": "lower",
        "aggregation": "none",
        "nature": "stock",
        "decimals": "0",
        "is_active": "on",
        "ranked_units": "sở, ngành",
    }
    refused = admin.post(url, {**data, "ranked_among": "2025 = 21"})
    assert "năm: số" in refused.content.decode()
    assert Indicator.objects.get(code="CC10").ranked_among == {}
    assert admin.post(url, {**data, "ranked_among": "2023: 19; 2025: 21"}).status_code == 302
    ddci = Indicator.objects.get(code="CC10")
    assert (ddci.ranked_units, ddci.ranked_among) == ("sở, ngành", {"2023": 19, "2025": 21})
    assert (ddci.ranked_out_of(2024), ddci.ranked_out_of(2022)) == (19, None)
