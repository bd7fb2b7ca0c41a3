from __future__ import annotations

import random

import pytest
from django.db.models import Sum

from asar.hours import demo as hours_demo
from asar.hours.models import DailyTotal, HourEntry
from asar.passport import demo as passport_demo
from asar.passport.models import ReferenceLetter
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_demo_keeps_the_ledger_rules(actors, placement) -> None:
    for _ in range(12):
        f.VolunteerFactory()
    summary = hours_demo.load(rng=random.Random(7), scale=0.1)
    assert "diary entries" in summary
    assert HourEntry.objects.filter(status="confirmed").exists()
    assert HourEntry.objects.filter(status="self_reported", organization=None).exists()
    # The per-day totals are exactly the non-rejected entries, never more than 24 h.
    sums = {
        (row["volunteer_id"], row["date"]): row["total"]
        for row in HourEntry.objects.exclude(status="rejected")
        .values("volunteer_id", "date")
        .annotate(total=Sum("minutes"))
    }
    totals = {(t.volunteer_id, t.date): t.minutes for t in DailyTotal.objects.all()}
    assert sums == totals and max(totals.values()) <= 24 * 60
    assert not HourEntry.objects.filter(status="rejected", rejection_reason="").exists()
    # Deterministic.
    first = list(HourEntry.objects.order_by("pk").values_list("volunteer_id", "date", "minutes"))
    HourEntry.objects.all().delete()
    DailyTotal.objects.all().delete()
    hours_demo.load(rng=random.Random(7), scale=0.1)
    assert (
        list(HourEntry.objects.order_by("pk").values_list("volunteer_id", "date", "minutes"))
        == first
    )
    assert "reference letters" in passport_demo.load(rng=random.Random(7), scale=0.1)
    assert ReferenceLetter.objects.exists()


def test_demo_volunteer_works_on_a_position_with_shifts() -> None:
    """The demo volunteer's diary lines with the demo organisation are on a real placement
    (never before its acceptance), and the demo coordinator has shifts to show, one today."""
    import datetime as dt

    from django.utils import timezone

    from asar.hours.models import CheckIn, Shift
    from asar.opportunities.models import Application

    volunteer = f.VolunteerFactory(user__email="volunteer@demo.asar.kz")
    membership = f.MembershipFactory(user__email="coordinator@demo.asar.kz")
    position = f.PositionFactory(
        project__organization=membership.organization,
        start_date=timezone.localdate() - dt.timedelta(days=400),
        end_date=None,
    )
    summary = hours_demo.load(rng=random.Random(3), scale=0.1)
    placement = Application.objects.get(volunteer=volunteer)
    assert placement.position == position and placement.status == "active"
    assert placement.agreement.is_accepted
    assert "3 shifts" in summary
    assert Shift.objects.filter(position=position, date=timezone.localdate()).exists()
    assert CheckIn.objects.get().entry.status == "pending"
    on_position = HourEntry.objects.filter(volunteer=volunteer, position=position)
    assert on_position.exists()
    assert not on_position.filter(date__lt=timezone.localdate(placement.accepted_at)).exists()
    passport_demo.load(rng=random.Random(3), scale=0.1)
    assert ReferenceLetter.objects.filter(volunteer=volunteer).exists()
    assert volunteer.awards.exists()


def test_demo_hours_and_registrations_start_at_14() -> None:
    """Schoolchildren of the demo turned 14 recently: none of their hours is older than their
    14th birthday, and none of them registered before it."""
    import datetime as dt

    from django.utils import timezone

    from asar.reporting import demo as reporting_demo
    from asar.volunteers.validators import turns

    today = timezone.localdate()
    young = [
        f.VolunteerFactory(birth_date=today.replace(year=today.year - 14) - dt.timedelta(days=d))
        for d in (20, 200, 400, 700)
    ]
    for _ in range(6):
        f.VolunteerFactory()
    hours_demo.load(rng=random.Random(11), scale=0.1)
    reporting_demo.load(rng=random.Random(11), scale=0.1)
    assert HourEntry.objects.filter(volunteer__in=young).exists()
    for volunteer in young:
        volunteer.refresh_from_db()
        fourteen = turns(volunteer.birth_date, 14)
        assert not HourEntry.objects.filter(volunteer=volunteer, date__lt=fourteen).exists()
        assert timezone.localdate(volunteer.created_at) >= fourteen
