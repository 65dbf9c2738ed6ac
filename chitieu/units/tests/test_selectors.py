import datetime as dt

from chitieu.units import selectors


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
