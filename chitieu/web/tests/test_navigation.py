"""The menu shows only what the user's role lets them do (from the one permissions module)."""

import pytest
from django.urls import reverse

from chitieu.testing import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "unit", "sees_review"),
    [
        ("planner", "province", True),  # approves the reports of the units under it
        ("viewer", "province", False),  # a leader reads results; nothing to approve
        ("reporter", "new_ward", False),  # is told on the home page what was returned
    ],
)
def test_the_review_list_is_in_the_menu_of_approvers_only(make_user, tree, role, unit, sees_review):
    user = make_user(f"{role}_user", role, getattr(tree, unit))
    html = client_for(user).get(reverse("home")).content.decode()
    nav = html.split('<nav class="mainnav">')[1].split("</nav>")[0]
    assert (f'href="{reverse("actuals_review")}"' in nav) is sees_review
    assert ("Duyệt báo cáo" in nav) is sees_review
