"""The volunteer hours ledger: the good-deeds diary (guide, Appendix 6).

Time is stored in whole minutes in steps of 15 (0.25 h), so sums are exact integers.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Mod
from django.db.models.lookups import Exact
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from asar.geo.models import ActivityForm

MINUTES_PER_DAY = 24 * 60


class HourEntry(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")
        SELF_REPORTED = "self_reported", _("Self-reported (independent good deed)")

    class Source(models.TextChoices):
        VOLUNTEER = "volunteer", _("Logged by the volunteer")
        COORDINATOR = "coordinator", _("Logged by a coordinator")
        CHECK_IN = "check_in", _("Check-in and check-out")
        IMPORT = "import", _("Imported")

    volunteer = models.ForeignKey(
        "volunteers.VolunteerProfile",
        on_delete=models.PROTECT,
        related_name="hour_entries",
        verbose_name=_("volunteer"),
    )
    # Empty organisation and position = an independent good deed.
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hour_entries",
        verbose_name=_("organisation"),
    )
    position = models.ForeignKey(
        "opportunities.Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hour_entries",
        verbose_name=_("volunteer position"),
    )
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        related_name="hour_entries",
        help_text=_("Where the work was done (the position's region, else the volunteer's)."),
        verbose_name=_("region"),
    )
    date = models.DateField(_("date"))
    form = models.CharField(_("form of activity"), max_length=10, choices=ActivityForm.choices)
    direction = models.ForeignKey(
        "geo.Direction", on_delete=models.PROTECT, related_name="+", verbose_name=_("direction")
    )
    minutes = models.PositiveIntegerField(_("time (minutes)"))
    beneficiaries = models.PositiveIntegerField(_("people helped"), null=True, blank=True)
    description = models.TextField(_("what was done, achievements"), blank=True)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reviewed at"))
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    # Statuses that occupy the volunteer's day (the 24-hour rule); rejected entries free it.
    OCCUPIES_DAY = (Status.PENDING, Status.CONFIRMED, Status.SELF_REPORTED)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("hour entry")
        verbose_name_plural = _("hour entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gt=0) & Q(minutes__lte=MINUTES_PER_DAY),
                name="hours_minutes_within_a_day",
            ),
            models.CheckConstraint(
                condition=Exact(Mod("minutes", 15), 0), name="hours_quarter_hour_steps"
            ),
            models.CheckConstraint(
                condition=Q(position__isnull=True) | Q(organization__isnull=False),
                name="hours_position_has_organization",
            ),
            models.CheckConstraint(
                condition=(Q(organization__isnull=True) & Q(status="self_reported"))
                | (Q(organization__isnull=False) & ~Q(status="self_reported")),
                name="hours_self_reported_iff_independent",
            ),
            # A resubmission of the same diary line must not become a second row, even when two
            # requests race; the service returns the existing entry instead.
            models.UniqueConstraint(
                fields=["volunteer", "position", "date", "minutes"],
                condition=Q(position__isnull=False) & ~Q(status="rejected"),
                name="hours_no_duplicate_entry",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="hours_rejection_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["volunteer", "date"]),
            models.Index(fields=["organization", "status", "date"]),
            models.Index(fields=["status", "date", "region"]),
            models.Index(fields=["position", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.date} {self.hours} h"

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60


class DailyTotal(models.Model):
    """Minutes a volunteer has logged on one date across all non-rejected entries.

    The row is locked (SELECT … FOR UPDATE) by every write that changes the day, and the check
    constraint makes more than 24 hours impossible even if application code forgot the lock.
    """

    volunteer = models.ForeignKey(
        "volunteers.VolunteerProfile", on_delete=models.CASCADE, related_name="daily_totals"
    )
    date = models.DateField()
    minutes = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily total")
        verbose_name_plural = _("daily totals")
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "date"], name="hours_daily_total_unique"),
            models.CheckConstraint(
                condition=Q(minutes__lte=MINUTES_PER_DAY), name="hours_daily_total_lte_24h"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.date}: {self.minutes}"


class MonthlyTotal(models.Model):
    """Counted minutes (confirmed, self-reported) per month × status × region × direction × form.

    A materialised aggregate of ``HourEntry`` for the national and regional reports, kept exact
    by a PostgreSQL trigger in the same transaction as every insert, update, delete or truncate
    of the ledger (migration 0004) — never a cache that can lag. The table exists only on
    PostgreSQL (unmanaged model); on SQLite the selectors read the ledger directly.
    """

    month = models.DateField()  # the first day of the month
    status = models.CharField(max_length=16)
    region = models.ForeignKey(
        "geo.Region", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    direction = models.ForeignKey(
        "geo.Direction", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    form = models.CharField(max_length=10)
    minutes = models.BigIntegerField()
    entries = models.IntegerField()

    class Meta:
        managed = False
        db_table = "hours_monthlytotal"

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.status} r{self.region_id}: {self.minutes}"


class VolunteerMonth(models.Model):
    """Counted minutes and entries of one volunteer in one month, per region and (``region``
    NULL) for the whole country — so "how many volunteers were active in a month" is a count of
    rows, not a DISTINCT over the ledger. Maintained by the same trigger as ``MonthlyTotal``;
    a row with ``entries = 0`` means no longer active."""

    volunteer = models.ForeignKey(
        "volunteers.VolunteerProfile",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    month = models.DateField()
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    minutes = models.BigIntegerField()
    entries = models.IntegerField()

    class Meta:
        managed = False
        db_table = "hours_volunteermonth"

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.month:%Y-%m}: {self.minutes}"


# Short codes avoid look-alike characters (0/O, 1/I/L) so they can be read aloud or typed.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_check_in_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Shift(models.Model):
    """An event or shift of a position; volunteers check in and out with its code."""

    position = models.ForeignKey(
        "opportunities.Position",
        on_delete=models.CASCADE,
        related_name="shifts",
        verbose_name=_("volunteer position"),
    )
    date = models.DateField(_("date"), help_text=_("The day the shift starts."))
    starts_at = models.TimeField(_("start time"))
    ends_at = models.TimeField(_("end time"))
    # A night shift (22:00–06:00) ends on the day after ``date``; it lasts at most 24 hours.
    ends_next_day = models.BooleanField(_("ends the next day"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    # 31^8 ≈ 8.5e11 combinations, and check-in attempts are rate-limited per user.
    code = models.CharField(_("check-in code"), max_length=CODE_LENGTH, unique=True)
    # The QR code carries a longer token (not guessable even without the rate limit).
    token = models.CharField(
        max_length=64,
        unique=True,
        default=new_token,
        editable=False,
        verbose_name=_("QR code token"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    # Codes work from an hour before the start until two hours after the end.
    OPENS_BEFORE = dt.timedelta(hours=1)
    CLOSES_AFTER = dt.timedelta(hours=2)

    class Meta:
        ordering = ["-date", "-starts_at"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [
            # Ending the same day: after the start. Ending the next day: not after the start
            # time (so never more than 24 hours).
            models.CheckConstraint(
                condition=Q(ends_next_day=False, ends_at__gt=models.F("starts_at"))
                | Q(ends_next_day=True, ends_at__lte=models.F("starts_at")),
                name="hours_shift_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["position", "date"])]

    def __str__(self) -> str:
        return f"{self.position} {self.date} {self.times}"

    @property
    def times(self) -> str:
        """'10:00–14:00', or '22:00–06:00 (next day)' for a shift past midnight."""
        times = f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"
        if not self.ends_next_day:
            return times
        return gettext("%(times)s (next day)") % {"times": times}

    @property
    def end_date(self) -> dt.date:
        return self.date + dt.timedelta(days=1) if self.ends_next_day else self.date

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.starts_at, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.end_date, self.ends_at, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def length_minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def code_opens_at(self) -> dt.datetime:
        return self.start - self.OPENS_BEFORE

    @property
    def code_expires_at(self) -> dt.datetime:
        return self.end + self.CLOSES_AFTER

    def code_valid_at(self, moment: dt.datetime) -> bool:
        return self.code_opens_at <= moment <= self.code_expires_at


class CheckIn(models.Model):
    shift = models.ForeignKey(
        Shift, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("shift")
    )
    volunteer = models.ForeignKey(
        "volunteers.VolunteerProfile",
        on_delete=models.CASCADE,
        related_name="check_ins",
        verbose_name=_("volunteer"),
    )
    checked_in_at = models.DateTimeField(_("arrived"))
    checked_out_at = models.DateTimeField(_("left"), null=True, blank=True)
    entry = models.OneToOneField(
        HourEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="check_in",
        verbose_name=_("hour entry"),
    )
    by_coordinator = models.BooleanField(default=False, verbose_name=_("marked by the coordinator"))

    class Meta:
        ordering = ["checked_in_at"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(fields=["shift", "volunteer"], name="hours_one_check_in"),
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True)
                | Q(checked_out_at__gte=models.F("checked_in_at")),
                name="hours_check_out_after_in",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} @ {self.shift_id}"


class Reminder(models.Model):
    """A reminder that was sent; the unique key makes every reminder task idempotent."""

    class Kind(models.TextChoices):
        SHIFT = "shift", _("Shift reminder")
        MONTHLY_REPORT = "monthly", _("Monthly self-report reminder")
        REJECTION = "rejected", _("Notice of a rejected entry")

    volunteer = models.ForeignKey(
        "volunteers.VolunteerProfile",
        on_delete=models.CASCADE,
        related_name="hour_reminders",
        verbose_name=_("volunteer"),
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("kind"))
    # Shift reminders: the shift id; monthly reminders: "YYYY-MM"; rejections: the entry id.
    key = models.CharField(max_length=40, verbose_name=_("about (month, shift or entry)"))
    sent_at = models.DateTimeField(auto_now_add=True, verbose_name=_("sent at"))

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "kind", "key"], name="hours_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.volunteer_id}"


class CalendarFeed(models.Model):
    """A volunteer's private iCalendar feed of their shifts (the token is the only secret)."""

    volunteer = models.OneToOneField(
        "volunteers.VolunteerProfile", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"feed {self.volunteer_id}"
