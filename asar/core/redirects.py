"""Where to go after a form: the ``next`` the page passed along, if it stays on this site."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest) -> str | None:
    """``next`` from the form (POST) or the address (GET), or None when it is missing or
    points anywhere but this site (an open redirect would let a link send visitors elsewhere
    after signing in)."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None
