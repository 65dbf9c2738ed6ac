"""A score's evidence is private to those who see the cluster: served by a checked view under
the name it was uploaded with; only PDF, images and Word files, known by their content."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from chitieu.accounts.models import Role
from chitieu.core import files
from chitieu.core.models import ObjectChange
from chitieu.emulation.models import Score
from chitieu.emulation.services import score_set
from chitieu.testing import client_for
from chitieu.testing_files import HTML_BYTES, PNG_BYTES, SVG_BYTES, upload
from chitieu.units.models import UnitType
from chitieu.units.services import unit_create


@pytest.fixture
def scored(cluster_year, town_board, media_root) -> Score:
    member = cluster_year.members.get(unit__name="Thị xã Kỳ Anh")
    return score_set(
        actor=town_board,
        member=member,
        criterion=cluster_year.scoring_table.criteria.get(code="I.1"),
        stage="self",
        points=D("18"),
        evidence=upload("Ảnh hội nghị.png", PNG_BYTES),
    )


def _url(score):
    return reverse("score_evidence", args=[score.pk])


def test_the_evidence_is_stored_under_a_random_name(scored):
    assert re.fullmatch(r"evidence/\d{4}/[0-9a-f]{32}\.png", scored.evidence.name)
    assert scored.evidence_name == "Ảnh hội nghị.png"


def test_a_reporter_of_a_member_unit_sees_the_image_inline(scored, make_user, tree):
    reporter = make_user("town_reporter", Role.REPORTER, tree.town)
    response = client_for(reporter).get(_url(scored))
    assert response.status_code == 200
    assert response.content == PNG_BYTES
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        "inline; filename=\"Anh hoi nghi.png\"; filename*=UTF-8''"
        "%E1%BA%A2nh%20h%E1%BB%99i%20ngh%E1%BB%8B.png"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; img-src 'self'; sandbox"


def test_the_board_and_the_cluster_page_link_the_checked_view(scored, board, cluster_year):
    page = client_for(board).get(reverse("cluster_year_detail", args=[cluster_year.pk]))
    assert f'href="{_url(scored)}"' in page.content.decode()
    assert "/media/" not in page.content.decode()
    assert client_for(board).get(_url(scored)).status_code == 200


def test_outsiders_are_refused(scored, make_user, superuser, tree):
    province = unit_create(
        actor=superuser, name="Tỉnh Nghệ An", type=UnitType.PROVINCE, parent=None
    )
    other_board = make_user("other_board", Role.BOARD, province)
    commune_reporter = make_user("commune_reporter", Role.REPORTER, tree.commune_a)
    assert client_for(other_board).get(_url(scored)).status_code == 404
    assert client_for(commune_reporter).get(_url(scored)).status_code == 404
    anonymous = Client().get(_url(scored))
    assert anonymous.status_code == 403
    assert "Hãy đăng nhập để tải tệp này." in anonymous.content.decode()


@pytest.mark.parametrize(("name", "content"), [("a.pdf", HTML_BYTES), ("a.png", SVG_BYTES)])
def test_disguised_evidence_is_refused_and_no_score_is_saved(
    cluster_year, town_board, media_root, name, content
):
    member = cluster_year.members.get(unit__name="Thị xã Kỳ Anh")
    before = ObjectChange.objects.count()
    response = client_for(town_board).post(
        reverse("cluster_year_detail", args=[cluster_year.pk]),
        {
            "action": "score",
            "member": member.pk,
            "criterion": cluster_year.scoring_table.criteria.get(code="I.1").pk,
            "stage": "self",
            "points": "18",
            "evidence": upload(name, content),
        },
        follow=True,
    )
    assert (
        "Minh chứng: Loại tệp này không được nhận; chỉ nhận: PDF, JPEG, PNG, Word (.docx)."
        in response.content.decode()
    )
    assert not Score.objects.exists()
    assert ObjectChange.objects.count() == before
    assert not any(media_root.rglob("*.*"))


def test_oversize_evidence_is_refused(cluster_year, town_board, media_root):
    member = cluster_year.members.get(unit__name="Thị xã Kỳ Anh")
    response = client_for(town_board).post(
        reverse("cluster_year_detail", args=[cluster_year.pk]),
        {
            "action": "score",
            "member": member.pk,
            "criterion": cluster_year.scoring_table.criteria.get(code="I.1").pk,
            "stage": "self",
            "points": "18",
            "evidence": upload("a.png", PNG_BYTES + b"0" * files.EVIDENCE.max_bytes),
        },
        follow=True,
    )
    assert "Minh chứng: Tệp lớn hơn 10 MB." in response.content.decode()
    assert not Score.objects.exists()
