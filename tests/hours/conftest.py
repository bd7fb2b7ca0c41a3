from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from asar.opportunities.models import Application, Position
from asar.volunteers.models import VolunteerProfile
from tests import factories as f


@dataclass
class Placement:
    position: Position
    application: Application
    other_position: Position  # of actors.other_org
    other_application: Application

    @property
    def volunteer(self) -> VolunteerProfile:
        return self.application.volunteer


def accept(position: Position, volunteer: VolunteerProfile, *, days_ago: int = 60) -> Application:
    return f.ApplicationFactory(
        position=position,
        volunteer=volunteer,
        status=Application.Status.ACCEPTED,
        accepted_at=timezone.now() - dt.timedelta(days=days_ago),
    )


@pytest.fixture
def placement(actors) -> Placement:  # type: ignore[no-untyped-def]
    """actors.volunteer accepted 60 days ago to a position of actors.org (Almaty), and to one
    of actors.other_org (Shymkent)."""
    position = f.PositionFactory(project__organization=actors.org, start_date=dt.date(2024, 1, 1))
    other = f.PositionFactory(
        project__organization=actors.other_org, start_date=dt.date(2024, 1, 1)
    )
    return Placement(
        position=position,
        application=accept(position, actors.profile),
        other_position=other,
        other_application=accept(other, actors.profile),
    )


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Check-in throttling counts in the cache; primary keys repeat between tests.
    from django.core.cache import cache

    cache.clear()
