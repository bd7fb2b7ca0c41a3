"""Writes of the organizations domain: registration, edits, verification, coordinators."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from asar.accounts.models import User
from asar.geo.models import Direction, Region
from asar.lib.i18n import quoted
from asar.organizations import permissions
from asar.organizations.models import Membership, Organization
from asar.organizations.validators import clean_bin

ORG_FIELDS: tuple[str, ...] = (
    "kind",
    "name_kk",
    "name_ru",
    "name_en",
    "bin",
    "city",
    "home_region",
    "description_kk",
    "description_ru",
    "description_en",
    "email",
    "phone",
    "website",
    "value_public",
)
# A change to any of these makes an earlier verification meaningless.
IDENTITY_FIELDS = ("kind", "bin", "home_region")


def _check(org: Organization) -> None:
    errors: dict[str, list[Any]] = {}
    for code in ("kk", "ru", "en"):
        setattr(org, f"name_{code}", (getattr(org, f"name_{code}") or "").strip())
    if not (org.name_kk or org.name_ru or org.name_en):
        errors["name_kk"] = [_("Give the name in at least one language.")]
    if org.kind == Organization.Kind.REGISTERED:
        if not org.bin:
            errors["bin"] = [_("A registered organisation needs its BIN.")]
        else:
            try:
                org.bin = clean_bin(org.bin)
            except ValidationError as exc:
                errors["bin"] = exc.messages
            else:
                duplicate = Organization.objects.filter(bin=org.bin).exclude(pk=org.pk)
                if duplicate.exists():
                    errors["bin"] = [_("An organisation with this BIN is already registered.")]
    elif org.kind == Organization.Kind.INITIATIVE_GROUP:
        if org.bin:
            errors["bin"] = [_("An initiative group has no BIN; choose “registered organisation”.")]
        org.bin = None
    else:
        errors["kind"] = [_("Choose the kind of organisation.")]
    if errors:
        raise ValidationError(errors)


def _duplicate_bin(exc: IntegrityError) -> ValidationError:
    return ValidationError({"bin": [_("An organisation with this BIN is already registered.")]})


def organization_create(
    *,
    user: User,
    data: Mapping[str, Any],
    regions: Iterable[Region] = (),
    directions: Iterable[Direction] = (),
) -> Organization:
    """Register an organisation; the user becomes its owner. It starts unverified."""
    org = Organization(**{k: v for k, v in data.items() if k in ORG_FIELDS})
    org.verification = Organization.Verification.UNVERIFIED
    _check(org)
    try:
        with transaction.atomic():
            org.save()
            # The region of registration is always one of the regions of work.
            org.regions.set({*regions, org.home_region})
            org.directions.set(list(directions))
            Membership.objects.create(organization=org, user=user, role=Membership.Role.OWNER)
    except IntegrityError as exc:
        raise _duplicate_bin(exc) from exc
    return org


def organization_update(
    *,
    organization: Organization,
    actor: User,
    data: Mapping[str, Any],
    regions: Iterable[Region] | None = None,
    directions: Iterable[Direction] | None = None,
) -> Organization:
    """Change an organisation (its coordinators only). Changing its identity (kind, BIN,
    region of registration) sends it back to the front office for verification."""
    if not permissions.is_coordinator(actor, organization.id):
        raise PermissionDenied
    try:
        with transaction.atomic():
            org = Organization.objects.select_for_update().get(pk=organization.pk)
            before = {
                f: getattr(org, f"{f}_id" if f == "home_region" else f) for f in IDENTITY_FIELDS
            }
            for field, value in data.items():
                if field in ORG_FIELDS:
                    setattr(org, field, value)
            _check(org)
            after = {
                f: getattr(org, f"{f}_id" if f == "home_region" else f) for f in IDENTITY_FIELDS
            }
            if before != after and org.verification != Organization.Verification.UNVERIFIED:
                org.verification = Organization.Verification.UNVERIFIED
                org.verified_by = None
                org.verified_at = None
                org.verification_note = ""
            org.save()
            if regions is not None:
                org.regions.set({*regions, org.home_region})
            elif "home_region" in data:
                org.regions.add(org.home_region)
            if directions is not None:
                org.directions.set(list(directions))
    except IntegrityError as exc:
        raise _duplicate_bin(exc) from exc
    return org


def organization_value_publish(
    *, organization: Organization, actor: User, public: bool
) -> Organization:
    """Show (or stop showing) on the organisation's public page, and in the public API, the
    confirmed hours its volunteers gave and their economic value. Its coordinators only."""
    if not permissions.is_coordinator(actor, organization.id):
        raise PermissionDenied
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        if org.value_public != public:
            org.value_public = public
            org.save(update_fields=["value_public"])
    return org


def organization_verify(
    *, organization: Organization, operator: User, approve: bool, note: str = ""
) -> Organization:
    """Record a front office's decision (who and when). Only an operator of the region."""
    if not permissions.can_verify(operator, organization):
        raise PermissionDenied
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"note": [_("Say why verification is refused.")]})
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        org.verification = (
            Organization.Verification.VERIFIED if approve else Organization.Verification.REJECTED
        )
        org.verified_by = operator
        org.verified_at = timezone.now()
        org.verification_note = note
        org.save(update_fields=["verification", "verified_by", "verified_at", "verification_note"])
        # Imported here: the task module imports this one.
        from asar.organizations.tasks import send_verification_notice

        transaction.on_commit(lambda: send_verification_notice.delay(org.pk))
    return org


def coordinator_add(
    *, organization: Organization, actor: User, email: str, role: str = Membership.Role.COORDINATOR
) -> Membership:
    """The owner adds an existing user (found by e-mail) as a coordinator."""
    if not permissions.is_owner(actor, organization.id):
        raise PermissionDenied
    if role not in Membership.Role.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(
            {"email": [_("No Asar account uses this e-mail. Ask the person to register first.")]}
        )
    try:
        with transaction.atomic():
            membership, created = Membership.objects.get_or_create(
                organization=organization, user=user, defaults={"role": role}
            )
    except IntegrityError:  # a concurrent add of the same person
        created = False
        membership = Membership.objects.get(organization=organization, user=user)
    if not created:
        raise ValidationError({"email": [_("This person already coordinates the organisation.")]})
    return membership


def coordinator_remove(*, organization: Organization, actor: User, membership_id: int) -> None:
    """The owner removes a coordinator; the last owner cannot be removed."""
    if not permissions.is_owner(actor, organization.id):
        raise PermissionDenied
    with transaction.atomic():
        memberships = list(Membership.objects.select_for_update().filter(organization=organization))
        target = next((m for m in memberships if m.pk == membership_id), None)
        if target is None:
            raise ValidationError(_("This person is not a coordinator of the organisation."))
        owners = [m for m in memberships if m.role == Membership.Role.OWNER]
        if target.role == Membership.Role.OWNER and len(owners) <= 1:
            raise ValidationError(_("An organisation must keep at least one owner."))
        target.delete()


def verification_notice_send(*, organization_id: int) -> bool:
    """E-mail the owners the front office's latest decision, each in their own language.
    Sent once per decision: a retried task finds the notice already recorded."""
    with transaction.atomic():
        org = (
            Organization.objects.select_for_update()
            .select_related("home_region")
            .filter(pk=organization_id)
            .first()
        )
        if org is None or org.verified_at is None:
            return False
        if org.verification_notice_sent_at and org.verification_notice_sent_at >= org.verified_at:
            return False
        owners = list(
            User.objects.filter(
                memberships__organization=org,
                memberships__role=Membership.Role.OWNER,
                is_active=True,
            )
        )
        link = settings.ASAR_SITE_URL.rstrip("/")
        for owner in owners:
            with translation.override(owner.preferred_language):
                name = org.name  # in the owner's language, with fallback
                if org.verification == Organization.Verification.VERIFIED:
                    subject = gettext("Your organisation is verified")
                    body = gettext(
                        "The front office of %(region)s has verified %(name)s. It is now shown"
                        " as verified on Asar."
                    ) % {"region": org.home_region.name, "name": quoted(name)}
                else:
                    subject = gettext("Verification of your organisation was refused")
                    body = gettext(
                        "The front office of %(region)s has refused to verify %(name)s."
                        " Reason: %(note)s\nCorrect the details and the organisation will be"
                        " checked again."
                    ) % {
                        "region": org.home_region.name,
                        "name": quoted(name),
                        "note": org.verification_note,
                    }
                url = link + reverse("organizations:detail", args=[org.pk])
            send_mail(subject, f"{body}\n\n{url}", None, [owner.email])
        org.verification_notice_sent_at = timezone.now()
        org.save(update_fields=["verification_notice_sent_at"])
    return True
