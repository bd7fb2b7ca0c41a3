from __future__ import annotations

import datetime as dt

import pytest

from asar.hours import selectors
from asar.hours.models import HourEntry
from tests import factories as f

pytestmark = pytest.mark.django_db


def _entry(volunteer, *, day, minutes, status, org=None, region="KZ-75", direction="education"):
    return HourEntry.objects.create(
        rejection_reason="Not seen at the event" if status == "rejected" else "",
        volunteer=volunteer,
        organization=org,
        region=f.region(region),
        date=day,
        form="offline",
        direction=f.direction(direction),
        minutes=minutes,
        status=status,
        source="volunteer",
    )


def test_aggregates_count_only_their_status() -> None:
    vol = f.VolunteerFactory()
    other = f.VolunteerFactory()
    org = f.OrganizationFactory()
    _entry(vol, day=dt.date(2025, 3, 2), minutes=120, status="confirmed", org=org)
    _entry(vol, day=dt.date(2025, 3, 9), minutes=60, status="pending", org=org)
    _entry(vol, day=dt.date(2025, 3, 9), minutes=45, status="rejected", org=org)
    _entry(vol, day=dt.date(2025, 4, 1), minutes=30, status="self_reported")
    _entry(other, day=dt.date(2025, 4, 1), minutes=90, status="confirmed", org=org, region="KZ-79")
    _entry(other, day=dt.date(2024, 12, 5), minutes=600, status="confirmed", org=org)

    almaty, shymkent = f.region("KZ-75").id, f.region("KZ-79").id
    assert selectors.confirmed_minutes(year=2025) == 210
    assert selectors.confirmed_minutes(year=2025, region_id=almaty) == 120
    assert selectors.confirmed_minutes(volunteer_id=other.id) == 690
    assert selectors.confirmed_minutes(organization_id=org.id, date_to=dt.date(2025, 3, 31)) == 720
    assert selectors.self_reported_minutes(year=2025) == 30
    assert selectors.self_reported_minutes(year=2024) == 0
    assert selectors.minutes_by_region_month(year=2025) == {(almaty, 3): 120, (shymkent, 4): 90}
    assert selectors.minutes_by_region_month(year=2025, status="self_reported") == {(almaty, 4): 30}
    education = f.direction("education").id
    assert selectors.minutes_by_direction(year=2025) == {education: 210}
    assert selectors.minutes_by_direction(year=2025, region_id=shymkent) == {education: 90}
    assert list(selectors.active_volunteer_ids(region_id=almaty, year=2025, month=3)) == [vol.id]
    assert list(selectors.active_volunteer_ids(region_id=almaty, year=2025, month=4)) == [vol.id]
    assert list(selectors.active_volunteer_ids(region_id=shymkent, year=2025, month=2)) == []


def test_region_month_totals_are_open_data_per_region_and_month() -> None:
    from django.test import Client

    vol = f.VolunteerFactory()
    org = f.OrganizationFactory()
    _entry(vol, day=dt.date(2025, 3, 2), minutes=120, status="confirmed", org=org)
    _entry(vol, day=dt.date(2025, 3, 3), minutes=15, status="self_reported")
    _entry(vol, day=dt.date(2025, 3, 9), minutes=60, status="pending", org=org)
    _entry(vol, day=dt.date(2025, 4, 1), minutes=30, status="self_reported")
    _entry(vol, day=dt.date(2025, 1, 5), minutes=90, status="confirmed", org=org, region="KZ-79")
    _entry(vol, day=dt.date(2024, 12, 5), minutes=600, status="confirmed", org=org)

    client = Client()  # anonymous: aggregates only, nobody's name or id
    body = client.get("/api/v1/hours/totals/regions", {"year": 2025}).json()
    assert body == [
        {"region": "KZ-75", "month": 3, "confirmed_minutes": 120, "self_reported_minutes": 15},
        {"region": "KZ-75", "month": 4, "confirmed_minutes": 0, "self_reported_minutes": 30},
        {"region": "KZ-79", "month": 1, "confirmed_minutes": 90, "self_reported_minutes": 0},
    ]
    one = client.get("/api/v1/hours/totals/regions", {"year": 2025, "region": "kz-79"}).json()
    assert [row["region"] for row in one] == ["KZ-79"]
    missing = client.get(
        "/api/v1/hours/totals/regions", {"year": 2025, "region": "KZ-00"}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Нет такого региона."
