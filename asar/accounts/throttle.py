"""Sign-in rate limiting.

Failed sign-ins are counted per (e-mail, client address) in Django's cache — Redis in
production, so every web process and server shares the count; ``cache.incr`` is atomic there.
After ``ASAR_LOGIN_MAX_FAILURES`` failures within ``ASAR_LOGIN_LOCKOUT_SECONDS`` the pair is
locked out for ``ASAR_LOGIN_LOCKOUT_SECONDS``: even the right password is refused until then.
A successful sign-in clears the count.

Cache keys carry a SHA-256 digest, never the e-mail; logs carry a masked e-mail, never the
password or the full address.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)

_FAILURES = "accounts:login-failures:"
_LOCKED = "accounts:login-locked:"


def max_failures() -> int:
    return max(1, int(settings.ASAR_LOGIN_MAX_FAILURES))


def lockout_seconds() -> int:
    return max(1, int(settings.ASAR_LOGIN_LOCKOUT_SECONDS))


def client_address(request: HttpRequest | None) -> str:
    """The peer address as the WSGI server saw it (the reverse proxy must pass the client's
    own address there, e.g. gunicorn --forwarded-allow-ips; a spoofable header is not read)."""
    if request is None:
        return "unknown"
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def mask_email(username: str) -> str:
    """``a***@example.kz`` — enough to recognise an account in a log, not to harvest it."""
    local, at, domain = (username or "").partition("@")
    return f"{local[:1]}***{at}{domain}" if at else f"{local[:1]}***"


def _key(username: str, address: str) -> str:
    material = f"{(username or '').strip().lower()}\n{address}".encode()
    return hashlib.sha256(material).hexdigest()


def lockout_remaining(*, username: str, address: str) -> int:
    """Seconds until this (e-mail, address) may try again; 0 when it is not locked out."""
    until = cache.get(_LOCKED + _key(username, address))
    if until is None:
        return 0
    return max(0, math.ceil(float(until) - time.time()))


def login_failed(*, username: str, address: str) -> bool:
    """Count one failed sign-in; True when this failure locks the pair out."""
    key = _key(username, address)
    window = lockout_seconds()
    cache.add(_FAILURES + key, 0, timeout=window)
    try:
        failures = cache.incr(_FAILURES + key)
    except ValueError:  # expired between add() and incr()
        cache.set(_FAILURES + key, 1, timeout=window)
        failures = 1
    if failures < max_failures():
        return False
    cache.set(_LOCKED + key, time.time() + window, timeout=window)
    cache.delete(_FAILURES + key)
    logger.warning(
        "sign-in locked for %s s after %s failures: account %s from %s",
        window,
        failures,
        mask_email(username),
        address,
    )
    return True


def login_succeeded(*, username: str, address: str) -> None:
    key = _key(username, address)
    cache.delete_many([_FAILURES + key, _LOCKED + key])
