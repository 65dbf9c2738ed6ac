"""What every page needs: the navigation the user may see."""

from __future__ import annotations

from django.http import HttpRequest

from chitieu.accounts.permissions import Capability, has_capability_anywhere


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can_view_audit": False, "can_manage_users": False, "can_review_reports": False}
    return {
        "can_view_audit": has_capability_anywhere(user, Capability.VIEW_AUDIT),
        "can_manage_users": has_capability_anywhere(user, Capability.MANAGE_USERS),
        # The review list is the approvers' (a viewer or a reporter has nothing to do there).
        "can_review_reports": has_capability_anywhere(user, Capability.APPROVE_ACTUALS),
    }
