"""The official lists, before and after the 2025 reform, and the links between them."""

import datetime as dt

import pytest

from chitieu.core.models import ObjectChange
from chitieu.units.importer import import_admin_units
from chitieu.units.models import COMMUNE_LEVEL, PROVINCE_LEVEL, Unit, UnitLink

BEFORE = dt.date(2021, 12, 31)
AFTER = dt.date(2026, 1, 1)

pytestmark = pytest.mark.django_db


def test_ha_tinh_alone_imports_both_trees_with_its_links():
    result = import_admin_units({"42"})

    province = Unit.objects.get(source_key="province:tinhhatinh")
    assert province.valid_from is None and province.valid_to is None
    # The package's pre-reform list is the state of early 2025: 12 district-level units (Lộc Hà,
    # merged into Thạch Hà before that, is added by hand where its data matters).
    assert Unit.objects.valid_on(BEFORE).filter(parent=province).count() == 12
    assert Unit.objects.valid_on(AFTER).filter(parent=province).count() == 69
    town = Unit.objects.get(name="Thị xã Kỳ Anh")
    assert town.valid_to == dt.date(2025, 6, 30)
    assert town.path == f"{province.path}{town.pk}/"
    became = sorted(link.successor.name for link in town.successor_links.all())
    assert became == [
        "Phường Hoành Sơn",
        "Phường Hải Ninh",
        "Phường Sông Trí",
        "Phường Vũng Áng",
        "Xã Kỳ Hoa",
    ]
    assert not any(link.whole for link in town.successor_links.all())
    assert result.units_created == Unit.objects.count()
    assert (
        ObjectChange.objects.filter(verb="import").count()
        == result.units_created + result.links_created
    )


def test_a_commune_that_went_whole_is_linked_whole():
    import_admin_units({"42"})
    ky_ninh = Unit.objects.get(name="Phường Kỳ Ninh")
    link = ky_ninh.successor_links.get()
    assert link.successor.name == "Phường Hải Ninh"
    assert link.whole is True
    assert link.effective_date == dt.date(2025, 7, 1)


def test_a_second_import_creates_nothing():
    import_admin_units({"42"})
    units, links = Unit.objects.count(), UnitLink.objects.count()
    again = import_admin_units({"42"})
    assert (again.units_created, again.links_created) == (0, 0)
    assert (Unit.objects.count(), UnitLink.objects.count()) == (units, links)


def test_merged_provinces_become_a_new_unit_and_codes_are_not_keys():
    import_admin_units({"24"})  # 24: Bắc Giang before the reform, the new Bắc Ninh after it
    old_bac_giang = Unit.objects.get(source_key="legacy:province:tinhbacgiang")
    new_bac_ninh = Unit.objects.get(source_key="2025:province:tinhbacninh")
    assert old_bac_giang.code == new_bac_ninh.code == "24"
    assert old_bac_giang.valid_to == dt.date(2025, 6, 30)
    assert new_bac_ninh.valid_from == dt.date(2025, 7, 1)
    merged_from = sorted(link.predecessor.name for link in new_bac_ninh.predecessor_links.all())
    assert merged_from == ["Tỉnh Bắc Giang", "Tỉnh Bắc Ninh"]


@pytest.mark.slow
def test_the_whole_country_before_and_after_the_reform():
    import_admin_units()
    assert Unit.objects.valid_on(BEFORE).filter(type__in=PROVINCE_LEVEL).count() == 63
    assert Unit.objects.valid_on(AFTER).filter(type__in=PROVINCE_LEVEL).count() == 34
    assert Unit.objects.valid_on(AFTER).filter(type__in=COMMUNE_LEVEL).count() == 3321
    assert Unit.objects.valid_on(BEFORE).filter(type__in=COMMUNE_LEVEL).count() == 10035
    # Every commune of the old tree went somewhere.
    orphans = Unit.objects.filter(type__in=COMMUNE_LEVEL, valid_to=dt.date(2025, 6, 30)).exclude(
        successor_links__isnull=False
    )
    assert orphans.count() == 0
