"""Reads of the volunteers domain, always on behalf of the acting user."""

from __future__ import annotations

from asar.accounts.roles import AnyUser
from asar.volunteers.models import VolunteerProfile


def own_profile(*, user: AnyUser) -> VolunteerProfile | None:
    """The acting user's own volunteer profile (None for anonymous or non-volunteers)."""
    if not user.is_authenticated:
        return None
    return (
        VolunteerProfile.objects.select_related("region", "user")
        .prefetch_related("skills")
        .filter(user=user)
        .first()
    )
