"""Reads of the passport, always scoped by who is looking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.core import signing
from django.db.models import Count, Max, Min, QuerySet, Sum

from asar.accounts import roles
from asar.accounts.models import ApiToken
from asar.geo.models import Direction
from asar.hours.models import CheckIn, HourEntry, Reminder
from asar.hours.selectors import totals_of_volunteer
from asar.lib.i18n import localized
from asar.opportunities.models import Application
from asar.organizations.permissions import organizations_coordinated_by
from asar.passport.models import Certificate, ReferenceLetter
from asar.reporting.selectors import volunteer_value_by_year
from asar.volunteers.models import VolunteerProfile


def is_owner(user: roles.AnyUser, volunteer: VolunteerProfile) -> bool:
    return user.is_authenticated and volunteer.user_id == user.pk


def passport_for(*, viewer: roles.AnyUser, volunteer_id: int) -> VolunteerProfile | None:
    """The passport by its number, for its owner and administrators only. None otherwise (the
    page answers 404, revealing nothing). Others see a public passport through its share link:
    numbers are sequential, so they would let anyone list every public passport."""
    volunteer = (
        VolunteerProfile.objects.select_related("user", "region")
        .filter(pk=volunteer_id, user__is_active=True)
        .first()
    )
    if volunteer is None:
        return None
    if is_owner(viewer, volunteer) or roles.is_admin(viewer):
        return volunteer
    return None


_SHARE_SALT = "asar.passport.share"


def share_key(volunteer: VolunteerProfile) -> str:
    """The key of the passport's share link: its number signed with the site's secret, so it
    cannot be guessed from the number alone."""
    return signing.Signer(salt=_SHARE_SALT).sign(str(volunteer.pk))


def passport_shared(*, key: str) -> VolunteerProfile | None:
    """A passport its owner made public, by its share key (None if the key is wrong or the
    passport is private again)."""
    try:
        volunteer_id = int(signing.Signer(salt=_SHARE_SALT).unsign(key))
    except (signing.BadSignature, ValueError):
        return None
    return (
        VolunteerProfile.objects.select_related("user", "region")
        .filter(pk=volunteer_id, user__is_active=True, passport_public=True)
        .first()
    )


def activities(
    *, volunteer_id: int, date_from: Any = None, date_to: Any = None
) -> list[Mapping[str, Any]]:
    """Confirmed work grouped by organisation and position (one row each)."""
    qs = HourEntry.objects.filter(volunteer_id=volunteer_id, status=HourEntry.Status.CONFIRMED)
    if date_from is not None:
        qs = qs.filter(date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(date__lte=date_to)
    return list(
        qs.values(
            "organization_id",
            "organization__name_kk",
            "organization__name_ru",
            "organization__name_en",
            "position_id",
            "position__title_kk",
            "position__title_ru",
            "position__title_en",
            "direction__code",
        )
        .annotate(first=Min("date"), last=Max("date"), minutes=Sum("minutes"), entries=Count("id"))
        .order_by("first", "organization_id", "position_id")
    )


def _named(row: Mapping[str, Any], directions: dict[str, Direction]) -> dict[str, Any]:
    """Add the organisation's, position's and direction's names in the visitor's language
    (work for one organisation in two directions is two rows: the direction tells them apart)."""
    org = SimpleNamespace(
        **{f"name_{k}": row[f"organization__name_{k}"] or "" for k in ["kk", "ru", "en"]}
    )
    pos = SimpleNamespace(
        **{f"title_{k}": row[f"position__title_{k}"] or "" for k in ["kk", "ru", "en"]}
    )
    direction = directions.get(row["direction__code"])
    return {
        **row,
        "organization": localized(org, "name"),
        "position": localized(pos, "title"),
        "direction": localized(direction, "name") if direction else "",
    }


def passport_summary(*, volunteer: VolunteerProfile, viewer: roles.AnyUser) -> dict[str, Any]:
    owner = is_owner(viewer, volunteer)
    directions = {d.code: d for d in Direction.objects.all()}
    return {
        "totals": totals_of_volunteer(volunteer_id=volunteer.pk),
        "activities": [_named(row, directions) for row in activities(volunteer_id=volunteer.pk)],
        "completed": Application.objects.filter(
            volunteer=volunteer, status=Application.Status.COMPLETED
        )
        .select_related("position__organization")
        .order_by("-completed_at"),
        "letters": ReferenceLetter.objects.filter(volunteer=volunteer).select_related(
            "organization"
        ),
        "awards": volunteer.awards.all(),
        # The replacement cost of the confirmed hours, year by year (reporting computes it).
        "value": volunteer_value_by_year(viewer=viewer, volunteer=volunteer),
        "certificates": Certificate.objects.filter(volunteer=volunteer) if owner else [],
        "is_owner": owner,
        "share_key": share_key(volunteer) if owner and volunteer.passport_public else None,
    }


def certificates_of(*, volunteer_id: int) -> QuerySet[Certificate]:
    return Certificate.objects.filter(volunteer_id=volunteer_id)


def certificate_of_owner(*, user: roles.AnyUser, certificate_id: Any) -> Certificate | None:
    if not user.is_authenticated:
        return None
    qs = Certificate.objects.select_related("volunteer")
    if not roles.is_admin(user):
        qs = qs.filter(volunteer__user=user)
    return qs.filter(pk=certificate_id).first()


def letters_to_write(*, user: roles.AnyUser) -> QuerySet[Application]:
    """Completed applications in the coordinator's organisations that have no letter yet."""
    return (
        Application.objects.filter(
            position__organization__in=organizations_coordinated_by(user),
            status=Application.Status.COMPLETED,
            reference_letter__isnull=True,
        )
        .select_related("volunteer", "position__organization")
        .order_by("-completed_at")
    )


def letters_written(*, user: roles.AnyUser) -> QuerySet[ReferenceLetter]:
    return ReferenceLetter.objects.filter(
        organization__in=organizations_coordinated_by(user)
    ).select_related("volunteer", "organization")


def letter_application(*, user: roles.AnyUser, application_id: int) -> Application | None:
    return (
        Application.objects.filter(
            pk=application_id,
            position__organization__in=organizations_coordinated_by(user),
            status=Application.Status.COMPLETED,
        )
        .select_related("volunteer", "position__organization")
        .first()
    )


def personal_data_export(*, volunteer: VolunteerProfile) -> dict[str, Any]:
    """Everything Asar holds about the volunteer, for the right of access (JSON export).
    The IIN itself is never stored, so only its masked form can be exported."""
    user = volunteer.user
    profile_fields = [
        f.name
        for f in VolunteerProfile._meta.concrete_fields
        if f.name not in {"id", "user", "iin_hash", "region"}
    ]
    profile: dict[str, Any] = {name: _plain(getattr(volunteer, name)) for name in profile_fields}
    profile["iin"] = volunteer.iin_masked
    profile["region"] = volunteer.region.name
    profile["skills"] = [s.name for s in volunteer.skills.all()]
    entries = HourEntry.objects.filter(volunteer=volunteer).select_related(
        "organization", "position", "direction", "region"
    )
    return {
        "format": "asar-personal-data/1",
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "personal_data_consent_at": _plain(user.personal_data_consent_at),
        },
        "volunteer_profile": profile,
        "applications": [
            {
                "position": a.position.title,
                "organization": str(a.position.organization),
                "status": a.status,
                "created_at": a.created_at.isoformat(),
                "accepted_at": _plain(a.accepted_at),
                "completed_at": _plain(a.completed_at),
                "rejection_reason": a.rejection_reason,
                # The questionnaire (guide, Appendix 1) as the volunteer filled it in.
                "questionnaire": {name: _plain(getattr(a, name)) for name in QUESTIONNAIRE},
                "agreement": _agreement(a),
            }
            for a in Application.objects.filter(volunteer=volunteer).select_related(
                "position__organization", "agreement"
            )
        ],
        "check_ins": [
            {
                "position": c.shift.position.title,
                "shift_date": c.shift.date.isoformat(),
                "arrived": c.checked_in_at.isoformat(),
                "left": _plain(c.checked_out_at),
            }
            for c in CheckIn.objects.filter(volunteer=volunteer).select_related("shift__position")
        ],
        "reminders_sent": [
            {"kind": r.kind, "sent_at": r.sent_at.isoformat()}
            for r in Reminder.objects.filter(volunteer=volunteer).order_by("sent_at")
        ],
        "api_tokens": [
            {"name": t.name, "created_at": t.created_at.isoformat()}
            for t in ApiToken.objects.filter(user=user).order_by("created_at")
        ],
        "hour_entries": [entry_row(e) for e in entries],
        "reference_letters": [
            {
                "organization": str(letter.organization),
                "position": letter.position_title,
                "signed_by": letter.author_name,
                "text": letter.text,
                "created_at": letter.created_at.isoformat(),
            }
            for letter in ReferenceLetter.objects.filter(volunteer=volunteer)
        ],
        "awards": [
            {"title": a.title, "issuer": a.issuer, "date": a.awarded_on.isoformat()}
            for a in volunteer.awards.all()
        ],
        "certificates": [
            {
                "id": str(c.id),
                "period_from": c.period_from.isoformat(),
                "period_to": c.period_to.isoformat(),
                "issued_at": c.issued_at.isoformat(),
                "revoked_at": _plain(c.revoked_at),
            }
            for c in Certificate.objects.filter(volunteer=volunteer)
        ],
    }


QUESTIONNAIRE = (
    "motivations",
    "motivation_other",
    "qualities",
    "availability",
    "availability_other",
    "residence",
    "experience_kinds",
    "experience_with_people",
    "health_restrictions",
    "preferred_activities",
    "activity_other",
    "guardian_consent",
)


def _agreement(application: Application) -> dict[str, Any] | None:
    agreement = getattr(application, "agreement", None)
    if agreement is None:
        return None
    return {
        "language": agreement.language,
        "generated_at": agreement.generated_at.isoformat(),
        "accepted_at": _plain(agreement.accepted_at),
        "content_sha256": agreement.content_sha256,
        "text": agreement.text,
    }


ENTRY_COLUMNS = [
    "date",
    "organization",
    "position",
    "direction",
    "form",
    "hours",
    "beneficiaries",
    "description",
    "status",
    "rejection_reason",
    "region",
]


def entry_row(entry: HourEntry) -> dict[str, Any]:
    return {
        "date": entry.date.isoformat(),
        "organization": str(entry.organization) if entry.organization else "",
        "position": entry.position.title if entry.position else "",
        "direction": entry.direction.name,
        "form": entry.form,
        "hours": str(entry.hours.quantize(Decimal("0.01"))),
        "beneficiaries": entry.beneficiaries,
        "description": entry.description,
        "status": entry.status,
        "rejection_reason": entry.rejection_reason,
        "region": entry.region.name,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
