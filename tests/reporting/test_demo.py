"""The reporting demo: survey inputs, and registrations moved to before the first hours."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from asar.reporting import demo, report
from asar.reporting.models import SurveyEstimate
from tests import factories as f
from tests.reporting.factories import hour_entry

pytestmark = pytest.mark.django_db


def test_demo_volunteers_joined_before_their_first_hours(wages) -> None:  # type: ignore[no-untyped-def]
    org = f.OrganizationFactory(home_region=f.region("KZ-75"))
    active = f.VolunteerFactory(region=f.region("KZ-75"))
    idle = f.VolunteerFactory(region=f.region("KZ-75"))
    for day in (dt.date(2023, 11, 20), dt.date(2024, 3, 1)):
        hour_entry(active, day=day, minutes=60, status="confirmed", organization=org)
    today = timezone.localdate()
    # As generated, everybody joined today: 2023 counts only the one with hours in it.
    assert report.volunteers_by_year(report.Context(2024, None, "en")).table.rows[1][1:3] == [1, 1]

    demo.load(rng=random.Random(1), scale=1)

    active.refresh_from_db()
    idle.refresh_from_db()
    org.refresh_from_db()
    joined = timezone.localdate(active.created_at)
    assert dt.date(2023, 11, 20) - dt.timedelta(days=120) <= joined < dt.date(2023, 11, 20)
    assert timezone.localdate(org.created_at) < dt.date(2023, 11, 20)
    assert timezone.localdate(idle.created_at) == today  # no hours: a newcomer, left alone
    assert SurveyEstimate.objects.filter(year=2023).exists()
