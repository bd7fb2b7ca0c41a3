from __future__ import annotations

from typing import TypedDict

from django.core.cache import cache

from asar.opportunities.models import Position
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
            "organizations": Organization.objects.count(),
            "open_positions": Position.objects.filter(status=Position.Status.PUBLISHED).count(),
        }

    return cache.get_or_set("core:home_counters", compute, 60)
