from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from chitieu.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("chitieu.web.urls")),
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
# No URL serves MEDIA_ROOT: every stored file goes through a view that checks access to its
# object (chitieu.core.files.file_response).
