"""The user types every layer names, kept in core so that core's own services may use them.

The project uses Django's default user model (no AUTH_USER_MODEL). A service receives the acting
user, authenticated (`Actor`); a permission rule judges `request.user`, which may be anonymous
(`AnyUser`)."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User

Actor: TypeAlias = User
AnyUser: TypeAlias = User | AnonymousUser
