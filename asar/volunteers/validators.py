"""Validation of volunteer data shared by the forms, the API and the services.

Messages are translated here (kz_ids itself speaks English, for logs and tests).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asar.lib import kz_ids

MIN_AGE = 14  # the youngest age group of the national statistics
ADULT_AGE = 18
MAX_AGE = 110


def age_on(birth_date: dt.date, day: dt.date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def turns(birth_date: dt.date, age: int) -> dt.date:
    """The first day on which someone born on ``birth_date`` is ``age`` years old (someone
    born on 29 February turns a year older on 1 March in common years, as ``age_on`` counts)."""
    try:
        return birth_date.replace(year=birth_date.year + age)
    except ValueError:
        return dt.date(birth_date.year + age, 3, 1)


def today() -> dt.date:
    return timezone.localdate()


def clean_iin(value: str) -> str:
    """Normalised IIN, or a ValidationError saying what is wrong in the visitor's language."""
    cleaned = value.strip().replace(" ", "")
    if len(cleaned) != 12 or not cleaned.isdigit():
        raise ValidationError(_("The IIN must be exactly 12 digits."), code="iin_format")
    try:
        kz_ids.iin_birth_date(cleaned)
    except kz_ids.InvalidIdentifier as exc:
        raise ValidationError(
            _("The first seven digits of the IIN do not form a valid date of birth."),
            code="iin_birth_date",
        ) from exc
    if not kz_ids.checksum_ok(cleaned):
        raise ValidationError(
            _("The IIN check digit does not match: please look for a typo."),
            code="iin_checksum",
        )
    return kz_ids.validate_iin(cleaned)


def iin_hash(iin: str) -> str:
    return kz_ids.keyed_hash(iin, settings.ASAR_IDENTIFIER_HASH_KEY)


def check_birth_date(birth_date: dt.date) -> None:
    if birth_date > today():
        raise ValidationError(_("The date of birth cannot be in the future."), code="future")
    age = age_on(birth_date, today())
    if age < MIN_AGE:
        raise ValidationError(
            _("Volunteers must be at least %(age)s years old to register.") % {"age": MIN_AGE},
            code="too_young",
        )
    if age > MAX_AGE:
        raise ValidationError(_("Please check the date of birth."), code="too_old")


def check_volunteer(
    *, birth_date: dt.date, guardian_consent: bool, iin: str | None, hours_per_week: int
) -> None:
    """Invariants of a profile that span several fields; raises a field-keyed ValidationError."""
    errors: dict[str, list[ValidationError]] = {}
    try:
        check_birth_date(birth_date)
    except ValidationError as exc:
        errors.setdefault("birth_date", []).append(exc)
    else:
        if age_on(birth_date, today()) < ADULT_AGE and not guardian_consent:
            errors.setdefault("guardian_consent", []).append(
                ValidationError(
                    _("Volunteers under 18 need the consent of a parent or guardian."),
                    code="guardian_consent",
                )
            )
    if iin and kz_ids.iin_birth_date(iin) != birth_date:
        errors.setdefault("iin", []).append(
            ValidationError(
                _("The IIN does not match the date of birth."), code="iin_birth_date_mismatch"
            )
        )
    if not 0 <= hours_per_week <= 168:
        errors.setdefault("hours_per_week", []).append(
            ValidationError(_("A week has 168 hours."), code="hours_per_week")
        )
    if errors:
        raise ValidationError(errors)
