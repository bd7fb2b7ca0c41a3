"""Turn a lost database into a clean, translated 503 instead of a stack trace.

Every multi-step write runs in ``transaction.atomic``, so when the database goes away
mid-request nothing half-written can remain; the visitor is told exactly that.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("database unavailable: %s", exception.__class__.__name__)
        # Drop the broken connection so the next request opens a fresh one.
        connection.close_if_unusable_or_obsolete()
        message = _("The database is unavailable right now. Nothing was saved; please try again.")
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse({"detail": message}, status=503)
        else:
            # Rendered without the request: context processors would query the database again.
            html = render_to_string("core/unavailable.html", {"message": message})
            response = HttpResponse(html, status=503)
        response["Retry-After"] = "30"
        return response


class RejectNulCharactersMiddleware:
    """PostgreSQL text cannot hold NUL (U+0000); one in a query string or a JSON body would
    surface as a server error deep inside a query. Refuse it at the boundary with a 400.
    (Django's form fields already refuse it; this covers the JSON API and query strings.
    File uploads are not inspected: binary files legitimately contain zero bytes.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        has_nul = "%00" in query or "\x00" in query
        if not has_nul and request.content_type == "application/json":
            body = request.body
            has_nul = b"\\u0000" in body or b"\x00" in body
        if has_nul:
            message = _("Text must not contain the NUL character.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
