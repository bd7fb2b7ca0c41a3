"""The demo loader: deterministic, consistent places, every state, agreements for accepted."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db.models import Count, F, Q
from django.utils import timezone

from asar.opportunities import demo
from asar.opportunities.models import Agreement, Application, Position
from asar.opportunities.services import sha256
from tests import factories as f

pytestmark = pytest.mark.django_db
S = Application.Status


def _world() -> None:
    orgs = [f.OrganizationFactory(home_region=f.region(iso)) for iso in ("KZ-75", "KZ-79", "KZ-71")]
    for org in orgs:
        org.directions.add(
            *(f.direction(c) for c in ("education", "elderly", "children_in_care", "environment"))
        )
    for n in range(40):
        f.VolunteerFactory(
            user__email=f"demo{n}@example.kz", birth_date=dt.date(1990 + n % 15, 1, 1)
        )
    # The demo sign-in, who gets an application in every state.
    f.VolunteerFactory(user__email="volunteer@demo.asar.kz", birth_date=dt.date(2000, 5, 1))


def test_demo_is_consistent_and_covers_every_state() -> None:
    _world()
    summary = demo.load(rng=random.Random(7), scale=0.25)
    assert "positions" in summary
    assert Position.objects.count() >= len(demo.TEMPLATES)
    # places_taken agrees with the applications holding a place, and never overbooks
    held = Count("applications", filter=Q(applications__status__in=Application.HOLDS_PLACE))
    for position in Position.objects.annotate(held=held):
        assert position.places_taken == position.held <= position.places
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {"applied", "accepted", "rejected", "completed", "waitlisted"} <= statuses
    assert set(Position.objects.values_list("min_age", flat=True)) >= {14, 18, 25}
    for agreement in Agreement.objects.select_related("application"):
        assert agreement.application.status in (S.ACCEPTED, S.ACTIVE, S.COMPLETED)
        assert agreement.content_sha256 == sha256(agreement.text)
    assert not Application.objects.filter(status=S.ACCEPTED, agreement__isnull=True).exists()
    # Nobody waits while a place is free: a free place would have been offered at once.
    waiting_with_room = Application.objects.filter(
        status=S.WAITLISTED, position__places_taken__lt=F("position__places")
    )
    assert not waiting_with_room.exists()


def test_demo_is_deterministic() -> None:
    _world()
    demo.load(rng=random.Random(3), scale=0.1)
    first = list(Position.objects.order_by("id").values_list("title_en", "start_date", "places"))
    Position.objects.all().delete()
    demo.load(rng=random.Random(3), scale=0.1)
    second = list(Position.objects.order_by("id").values_list("title_en", "start_date", "places"))
    assert first == second


def test_demo_events_end_and_are_announced_before_they_start() -> None:
    """No "youth festival" running since 2023 with no end: events last a few days; every
    position is published before it starts, never in the future."""
    _world()
    demo.load(rng=random.Random(2023), scale=0.5)
    events = Position.objects.filter(title_en__in=demo.ONE_OFF)
    assert events.exists()
    assert not events.filter(end_date__isnull=True).exists()
    for position in events:
        assert (position.end_date - position.start_date).days <= 3
    for position in Position.objects.exclude(published_at__isnull=True):
        assert position.published_at <= timezone.now()
        assert timezone.localtime(position.published_at).date() < position.start_date


def test_demo_nobody_works_on_what_has_not_started_and_texts_are_in_one_language() -> None:
    _world()
    demo.load(rng=random.Random(2023), scale=0.5)
    today = timezone.localdate()
    assert not Application.objects.filter(status=S.ACTIVE, position__start_date__gt=today).exists()
    assert not Application.objects.filter(completed_at__gt=timezone.now()).exists()
    for text in Application.objects.exclude(rejection_reason="").values_list(
        "rejection_reason", flat=True
    ):
        assert " / " not in text
    assert not Application.objects.filter(health_restrictions__contains=" / ").exists()
