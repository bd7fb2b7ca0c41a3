"""Personal API tokens. Only a SHA-256 of the token is stored; the token is shown once."""

from __future__ import annotations

import hashlib
import secrets

from asar.accounts.models import ApiToken, User


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> str:
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, key_sha256=_digest(token))
    return token


def user_for_token(token: str) -> User | None:
    match = (
        ApiToken.objects.select_related("user")
        .filter(key_sha256=_digest(token), user__is_active=True)
        .first()
    )
    return match.user if match else None
