"""The overview's status dots, drawn by the stylesheet from each cell's class (the cells carry
no markup of their own), in the status colour, with the status and ratio as the tooltip."""

from __future__ import annotations

import pytest
from django.urls import reverse

from chitieu.evaluation.tests.test_views import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOT = """(selector) => {
  const style = getComputedStyle(document.querySelector(selector), '::before');
  return [style.width, style.height, style.backgroundColor, style.borderRadius];
}"""


def test_each_cell_shows_a_dot_in_its_status_colour(page, live_server, tree, superuser, catalogue):
    build(superuser, catalogue, tree.town, 1)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", "pw-root-123")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")

    page.goto(f"{live_server.url}{reverse('overview', args=[tree.town.pk])}?period=2021")
    assert page.evaluate(DOT, "#overview td.s-vuot") == ["14px", "14px", "rgb(15, 107, 47)", "50%"]
    assert page.evaluate(DOT, "#overview td.s-khong_dat")[:2] == ["14px", "14px"]
    assert page.get_attribute("#overview td.s-khong_dat", "title") == "Không đạt · 110%"
