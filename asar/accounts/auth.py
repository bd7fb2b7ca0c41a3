"""Authentication of the JSON API: a personal API token, or the browser's session.

Every operation requires one of them (``API_AUTH``, the API's default) except the public ones,
which declare ``auth=PUBLIC``: there the same token or session is used when the caller sends
one, and anyone else is served as an anonymous visitor.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import translation
from ninja.errors import HttpError
from ninja.security import APIKeyHeader
from ninja.security import SessionAuth as NinjaSessionAuth

from asar.accounts.tokens import user_for_token

TOKEN_SCHEMES = ("Token", "Bearer")


class TokenAuth(APIKeyHeader):
    """``Authorization: Token <key>`` (or ``Bearer <key>``, what most HTTP clients send) — a
    personal API token (see accounts.tokens)."""

    param_name = "Authorization"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        scheme, _space, secret = (key or "").partition(" ")
        if scheme not in TOKEN_SCHEMES or not secret.strip():
            return None
        user = user_for_token(secret.strip())
        if user is not None:
            request.user = user
            _speak_the_account_language(request, user.preferred_language)
        return user


def _speak_the_account_language(request: HttpRequest, language: str) -> None:
    """A script calling with a token rarely sends a language: answer it in the account's own
    (the one its e-mails come in) rather than the site's default. A language the caller does
    ask for — the language cookie or an ``Accept-Language`` header — still wins."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES or "Accept-Language" in request.headers:
        return
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        request.LANGUAGE_CODE = language


class SessionAuth(NinjaSessionAuth):
    """The signed-in browser session, CSRF-checked. A caller that sends no session cookie at
    all is simply not authenticated by it — 401 when nothing else authenticates them — instead
    of being refused with "CSRF check Failed", which sent API clients holding a wrong or
    expired token chasing CSRF."""

    def __call__(self, request: HttpRequest) -> Any:
        if self.param_name not in request.COOKIES:
            return None
        return super().__call__(request)


class PublicAuth:
    """Optional authentication for public operations: a personal token or the session when the
    caller sends one, an anonymous visitor otherwise — so ``request.user`` is always who the
    caller really is (a volunteer's ``fits_me``, a coordinator's own unpublished figures).

    - A ``Token``/``Bearer`` header that matches no active token is refused (401), as on every
      other operation: a script with a revoked token must not silently get the anonymous view.
    - A session write without its CSRF token is served as anonymous, never as the signed-in
      person, so a forged cross-site request can do only what anyone may do.
    """

    def __init__(self) -> None:
        self.token = TokenAuth()
        self.session = SessionAuth()

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.token.param_name, "")
        if header.partition(" ")[0] in TOKEN_SCHEMES:
            return self.token(request)  # None: a wrong token → 401
        try:
            user = self.session(request)
        except HttpError:  # the CSRF check of a write failed
            user = None
        if user is None:
            request.user = AnonymousUser()
        return request.user


API_AUTH = [TokenAuth(), SessionAuth()]
PUBLIC = PublicAuth()
