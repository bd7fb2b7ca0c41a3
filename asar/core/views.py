from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from asar.core import selectors


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database status for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        db = {"status": "ok", "vendor": connection.vendor}
    except Exception as exc:
        db = {"status": "error", "vendor": connection.vendor, "error": exc.__class__.__name__}
    healthy = db["status"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": db}, status=200 if healthy else 503
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"counters": selectors.home_counters()})
