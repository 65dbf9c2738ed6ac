"""Public pages: what was published, as published; nothing else is reachable (the tests try)."""

import datetime as dt
from decimal import Decimal as D

from django.test import Client
from django.urls import reverse

from chitieu.actuals.services import ValueInput, actuals_save
from chitieu.awards.models import AnnualRating
from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.services import proposal_create, proposal_item_add, proposal_submit
from chitieu.public.models import Publication
from chitieu.public.services import publish_headline, withdraw
from chitieu.targets.services import target_create
from chitieu.testing import fixture_row, review_and_decide


def decided(tree, town_board, board, awards):
    lan = person_create(actor=town_board, unit=tree.town, full_name="Nguyễn Thị Lan", sex="nu")
    fixture_row(AnnualRating, person=lan, year=2024, rating="HTT")
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="t")
    proposal_item_add(actor=town_board, proposal=proposal, award=awards["LDTT"], person=lan)
    proposal_submit(actor=town_board, proposal=proposal)
    return review_and_decide(board, proposal, "7/QĐ-UBND", dt.date(2025, 1, 5))


def test_a_published_decision_is_readable_without_an_account(tree, town_board, board, awards):
    decision = decided(tree, town_board, board, awards)
    board_client = Client()
    board_client.force_login(board)
    response = board_client.post(reverse("publish", args=["decision", decision.pk]))
    publication = Publication.objects.get()
    assert response["Location"] == reverse("public_detail", args=[publication.pk])
    anonymous = Client()
    index = anonymous.get(reverse("public_index"))
    assert "Quyết định 7/QĐ-UBND ngày 05/01/2025" in index.content.decode()
    assert "max-age=300" in index["Cache-Control"] and "public" in index["Cache-Control"]
    page = anonymous.get(reverse("public_detail", args=[publication.pk])).content.decode()
    assert "Nguyễn Thị Lan" in page and "Lao động tiên tiến" in page
    assert "710.000" not in page  # the cash is not published


def test_nothing_unpublished_is_reachable(
    tree, town_board, board, awards, town_resolution, catalogue, planner
):
    decision = decided(tree, town_board, board, awards)
    anonymous = Client()
    # No public URL names a decision, a cluster or a unit: only publications.
    for pk in (decision.pk, tree.town.pk, 1, 2, 3):
        assert anonymous.get(reverse("public_detail", args=[pk])).status_code == 404
        assert anonymous.get(reverse("public_document", args=[pk])).status_code == 404
    # Protected pages redirect to the login page.
    assert anonymous.get(reverse("unit_results", args=[tree.town.pk]))["Location"].startswith(
        "/accounts/login/"
    )
    assert anonymous.get("/api/units").status_code == 401


def test_a_withdrawn_publication_disappears(tree, planner, town_resolution, catalogue):
    target_create(
        actor=planner,
        resolution=town_resolution,
        issuer="Thị xã đề ra",
        indicator=catalogue["KT06"],
        value=D("273.5"),
    )
    actuals_save(
        actor=planner,
        unit=tree.town,
        period="2021",
        kind="estimate",
        values=[ValueInput(catalogue["KT06"], D("320"), 0)],
    )
    from chitieu.core.periods import Period

    publication = publish_headline(actor=planner, unit=tree.town, period=Period.year_of(2021))
    anonymous = Client()
    page = anonymous.get(reverse("public_detail", args=[publication.pk])).content.decode()
    assert "1/1" in page
    withdraw(actor=planner, publication=publication)
    assert anonymous.get(reverse("public_detail", args=[publication.pk])).status_code == 404
    assert publication.title not in anonymous.get(reverse("public_index")).content.decode()


def test_the_published_content_is_frozen(tree, planner, town_resolution, catalogue):
    from chitieu.core.periods import Period

    target_create(
        actor=planner,
        resolution=town_resolution,
        issuer="Thị xã đề ra",
        indicator=catalogue["KT06"],
        value=D("273.5"),
    )
    publication = publish_headline(actor=planner, unit=tree.town, period=Period.year_of(2021))
    actuals_save(
        actor=planner,
        unit=tree.town,
        period="2021",
        kind="estimate",
        values=[ValueInput(catalogue["KT06"], D("320"), 0)],
    )
    page = Client().get(reverse("public_detail", args=[publication.pk])).content.decode()
    assert "0/1" in page


def test_a_reporter_cannot_publish(tree, reporter_a):
    client = Client()
    client.force_login(reporter_a)
    response = client.post(
        reverse("publish", args=["headline", tree.commune_a.pk]), {"period": "2021"}
    )
    assert response.status_code == 403
    assert not Publication.objects.exists()
