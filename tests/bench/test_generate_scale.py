"""The benchmark generator at a tiny scale: consistent, constraint-abiding, deterministic."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q, Sum

from asar.core import scale
from asar.hours.models import MINUTES_PER_DAY, DailyTotal, HourEntry
from asar.hours.services import WORKING_STATUSES
from asar.opportunities.models import Application, Position
from asar.organizations.models import Organization
from asar.volunteers.models import VolunteerProfile
from tests import factories as f

pytestmark = pytest.mark.django_db

TINY = scale.Volumes(volunteers=50, organizations=5, positions=40, hour_entries=500, seed=7)


def fingerprint() -> list[tuple]:
    """What was generated, independent of where the id sequences started."""
    base = VolunteerProfile.objects.order_by("pk").values_list("pk", flat=True).first() or 0
    pos = Position.objects.order_by("pk").values_list("pk", flat=True).first() or 0
    return [
        (e.volunteer_id - base, (e.position_id or pos) - pos, e.date, e.minutes, e.status)
        for e in HourEntry.objects.order_by("volunteer_id", "date", "minutes", "position_id", "pk")
    ]


def test_tiny_country_is_consistent() -> None:
    counts = scale.generate(TINY)
    assert counts["volunteers.VolunteerProfile"] == 50
    assert counts["organizations.Organization"] == 5
    assert counts["opportunities.Position"] == 40
    assert HourEntry.objects.count() == counts["hours.HourEntry"] == 500

    # DailyTotal is the sum of the day's non-rejected entries, and never above 24 h.
    sums = {
        (r["volunteer_id"], r["date"]): r["total"]
        for r in HourEntry.objects.exclude(status=HourEntry.Status.REJECTED)
        .values("volunteer_id", "date")
        .annotate(total=Sum("minutes"))
    }
    totals = {(t.volunteer_id, t.date): t.minutes for t in DailyTotal.objects.all()}
    assert {k: v for k, v in totals.items() if v} == sums
    assert max(totals.values()) <= MINUTES_PER_DAY
    assert not HourEntry.objects.filter(Q(minutes__lte=0) | Q(minutes__gt=MINUTES_PER_DAY)).exists()
    assert all(e.minutes % 15 == 0 for e in HourEntry.objects.only("minutes"))

    # Statuses agree with organisations; no entry lies in the future.
    assert not HourEntry.objects.filter(
        organization__isnull=True, status__in=["pending", "confirmed", "rejected"]
    ).exists()
    assert not HourEntry.objects.filter(
        organization__isnull=False, status=HourEntry.Status.SELF_REPORTED
    ).exists()
    assert not HourEntry.objects.filter(date__gt=dt.date.today()).exists()
    assert HourEntry.objects.filter(status=HourEntry.Status.CONFIRMED).exists()
    assert HourEntry.objects.filter(status=HourEntry.Status.SELF_REPORTED).exists()

    # Every entry on a position belongs to a working application, after its acceptance.
    for entry in HourEntry.objects.filter(position__isnull=False):
        app = Application.objects.get(
            position_id=entry.position_id,
            volunteer_id=entry.volunteer_id,
            status__in=WORKING_STATUSES,
        )
        assert app.accepted_at is not None and app.accepted_at.date() <= entry.date

    # places_taken counts the applications holding a place, within the places.
    for position in Position.objects.annotate(
        holding=Count("applications", filter=Q(applications__status__in=Application.HOLDS_PLACE))
    ):
        assert position.places_taken == position.holding <= position.places
    assert not Position.objects.filter(places_taken__gt=F("places")).exists()
    assert not Organization.objects.filter(kind="registered", bin__isnull=True).exists()


def test_same_seed_same_country_other_seed_other_country() -> None:
    with transaction.atomic():
        scale.generate(TINY)
        first = fingerprint()
        transaction.set_rollback(True)
    with transaction.atomic():
        scale.generate(TINY)
        again = fingerprint()
        transaction.set_rollback(True)
    other = scale.Volumes(**{**TINY.__dict__, "seed": 8})
    scale.generate(other)
    assert first == again
    assert len(first) == 500
    assert fingerprint() != first


def test_refuses_a_database_with_real_data() -> None:
    f.VolunteerFactory()
    with pytest.raises(CommandError, match="not demo data"):
        call_command(
            "generate_scale",
            "--volunteers=5",
            "--organizations=1",
            "--positions=2",
            "--hour-entries=10",
            "--no-progress",
        )
    call_command(
        "generate_scale",
        "--volunteers=5",
        "--organizations=1",
        "--positions=2",
        "--hour-entries=10",
        "--no-progress",
        "--force",
    )
    assert VolunteerProfile.objects.count() == 6


def test_volumes_are_checked() -> None:
    with pytest.raises(scale.ScaleError):
        scale.generate(
            scale.Volumes(volunteers=1, organizations=1, positions=1, hour_entries=10**6)
        )
