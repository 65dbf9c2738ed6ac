"""The review page's selector: the figures of a text, and in check mode the stored values."""

from decimal import Decimal as D

from chitieu.core.periods import Period
from chitieu.extraction.documents import extract_blocks
from chitieu.extraction.reading import paragraphs_of_text
from chitieu.extraction.selectors import review_page
from chitieu.testing import put

TEXT = "Thu ngân sách trên địa bàn đạt 320 tỷ đồng."


def test_check_mode_shows_the_stored_figure_and_flags_the_difference(
    tree, superuser, catalogue, town_resolution
):
    put(superuser, tree.town, catalogue["KT06"], "2021", "300")
    reading = extract_blocks(paragraphs_of_text(TEXT))
    page = review_page(reading, tree.town, Period.parse("2021"), check=True)
    (row,) = page.rows
    assert (row.figure.quote, row.match.code, row.stored) == ("320 tỷ đồng", "KT06", D("300"))
    assert page.check is True
    assert page.differences == [row]
    assert page.resolutions == [town_resolution]
    assert page.indicators[0].code == min(catalogue)
    assert '<mark class="fig-diff" id="fig-0"' in page.highlighted


def test_without_a_unit_there_is_nothing_to_check_against(tree, catalogue):
    reading = extract_blocks(paragraphs_of_text(TEXT))
    page = review_page(reading, None, Period.parse("2021"), check=True)
    assert (page.check, page.differences, page.resolutions) == (False, [], [])
    assert page.rows[0].stored is None
