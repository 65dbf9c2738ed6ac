"""The demo carries the movements Hà Tĩnh ran in 2023 (corpus 002), with the sơ kết of the rural
one, and the Ministry's form 0601 counts them."""

import datetime as dt

import pytest
from django.core.management import call_command

from chitieu.awards.statistics.moha import form_0601
from chitieu.demo.targets import HA_TINH
from chitieu.emulation.models import Movement, MovementReview
from chitieu.emulation.movements import movements_of_year
from chitieu.units.importer import import_admin_units
from chitieu.units.models import Unit


@pytest.fixture
def demo(db):
    import_admin_units({"42", "38"})
    call_command("load_demo")


def test_the_demo_carries_the_2023_movements_of_seed_002(demo):
    province = Unit.objects.get(source_key=HA_TINH)
    names = set(
        Movement.objects.filter(launched_by=province, document_date__year=2023).values_list(
            "name", flat=True
        )
    )
    assert len(names) == 17
    assert {
        "Hà Tĩnh vì người nghèo - Không để ai bị bỏ lại phía sau",
        "Doanh nghiệp Hà Tĩnh hội nhập và phát triển",
        "Thi đua quyết thắng",
        "Uống nước nhớ nguồn",
        "Đền ơn đáp nghĩa",
    } <= names
    rural = Movement.objects.get(
        name="Cả tỉnh chung sức xây dựng tỉnh Hà Tĩnh đạt chuẩn nông thôn mới"
    )
    review = MovementReview.objects.get(movement=rural)
    assert (review.kind, review.held_on) == ("so_ket", dt.date(2023, 7, 15))
    assert "4 xã của huyện Hương Khê" in review.results
    of_2023 = movements_of_year(province, 2023)
    assert (len(of_2023.launched), of_2023.reviewed) == (17, [rural])
    assert form_0601(province, 2023).row("01").values == [0, 17, 0]
    assert form_0601(province, 2023).row("12").values == [0, 17, 0]
    call_command("load_demo")  # twice: nothing doubled
    assert Movement.objects.filter(launched_by=province).count() == 18
