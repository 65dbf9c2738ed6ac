from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.static import serve

from chitieu.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("chitieu.core.urls")),
    path("units/", include("chitieu.units.urls")),
    path("accounts/", include("chitieu.accounts.urls")),
    path("indicators/", include("chitieu.indicators.urls")),
    path("resolutions/", include("chitieu.targets.urls")),
    path("actuals/", include("chitieu.actuals.urls")),
    path("results/", include("chitieu.evaluation.urls")),
    path("emulation/", include("chitieu.emulation.urls")),
    path("awards/", include("chitieu.awards.urls")),
    path("reports/", include("chitieu.reports.urls")),
    path("figures/", include("chitieu.extraction.urls")),
    path("public/", include("chitieu.public.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Uploaded evidence and attachments in development; production serves MEDIA_ROOT itself.
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
