import datetime as dt

from chitieu.units import selectors
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create


def test_search_finds_names_without_diacritics_at_word_starts(tree, superuser):
    found = [unit.name for unit in selectors.unit_search(superuser, "ky anh")]
    assert found == ["Thị xã Kỳ Anh"]
    assert [u.name for u in selectors.unit_search(superuser, "KỲ NINH")] == ["Phường Kỳ Ninh"]
    assert selectors.unit_search(superuser, "nh") == []


def test_search_on_a_date_keeps_the_units_of_that_date(tree, superuser):
    in_2021 = selectors.unit_search(superuser, "ninh", dt.date(2021, 6, 1))
    in_2026 = selectors.unit_search(superuser, "ninh", dt.date(2026, 6, 1))
    assert [u.name for u in in_2021] == ["Phường Kỳ Ninh"]
    assert [u.name for u in in_2026] == ["Phường Hải Ninh"]


def test_the_tree_of_2021_and_of_2026(tree, superuser):
    roots = selectors.unit_tree_roots(superuser, dt.date(2021, 12, 31))
    assert [(u.name, u.child_count) for u in roots] == [("Tỉnh Hà Tĩnh", 2)]
    children_2021 = selectors.unit_tree_children(superuser, tree.province, dt.date(2021, 12, 31))
    assert [u.name for u in children_2021] == ["Huyện Cẩm Xuyên", "Thị xã Kỳ Anh"]
    children_2026 = selectors.unit_tree_children(superuser, tree.province, dt.date(2026, 1, 1))
    assert [u.name for u in children_2026] == ["Phường Hải Ninh"]


def test_a_reporter_sees_only_their_own_subtree(tree, reporter_a):
    assert [u.name for u in selectors.unit_search(reporter_a, "xa")] == []
    assert [u.name for u in selectors.unit_search(reporter_a, "phuong")] == ["Phường Kỳ Ninh"]
    roots = selectors.unit_tree_roots(reporter_a, dt.date(2021, 12, 31))
    assert [u.name for u in roots] == ["Phường Kỳ Ninh"]


def test_an_imported_cell_names_a_unit_by_its_name_or_official_code_never_its_id(
    tree, superuser, make_user
):
    from chitieu.units.selectors import unit_in_cell

    for parent, code in ((tree.town, "HS-01"), (tree.other_district, "HS-02")):
        unit_create(
            actor=superuser,
            name="Trường Mầm non Hoa Sen",
            type=UnitType.SCHOOL,
            parent=parent,
            code=code,
        )
    board = make_user("town_board_cell", "board", tree.town)
    assert unit_in_cell(board, "  thị xã   Kỳ Anh ") == tree.town
    assert unit_in_cell(superuser, tree.commune_a.name) == tree.commune_a
    assert unit_in_cell(board, "Trường Mầm non Hoa Sen").parent == tree.town  # its scope only
    assert unit_in_cell(superuser, "Trường Mầm non Hoa Sen") == (
        "có 2 đơn vị tên “Trường Mầm non Hoa Sen”: hãy ghi mã đơn vị hành chính (HS-02, HS-01)."
    )
    assert unit_in_cell(superuser, "HS-02").parent == tree.other_district
    assert unit_in_cell(board, str(tree.town.pk)) == (
        f"không có đơn vị “{tree.town.pk}” trong phạm vi của bạn (ghi tên hoặc mã đơn vị hành "
        "chính)."
    )
