"""The 24-hour rule under real concurrent inserts (PostgreSQL row locks)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from asar.hours import services
from asar.hours.models import DailyTotal, HourEntry
from asar.hours.services import EntryInput
from tests import factories as f

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_concurrent_entries_never_exceed_a_day() -> None:
    profile = f.VolunteerFactory()
    day = timezone.localdate() - dt.timedelta(days=1)
    barrier = threading.Barrier(8)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        try:
            barrier.wait()
            services.entry_log(
                actor=profile.user,
                volunteer=profile,
                data=EntryInput(
                    date=day,
                    minutes=5 * 60,
                    direction=f.direction(),
                    form="offline",
                    description=f"deed {n}",
                ),
            )
            result = "ok"
        except ValidationError:
            result = "refused"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 4 and outcomes.count("refused") == 4
    assert DailyTotal.objects.get(volunteer=profile, date=day).minutes == 20 * 60
    assert HourEntry.objects.filter(volunteer=profile).count() == 4


def test_concurrent_duplicates_make_one_row() -> None:
    profile = f.VolunteerFactory()
    day = timezone.localdate() - dt.timedelta(days=1)
    barrier = threading.Barrier(6)
    ids: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait()
            entry, _created = services.entry_log(
                actor=profile.user,
                volunteer=profile,
                data=EntryInput(date=day, minutes=60, direction=f.direction(), form="online"),
            )
            with lock:
                ids.append(entry.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(ids)) == 1 and len(ids) == 6
    assert DailyTotal.objects.get(volunteer=profile, date=day).minutes == 60
