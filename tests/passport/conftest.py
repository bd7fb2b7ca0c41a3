from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from asar.hours import services as hours
from asar.hours.services import EntryInput
from asar.opportunities.models import Application
from tests import factories as f
from tests.hours import conftest as hours_fixtures
from tests.hours.conftest import Placement, accept

# The hours placement fixture, shared (an accepted volunteer on a position of actors.org).
placement = hours_fixtures.placement
_fresh_cache = hours_fixtures._fresh_cache


@pytest.fixture
def confirmed(actors, placement):  # type: ignore[no-untyped-def]
    """Three confirmed entries (2 h, 3 h, 1.5 h) of actors.volunteer with actors.org, one pending."""
    today = timezone.localdate()
    for days, minutes in ((10, 120), (20, 180), (30, 90)):
        hours.entry_log(
            actor=actors.coordinator,
            volunteer=actors.profile,
            data=EntryInput(
                date=today - dt.timedelta(days=days), minutes=minutes, position=placement.position
            ),
        )
    hours.entry_log(
        actor=actors.volunteer,
        volunteer=actors.profile,
        data=EntryInput(date=today - dt.timedelta(days=1), minutes=60, position=placement.position),
    )
    return placement


@pytest.fixture
def completed(actors, confirmed) -> Application:  # type: ignore[no-untyped-def]
    application = confirmed.application
    application.status = Application.Status.COMPLETED
    application.completed_at = timezone.now()
    application.save()
    return application


__all__ = ["Placement", "accept", "f"]
