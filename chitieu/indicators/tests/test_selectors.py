"""Reads of the catalogue: by the key a form posts, active ones in code order."""

import pytest
from django.http import Http404

from chitieu.indicators.selectors import (
    access_indicator,
    active_indicators,
    indicator_by_key,
    indicator_catalogue,
    indicators_by_key,
)


def test_an_indicator_is_found_by_the_key_a_form_posts_and_nothing_else(catalogue):
    budget = catalogue["KT06"]
    assert indicator_by_key(str(budget.pk)) == budget
    assert indicator_by_key("abc") is None
    assert indicator_by_key("٣") is None  # a non-ASCII digit is not a key
    assert indicator_by_key("999999") is None
    assert indicators_by_key()[str(budget.pk)] == budget
    assert access_indicator(budget.pk) == budget
    with pytest.raises(Http404):
        access_indicator(999_999)


def test_the_catalogue_lists_every_indicator_and_the_picker_the_active_ones_by_code(catalogue):
    assert len(indicator_catalogue()) == len(catalogue)
    codes = [indicator.code for indicator in active_indicators()]
    assert codes == sorted(code for code, i in catalogue.items() if i.is_active)
