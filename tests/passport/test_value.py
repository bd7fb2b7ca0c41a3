"""The passport shows the value of the volunteer's confirmed hours, year by year: to its owner,
and on the share page once they make it public.

Wages of 2023 only (168 h a month): national 290 304 ₸ → 1 728 ₸/h, Almaty city (KZ-75)
336 000 ₸ → 2 000 ₸/h. Confirmed: 2 h in Almaty in 2023 → 4 000 ₸; 1 h in Shymkent (no
figure of its own: national, flagged) in 2023 → 1 728 ₸; 0.5 h in Almaty in 2022 (2023 wages)
→ 1 000 ₸. In all 6 728 ₸. Self-reported and pending hours, and another volunteer's, never
count.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from asar.reporting.models import WageRate
from asar.reporting.selectors import volunteer_value_by_year
from tests.reporting.factories import hour_entry, wage

pytestmark = pytest.mark.django_db


@pytest.fixture
def valued(actors):  # type: ignore[no-untyped-def]
    WageRate.objects.all().delete()
    wage(2023, 290304)
    wage(2023, 336000, region="KZ-75")
    profile, org = actors.profile, actors.org
    hour_entry(profile, day=dt.date(2023, 3, 1), minutes=120, status="confirmed", organization=org)
    hour_entry(
        profile,
        day=dt.date(2023, 4, 1),
        minutes=60,
        status="confirmed",
        organization=org,
        region="KZ-79",
    )
    hour_entry(profile, day=dt.date(2022, 9, 1), minutes=30, status="confirmed", organization=org)
    hour_entry(profile, day=dt.date(2023, 4, 2), minutes=600, status="self_reported")
    hour_entry(profile, day=dt.date(2023, 4, 3), minutes=600, status="pending", organization=org)
    hour_entry(
        actors.other_volunteer.volunteer_profile,
        day=dt.date(2023, 3, 1),
        minutes=600,
        status="confirmed",
        organization=org,
    )
    return profile


def test_owner_sees_the_value(actors, valued, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(actors.volunteer).get(reverse("passport:detail", args=[valued.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="passport-value">6\xa0728\xa0₸<' in body  # the language is kk
    assert "<strong>5\xa0728\xa0₸</strong>" in body  # 2023
    assert "<strong>1\xa0000\xa0₸</strong>" in body  # 2022
    assert "⚑" in body and 'href="/kk/reports/method/"' in body
    assert 'href="/kk/reports/value/mine/"' in body  # the owner's own, detailed page
    data = client_for(actors.volunteer).get("/api/v1/passport/me").json()
    assert Decimal(str(data["value"]["value"])) == 6728
    assert [y["year"] for y in data["value"]["years"]] == [2023, 2022]
    assert data["value"]["years"][0]["fallback_regions"] == ["KZ-79"]


def test_only_the_owner_sees_it_while_private(actors, valued) -> None:  # type: ignore[no-untyped-def]
    assert volunteer_value_by_year(viewer=actors.volunteer, volunteer=valued) is not None
    assert volunteer_value_by_year(viewer=actors.admin, volunteer=valued) is not None
    for viewer in (actors.other_volunteer, actors.coordinator, actors.analyst, AnonymousUser()):
        assert volunteer_value_by_year(viewer=viewer, volunteer=valued) is None


def test_public_passport_shows_it_to_everyone(actors, valued, client_for) -> None:  # type: ignore[no-untyped-def]
    client_for(actors.volunteer).post(reverse("passport:set_public"), {"public": "1"})
    valued.refresh_from_db()
    from asar.passport.selectors import share_key

    key = share_key(valued)
    body = client_for(None).get(f"/ru{reverse('passport:shared', args=[key])[3:]}").content
    text = body.decode()
    assert 'data-testid="passport-value">6\xa0728\xa0₸<' in text
    assert "/reports/value/mine/" not in text  # no owner's links for visitors
    data = client_for(None).get(f"/api/v1/passport/shared/{key}").json()
    assert Decimal(str(data["value"]["value"])) == 6728


def test_english_figures(actors, valued, client_for) -> None:  # type: ignore[no-untyped-def]
    with_lang = client_for(actors.volunteer).get(f"/en/passport/{valued.pk}/")
    assert 'data-testid="passport-value">₸6,728<' in with_lang.content.decode()
