"""Search cards and the position page give a position's dates as one natural range."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_position_dates_are_one_range(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    year = timezone.localdate().year + 1
    position = f.PositionFactory(
        project=f.ProjectFactory(organization=actors.org),
        start_date=dt.date(year, 3, 2),
        end_date=dt.date(year, 3, 9),
    )
    expected = {
        "kk": (f"{year}\u202fж. 2–9 наурыз", f"{year}\u202fж. 2–9 наурыз"),
        "ru": (f"2–9 мар. {year}\u202fг.", f"2–9 марта {year}\u202fг."),
        "en": (f"Mar 2 – 9, {year}", f"March 2 – 9, {year}"),
    }
    for language, (short, long) in expected.items():
        cards = client_for(None).get(f"/{language}/positions/").content.decode()
        assert short in cards
        page = client_for(None).get(f"/{language}/positions/{position.pk}/").content.decode()
        assert long in page
