"""The home page counters say what a visitor will actually find."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from asar.organizations.models import Organization
from tests import factories as f

pytestmark = pytest.mark.django_db


def _counter(html: str, name: str) -> int:
    match = re.search(rf'data-counter="{name}">([^<]+)<', html)
    assert match, name
    return int(re.sub(r"\D", "", match.group(1)))


def test_counters_match_what_the_search_shows(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    project = f.ProjectFactory(organization=actors.org)
    f.PositionFactory(project=project)  # upcoming
    f.PositionFactory(project=project, start_date=today - dt.timedelta(days=3))  # under way
    f.PositionFactory(  # ended yesterday, still marked published
        project=project,
        start_date=today - dt.timedelta(days=9),
        end_date=today - dt.timedelta(days=1),
    )
    f.PositionFactory(project=project, status="draft")
    refused = f.OrganizationFactory(verification=Organization.Verification.REJECTED)
    f.PositionFactory(project=f.ProjectFactory(organization=refused))
    cache.clear()
    html = client_for(None).get("/en/").content.decode()
    search = client_for(None).get("/en/positions/")
    assert _counter(html, "positions") == search.context["page"].paginator.count == 2
    # Refused organisations are hidden from visitors; they are not counted either.
    assert _counter(html, "organizations") == Organization.objects.count() - 1


def test_pages_name_their_icon(client) -> None:  # type: ignore[no-untyped-def]
    """Browsers ask for /favicon.ico (a 404 on every page) unless the page names an icon."""
    from django.contrib.staticfiles import finders

    body = client.get("/kk/").content.decode()
    assert 'rel="icon" href="/static/asar/favicon.svg"' in body
    assert finders.find("asar/favicon.svg")
