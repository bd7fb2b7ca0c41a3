"""Writes of the hours ledger. Every rule of the diary is enforced here (and the hard ones
again by database constraints), each failure with a translated, field-level message."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from asar.accounts.models import User
from asar.geo.models import Direction
from asar.hours.models import (
    MINUTES_PER_DAY,
    CalendarFeed,
    CheckIn,
    DailyTotal,
    HourEntry,
    Reminder,
    Shift,
    new_check_in_code,
    new_token,
)
from asar.hours.notify import Notifier, get_notifier
from asar.lib import formatting
from asar.lib.i18n import localized
from asar.opportunities.models import Application, Position
from asar.organizations.permissions import is_coordinator
from asar.volunteers.models import VolunteerProfile
from asar.volunteers.validators import MIN_AGE, turns

# Applications that let a volunteer log time on a position.
WORKING_STATUSES = (
    Application.Status.ACCEPTED,
    Application.Status.ACTIVE,
    Application.Status.COMPLETED,
)
# Applications that still expect work (reminders, silent volunteers).
ONGOING_STATUSES = (Application.Status.ACCEPTED, Application.Status.ACTIVE)


def _error(field: str, message: Any, code: str) -> ValidationError:
    """A field-level error that keeps its code (a dict of plain messages would lose it)."""
    return ValidationError({field: ValidationError(message, code=code)})


def self_log_window_days() -> int:
    """Older entries are logged only by a coordinator (they can check the attendance lists)."""
    return int(getattr(settings, "ASAR_HOURS_SELF_LOG_WINDOW_DAYS", 90))


def _today() -> dt.date:
    return timezone.localdate()


@dataclass(frozen=True)
class EntryInput:
    """One diary line as parsed by a form or the API."""

    date: dt.date
    minutes: int
    position: Position | None = None
    form: str | None = None
    direction: Direction | None = None
    beneficiaries: int | None = None
    description: str = ""


def minutes_from_hours(hours: Decimal) -> int:
    """Hours as people write them (1.5) → whole minutes (90), with the diary's messages."""
    if not hours.is_finite() or hours <= 0:
        raise _error("hours", _("Enter a positive number of hours."), "min")
    if hours > MINUTES_PER_DAY / 60:
        raise _error("hours", _("A day has no more than 24 hours."), "max")
    minutes = hours * 60
    if minutes != minutes.to_integral_value() or int(minutes) % 15:
        raise _error(
            "hours", _("Hours are counted in quarters of an hour (0.25, 0.5, 0.75 …)."), "step"
        )
    return int(minutes)


def _validate_minutes(minutes: int) -> None:
    if minutes <= 0:
        raise _error("hours", _("Enter a positive number of hours."), "min")
    if minutes % 15:
        raise _error(
            "hours", _("Hours are counted in quarters of an hour (0.25, 0.5, 0.75 …)."), "step"
        )
    if minutes > MINUTES_PER_DAY:
        raise _error("hours", _("A day has no more than 24 hours."), "max")


def accepted_application(*, volunteer: VolunteerProfile, position: Position) -> Application | None:
    return (
        Application.objects.filter(
            volunteer=volunteer, position=position, status__in=WORKING_STATUSES
        )
        .order_by("accepted_at")
        .first()
    )


def _check_rules(
    *, actor: User, volunteer: VolunteerProfile, data: EntryInput, by_coordinator: bool
) -> None:
    _validate_minutes(data.minutes)
    today = _today()
    if data.date > today:
        raise _error("date", _("The date cannot be in the future."), "future")
    if not by_coordinator and data.date < today - dt.timedelta(days=self_log_window_days()):
        raise _error(
            "date",
            _(
                "Entries older than %(days)s days can only be added by a coordinator of "
                "the organisation."
            )
            % {"days": self_log_window_days()},
            "too_old",
        )
    old_enough_on = turns(volunteer.birth_date, MIN_AGE)
    if data.date < old_enough_on:
        # Volunteers register from 14 (the registry's rule); time before that is not counted,
        # even when logged later or by a coordinator.
        raise _error(
            "date",
            _("Volunteer hours count from the age of %(age)s (from %(date)s).")
            % {"age": MIN_AGE, "date": formatting.date(old_enough_on)},
            "too_young",
        )
    if data.beneficiaries is not None and data.beneficiaries < 0:
        raise _error("beneficiaries", _("Enter zero or more."), "min")
    if data.position is None:
        if data.direction is None:
            raise _error("direction", _("Choose a direction."), "required")
        if not data.form:
            raise _error("form", _("Choose a form of activity."), "required")
        return
    application = accepted_application(volunteer=volunteer, position=data.position)
    if application is None:
        raise _error(
            "position",
            _("You can log hours only for positions you were accepted to."),
            "not_accepted",
        )
    accepted_on = timezone.localdate(application.accepted_at) if application.accepted_at else None
    if accepted_on and data.date < accepted_on:
        raise _error(
            "date",
            _("The date is before the acceptance to this position (%(date)s).")
            % {"date": formatting.date(accepted_on)},
            "before_acceptance",
        )


def _add_to_day(*, volunteer_id: int, date: dt.date, minutes: int) -> None:
    """Add ``minutes`` to the volunteer's day, creating its row, in one statement.

    ``INSERT … ON CONFLICT DO UPDATE`` locks the day's row until the transaction ends, as
    ``SELECT … FOR UPDATE`` would, so every writer of this volunteer's day waits for the one
    before it; the check constraint refuses a day over 24 h (IntegrityError). One round trip
    instead of get-or-create + lock + update (bench/README.md: hour-entry writes)."""
    table = connection.ops.quote_name(DailyTotal._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (volunteer_id, date, minutes) VALUES (%s, %s, %s) "  # noqa: S608
            f"ON CONFLICT (volunteer_id, date) DO UPDATE "
            f"SET minutes = {table}.minutes + excluded.minutes",
            [volunteer_id, date, minutes],
        )


def _release_from_day(*, volunteer_id: int, date: dt.date, minutes: int) -> None:
    """Free ``minutes`` of the volunteer's day (a rejected or withdrawn entry); the UPDATE
    itself takes the row lock."""
    DailyTotal.objects.filter(volunteer_id=volunteer_id, date=date).update(
        minutes=F("minutes") - minutes
    )


def _minutes_logged(*, volunteer_id: int, date: dt.date) -> int:
    return (
        DailyTotal.objects.filter(volunteer_id=volunteer_id, date=date)
        .values_list("minutes", flat=True)
        .first()
        or 0
    )


def _day_limit_error(*, volunteer_id: int, data: EntryInput) -> ValidationError:
    logged = _minutes_logged(volunteer_id=volunteer_id, date=data.date)
    return _error(
        "hours",
        _(
            "No more than 24 hours can be logged for one day: %(logged)s h are already "
            "logged for %(date)s, at most %(left)s h remain."
        )
        % {
            "logged": _fmt_hours(logged),
            "date": formatting.date(data.date),
            "left": _fmt_hours(max(0, MINUTES_PER_DAY - logged)),
        },
        "day_limit",
    )


class _AlreadyLogged(Exception):
    """Raised inside the entry's transaction to undo the day's addition for a duplicate."""

    def __init__(self, entry: HourEntry) -> None:
        super().__init__(entry.pk)
        self.entry = entry


def _find_duplicate(*, volunteer: VolunteerProfile, data: EntryInput) -> HourEntry | None:
    qs = HourEntry.objects.filter(
        volunteer=volunteer, date=data.date, minutes=data.minutes
    ).exclude(status=HourEntry.Status.REJECTED)
    if data.position is not None:
        return qs.filter(position=data.position).first()
    return qs.filter(
        position__isnull=True, direction=data.direction, description=_clean_text(data.description)
    ).first()


def _clean_text(text: str) -> str:
    # NUL characters cannot be stored by PostgreSQL; nobody types them on purpose.
    return (text or "").replace("\x00", "").strip()


def _create_entry(
    *,
    actor: User | None,
    volunteer: VolunteerProfile,
    data: EntryInput,
    status: str,
    source: str,
) -> tuple[HourEntry, bool]:
    """Insert one entry under the day's lock. Returns (entry, created).

    The common case is two statements: add to the day (lock + 24 h check), insert. A duplicate
    or a full day is rare; the database refuses it, the addition is rolled back with it, and
    which of the two it was is sorted out afterwards, outside the failed transaction."""
    position = data.position
    now = timezone.now()
    entry = HourEntry(
        volunteer=volunteer,
        organization=position.organization if position else None,
        position=position,
        region_id=position.region_id if position and position.region_id else volunteer.region_id,
        date=data.date,
        form=position.form if position else str(data.form),
        direction=position.direction if position else data.direction,
        minutes=data.minutes,
        beneficiaries=data.beneficiaries,
        description=_clean_text(data.description),
        status=status,
        source=source,
        created_by=actor,
        reviewed_by=actor if status == HourEntry.Status.CONFIRMED else None,
        reviewed_at=now if status == HourEntry.Status.CONFIRMED else None,
    )
    try:
        with transaction.atomic():
            _add_to_day(volunteer_id=volunteer.pk, date=data.date, minutes=data.minutes)
            # A line for a position that was already logged is refused by the partial unique
            # index (below); an independent good deed has no such index, so it is looked for.
            if position is None and (duplicate := _find_duplicate(volunteer=volunteer, data=data)):
                raise _AlreadyLogged(duplicate)
            entry.save()
    except _AlreadyLogged as already:
        return already.entry, False
    except IntegrityError:
        # The day would pass 24 h (check constraint), or the same line for the position is
        # already there (partial unique index): the transaction is rolled back either way.
        duplicate = _find_duplicate(volunteer=volunteer, data=data)
        if duplicate is not None:
            return duplicate, False
        if _minutes_logged(volunteer_id=volunteer.pk, date=data.date) + data.minutes > (
            MINUTES_PER_DAY
        ):
            raise _day_limit_error(volunteer_id=volunteer.pk, data=data) from None
        raise
    return entry, True


def _fmt_hours(minutes: int) -> str:
    value = minutes / 60
    return f"{value:g}"


def entry_log(
    *, actor: User, volunteer: VolunteerProfile, data: EntryInput
) -> tuple[HourEntry, bool]:
    """Log one diary line. The volunteer logs their own (pending, or self-reported when there is
    no organisation); a coordinator of the position's organisation may log for a volunteer, and
    their entry is confirmed at once. A coordinator's own hours are a volunteer's like any other:
    pending until another coordinator confirms them (nobody confirms their own record).
    Returns (entry, created); a duplicate returns the original."""
    is_self = volunteer.user_id == actor.pk
    by_coordinator = (
        data.position is not None
        and not is_self
        and is_coordinator(actor, data.position.organization_id)
    )
    if not (is_self or by_coordinator):
        raise PermissionDenied(_("You cannot log hours for this volunteer."))
    _check_rules(actor=actor, volunteer=volunteer, data=data, by_coordinator=by_coordinator)
    if data.position is None:
        status, source = HourEntry.Status.SELF_REPORTED, HourEntry.Source.VOLUNTEER
    elif by_coordinator:
        status, source = HourEntry.Status.CONFIRMED, HourEntry.Source.COORDINATOR
    else:
        status, source = HourEntry.Status.PENDING, HourEntry.Source.VOLUNTEER
    return _create_entry(actor=actor, volunteer=volunteer, data=data, status=status, source=source)


def entries_log_group(
    *, actor: User, position: Position, volunteers: list[VolunteerProfile], data: EntryInput
) -> list[tuple[HourEntry, bool]]:
    """A coordinator logs an event for a whole group at once: all entries or none."""
    if not is_coordinator(actor, position.organization_id):
        raise PermissionDenied(
            _("Only a coordinator of the organisation can log hours for a group.")
        )
    if not volunteers:
        raise _error("volunteers", _("Choose at least one volunteer."), "required")
    data = EntryInput(**{**data.__dict__, "position": position})
    results = []
    with transaction.atomic():
        for volunteer in volunteers:
            try:
                results.append(entry_log(actor=actor, volunteer=volunteer, data=data))
            except ValidationError as exc:
                messages = "; ".join(str(m) for m in exc.messages)
                raise _error("volunteers", f"{volunteer.full_name}: {messages}", "group") from exc
    return results


def _reviewable(actor: User, entry_ids: list[int]) -> list[HourEntry]:
    entries = list(
        HourEntry.objects.select_for_update(of=("self",))
        .select_related("volunteer")
        .filter(pk__in=entry_ids)
        .order_by("volunteer_id", "date")
    )
    if len(entries) != len(set(entry_ids)):
        raise _error("entries", _("Some entries do not exist."), "missing")
    for entry in entries:
        if entry.organization_id is None or not is_coordinator(actor, entry.organization_id):
            raise PermissionDenied(
                _("Only a coordinator of the entry's organisation can confirm or reject it.")
            )
        if entry.volunteer.user_id == actor.pk:
            raise PermissionDenied(
                _("Your own hours are confirmed by another coordinator of the organisation.")
            )
    return entries


def entries_confirm(*, actor: User, entry_ids: list[int]) -> int:
    """Confirm pending entries (in bulk). Already confirmed ones are left as they are."""
    with transaction.atomic():
        entries = _reviewable(actor, entry_ids)
        pending = [e.pk for e in entries if e.status == HourEntry.Status.PENDING]
        if any(e.status == HourEntry.Status.REJECTED for e in entries):
            raise _error(
                "entries",
                _("A rejected entry cannot be confirmed; ask the volunteer to log it again."),
                "rejected",
            )
        return HourEntry.objects.filter(pk__in=pending).update(
            status=HourEntry.Status.CONFIRMED, reviewed_by=actor, reviewed_at=timezone.now()
        )


def entries_reject(*, actor: User, entry_ids: list[int], reason: str) -> int:
    """Reject entries with a reason; their time no longer occupies the volunteer's day."""
    reason = _clean_text(reason)
    if not reason:
        raise _error("reason", _("Give a reason for the rejection."), "required")
    with transaction.atomic():
        entries = [
            e for e in _reviewable(actor, entry_ids) if e.status != HourEntry.Status.REJECTED
        ]
        for entry in entries:
            _release_from_day(
                volunteer_id=entry.volunteer_id, date=entry.date, minutes=entry.minutes
            )
        count = HourEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
            status=HourEntry.Status.REJECTED,
            reviewed_by=actor,
            reviewed_at=timezone.now(),
            rejection_reason=reason,
        )
        ids = [e.pk for e in entries]
        if ids:
            from asar.hours.tasks import notify_rejections

            # The volunteer hears why, once the rejection is really stored.
            transaction.on_commit(lambda: notify_rejections.delay(ids))
        return count


def entry_withdraw(*, actor: User, entry_id: int) -> None:
    """A volunteer takes back their own entry while nobody has confirmed it (a mistake, a
    double entry). Confirmed or rejected entries stay: they are the organisation's record."""
    with transaction.atomic():
        entry = HourEntry.objects.select_for_update().filter(pk=entry_id).first()
        if entry is None or entry.volunteer.user_id != actor.pk:
            raise PermissionDenied(_("You can withdraw only your own entries."))
        if entry.status not in (HourEntry.Status.PENDING, HourEntry.Status.SELF_REPORTED):
            raise _error(
                "entry", _("A confirmed or rejected entry cannot be withdrawn."), "reviewed"
            )
        _release_from_day(volunteer_id=entry.volunteer_id, date=entry.date, minutes=entry.minutes)
        entry.delete()


# --- shifts and check-in -----------------------------------------------------------------


def check_shift_times(*, starts_at: dt.time, ends_at: dt.time, ends_next_day: bool) -> None:
    """The form's and the service's rule (the database constraint says the same)."""
    if not ends_next_day and ends_at <= starts_at:
        raise _error(
            "ends_at",
            _(
                "The shift must end after it starts. If it ends after midnight, tick "
                "“Ends the next day”."
            ),
            "order",
        )
    if ends_next_day and ends_at > starts_at:
        raise _error(
            "ends_at",
            _(
                "A shift ending the next day must end no later than its start time: a shift "
                "lasts at most 24 hours."
            ),
            "too_long",
        )


def shift_create(
    *,
    actor: User,
    position: Position,
    date: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    ends_next_day: bool = False,
    note: str = "",
) -> Shift:
    """A shift on ``date``; a night shift (22:00–06:00) ``ends_next_day``, at most 24 hours
    after its start. Its hours are counted on the day it starts."""
    if not is_coordinator(actor, position.organization_id):
        raise PermissionDenied(_("Only a coordinator of the organisation can plan shifts."))
    check_shift_times(starts_at=starts_at, ends_at=ends_at, ends_next_day=ends_next_day)
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return Shift.objects.create(
                    position=position,
                    date=date,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    ends_next_day=ends_next_day,
                    note=note.strip(),
                    code=new_check_in_code(),
                    created_by=actor,
                )
        except IntegrityError:
            continue  # astronomically rare code collision: draw again
    raise RuntimeError("could not draw a unique check-in code")


MAX_CODE_ATTEMPTS = 10


def _throttle(user: User) -> None:
    key = f"hours:checkin-fail:{user.pk}"
    if int(cache.get(key, 0)) >= MAX_CODE_ATTEMPTS:
        raise _error(
            "code", _("Too many wrong codes. Wait ten minutes and try again."), "throttled"
        )


def _failed_attempt(user: User) -> None:
    key = f"hours:checkin-fail:{user.pk}"
    cache.add(key, 0, timeout=600)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=600)


def _minutes_worked(shift: Shift, arrived: dt.datetime, left: dt.datetime) -> int:
    # Only time inside the shift counts (capped at its length), rounded down to 15 minutes.
    start = max(arrived, shift.start)
    end = min(left, shift.end)
    worked = int((end - start).total_seconds() // 60) if end > start else 0
    return worked - worked % 15


def _check_out(check_in: CheckIn, *, at: dt.datetime, actor: User) -> CheckIn:
    check_in.checked_out_at = max(at, check_in.checked_in_at)
    minutes = _minutes_worked(check_in.shift, check_in.checked_in_at, check_in.checked_out_at)
    if minutes > 0:
        entry, _created = _create_entry(
            actor=actor,
            volunteer=check_in.volunteer,
            data=EntryInput(
                date=check_in.shift.date, minutes=minutes, position=check_in.shift.position
            ),
            status=HourEntry.Status.PENDING,
            source=HourEntry.Source.CHECK_IN,
        )
        check_in.entry = entry
    check_in.save(update_fields=["checked_out_at", "entry"])
    return check_in


def _check_in_or_out(
    *, shift: Shift, volunteer: VolunteerProfile, at: dt.datetime, actor: User, by_coordinator: bool
) -> CheckIn:
    if accepted_application(volunteer=volunteer, position=shift.position) is None:
        raise _error(
            "code",
            _("You are not accepted to this position, so you cannot check in."),
            "not_accepted",
        )
    with transaction.atomic():
        existing = (
            CheckIn.objects.select_for_update().filter(shift=shift, volunteer=volunteer).first()
        )
        if existing is None:
            try:
                with transaction.atomic():
                    return CheckIn.objects.create(
                        shift=shift,
                        volunteer=volunteer,
                        checked_in_at=at,
                        by_coordinator=by_coordinator,
                    )
            except IntegrityError:
                existing = CheckIn.objects.select_for_update().get(shift=shift, volunteer=volunteer)
        if existing.checked_out_at is not None:
            return existing  # scanning again after leaving changes nothing
        return _check_out(existing, at=at, actor=actor)


def check_in_with_code(
    *,
    actor: User,
    volunteer: VolunteerProfile,
    code: str = "",
    token: str = "",
    now: dt.datetime | None = None,
) -> CheckIn:
    """The volunteer scans the QR code (token) or types the short code: the first scan checks
    them in, the second checks them out and creates a pending entry."""
    _throttle(actor)
    now = now or timezone.now()
    code = code.strip().upper().replace(" ", "").replace("-", "")
    shift = None
    if token:
        shift = Shift.objects.select_related("position").filter(token=token).first()
    elif code:
        shift = Shift.objects.select_related("position").filter(code=code).first()
    if shift is None:
        _failed_attempt(actor)
        raise _error("code", _("This code is not valid."), "invalid")
    if not shift.code_valid_at(now):
        raise _error(
            "code",
            _(
                "This code is not valid at this time: it works from an hour before the shift until two hours after it."
            ),
            "expired",
        )
    return _check_in_or_out(
        shift=shift, volunteer=volunteer, at=now, actor=actor, by_coordinator=False
    )


def check_in_by_coordinator(
    *, actor: User, shift: Shift, volunteer: VolunteerProfile, at: dt.datetime | None = None
) -> CheckIn:
    """A coordinator checks a volunteer in (first call) or out (second call) for them."""
    if not is_coordinator(actor, shift.position.organization_id):
        raise PermissionDenied(_("Only a coordinator of the organisation can check volunteers in."))
    return _check_in_or_out(
        shift=shift, volunteer=volunteer, at=at or timezone.now(), actor=actor, by_coordinator=True
    )


@dataclass(frozen=True)
class ShiftConfirmation:
    confirmed: int
    # Volunteers still checked in to a shift that has not ended yet (counted when they leave).
    still_in: int


def shift_confirm(
    *, actor: User, shift: Shift, now: dt.datetime | None = None
) -> ShiftConfirmation:
    """Confirm every pending entry of a shift in one action. Once the shift is over, volunteers
    who forgot to scan the code when leaving are checked out at its end first, so their time
    is counted (capped at the shift, like any check-out)."""
    if not is_coordinator(actor, shift.position.organization_id):
        raise PermissionDenied(_("Only a coordinator of the organisation can confirm a shift."))
    now = now or timezone.now()
    with transaction.atomic():
        still_in = 0
        open_check_ins = (
            CheckIn.objects.select_for_update()
            .filter(shift=shift, checked_out_at__isnull=True)
            .select_related("shift__position", "volunteer")
            .order_by("pk")
        )
        for check_in in open_check_ins:
            if now < shift.end:
                still_in += 1
                continue
            try:
                _check_out(check_in, at=shift.end, actor=actor)
            except ValidationError as exc:
                messages = "; ".join(str(m) for m in exc.messages)
                raise _error(
                    "shift", f"{check_in.volunteer.full_name}: {messages}", "check_out"
                ) from exc
        ids = list(
            CheckIn.objects.filter(shift=shift, entry__status=HourEntry.Status.PENDING)
            .exclude(volunteer__user=actor)  # their own hours wait for another coordinator
            .values_list("entry_id", flat=True)
        )
        count = entries_confirm(actor=actor, entry_ids=ids) if ids else 0
        Shift.objects.filter(pk=shift.pk).update(confirmed_at=now)
    return ShiftConfirmation(confirmed=count, still_in=still_in)


# --- reminders and calendar ----------------------------------------------------------------


def _language_of(volunteer: VolunteerProfile) -> str:
    language = volunteer.user.preferred_language
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _site_url(name: str, language: str) -> str:
    """An absolute link in the recipient's language (e-mails are read outside the site)."""
    with override(language):
        return f"{settings.ASAR_SITE_URL.rstrip('/')}{reverse(name)}"


def _remind(
    *, notifier: Notifier, volunteer: VolunteerProfile, kind: str, key: str, subject: str, body: str
) -> bool:
    """Send once per (volunteer, kind, key): the unique row is claimed before sending."""
    try:
        with transaction.atomic():
            Reminder.objects.create(volunteer=volunteer, kind=kind, key=key)
            notifier.send(user=volunteer.user, subject=subject, body=body)
    except IntegrityError:
        return False
    return True


def reminders_send_shifts(
    *, now: dt.datetime | None = None, notifier: Notifier | None = None
) -> int:
    """Remind volunteers of accepted positions about shifts starting in the next 24 hours."""
    now = now or timezone.now()
    notifier = notifier or get_notifier()
    today = timezone.localdate(now)
    sent = 0
    shifts = Shift.objects.filter(
        date__gte=today, date__lte=today + dt.timedelta(days=1)
    ).select_related("position__organization")
    for shift in shifts:
        if not now < shift.start <= now + dt.timedelta(hours=24):
            continue
        applications = Application.objects.filter(
            position=shift.position, status__in=ONGOING_STATUSES
        ).select_related("volunteer__user")
        for application in applications:
            volunteer = application.volunteer
            language = _language_of(volunteer)
            with override(language):
                position = shift.position
                subject = str(_("Reminder: your volunteer shift %(date)s at %(time)s")) % {
                    "date": formatting.date(shift.date, language),
                    "time": shift.starts_at.strftime("%H:%M"),
                }
                place = ", ".join(p for p in (position.settlement, shift.note) if p) or str(
                    _("ask the coordinator")
                )
                if shift.ends_next_day:
                    text = _(
                        "Hello!\n\nYour shift for “%(position)s” (%(organization)s) starts on "
                        "%(date)s at %(start)s and ends the next day, %(end_date)s, at "
                        "%(end)s.\nWhere: %(place)s\nRemember to check in with the "
                        "coordinator's code when you arrive and when you leave.\n\nYour "
                        "shifts: %(url)s\n\nAsar"
                    )
                else:
                    text = _(
                        "Hello!\n\nYour shift for “%(position)s” (%(organization)s) is on "
                        "%(date)s from %(start)s to %(end)s.\nWhere: %(place)s\nRemember to "
                        "check in with the coordinator's code when you arrive and when you "
                        "leave.\n\nYour shifts: %(url)s\n\nAsar"
                    )
                body = str(text) % {
                    "position": localized(position, "title", language),
                    "organization": localized(position.organization, "name", language),
                    "date": formatting.date(shift.date, language),
                    "start": shift.starts_at.strftime("%H:%M"),
                    "end": shift.ends_at.strftime("%H:%M"),
                    "end_date": formatting.date(shift.end_date, language),
                    "place": place,
                    "url": _site_url("hours:calendar", language),
                }
            sent += _remind(
                notifier=notifier,
                volunteer=volunteer,
                kind=Reminder.Kind.SHIFT,
                key=str(shift.pk),
                subject=subject,
                body=body,
            )
    return sent


SILENCE_DAYS = 30


def reminders_send_monthly(
    *, today: dt.date | None = None, notifier: Notifier | None = None
) -> int:
    """The agreement asks for a monthly report: remind volunteers with an accepted or active
    position and no entry for 30 days. At most once per volunteer per month."""
    from asar.hours.selectors import silent_volunteers

    today = today or timezone.localdate()
    notifier = notifier or get_notifier()
    key = f"{today:%Y-%m}"
    already = Reminder.objects.filter(kind=Reminder.Kind.MONTHLY_REPORT, key=key).values(
        "volunteer_id"
    )
    sent = 0
    for volunteer in silent_volunteers(today=today).exclude(pk__in=already).select_related("user"):
        language = _language_of(volunteer)
        with override(language):
            subject = str(_("Please log your volunteer hours"))
            body = str(
                _(
                    "Hello!\n\nYou have not logged any volunteer hours for %(days)s days. Your "
                    "volunteer agreement asks for a short monthly report: please add what you did "
                    "to your good-deeds diary on Asar: %(url)s\n\nAsar"
                )
            ) % {"days": SILENCE_DAYS, "url": _site_url("hours:diary", language)}
        sent += _remind(
            notifier=notifier,
            volunteer=volunteer,
            kind=Reminder.Kind.MONTHLY_REPORT,
            key=key,
            subject=subject,
            body=body,
        )
    return sent


def rejections_notify(*, entry_ids: list[int], notifier: Notifier | None = None) -> int:
    """Tell each volunteer which entries were rejected and why (once per entry)."""
    notifier = notifier or get_notifier()
    sent = 0
    entries = (
        HourEntry.objects.filter(pk__in=entry_ids, status=HourEntry.Status.REJECTED)
        .select_related("volunteer__user", "organization")
        .order_by("volunteer_id", "date")
    )
    for entry in entries:
        volunteer = entry.volunteer
        language = _language_of(volunteer)
        with override(language):
            subject = str(_("Your volunteer hours for %(date)s were not confirmed")) % {
                "date": formatting.date(entry.date, language)
            }
            body = str(
                _(
                    "Hello!\n\n%(organization)s did not confirm your entry of %(hours)s h for "
                    "%(date)s.\nReason: %(reason)s\n\nIf this is a mistake, talk to the "
                    "coordinator or log the entry again: %(url)s\n\nAsar"
                )
            ) % {
                "organization": localized(entry.organization, "name", language),
                "hours": _fmt_hours(entry.minutes),
                "date": formatting.date(entry.date, language),
                "reason": entry.rejection_reason,
                "url": _site_url("hours:diary", language),
            }
        sent += _remind(
            notifier=notifier,
            volunteer=volunteer,
            kind=Reminder.Kind.REJECTION,
            key=str(entry.pk),
            subject=subject,
            body=body,
        )
    return sent


def calendar_feed_get_or_create(*, volunteer: VolunteerProfile) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(volunteer=volunteer)
    return feed


def calendar_feed_reset(*, volunteer: VolunteerProfile) -> CalendarFeed:
    """A new private address; the old one stops working (if it leaked)."""
    feed = calendar_feed_get_or_create(volunteer=volunteer)
    feed.token = new_token()
    feed.save(update_fields=["token"])
    return feed
