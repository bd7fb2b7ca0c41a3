"""Writes of the passport: certificates (signed), reference letters, the public switch, and the
volunteer's right to erasure."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from asar.accounts import roles
from asar.accounts.models import ApiToken, User
from asar.geo.models import Direction
from asar.hours.models import CalendarFeed, HourEntry, Reminder
from asar.hours.selectors import confirmed_minutes
from asar.lib.i18n import localized
from asar.opportunities.models import Agreement, Application
from asar.organizations.permissions import is_coordinator
from asar.passport import signing
from asar.passport.models import Certificate, ReferenceLetter
from asar.passport.selectors import activities
from asar.volunteers.models import VolunteerProfile

LANGUAGES = ("kk", "ru", "en")


def _error(field: str, message: Any, code: str) -> ValidationError:
    """A field-level error that keeps its code (a dict of plain messages would lose it)."""
    return ValidationError({field: ValidationError(message, code=code)})


def _hours_text(minutes: int) -> str:
    return format((Decimal(minutes) / 60).quantize(Decimal("0.01")).normalize(), "f")


def verify_url(certificate_id: Any, language: str) -> str:
    with translation.override(language):
        path = reverse("passport:verify", args=[certificate_id])
    return f"{settings.ASAR_SITE_URL.rstrip('/')}{path}"


def _content(
    *,
    certificate_id: Any,
    volunteer: VolunteerProfile,
    period_from: dt.date,
    period_to: dt.date,
    language: str,
) -> dict[str, Any]:
    """What the certificate states, in its language. Only strings and integers: the canonical
    JSON of this dict is what gets signed, so it must serialise the same way everywhere."""
    rows = activities(volunteer_id=volunteer.pk, date_from=period_from, date_to=period_to)
    directions = {d.code: d for d in Direction.objects.all()}
    by_direction: dict[str, int] = {}
    lines = []
    for row in rows:
        code = row["direction__code"]
        by_direction[code] = by_direction.get(code, 0) + int(row["minutes"])
        org = {f"name_{k}": row[f"organization__name_{k}"] or "" for k in LANGUAGES}
        pos = {f"title_{k}": row[f"position__title_{k}"] or "" for k in LANGUAGES}
        lines.append(
            {
                "organization": localized(SimpleNamespace(**org), "name", language),
                "position": localized(SimpleNamespace(**pos), "title", language),
                "direction": localized(directions[code], "name", language),
                "from": row["first"].isoformat(),
                "to": row["last"].isoformat(),
                "minutes": int(row["minutes"]),
                "hours": _hours_text(int(row["minutes"])),
                "entries": int(row["entries"]),
            }
        )
    total = sum(line["minutes"] for line in lines)
    letters = ReferenceLetter.objects.filter(volunteer=volunteer).select_related("organization")
    return {
        "id": str(certificate_id),
        "issuer": "Asar — national volunteering platform of Kazakhstan",
        "verify_url": verify_url(certificate_id, language),
        "issued_on": timezone.localdate().isoformat(),
        "language": language,
        "holder": {"name": volunteer.full_name, "passport": volunteer.pk},
        "period": {"from": period_from.isoformat(), "to": period_to.isoformat()},
        "totals": {"confirmed_minutes": total, "confirmed_hours": _hours_text(total)},
        "by_direction": [
            {
                "code": code,
                "name": localized(directions[code], "name", language),
                "minutes": minutes,
                "hours": _hours_text(minutes),
            }
            for code, minutes in sorted(by_direction.items(), key=lambda kv: -kv[1])
        ],
        "activities": lines,
        "reference_letters": [
            {
                "organization": localized(letter.organization, "name", language),
                "position": letter.position_title,
                "signed_by": letter.author_name,
                "date": timezone.localdate(letter.created_at).isoformat(),
                "text": letter.text,
            }
            for letter in letters
        ],
    }


def certificate_issue(
    *,
    actor: User,
    volunteer: VolunteerProfile,
    period_from: dt.date,
    period_to: dt.date,
    language: str,
) -> Certificate:
    """Sign a statement of the volunteer's confirmed hours for a period."""
    if volunteer.user_id != actor.pk:
        raise PermissionDenied(_("Only the volunteer can request their certificate."))
    if language not in LANGUAGES:
        raise _error("language", _("Choose Kazakh, Russian or English."), "invalid")
    if period_from > period_to:
        raise _error("period_to", _("The end of the period must not be before its start."), "order")
    if period_to > timezone.localdate():
        raise _error("period_to", _("The period cannot end in the future."), "future")
    if not confirmed_minutes(volunteer_id=volunteer.pk, date_from=period_from, date_to=period_to):
        raise _error("period_from", _("There are no confirmed hours in this period."), "empty")
    certificate = Certificate(
        volunteer=volunteer, language=language, period_from=period_from, period_to=period_to
    )
    certificate.content = _content(
        certificate_id=certificate.id,
        volunteer=volunteer,
        period_from=period_from,
        period_to=period_to,
        language=language,
    )
    certificate.signature = signing.sign(certificate.content)
    certificate.key_id = signing.key_id()
    certificate.save()
    return certificate


def certificate_revoke(*, actor: User, certificate: Certificate, reason: str) -> Certificate:
    if not (certificate.volunteer.user_id == actor.pk or roles.is_admin(actor)):
        raise PermissionDenied(_("You cannot revoke this certificate."))
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise _error("reason", _("Give a reason for the revocation."), "required")
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason[:300]
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
    return certificate


@dataclass(frozen=True)
class Verification:
    valid: bool
    # Machine-readable: valid, not_found, revoked, signature_mismatch, altered, other_document,
    # unreadable.
    code: str
    reason: str
    certificate: Certificate | None = None


def certificate_verify(
    *, certificate_id: Any, document: dict[str, Any] | None = None
) -> Verification:
    """Is this certificate genuine and in force? With ``document`` (the JSON a holder shows),
    also check that it is exactly what Asar signed."""
    certificate = Certificate.objects.select_related("volunteer").filter(pk=certificate_id).first()
    if certificate is None:
        return Verification(
            False, "not_found", str(_("No certificate with this number was issued by Asar."))
        )
    if certificate.revoked_at is not None:
        return Verification(
            False,
            "revoked",
            str(_("This certificate was revoked on %(date)s: %(reason)s"))
            % {
                "date": timezone.localdate(certificate.revoked_at).isoformat(),
                "reason": _(HOLDER_ERASED)
                if certificate.revoked_reason == HOLDER_ERASED
                else certificate.revoked_reason,
            },
            certificate,
        )
    valid, _why = signing.verify_document(certificate.document(), signing.public_key_b64())
    if not valid:
        return Verification(
            False,
            "signature_mismatch",
            str(_("The stored certificate does not match its signature.")),
            certificate,
        )
    if document is not None:
        valid, _why = signing.verify_document(document, signing.public_key_b64())
        if not valid:
            return Verification(
                False,
                "altered",
                str(
                    _("The signature does not match: the document was altered after it was issued.")
                ),
                certificate,
            )
        if document.get("certificate") != certificate.content:
            return Verification(
                False,
                "other_document",
                str(_("This document is not the one issued under this number.")),
                certificate,
            )
    return Verification(
        True, "valid", str(_("The certificate is genuine and in force.")), certificate
    )


MAX_DOCUMENT_BYTES = 256 * 1024


def certificate_verify_file(*, certificate_id: Any, data: bytes) -> Verification:
    """Verify the signed file a holder gave (as uploaded). A file that is not even readable
    JSON (a byte changed inside a letter, a truncated download) is not valid either."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        document = None
    if not isinstance(document, dict) or len(data) > MAX_DOCUMENT_BYTES:
        stored = certificate_verify(certificate_id=certificate_id)
        if stored.certificate is None:
            return stored
        return Verification(
            False,
            "unreadable",
            str(
                _(
                    "The file you uploaded is damaged or was altered: it is not a readable "
                    "Asar certificate file."
                )
            ),
            stored.certificate,
        )
    return certificate_verify(certificate_id=certificate_id, document=document)


def reference_letter_write(
    *, actor: User, application: Application, text: str, language: str
) -> ReferenceLetter:
    """A coordinator of the organisation writes (or corrects) the letter for a completed
    placement."""
    if not is_coordinator(actor, application.position.organization_id):
        raise PermissionDenied(_("Only a coordinator of the organisation can write this letter."))
    if application.status != Application.Status.COMPLETED:
        raise _error(
            "text",
            _("A reference letter is written when the volunteer has completed the position."),
            "not_completed",
        )
    text = (text or "").replace("\x00", "").strip()
    if len(text) < 30:
        raise _error("text", _("Write at least a few sentences (30 characters)."), "short")
    if language not in LANGUAGES:
        raise _error("language", _("Choose Kazakh, Russian or English."), "invalid")
    position = application.position
    letter, _created = ReferenceLetter.objects.update_or_create(
        application=application,
        defaults={
            "volunteer_id": application.volunteer_id,
            "organization_id": position.organization_id,
            "position_title": localized(position, "title", language)[:200],
            "author": actor,
            "author_name": (actor.get_full_name() or actor.email)[:200],
            "text": text,
            "language": language,
        },
    )
    return letter


def passport_set_public(*, actor: User, volunteer: VolunteerProfile, public: bool) -> None:
    if volunteer.user_id != actor.pk:
        raise PermissionDenied(_("Only the volunteer decides whether their passport is public."))
    VolunteerProfile.objects.filter(pk=volunteer.pk).update(passport_public=public)


ERASED = "—"
ERASED_AGREEMENT = "[erased at the volunteer's request]"
# Stored in English, shown in the visitor's language (see certificate_verify).
HOLDER_ERASED = gettext_noop("The holder deleted their account.")


def volunteer_erase(*, actor: User, volunteer: VolunteerProfile) -> None:
    """The right to erasure: personal data goes, the volunteer's confirmed hours stay in the
    national statistics as anonymous rows (region, date, direction, minutes)."""
    if volunteer.user_id != actor.pk and not roles.is_admin(actor):
        raise PermissionDenied(_("Only the volunteer can delete their account."))
    with transaction.atomic():
        profile = VolunteerProfile.objects.select_for_update().get(pk=volunteer.pk)
        user = User.objects.select_for_update().get(pk=profile.user_id)
        profile.first_name = ERASED
        profile.last_name = ERASED
        profile.patronymic = ""
        profile.settlement = ""
        profile.phone = ""
        profile.health_restrictions = ""
        profile.other_skills = ""
        profile.iin_hash = None
        profile.iin_last4 = ""
        profile.languages = []
        profile.availability = []
        profile.passport_public = False
        # Only the birth year stays, so the age-group statistics of past years do not change.
        profile.birth_date = profile.birth_date.replace(month=1, day=1)
        profile.save()
        profile.skills.clear()
        # Health and free-text answers of applications are personal data too.
        Application.objects.filter(volunteer=profile).update(
            health_restrictions="",
            experience_with_people="",
            motivation_other="",
            activity_other="",
            availability_other="",
        )
        # The agreements name the volunteer; their checksum stays as proof that one was signed.
        Agreement.objects.filter(application__volunteer=profile).update(text=ERASED_AGREEMENT)
        Reminder.objects.filter(volunteer=profile).delete()
        HourEntry.objects.filter(volunteer=profile).update(description="")
        ReferenceLetter.objects.filter(volunteer=profile).delete()
        profile.awards.all().delete()
        CalendarFeed.objects.filter(volunteer=profile).delete()
        for certificate in Certificate.objects.filter(volunteer=profile):
            certificate.content = {}
            certificate.revoked_at = certificate.revoked_at or timezone.now()
            certificate.revoked_reason = HOLDER_ERASED
            certificate.save()
        ApiToken.objects.filter(user=user).delete()
        user.email = f"erased-{user.pk}@erased.invalid"
        user.username = user.email
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
