"""A resolution's targets as the page and the workbook list them, and a unit's resolutions."""

from decimal import Decimal as D

from chitieu.targets.exports import TARGET_HEADINGS, target_rows
from chitieu.targets.selectors import described_targets, unit_resolution, unit_resolutions
from chitieu.targets.services import target_create


def test_a_resolutions_targets_read_as_the_page_and_the_workbook_show_them(
    tree, planner, town_resolution, catalogue
):
    target = target_create(
        actor=planner,
        resolution=town_resolution,
        issuer="Thị xã đề ra",
        indicator=catalogue["KT06"],
        value=D("324.124"),
    )
    assert described_targets(town_resolution) == [(target, "đạt 324,124 tỷ đồng")]
    assert target_rows(town_resolution) == [
        (
            "KT06",
            catalogue["KT06"].name,
            "Thị xã Kỳ Anh",
            "Năm 2021",
            "Thị xã đề ra",
            "đạt 324,124 tỷ đồng",
            "x",
            D("324.124"),
            None,
        )
    ]
    assert len(TARGET_HEADINGS) == len(target_rows(town_resolution)[0])


def test_a_unit_has_only_its_own_resolutions(tree, town_resolution):
    assert unit_resolutions(tree.town) == [town_resolution]
    assert unit_resolutions(tree.province) == []
    assert unit_resolution(tree.town, str(town_resolution.pk)) == town_resolution
    assert unit_resolution(tree.province, str(town_resolution.pk)) is None
    assert unit_resolution(tree.town, None) is None
