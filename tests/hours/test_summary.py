"""The ledger's trigger-maintained summaries (PostgreSQL) always equal the ledger itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from asar.hours import selectors, summary
from asar.hours.models import HourEntry, MonthlyTotal, VolunteerMonth
from asar.reporting import sources
from tests import factories as f

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="summaries exist on PostgreSQL"),
]
COUNTED = ("confirmed", "self_reported")


def _entry(volunteer, *, day, minutes, status, org=None, region="KZ-75", form="offline"):
    return HourEntry.objects.create(
        rejection_reason="Not seen at the event" if status == "rejected" else "",
        volunteer=volunteer,
        organization=org,
        region=f.region(region),
        date=day,
        form=form,
        direction=f.direction("education"),
        minutes=minutes,
        status=status,
        source="volunteer",
    )


def _from_ledger() -> tuple[set, set]:
    counted = HourEntry.objects.filter(status__in=COUNTED).annotate(m=TruncMonth("date"))
    totals = {
        (r["m"], r["status"], r["region_id"], r["direction_id"], r["form"], r["s"], r["n"])
        for r in counted.values("m", "status", "region_id", "direction_id", "form")
        .annotate(s=Sum("minutes"), n=Count("id"))
        .order_by()
    }
    months = {
        (r["volunteer_id"], r["m"], r["region_id"], r["s"], r["n"])
        for r in counted.values("volunteer_id", "m", "region_id")
        .annotate(s=Sum("minutes"), n=Count("id"))
        .order_by()
    } | {
        (r["volunteer_id"], r["m"], None, r["s"], r["n"])
        for r in counted.values("volunteer_id", "m").annotate(s=Sum("minutes"), n=Count("id"))
    }
    return totals, months


def _from_summary() -> tuple[set, set]:
    totals = {
        (r.month, r.status, r.region_id, r.direction_id, r.form, r.minutes, r.entries)
        for r in MonthlyTotal.objects.exclude(entries=0)
    }
    months = {
        (r.volunteer_id, r.month, r.region_id, r.minutes, r.entries)
        for r in VolunteerMonth.objects.exclude(entries=0)
    }
    return totals, months


def test_every_change_of_the_ledger_reaches_the_summaries() -> None:
    vol, other = f.VolunteerFactory(), f.VolunteerFactory()
    org = f.OrganizationFactory()
    a = _entry(vol, day=dt.date(2025, 3, 2), minutes=120, status="confirmed", org=org)
    b = _entry(vol, day=dt.date(2025, 3, 9), minutes=60, status="pending", org=org)
    _entry(vol, day=dt.date(2025, 4, 1), minutes=30, status="self_reported")
    c = _entry(
        other, day=dt.date(2025, 4, 1), minutes=90, status="confirmed", org=org, region="KZ-79"
    )
    _entry(other, day=dt.date(2025, 4, 3), minutes=45, status="confirmed", org=org, form="online")
    assert _from_summary() == _from_ledger()

    HourEntry.objects.filter(pk=b.pk).update(status="confirmed")  # confirmation
    a.status, a.rejection_reason = "rejected", "Not there"  # rejection after confirmation
    a.save()
    c.date, c.minutes = dt.date(2025, 5, 1), 105  # correction
    c.save()
    assert _from_summary() == _from_ledger()
    HourEntry.objects.filter(volunteer=other).delete()
    assert _from_summary() == _from_ledger()

    almaty = f.region("KZ-75").id
    assert selectors.confirmed_minutes(year=2025) == 60
    assert selectors.self_reported_minutes(year=2025, region_id=almaty) == 30
    assert sources.monthly_activity(year=2025) == {3: (60, 1), 4: (30, 1)}
    assert sources.active_volunteer_count(year=2025) == 1
    assert sources.active_volunteer_count(year=2025, region_id=f.region("KZ-79").id) == 0

    march, april = dt.date(2025, 3, 1), dt.date(2025, 4, 30)
    assert selectors.confirmed_minutes(date_from=march, date_to=april) == 60  # whole months
    assert selectors.confirmed_minutes(date_from=dt.date(2025, 3, 5), date_to=april) == 60
    assert selectors.confirmed_minutes(date_from=dt.date(2025, 3, 10), date_to=april) == 0
    assert list(selectors.active_volunteer_ids(region_id=almaty, year=2025, month=3)) == [vol.id]
    assert list(selectors.active_volunteer_ids(region_id=almaty, year=2025, month=5)) == []

    summary.rebuild()  # the bulk loader's path gives the same rows
    assert _from_summary() == _from_ledger()


@pytest.mark.django_db(transaction=True)
def test_truncating_the_ledger_empties_the_summaries() -> None:
    # As Django's flush between transactional tests does; the summaries are unmanaged tables.
    _entry(f.VolunteerFactory(), day=dt.date(2025, 3, 2), minutes=60, status="self_reported")
    assert MonthlyTotal.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE hours_hourentry CASCADE")
    assert not MonthlyTotal.objects.exists()
    assert not VolunteerMonth.objects.exists()
