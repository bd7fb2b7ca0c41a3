"""Authentication of the JSON API by the browser's session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import SessionAuth as NinjaSessionAuth


class SessionAuth(NinjaSessionAuth):
    """The signed-in browser session, CSRF-checked. A caller that sends no session cookie at
    all is simply not authenticated by it — 401 when nothing else authenticates them — instead
    of being refused with "CSRF check Failed", which sent API clients holding a wrong or
    expired token chasing CSRF."""

    def __call__(self, request: HttpRequest) -> Any:
        if self.param_name not in request.COOKIES:
            return None
        return super().__call__(request)
