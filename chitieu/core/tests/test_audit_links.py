"""The audit list links an object to its history only where that page exists for the user:
found crawling as the administrator, whose audit list linked some fifty changes to a 404."""

import re

import pytest
from django.urls import reverse

from chitieu.accounts.tests.test_permission_matrix import World
from chitieu.testing import client_for

pytestmark = pytest.mark.django_db


def test_every_history_link_of_the_audit_list_opens(tree, superuser, make_user, catalogue, awards):
    World(tree, superuser, make_user, catalogue, awards)  # changes of many kinds of object
    client = client_for(superuser)
    html = client.get(reverse("audit_list")).content.decode()
    links = set(re.findall(r'href="(/history/[^"]+)"', html))
    assert {link.split("/")[2] for link in links} >= {"awards.person", "targets.target"}
    assert "Cụm các phường, xã" in html  # a cluster's change is listed, without a link
    assert {link: client.get(link).status_code for link in links} == dict.fromkeys(links, 200)
