"""The Django admin writes no domain row: a domain model registered there is read-only, so that
every write goes through an audited service."""

from django.contrib import admin
from django.test import RequestFactory

from chitieu.core.admin import ReadOnlyModelAdmin


def test_every_domain_model_in_the_admin_is_read_only(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("chitieu."):
            continue
        assert isinstance(model_admin, ReadOnlyModelAdmin), model
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)


def test_the_read_only_admin_refuses_every_write(superuser):
    from chitieu.units.models import Unit

    request = RequestFactory().get("/admin/")
    request.user = superuser
    model_admin = ReadOnlyModelAdmin(Unit, admin.site)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)
