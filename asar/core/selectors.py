from __future__ import annotations

from typing import TypedDict

from django.core.cache import cache

from asar.opportunities.selectors import open_positions
from asar.organizations.models import Organization
from asar.volunteers.models import VolunteerProfile


class HomeCounters(TypedDict):
    volunteers: int
    organizations: int
    open_positions: int


def home_counters() -> HomeCounters:
    """Headline counts for the home page; cached for a minute, they are only indicative."""

    def compute() -> HomeCounters:
        return {
            "volunteers": VolunteerProfile.objects.count(),
            # What visitors can find: refused organisations and ended positions are not shown.
            "organizations": Organization.objects.exclude(
                verification=Organization.Verification.REJECTED
            ).count(),
            "open_positions": open_positions().count(),
        }

    counters = cache.get_or_set("core:home_counters", compute, 60)
    assert counters is not None  # compute() is never None
    return counters
