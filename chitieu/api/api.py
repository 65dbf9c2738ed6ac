"""The REST API: one NinjaAPI, a router per app, token auth, JSON errors in Vietnamese."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.openapi.views import openapi_view

from chitieu.actuals.api import router as actuals_router
from chitieu.api.auth import AUTH
from chitieu.api.errors import install_error_handlers
from chitieu.awards.api import router as awards_router
from chitieu.emulation.api import router as emulation_router
from chitieu.evaluation.api import router as evaluation_router
from chitieu.indicators.api import router as indicators_router
from chitieu.targets.api import router as targets_router
from chitieu.units.api import router as units_router


def docs_for_logged_in_users(view: Callable[..., Any]) -> Callable[..., Any]:
    """In production the docs page (/api/docs) asks for a login; the schema stays readable."""
    if settings.DEBUG or getattr(view, "func", None) is not openapi_view:
        return view
    return login_required(view)


api = NinjaAPI(
    title="Chỉ Tiêu API",
    version="1",
    description=(
        "Chỉ tiêu kinh tế - xã hội, thi đua, khen thưởng. Xác thực: Authorization: Bearer <khóa>."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_decorator=docs_for_logged_in_users,
)
install_error_handlers(api)
api.add_router("/units", units_router, tags=["units"])
api.add_router("/indicators", indicators_router, tags=["indicators"])
api.add_router("/resolutions", targets_router, tags=["resolutions and targets"])
api.add_router("/actuals", actuals_router, tags=["actual figures"])
api.add_router("/evaluation", evaluation_router, tags=["evaluation"])
api.add_router("/clusters", emulation_router, tags=["emulation"])
api.add_router("/awards", awards_router, tags=["commendation"])
