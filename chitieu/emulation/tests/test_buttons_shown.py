"""Walking the cluster page and the proposal page as a reporter, a member's Board and the
organiser's Board: each sees the forms the rules allow it, and every form it sees is accepted
(none answers 403 or 404), so nobody fills a form the server then refuses."""

import re

from django.db import transaction
from django.urls import reverse

from chitieu.awards.people.services import person_create
from chitieu.awards.proposals.services import proposal_create, proposal_item_add
from chitieu.emulation.services import scoring_confirm
from chitieu.testing import client_for

FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')
SELECT = re.compile(r'<select name="(\w+)">\s*<option value="([^"]*)"', re.S)


def post_forms(html: str, page: str) -> list[tuple[str, dict]]:
    """The POST forms of a page (language and logout aside) with their hidden and first-choice
    values: (action URL, data)."""
    forms = []
    for attributes, body in FORM.findall(html):
        attrs = dict(ATTR.findall(attributes))
        if attrs.get("method") != "post":
            continue
        action = attrs.get("action", page)
        if action in (reverse("set_language"), reverse("logout")):
            continue
        data = dict(HIDDEN.findall(body)) | dict(SELECT.findall(body))
        data.pop("csrfmiddlewaretoken", None)
        forms.append((action, data))
    return forms


def kinds(forms) -> list[tuple[str, str]]:
    return sorted((action, data.get("action", "")) for action, data in forms)


class Rollback(Exception):
    pass


def accepted(client, forms) -> list[int]:
    statuses = []
    for action, data in forms:
        try:
            with transaction.atomic():
                statuses.append(client.post(action, data).status_code)
                raise Rollback
        except Rollback:
            pass
    return statuses


def test_the_cluster_page_shows_each_role_what_it_may_do(
    cluster_year, tree, reporter_a, town_board, board
):
    page = reverse("cluster_year_detail", args=[cluster_year.pk])
    town = cluster_year.members.get(unit=tree.town)
    seen = {}
    for name, user in (("reporter", reporter_a), ("town_board", town_board), ("board", board)):
        client = client_for(user)
        html = client.get(page).content.decode()
        forms = post_forms(html, page)
        seen[name] = forms
        assert all(status not in (403, 404) for status in accepted(client, forms)), name
    # A reporter enters figures: nothing to sign, score or vote here (no "Ký" for anybody).
    assert seen["reporter"] == []
    # A member's Board signs for its own unit only; as the chair's Board it also scores the
    # cluster's stage for every member.
    assert kinds(seen["town_board"]) == [(page, "score"), (page, "sign"), (page, "targets")]
    signing = [data for _a, data in seen["town_board"] if data["action"] != "score"]
    assert {data["member"] for data in signing} == {str(town.pk)}
    # The organiser's Board does everything, for every member; before it confirms the
    # scoring, there is no vote and no proposal to make.
    assert kinds(seen["board"]) == sorted(
        [
            (page, "sign"),
            (page, "sign"),
            (page, "targets"),
            (page, "targets"),
            (page, "score"),
            (page, "confirm"),
            (page, "close"),
            (reverse("publish", args=["ranking", cluster_year.pk]), ""),
        ]
    )
    scoring_confirm(actor=board, cluster_year=cluster_year, override_reason="Họp cụm đã thống nhất")
    client = client_for(board)
    forms = post_forms(client.get(page).content.decode(), page)
    assert all(status not in (403, 404) for status in accepted(client, forms))
    # Confirmed: the scores are closed, the vote and the proposal open, the scoring reopenable.
    assert kinds(forms) == sorted(
        [
            (page, "sign"),
            (page, "sign"),
            (page, "targets"),
            (page, "targets"),
            (page, "vote"),
            (page, "reopen"),
            (page, "close"),
            (reverse("proposal_from_votes", args=[cluster_year.pk]), ""),
            (reverse("publish", args=["ranking", cluster_year.pk]), ""),
        ]
    )


def test_the_proposal_page_shows_each_role_what_it_may_do(
    tree, town_board, board, make_user, awards
):
    viewer = make_user("viewer", "viewer", tree.town)
    lan = person_create(actor=town_board, unit=tree.town, full_name="Nguyễn Thị Lan", sex="nu")
    proposal = proposal_create(actor=town_board, unit=tree.town, year=2024, title="Tờ trình")
    proposal_item_add(actor=town_board, proposal=proposal, award=awards["CSTDT"], person=lan)
    page = reverse("proposal_detail", args=[proposal.pk])

    def action(name):
        return reverse("proposal_action", args=[proposal.pk, name])

    shown = {}
    for name, user in (("viewer", viewer), ("town_board", town_board), ("board", board)):
        client = client_for(user)
        forms = post_forms(client.get(page).content.decode(), page)
        shown[name] = sorted(a for a, _data in forms)
        assert all(status not in (403, 404) for status in accepted(client, forms)), name
    assert shown["viewer"] == []
    expected = sorted([page, action("justify"), action("attach"), action("submit")])
    assert shown["town_board"] == expected
    # The province's Board prepares proposals of the units under it too (its subtree).
    assert shown["board"] == expected
