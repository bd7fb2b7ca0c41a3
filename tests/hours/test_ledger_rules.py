"""Every rule of the diary, at the service layer (and the database behind it)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from asar.hours import selectors, services
from asar.hours.models import DailyTotal, HourEntry
from asar.hours.services import EntryInput
from tests import factories as f

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def log(actor, volunteer, **kwargs):  # type: ignore[no-untyped-def]
    data = EntryInput(**{"date": today() - dt.timedelta(days=1), "minutes": 120, **kwargs})
    return services.entry_log(actor=actor, volunteer=volunteer, data=data)


def test_volunteer_entry_is_pending_and_not_counted(actors, placement) -> None:
    entry, created = log(
        actors.volunteer, actors.profile, position=placement.position, beneficiaries=12
    )
    assert created and entry.status == HourEntry.Status.PENDING
    assert entry.organization == actors.org and entry.region == placement.position.region
    assert entry.direction == placement.position.direction and entry.form == placement.position.form
    assert DailyTotal.objects.get(volunteer=actors.profile, date=entry.date).minutes == 120
    assert selectors.confirmed_minutes(volunteer_id=actors.profile.pk) == 0


def test_independent_good_deed_is_self_reported(actors) -> None:
    entry, _ = log(
        actors.volunteer,
        actors.profile,
        direction=f.direction("education"),
        form="offline",
        description="Tutored a neighbour's child",
    )
    assert entry.status == HourEntry.Status.SELF_REPORTED and entry.organization is None
    assert entry.region == actors.profile.region
    assert selectors.self_reported_minutes(volunteer_id=actors.profile.pk) == 120
    with pytest.raises(ValidationError) as exc:
        log(actors.volunteer, actors.profile, form="offline")
    assert "direction" in exc.value.message_dict


def test_no_more_than_24_hours_a_day_across_entries(actors, placement) -> None:
    log(actors.volunteer, actors.profile, position=placement.position, minutes=20 * 60)
    with override("en"), pytest.raises(ValidationError) as exc:
        log(actors.volunteer, actors.profile, position=placement.other_position, minutes=5 * 60)
    assert "No more than 24 hours" in exc.value.message_dict["hours"][0]
    assert "at most 4 h remain" in exc.value.message_dict["hours"][0]
    # Exactly up to 24 h is fine.
    log(actors.volunteer, actors.profile, position=placement.other_position, minutes=4 * 60)
    day = DailyTotal.objects.get(volunteer=actors.profile)
    assert day.minutes == 24 * 60
    with pytest.raises(ValidationError):
        log(
            actors.volunteer,
            actors.profile,
            direction=f.direction("education"),
            form="online",
            minutes=15,
        )


def test_rejection_frees_the_day(actors, placement) -> None:
    entry, _ = log(actors.volunteer, actors.profile, position=placement.position, minutes=20 * 60)
    services.entries_reject(
        actor=actors.coordinator, entry_ids=[entry.pk], reason="Not at the event"
    )
    assert DailyTotal.objects.get(volunteer=actors.profile).minutes == 0
    again, created = log(
        actors.volunteer, actors.profile, position=placement.position, minutes=20 * 60
    )
    assert created and again.pk != entry.pk


def test_database_refuses_a_day_over_24_hours(actors) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        DailyTotal.objects.create(volunteer=actors.profile, date=today(), minutes=24 * 60 + 15)


def test_database_refuses_minutes_off_the_quarter(actors) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        HourEntry.objects.create(
            volunteer=actors.profile,
            region=f.region(),
            date=today(),
            form="offline",
            direction=f.direction(),
            minutes=50,
            status="self_reported",
            source="volunteer",
        )


@pytest.mark.parametrize("minutes", [0, 50, 24 * 60 + 15])
def test_hours_in_quarter_steps_up_to_a_day(actors, placement, minutes) -> None:
    with pytest.raises(ValidationError) as exc:
        log(actors.volunteer, actors.profile, position=placement.position, minutes=minutes)
    assert "hours" in exc.value.message_dict


def test_no_date_in_the_future(actors, placement) -> None:
    with pytest.raises(ValidationError) as exc:
        log(
            actors.volunteer,
            actors.profile,
            position=placement.position,
            date=today() + dt.timedelta(days=1),
        )
    with override("ru"):
        assert exc.value.message_dict["date"] == ["Дата не может быть в будущем."]
    with override("kk"):
        assert exc.value.message_dict["date"] == ["Күні болашақта болмауы керек."]


def test_no_entry_before_acceptance(actors, placement) -> None:
    with pytest.raises(ValidationError) as exc:
        log(
            actors.volunteer,
            actors.profile,
            position=placement.position,
            date=today() - dt.timedelta(days=61),
        )
    assert exc.value.error_dict["date"][0].code == "before_acceptance"


def test_no_hours_before_the_14th_birthday(actors, placement) -> None:
    """A volunteer who turned 14 ten days ago registers and logs last month's work: refused,
    for the volunteer and for a coordinator alike; the day they turned 14 is accepted."""
    birthday = today() - dt.timedelta(days=10)
    actors.profile.birth_date = birthday.replace(year=birthday.year - 14)
    actors.profile.save(update_fields=["birth_date"])
    for actor in (actors.volunteer, actors.coordinator):
        with override("en"), pytest.raises(ValidationError) as exc:
            log(
                actor,
                actors.profile,
                position=placement.position,
                date=birthday - dt.timedelta(days=1),
            )
        assert exc.value.error_dict["date"][0].code == "too_young"
        assert "from the age of 14" in exc.value.message_dict["date"][0]
    with override("ru"), pytest.raises(ValidationError) as exc:
        log(
            actors.volunteer,
            actors.profile,
            direction=f.direction(),
            form="offline",
            date=birthday - dt.timedelta(days=3),
        )
    assert "с 14 лет" in exc.value.message_dict["date"][0]
    entry, created = log(
        actors.volunteer, actors.profile, position=placement.position, date=birthday
    )
    assert created and entry.date == birthday


def test_turning_14_on_29_february() -> None:
    from asar.volunteers.validators import age_on, turns

    assert turns(dt.date(2012, 2, 29), 14) == dt.date(2026, 3, 1)
    assert age_on(dt.date(2012, 2, 29), dt.date(2026, 2, 28)) == 13
    assert age_on(dt.date(2012, 2, 29), dt.date(2026, 3, 1)) == 14
    assert turns(dt.date(2012, 2, 29), 16) == dt.date(2028, 2, 29)
    assert turns(dt.date(2011, 7, 3), 14) == dt.date(2025, 7, 3)


def test_only_positions_one_was_accepted_to(actors) -> None:
    stranger = f.PositionFactory(project__organization=actors.org)
    with pytest.raises(ValidationError) as exc:
        log(actors.volunteer, actors.profile, position=stranger)
    assert exc.value.error_dict["position"][0].code == "not_accepted"
    # An application merely submitted does not count either.
    f.ApplicationFactory(position=stranger, volunteer=actors.profile)
    with pytest.raises(ValidationError):
        log(actors.volunteer, actors.profile, position=stranger)


def test_old_entries_need_a_coordinator(actors, placement, settings) -> None:
    settings.ASAR_HOURS_SELF_LOG_WINDOW_DAYS = 30
    old = today() - dt.timedelta(days=45)
    with pytest.raises(ValidationError) as exc:
        log(actors.volunteer, actors.profile, position=placement.position, date=old)
    assert exc.value.error_dict["date"][0].code == "too_old"
    entry, created = log(actors.coordinator, actors.profile, position=placement.position, date=old)
    assert created and entry.status == HourEntry.Status.CONFIRMED
    assert entry.source == HourEntry.Source.COORDINATOR and entry.reviewed_by == actors.coordinator


def test_duplicate_submission_returns_the_existing_entry(actors, placement) -> None:
    first, created = log(actors.volunteer, actors.profile, position=placement.position)
    again, created_again = log(actors.volunteer, actors.profile, position=placement.position)
    assert created and not created_again and again.pk == first.pk
    assert HourEntry.objects.count() == 1
    assert DailyTotal.objects.get(volunteer=actors.profile).minutes == 120
    # Same for an independent good deed with the same description.
    deed = {"direction": f.direction(), "form": "offline", "description": "Clean-up"}
    one, _ = log(actors.volunteer, actors.profile, **deed)
    two, created_two = log(actors.volunteer, actors.profile, **deed)
    assert one.pk == two.pk and not created_two


def test_duplicate_of_a_full_day_is_still_the_existing_entry(actors, placement) -> None:
    """A resubmission is answered with the original even when the day is full (it adds
    nothing), and a refused entry inside a larger transaction leaves that transaction usable."""
    first, _ = log(actors.volunteer, actors.profile, position=placement.position, minutes=1440)
    again, created = log(
        actors.volunteer, actors.profile, position=placement.position, minutes=1440
    )
    assert again.pk == first.pk and not created
    with transaction.atomic():
        with pytest.raises(ValidationError) as exc:
            log(actors.volunteer, actors.profile, position=placement.other_position, minutes=15)
        assert exc.value.error_dict["hours"][0].code == "day_limit"
        same, created = log(
            actors.volunteer, actors.profile, position=placement.position, minutes=1440
        )
        assert same.pk == first.pk and not created
    assert DailyTotal.objects.get(volunteer=actors.profile).minutes == 1440
    assert HourEntry.objects.count() == 1


def test_nobody_else_logs_for_a_volunteer(actors, placement) -> None:
    with pytest.raises(PermissionDenied):
        log(actors.other_volunteer, actors.profile, position=placement.position)
    # A coordinator of another organisation cannot log on this organisation's position.
    with pytest.raises(PermissionDenied):
        log(actors.other_coordinator, actors.profile, position=placement.position)
