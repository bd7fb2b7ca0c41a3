"""Reads of the accounts domain."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from asar.accounts.models import ApiToken, User

if TYPE_CHECKING:
    from asar.volunteers.models import VolunteerProfile


def tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def token_by_secret(*, user: User, token: str) -> ApiToken | None:
    """The stored record of a token just issued to ``user`` (looked up by its digest)."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    return ApiToken.objects.filter(user=user, key_sha256=digest).first()


def volunteer_profile_of(*, user: User) -> VolunteerProfile | None:
    """The person's own volunteer profile, if they are a volunteer."""
    from asar.volunteers.models import VolunteerProfile

    return VolunteerProfile.objects.filter(user=user).first()
