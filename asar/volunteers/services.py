"""Writes of the volunteers domain: registration (account + profile together) and profile edits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asar.accounts.models import User
from asar.volunteers import validators
from asar.volunteers.models import Skill, VolunteerProfile

# Model fields a volunteer may set themselves (the IIN, consent and skills are handled apart).
PROFILE_FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "patronymic",
    "region",
    "settlement",
    "gender",
    "birth_date",
    "employment",
    "education",
    "languages",
    "other_skills",
    "hours_per_week",
    "availability",
    "health_restrictions",
    "phone",
    "guardian_consent",
    "passport_public",
)

# Sentinel: "leave the stored IIN as it is" (None/"" removes it).
KEEP_IIN = object()


def _duplicate_iin() -> ValidationError:
    return ValidationError(
        {"iin": [_("A volunteer with this IIN is already registered.")]}, code="duplicate_iin"
    )


def _iin_taken(iin_digest: str, *, exclude_pk: int | None) -> bool:
    qs = VolunteerProfile.objects.filter(iin_hash=iin_digest)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def _apply(profile: VolunteerProfile, data: Mapping[str, Any], iin: object) -> None:
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(profile, field, data[field])
    if iin is not KEEP_IIN:
        if iin:
            profile.iin_hash = validators.iin_hash(str(iin))
            profile.iin_last4 = str(iin)[-4:]
        else:
            profile.iin_hash = None
            profile.iin_last4 = ""
    validators.check_volunteer(
        birth_date=profile.birth_date,
        guardian_consent=profile.guardian_consent,
        # Only a newly entered IIN is compared with the birth date (the stored one is a hash).
        iin=str(iin) if iin is not KEEP_IIN and iin else None,
        hours_per_week=profile.hours_per_week,
    )
    if profile.iin_hash and _iin_taken(profile.iin_hash, exclude_pk=profile.pk):
        raise _duplicate_iin()


def _normalise_email(email: str) -> str:
    # Stored lower-case so that signing in does not depend on how the address was typed.
    return email.strip().lower()


def _create_profile(
    *,
    user: User,
    data: Mapping[str, Any],
    skills: Iterable[Skill],
    iin: str | None,
    consent_at: dt.datetime | None = None,
) -> VolunteerProfile:
    profile = VolunteerProfile(user=user, personal_data_consent_at=consent_at or timezone.now())
    _apply(profile, data, iin)
    profile.save()
    profile.skills.set(list(skills))
    return profile


def volunteer_register(
    *,
    email: str,
    password: str,
    language: str,
    data: Mapping[str, Any],
    skills: Iterable[Skill] = (),
    iin: str | None = None,
) -> VolunteerProfile:
    """Create the account and the volunteer profile in one transaction (all or nothing)."""
    email = _normalise_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": [_("An account with this e-mail already exists. Sign in instead.")]},
            code="duplicate_email",
        )
    try:
        with transaction.atomic():
            # One consent, at one moment, covers the account and the volunteer profile.
            consent_at = timezone.now()
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name=str(data.get("first_name", "")),
                last_name=str(data.get("last_name", "")),
                preferred_language=language if language in ("kk", "ru", "en") else "kk",
                personal_data_consent_at=consent_at,
            )
            profile = _create_profile(
                user=user, data=data, skills=skills, iin=iin, consent_at=consent_at
            )
    except IntegrityError as exc:
        # Two registrations racing for the same e-mail or IIN: the database has the last word.
        if "iin" in str(exc).lower():
            raise _duplicate_iin() from exc
        raise ValidationError(
            {"email": [_("An account with this e-mail already exists. Sign in instead.")]}
        ) from exc
    return profile


def volunteer_profile_create(
    *,
    user: User,
    data: Mapping[str, Any],
    skills: Iterable[Skill] = (),
    iin: str | None = None,
) -> VolunteerProfile:
    """A signed-in person without a profile (e.g. a coordinator) becomes a volunteer too:
    one account per person, so no second account is made."""
    try:
        with transaction.atomic():
            User.objects.select_for_update().get(pk=user.pk)
            if VolunteerProfile.objects.filter(user=user).exists():
                raise ValidationError(_("You already have a volunteer profile."))
            profile = _create_profile(user=user, data=data, skills=skills, iin=iin)
            User.objects.filter(pk=user.pk).update(
                first_name=profile.first_name, last_name=profile.last_name
            )
    except IntegrityError as exc:
        raise _duplicate_iin() from exc
    return profile


def volunteer_profile_update(
    *,
    profile: VolunteerProfile,
    data: Mapping[str, Any],
    skills: Iterable[Skill] | None = None,
    iin: object = KEEP_IIN,
) -> VolunteerProfile:
    """Change the volunteer's own profile; validates the same invariants as registration."""
    try:
        with transaction.atomic():
            locked = VolunteerProfile.objects.select_for_update().get(pk=profile.pk)
            _apply(locked, data, iin)
            locked.save()
            if skills is not None:
                locked.skills.set(list(skills))
            # Keep the account's display name in step with the profile.
            User.objects.filter(pk=locked.user_id).update(
                first_name=locked.first_name, last_name=locked.last_name
            )
    except IntegrityError as exc:
        raise _duplicate_iin() from exc
    return locked
