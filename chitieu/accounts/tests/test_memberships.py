from django.urls import reverse

from chitieu.accounts.models import Membership, Role
from chitieu.core.models import ChangeAction, ObjectChange
from chitieu.testing import client_for


def test_a_unit_administrator_gives_a_role_inside_their_subtree(tree, unit_admin, make_user):
    newcomer = make_user("newcomer", Role.VIEWER, tree.commune_a)
    response = client_for(unit_admin).post(
        reverse("user_role_add", args=[newcomer.pk]),
        {"role": Role.REPORTER, "unit": tree.commune_b.pk, "reason": "Mới"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer, role=Role.REPORTER)
    assert membership.unit == tree.commune_b
    change = ObjectChange.objects.get(
        content_type__model="membership", object_id=str(membership.pk)
    )
    assert (change.action, change.actor, change.reason) == (ChangeAction.CREATE, unit_admin, "Mới")


def test_a_unit_administrator_cannot_give_a_role_outside_their_subtree(tree, unit_admin, make_user):
    newcomer = make_user("newcomer", Role.VIEWER, tree.commune_a)
    before = ObjectChange.objects.count()
    response = client_for(unit_admin).post(
        reverse("user_role_add", args=[newcomer.pk]),
        {"role": Role.ADMIN, "unit": tree.province.pk},
    )
    assert response.status_code == 404
    assert list(Membership.objects.filter(user=newcomer).values_list("role", flat=True)) == [
        "viewer"
    ]
    assert ObjectChange.objects.count() == before


def test_a_role_given_twice_is_refused_in_vietnamese(tree, unit_admin, make_user):
    twice = make_user("twice", Role.VIEWER, tree.commune_a)
    response = client_for(unit_admin).post(
        reverse("user_role_add", args=[twice.pk]),
        {"role": Role.VIEWER, "unit": tree.commune_a.pk},
    )
    assert "Người dùng đã có vai trò này tại đơn vị này." in response.content.decode()
    assert Membership.objects.filter(user__username="twice").count() == 1


def test_the_list_shows_only_users_inside_the_subtree(tree, unit_admin, make_user):
    make_user("inside", Role.VIEWER, tree.commune_a)
    make_user("outside", Role.VIEWER, tree.commune_c)
    html = client_for(unit_admin).get(reverse("user_list")).content.decode()
    assert ">inside</a>" in html
    assert "outside" not in html


def test_a_reporter_has_no_role_page(tree, reporter_a):
    assert client_for(reporter_a).get(reverse("user_list")).status_code == 403


def test_removing_a_role_is_audited(tree, unit_admin, make_user, superuser):
    from chitieu.accounts.services import membership_create

    user = make_user("leaving", Role.VIEWER, tree.commune_a)
    membership_create(actor=superuser, user=user, role=Role.REPORTER, unit=tree.commune_a)
    membership = Membership.objects.get(user=user, role=Role.VIEWER)
    client_for(unit_admin).post(reverse("user_role_remove", args=[user.pk, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    change = ObjectChange.objects.get(action=ChangeAction.DELETE)
    assert change.before["role"] == Role.VIEWER
