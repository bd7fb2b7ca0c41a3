"""Night shifts: a shift may end the next day (22:00–06:00) — planned on the form and over the
API, its code valid around it, check-out capped at its real end, in the calendar feed, on the
roster and in reminders; and the silent-volunteer list says which position and since when."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from asar.hours import services
from asar.hours.models import HourEntry, Shift, new_check_in_code
from asar.lib import formatting
from tests import factories as f

pytestmark = pytest.mark.django_db


def night(actors, placement, day: dt.date) -> Shift:  # type: ignore[no-untyped-def]
    return services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=day,
        starts_at=dt.time(22),
        ends_at=dt.time(6),
        ends_next_day=True,
        note="Приют, ночное дежурство",
    )


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def test_a_night_shift_ends_the_next_morning(actors, placement) -> None:
    day = timezone.localdate() - dt.timedelta(days=2)
    shift = night(actors, placement, day)
    assert shift.start == local(day, 22) and shift.end == local(day + dt.timedelta(days=1), 6)
    assert shift.length_minutes == 8 * 60
    assert shift.code_opens_at == local(day, 21)
    assert shift.code_expires_at == local(day + dt.timedelta(days=1), 8)
    with override("ru"):
        assert shift.times == "22:00–06:00 (следующего дня)"
    with override("kk"):
        assert shift.times == "22:00–06:00 (келесі күні)"
    # A whole day and night is the longest shift.
    whole = services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=day,
        starts_at=dt.time(9),
        ends_at=dt.time(9),
        ends_next_day=True,
    )
    assert whole.length_minutes == 24 * 60


def test_times_that_do_not_make_a_shift_are_refused(actors, placement) -> None:
    day = timezone.localdate()
    kwargs = {"actor": actors.coordinator, "position": placement.position, "date": day}
    with pytest.raises(ValidationError) as exc:
        services.shift_create(**kwargs, starts_at=dt.time(22), ends_at=dt.time(6))
    assert exc.value.error_dict["ends_at"][0].code == "order"
    with override("en"):
        assert "Ends the next day" in exc.value.message_dict["ends_at"][0]
    with override("ru"):
        assert "Заканчивается на следующий день" in exc.value.message_dict["ends_at"][0]
    with pytest.raises(ValidationError) as exc:
        services.shift_create(
            **kwargs, starts_at=dt.time(8), ends_at=dt.time(10), ends_next_day=True
        )
    assert exc.value.error_dict["ends_at"][0].code == "too_long"  # 26 hours
    # The database says the same, whatever writes the row.
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.create(
            position=placement.position,
            date=day,
            starts_at=dt.time(8),
            ends_at=dt.time(10),
            ends_next_day=True,
            code=new_check_in_code(),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.create(
            position=placement.position,
            date=day,
            starts_at=dt.time(22),
            ends_at=dt.time(6),
            code=new_check_in_code(),
        )


def test_check_out_after_midnight_counts_the_night_on_the_start_day(actors, placement) -> None:
    day = timezone.localdate() - dt.timedelta(days=2)
    shift = night(actors, placement, day)
    next_day = day + dt.timedelta(days=1)
    services.check_in_with_code(
        actor=actors.volunteer, volunteer=actors.profile, code=shift.code, now=local(day, 21, 40)
    )
    # Leaves at 06:40: capped at the shift's end, 8 hours, dated the day it started.
    done = services.check_in_with_code(
        actor=actors.volunteer,
        volunteer=actors.profile,
        token=shift.token,
        now=local(next_day, 6, 40),
    )
    assert done.entry.minutes == 480 and done.entry.date == day
    assert done.entry.status == HourEntry.Status.PENDING
    # The code still worked after midnight, and stops two hours after the real end.
    other = f.VolunteerFactory()
    from tests.hours.conftest import accept

    accept(placement.position, other)
    services.check_in_with_code(
        actor=other.user, volunteer=other, code=shift.code, now=local(next_day, 1, 10)
    )
    left = services.check_in_with_code(
        actor=other.user, volunteer=other, code=shift.code, now=local(next_day, 3, 7)
    )
    assert left.entry.minutes == 105  # 01:10–03:07 → 1 h 45
    late = f.VolunteerFactory()
    accept(placement.position, late)
    with pytest.raises(ValidationError) as exc:
        services.check_in_with_code(
            actor=late.user, volunteer=late, code=shift.code, now=local(next_day, 8, 5)
        )
    assert exc.value.error_dict["code"][0].code == "expired"


def test_confirming_a_night_shift_waits_for_its_end(actors, placement) -> None:
    day = timezone.localdate() - dt.timedelta(days=2)
    shift = night(actors, placement, day)
    next_day = day + dt.timedelta(days=1)
    services.check_in_by_coordinator(
        actor=actors.coordinator, shift=shift, volunteer=actors.profile, at=local(day, 22, 5)
    )
    # At 03:00 the shift is still on: the volunteer is still in, nothing is counted yet.
    early = services.shift_confirm(actor=actors.coordinator, shift=shift, now=local(next_day, 3))
    assert early.still_in == 1 and early.confirmed == 0
    # After 06:00 whoever forgot to check out is checked out at the end: 22:05–06:00.
    done = services.shift_confirm(actor=actors.coordinator, shift=shift, now=local(next_day, 7))
    assert done.confirmed == 1 and done.still_in == 0
    entry = HourEntry.objects.get()
    assert entry.minutes == 465 and entry.status == HourEntry.Status.CONFIRMED  # 7 h 45


def test_calendar_feed_and_page_show_the_real_end(actors, placement, client_for) -> None:
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    night(actors, placement, yesterday)  # on now (if before 06:00) or just over
    night(actors, placement, today + dt.timedelta(days=3))
    client = client_for(actors.volunteer)
    page = client.get("/ru/hours/calendar/")
    html = page.content.decode()
    # The night that began yesterday ends today: it is still listed.
    assert html.count("22:00–06:00 (следующего дня)") == 2
    assert formatting.date(yesterday, "ru", fmt="medium") in html
    body = client_for(None).get(page.context["feed_url"]).content.decode().replace("\r\n ", "")
    start = (today + dt.timedelta(days=3)).strftime("%Y%m%d")
    end = (today + dt.timedelta(days=4)).strftime("%Y%m%d")
    assert f"DTSTART:{start}T170000Z" in body  # 22:00 in Almaty (UTC+5)
    assert f"DTEND:{end}T010000Z" in body  # 06:00 the next morning


def test_coordinator_plans_a_night_shift_on_the_form(actors, placement, client_for) -> None:
    client = client_for(actors.coordinator)
    day = timezone.localdate() + dt.timedelta(days=1)
    data = {
        "position": placement.position.pk,
        "date": day.isoformat(),
        "starts_at": "22:00",
        "ends_at": "06:00",
        "note": "",
    }
    refused = client.post("/en/hours/shifts/", data)
    assert refused.status_code == 400
    assert "Ends the next day" in refused.content.decode()
    assert not Shift.objects.exists()
    created = client.post("/en/hours/shifts/", {**data, "ends_next_day": "on"})
    assert created.status_code == 302
    shift = Shift.objects.get()
    assert shift.ends_next_day and shift.end == local(day + dt.timedelta(days=1), 6)
    detail = client.get(f"/kk/hours/shifts/{shift.pk}/").content.decode()
    assert "22:00–06:00 (келесі күні)" in detail
    # The code works until 08:00 the next day, written out in words.
    assert formatting.datetime(shift.code_expires_at, "kk") in detail
    listing = client.get("/ru/hours/shifts/").content.decode()
    assert "22:00–06:00 (следующего дня)" in listing
    # The box sits beside its label, its help text tied to it for screen readers.
    assert (
        '<label class="check" for="id_ends_next_day"><input type="checkbox" name="ends_next_day"'
        in listing
    )
    assert 'aria-describedby="id_ends_next_day_helptext"' in listing
    assert 'id="id_ends_next_day_helptext"' in listing


def test_night_shift_over_the_api(actors, placement, client_for) -> None:
    client = client_for(actors.coordinator)
    day = timezone.localdate() + dt.timedelta(days=1)
    payload = {
        "position_id": placement.position.pk,
        "date": day.isoformat(),
        "starts_at": "22:00",
        "ends_at": "06:00",
    }
    refused = client.post("/api/v1/hours/shifts", payload, content_type="application/json")
    assert refused.status_code == 400 and "ends_at" in refused.json()["errors"]
    made = client.post(
        "/api/v1/hours/shifts", {**payload, "ends_next_day": True}, content_type="application/json"
    )
    assert made.status_code == 201
    out = made.json()
    assert out["ends_next_day"] is True
    assert dt.datetime.fromisoformat(out["end"]) == local(day + dt.timedelta(days=1), 6)
    assert dt.datetime.fromisoformat(out["end"]) - dt.datetime.fromisoformat(
        out["start"]
    ) == dt.timedelta(hours=8)
    # A peer organisation's coordinator does not see it; a volunteer cannot plan shifts.
    assert (
        client_for(actors.other_coordinator).get(f"/api/v1/hours/shifts/{out['id']}").status_code
        == 404
    )
    assert (
        client_for(actors.volunteer)
        .post("/api/v1/hours/shifts", payload, content_type="application/json")
        .status_code
        == 403
    )


def test_reminder_of_a_night_shift_says_it_ends_the_next_day(actors, placement) -> None:
    actors.volunteer.preferred_language = "ru"
    actors.volunteer.save()
    start = timezone.localtime(timezone.now() + dt.timedelta(hours=2))
    shift = services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=start.date(),
        starts_at=start.time().replace(second=0, microsecond=0),
        ends_at=start.time().replace(second=0, microsecond=0),  # a whole day and night
        ends_next_day=True,
    )
    assert services.reminders_send_shifts() == 1
    body = mail.outbox[0].body
    assert "заканчивается на следующий день" in body
    assert f"{formatting.date(shift.end_date, 'ru')}, в {shift.ends_at:%H:%M}" in body


def test_silent_volunteers_with_their_positions_and_acceptance(
    actors, placement, client_for
) -> None:  # type: ignore[no-untyped-def]
    """Silent for 60 days on two positions: one row per position of the coordinator's
    organisations (with the acceptance date); the peer organisation's placement is not shown."""
    second = f.PositionFactory(
        project__organization=actors.org,
        title_en="Night shelter duty",
        start_date=dt.date(2024, 1, 1),
    )
    from tests.hours.conftest import accept

    accepted = accept(second, actors.profile, days_ago=45)
    page = client_for(actors.coordinator).get("/en/hours/silent/").content.decode()
    assert placement.position.title_en in page and "Night shelter duty" in page
    assert placement.other_position.title_en not in page  # the other organisation's
    assert formatting.date(accepted.accepted_at, "en", fmt="medium") in page
    assert formatting.date(placement.application.accepted_at, "en", fmt="medium") in page
    assert page.count(actors.profile.full_name) == 2
    rows = client_for(actors.coordinator).get("/api/v1/hours/silent").json()["results"]
    assert {(r["position_id"], r["accepted_on"]) for r in rows} == {
        (placement.position.pk, timezone.localdate(placement.application.accepted_at).isoformat()),
        (second.pk, timezone.localdate(accepted.accepted_at).isoformat()),
    }
    assert all(r["volunteer_id"] == actors.profile.pk and r["last_entry"] is None for r in rows)
    peer = client_for(actors.other_coordinator).get("/api/v1/hours/silent").json()["results"]
    assert [r["position_id"] for r in peer] == [placement.other_position.pk]
