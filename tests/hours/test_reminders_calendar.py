from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from asar.hours import selectors, services, tasks
from asar.hours.models import HourEntry, Reminder
from asar.hours.services import EntryInput

pytestmark = pytest.mark.django_db


class Recorder:
    """A second notifier channel (the protocol is all it needs)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, *, user, subject: str, body: str) -> None:  # type: ignore[no-untyped-def]
        self.sent.append((user.email, subject))


def test_shift_reminder_once_per_shift(actors, placement) -> None:
    now = timezone.now()
    start = timezone.localtime(now + dt.timedelta(hours=3))
    shift = services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=start.date(),
        starts_at=start.time().replace(second=0, microsecond=0),
        ends_at=(start + dt.timedelta(minutes=1)).time().replace(second=0, microsecond=0)
        if start.hour < 23 or start.minute < 58
        else dt.time(23, 59),
    )
    assert tasks.send_shift_reminders.delay().get() >= 1
    assert [m.to for m in mail.outbox] == [[actors.volunteer.email]]
    assert shift.starts_at.strftime("%H:%M") in mail.outbox[0].subject
    # Idempotent: running again (a retried task, a second beat) sends nothing.
    assert services.reminders_send_shifts() == 0
    assert len(mail.outbox) == 1
    recorder = Recorder()
    assert services.reminders_send_shifts(notifier=recorder) == 0 and recorder.sent == []


def test_no_reminder_for_shifts_far_away_or_past(actors, placement) -> None:
    today = timezone.localdate()
    services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=today + dt.timedelta(days=5),
        starts_at=dt.time(10),
        ends_at=dt.time(12),
    )
    services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=today - dt.timedelta(days=1),
        starts_at=dt.time(10),
        ends_at=dt.time(12),
    )
    assert services.reminders_send_shifts() == 0


def test_monthly_reminder_to_silent_volunteers_once_a_month(actors, placement, client_for) -> None:
    today = timezone.localdate()
    recorder = Recorder()
    assert services.reminders_send_monthly(today=today, notifier=recorder) == 1
    assert recorder.sent == [(actors.volunteer.email, recorder.sent[0][1])]
    assert services.reminders_send_monthly(today=today, notifier=recorder) == 0
    assert Reminder.objects.filter(kind="monthly").count() == 1
    # Next month they are reminded again if still silent.
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    assert services.reminders_send_monthly(today=next_month, notifier=recorder) == 1
    # The coordinator sees who is silent; a peer organisation does not see them.
    page = client_for(actors.coordinator).get(reverse("hours:silent"))
    assert actors.profile.full_name in page.content.decode()
    assert (
        actors.profile.full_name
        in client_for(actors.other_coordinator).get(reverse("hours:silent")).content.decode()
    )
    assert client_for(actors.volunteer).get(reverse("hours:silent")).status_code == 403


def test_a_recent_entry_silences_the_reminder(actors, placement) -> None:
    today = timezone.localdate()
    services.entry_log(
        actor=actors.volunteer,
        volunteer=actors.profile,
        data=EntryInput(date=today - dt.timedelta(days=3), minutes=60, position=placement.position),
    )
    assert not selectors.silent_volunteers(today=today).exists()
    assert services.reminders_send_monthly(today=today, notifier=Recorder()) == 0
    assert HourEntry.objects.count() == 1


def test_ical_feed_is_valid_and_private(actors, placement, client_for) -> None:
    today = timezone.localdate()
    placement.position.title_kk = (
        "Өте ұзын атау: Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі, қайырымдылық акциясы; үлкен іс-шара"
    )
    placement.position.save()
    services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=today + dt.timedelta(days=2),
        starts_at=dt.time(10),
        ends_at=dt.time(13),
        note="Bring gloves, water",
    )
    client = client_for(actors.volunteer)
    page = client.get(reverse("hours:calendar"))
    feed_url = page.context["feed_url"]
    response = client_for(None).get(feed_url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode("utf-8")
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and body.endswith(
        "END:VCALENDAR\r\n"
    )
    assert "\n" not in body.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    unfolded = body.replace("\r\n ", "")
    assert (
        "DTSTART:" in unfolded and "05" in unfolded.split("DTSTART:")[1][:16]
    )  # 10:00 Almaty = 05:00Z
    assert "DESCRIPTION:Bring gloves\\, water" in unfolded
    assert "Әә Ғғ Ққ" in unfolded
    # A new address revokes the old one.
    client.post(reverse("hours:calendar"))
    assert client_for(None).get(feed_url).status_code == 404
    assert client_for(None).get(reverse("hours:calendar_feed", args=["guess"])).status_code == 404


def test_newly_accepted_volunteers_are_not_silent_yet(actors, placement, client_for) -> None:
    """Someone accepted ten days ago has not been silent for 30 days: no reminder, not listed."""
    from tests.hours.conftest import accept

    today = timezone.localdate()
    placement.application.delete()
    placement.other_application.delete()
    accept(placement.position, actors.profile, days_ago=10)
    assert not selectors.silent_volunteers(today=today).exists()
    assert services.reminders_send_monthly(today=today, notifier=Recorder()) == 0
    page = client_for(actors.coordinator).get(reverse("hours:silent"))
    assert actors.profile.full_name not in page.content.decode()
    # Twenty more days of silence and they are reminded.
    later = today + dt.timedelta(days=20)
    assert list(selectors.silent_volunteers(today=later)) == [actors.profile]
    assert services.reminders_send_monthly(today=later, notifier=Recorder()) == 1


def test_reminder_emails_speak_the_recipients_language(actors, placement) -> None:
    actors.volunteer.preferred_language = "ru"
    actors.volunteer.save()
    placement.position.settlement = "Алматы"
    placement.position.save()
    start = timezone.localtime(timezone.now() + dt.timedelta(hours=3))
    if start.time() >= dt.time(23, 58):
        start -= dt.timedelta(hours=1)
    services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=start.date(),
        starts_at=start.time().replace(second=0, microsecond=0),
        ends_at=dt.time(23, 59),
        note="Актовый зал, 2 этаж",
    )
    assert services.reminders_send_shifts() == 1
    message = mail.outbox[0]
    assert "Напоминание" in message.subject
    assert actors.org.name_ru in message.body or actors.org.name_kk in message.body
    assert "Алматы, Актовый зал, 2 этаж" in message.body
    assert "/ru/hours/calendar/" in message.body
    assert services.reminders_send_monthly(today=timezone.localdate() + dt.timedelta(days=1)) == 1
    assert "/ru/hours/" in mail.outbox[1].body and "30" in mail.outbox[1].body
