"""Reads of the accounts domain."""

from __future__ import annotations

import hashlib

from django.db.models import QuerySet

from asar.accounts.models import ApiToken, User


def tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def token_by_secret(*, user: User, token: str) -> ApiToken | None:
    """The stored record of a token just issued to ``user`` (looked up by its digest)."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    return ApiToken.objects.filter(user=user, key_sha256=digest).first()
