"""The overview's table is cached under the data version, and stays live: a figure, a target or
a tolerance saved shows at the next request; the page is sent gzip-compressed."""

import gzip
from decimal import Decimal as D

import pytest
from django.db import transaction
from django.urls import reverse

from chitieu.core import versions
from chitieu.evaluation.services import policy_set
from chitieu.evaluation.tests.test_views import build
from chitieu.targets.models import Target
from chitieu.targets.services import target_update
from chitieu.testing import client_for, put
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create


def cells(client, town) -> list[str]:
    html = client.get(reverse("overview", args=[town.pk]), {"period": "2021"}).content.decode()
    row = html.split("Xã Đo 0</a></td>")[1].split("</tr>")[0]
    return row.split('<td class="')[2:]  # after the count


def test_a_saved_figure_shows_at_the_next_request(tree, superuser, catalogue):
    build(superuser, catalogue, tree.town, 1)
    client = client_for(superuser)
    assert cells(client, tree.town)[0] == ('s-vuot" title="Vượt · 110%"></td>')
    assert cells(client, tree.town)[0].startswith('s-vuot"')  # cached
    commune = tree.town.children.get(name="Xã Đo 0")
    put(superuser, commune, catalogue["KT06"], "2021", "5")
    assert cells(client, tree.town)[0] == ('s-khong_dat" title="Không đạt · 50%"></td>')


def test_a_changed_target_and_a_changed_tolerance_show_at_the_next_request(
    tree, superuser, catalogue
):
    build(superuser, catalogue, tree.town, 1)
    client = client_for(superuser)
    commune = tree.town.children.get(name="Xã Đo 0")
    put(superuser, commune, catalogue["KT06"], "2021", "9.8")
    assert cells(client, tree.town)[0] == ('s-gan_dat" title="Gần đạt · 98%"></td>')
    policy_set(actor=superuser, unit=tree.province, near_met_tolerance=D("1"))
    assert cells(client, tree.town)[0] == ('s-khong_dat" title="Không đạt · 98%"></td>')
    target = Target.objects.get(unit=commune, indicator=catalogue["KT06"])
    target_update(actor=superuser, target=target, value=D("9.8"))
    assert cells(client, tree.town)[0] == ('s-dat" title="Đạt · 100%"></td>')


def test_a_write_sets_a_new_version_for_its_province_only(tree, superuser, catalogue):
    other = unit_create(actor=superuser, name="Tỉnh Nghệ An", type=UnitType.PROVINCE, parent=None)
    here, there = versions.current(tree.commune_a.path), versions.current(other.path)
    put(superuser, tree.commune_a, catalogue["KT06"], "2021", "5")
    assert versions.current(tree.commune_a.path) != here
    assert versions.current(tree.town.path) == versions.current(tree.commune_a.path)
    assert versions.current(other.path) == there


def test_a_write_rolled_back_leaves_the_version_as_it_was(tree, superuser, catalogue):
    before = versions.current(tree.commune_a.path)

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        put(superuser, tree.commune_a, catalogue["KT06"], "2021", "5")
        assert versions.current(tree.commune_a.path) != before
        raise Abandoned
    assert versions.current(tree.commune_a.path) == before


def test_the_overview_is_sent_gzip_compressed(tree, superuser, catalogue):
    build(superuser, catalogue, tree.town, 2)
    response = client_for(superuser).get(
        reverse("overview", args=[tree.town.pk]),
        {"period": "2021"},
        headers={"accept-encoding": "gzip"},
    )
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).decode().count("Xã Đo") == 2


def test_a_compressed_page_is_padded_anew_each_time_and_reads_the_same(tree, superuser, catalogue):
    build(superuser, catalogue, tree.town, 2)
    client = client_for(superuser)
    url = reverse("overview", args=[tree.town.pk])
    bodies = [
        client.get(url, {"period": "2021"}, headers={"accept-encoding": "gzip"}) for _ in range(4)
    ]
    assert all("Accept-Encoding" in response["Vary"] for response in bodies)
    assert len({response.content[:120] for response in bodies}) > 1  # the random file name
    tables = {
        gzip.decompress(response.content).decode().split("<table")[1].split("</table>")[0]
        for response in bodies
    }
    assert len(tables) == 1
