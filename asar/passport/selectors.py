"""Reads of the passport, always scoped by who is looking."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.db.models import Count, Max, Min, QuerySet, Sum

from asar.accounts import roles
from asar.hours.models import HourEntry
from asar.hours.selectors import totals_of_volunteer
from asar.lib.i18n import localized
from asar.opportunities.models import Application
from asar.organizations.permissions import organizations_coordinated_by
from asar.passport.models import Certificate, ReferenceLetter
from asar.volunteers.models import VolunteerProfile


def is_owner(user: roles.AnyUser, volunteer: VolunteerProfile) -> bool:
    return user.is_authenticated and volunteer.user_id == user.pk


def passport_for(*, viewer: roles.AnyUser, volunteer_id: int) -> VolunteerProfile | None:
    """The passport if the viewer may see it: its owner, an administrator, or anyone when the
    volunteer made it public. None otherwise (the page answers 404, revealing nothing)."""
    volunteer = (
        VolunteerProfile.objects.select_related("user", "region")
        .filter(pk=volunteer_id, user__is_active=True)
        .first()
    )
    if volunteer is None:
        return None
    if volunteer.passport_public or is_owner(viewer, volunteer) or roles.is_admin(viewer):
        return volunteer
    return None


def activities(
    *, volunteer_id: int, date_from: Any = None, date_to: Any = None
) -> list[dict[str, Any]]:
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


def _named(row: dict[str, Any]) -> dict[str, Any]:
    """Add the organisation's and position's names in the visitor's language."""
    org = SimpleNamespace(
        **{f"name_{k}": row[f"organization__name_{k}"] or "" for k in ["kk", "ru", "en"]}
    )
    pos = SimpleNamespace(
        **{f"title_{k}": row[f"position__title_{k}"] or "" for k in ["kk", "ru", "en"]}
    )
    return {**row, "organization": localized(org, "name"), "position": localized(pos, "title")}


def passport_summary(*, volunteer: VolunteerProfile, viewer: roles.AnyUser) -> dict[str, Any]:
    owner = is_owner(viewer, volunteer)
    return {
        "totals": totals_of_volunteer(volunteer_id=volunteer.pk),
        "activities": [_named(row) for row in activities(volunteer_id=volunteer.pk)],
        "completed": Application.objects.filter(
            volunteer=volunteer, status=Application.Status.COMPLETED
        )
        .select_related("position__organization")
        .order_by("-completed_at"),
        "letters": ReferenceLetter.objects.filter(volunteer=volunteer).select_related(
            "organization"
        ),
        "awards": volunteer.awards.all(),
        "certificates": Certificate.objects.filter(volunteer=volunteer) if owner else [],
        "is_owner": owner,
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
            }
            for a in Application.objects.filter(volunteer=volunteer).select_related(
                "position__organization"
            )
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
