"""The Django admin shows domain rows but never writes them: every write goes through a service
that checks the rules and writes the audit row (CONVENTIONS, "Writes go through services"). A
domain model registered in the admin uses this class; a test keeps it so."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest


class ReadOnlyModelAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
