"""Where to go after a form: the ``next`` the page passed along, if it stays on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest) -> str | None:
    """``next`` from the form (POST) or the address (GET), or None when it is missing or
    points anywhere but this site (an open redirect would let a link send visitors elsewhere
    after signing in)."""
    return safe_url(request, request.POST.get("next") or request.GET.get("next"))


def safe_url(request: HttpRequest, target: str | None) -> str | None:
    """``target`` if it stays on this site, else None (the check of ``safe_next``)."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def current_page(request: HttpRequest) -> str | None:
    """The page an HTMX request was made from (its ``HX-Current-URL``), as a path and query
    on this site, or None when the header is missing or names another site."""
    url = safe_url(request, request.headers.get("HX-Current-URL"))
    if url is None:
        return None
    parts = urlsplit(url)
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
