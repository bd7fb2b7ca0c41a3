from __future__ import annotations

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from asar.accounts import views as accounts_views
from asar.api import api
from asar.core import views as core_views

# Pages carry the language in the URL (/kk/, /ru/, /en/): links can be shared per language and
# "/" sends a visitor to the language their browser prefers.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    # The language switch; it also remembers a signed-in person's choice.
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", include("asar.core.urls")),
    path("accounts/", include("asar.accounts.urls")),
    path("organizations/", include("asar.organizations.urls")),
    path("volunteers/", include("asar.volunteers.urls")),
    path("positions/", include("asar.opportunities.urls")),
    path("hours/", include("asar.hours.urls")),
    path("passport/", include("asar.passport.urls")),
    path("monitoring/", include("asar.monitoring.urls")),
    path("reports/", include("asar.reporting.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
