"""The JSON API (/api/v1/), OpenAPI document at /api/v1/openapi.json.

Each domain owns its router in ``asar/<app>/api.py``; this module only mounts them and sets
authentication (session with CSRF for the pages' own calls, or a personal API token).
"""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import APIKeyHeader

from asar.accounts.api import router as accounts_router
from asar.accounts.auth import SessionAuth
from asar.accounts.tokens import user_for_token
from asar.geo.api import router as geo_router
from asar.hours.api import router as hours_router
from asar.monitoring.api import router as monitoring_router
from asar.opportunities.api import router as opportunities_router
from asar.organizations.api import router as organizations_router
from asar.passport.api import router as passport_router
from asar.reporting.api import router as reporting_router
from asar.volunteers.api import router as volunteers_router


class TokenAuth(APIKeyHeader):
    """``Authorization: Token <key>`` (or ``Bearer <key>``, what most HTTP clients send) — a
    personal API token (see accounts.tokens)."""

    param_name = "Authorization"

    def authenticate(self, request, key):  # type: ignore[no-untyped-def]
        scheme, _space, secret = (key or "").partition(" ")
        if scheme not in ("Token", "Bearer") or not secret.strip():
            return None
        user = user_for_token(secret.strip())
        if user is not None:
            request.user = user
        return user


class OptionalAuth(SessionAuth):
    """Lets anonymous visitors through; endpoints check ``request.user`` themselves."""

    def __call__(self, request):  # type: ignore[no-untyped-def]
        return super().__call__(request) or True


api = NinjaAPI(
    title="Asar API",
    version="1",
    description=(
        "National volunteering platform and monitoring system of Kazakhstan.\n\n"
        "Lists that can grow are paged, all in one shape: `?page=1&page_size=20` (at most "
        "100) → `{count, count_exact, page, pages, results}`. `count` is exact up to 1000; "
        "beyond, `count_exact` is false and pages past the counted rows are empty: narrow "
        "the filters. Small lists (reference data, one's own applications) are plain arrays."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
)
api.add_router("/geo/", geo_router)
api.add_router("/accounts/", accounts_router)
api.add_router("/organizations/", organizations_router)
api.add_router("/volunteers/", volunteers_router)
api.add_router("/", opportunities_router)
api.add_router("/hours/", hours_router)
api.add_router("/passport/", passport_router)
api.add_router("/monitoring/", monitoring_router)
api.add_router("/reports/", reporting_router)
