"""JSON API of the passport domain (mounted under /api/v1/passport/ by asar.api)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status

from asar.accounts.auth import PUBLIC
from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.hours.permissions import volunteer_of
from asar.lib.i18n import localized
from asar.passport import selectors, services, signing
from asar.reporting.api import ValueByYearOut, value_by_year_out

router = Router(tags=["passport"])


class PassportErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class PassportYearOut(Schema):
    year: int
    confirmed_minutes: int
    self_reported_minutes: int


class PassportDirectionOut(Schema):
    code: str
    name: str
    minutes: int


class PassportActivityOut(Schema):
    organization: str
    position: str
    direction: str
    first: dt.date
    last: dt.date
    minutes: int


class PassportOrganizationOut(Schema):
    organization_id: int
    name: str
    minutes: int


class PassportLetterOut(Schema):
    organization: str
    position: str
    signed_by: str
    text: str
    created_at: dt.datetime


class PassportOut(Schema):
    volunteer_id: int
    name: str
    public: bool
    share_url: str | None = Field(None, description="Only for the owner of a public passport")
    confirmed_minutes: int
    self_reported_minutes: int
    by_year: list[PassportYearOut]
    by_direction: list[PassportDirectionOut]
    by_organization: list[PassportOrganizationOut]
    activities: list[PassportActivityOut]
    reference_letters: list[PassportLetterOut]
    value: ValueByYearOut | None = Field(
        None, description="The replacement cost of the confirmed hours, year by year"
    )


class CertificateIssueIn(Schema):
    period_from: dt.date
    period_to: dt.date
    language: Literal["kk", "ru", "en"] = "kk"


class PassportCertificateOut(Schema):
    id: uuid.UUID
    period_from: dt.date
    period_to: dt.date
    language: str
    issued_at: dt.datetime
    revoked_at: dt.datetime | None
    verify_url: str
    document: dict[str, Any] = Field(..., description="The signed document (see verify.py)")


class CertificateVerificationOut(Schema):
    valid: bool
    code: str = Field(
        ..., description="valid, not_found, revoked, signature_mismatch, altered, other_document"
    )
    reason: str
    certificate: dict[str, Any] | None = None
    revoked_at: dt.datetime | None = None


class CertificateDocumentIn(Schema):
    format: str = Field("asar-certificate/1", max_length=40)
    algorithm: str = Field("Ed25519", max_length=20)
    key_id: str = Field("", max_length=16)
    certificate: dict[str, Any]
    signature: str = Field(..., max_length=200)


class CertificatePublicKeyOut(Schema):
    algorithm: str
    key_id: str
    public_key: str = Field(..., description="Base64 of the raw 32-byte Ed25519 public key")
    public_key_pem: str


def _errors(exc: ValidationError) -> dict[str, Any]:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return {"detail": _("Please correct the errors."), "errors": errors}


def _passport(volunteer: Any, viewer: Any) -> dict[str, Any]:
    summary = selectors.passport_summary(volunteer=volunteer, viewer=viewer)
    totals = summary["totals"]
    return {
        "volunteer_id": volunteer.pk,
        "name": volunteer.full_name,
        "public": volunteer.passport_public,
        "share_url": settings.ASAR_SITE_URL.rstrip("/")
        + reverse("passport:shared", args=[summary["share_key"]])
        if summary["share_key"]
        else None,
        "confirmed_minutes": totals["confirmed"],
        "self_reported_minutes": totals["self_reported"],
        "by_year": [
            {
                "year": row["year"],
                "confirmed_minutes": row["confirmed"] or 0,
                "self_reported_minutes": row["self_reported"] or 0,
            }
            for row in totals["by_year"]
        ],
        "by_direction": [
            {"code": r["direction"].code, "name": r["direction"].name, "minutes": r["minutes"]}
            for r in totals["by_direction"]
        ],
        "by_organization": [
            {
                "organization_id": r["organization_id"],
                "name": localized(r["organization"], "name"),
                "minutes": r["minutes"],
            }
            for r in totals["by_organization"]
        ],
        "activities": [
            {
                "organization": a["organization"],
                "position": a["position"],
                "direction": a["direction"],
                "first": a["first"],
                "last": a["last"],
                "minutes": a["minutes"],
            }
            for a in summary["activities"]
        ],
        "reference_letters": [
            {
                "organization": str(letter.organization),
                "position": letter.position_title,
                "signed_by": letter.author_name,
                "text": letter.text,
                "created_at": letter.created_at,
            }
            for letter in summary["letters"]
        ],
        "value": value_by_year_out(summary["value"]) if summary["value"] is not None else None,
    }


def _certificate_out(cert: Any) -> dict[str, Any]:
    return {
        "id": cert.pk,
        "period_from": cert.period_from,
        "period_to": cert.period_to,
        "language": cert.language,
        "issued_at": cert.issued_at,
        "revoked_at": cert.revoked_at,
        "verify_url": services.verify_url(cert.pk, cert.language),
        "document": cert.document(),
    }


@router.get("/me", response={200: PassportOut, 403: PassportErrorOut}, summary="My passport")
def my_passport(request: HttpRequest) -> Any:
    volunteer = volunteer_of(request.user)
    if volunteer is None:
        return Status(403, {"detail": _("Only volunteers have a passport."), "errors": {}})
    return Status(200, _passport(volunteer, request.user))


@router.get(
    "/volunteers/{volunteer_id}",
    response={200: PassportOut, 404: PassportErrorOut},
    summary="A passport by its number (its owner and administrators; others use share links)",
)
def passport(request: HttpRequest, volunteer_id: int = Path(..., ge=1, le=2**63 - 1)) -> Any:
    volunteer = selectors.passport_for(viewer=request.user, volunteer_id=volunteer_id)
    if volunteer is None:
        return Status(404, {"detail": _("No such passport."), "errors": {}})
    return Status(200, _passport(volunteer, request.user))


@router.get(
    "/shared/{key}",
    response={200: PassportOut, 404: PassportErrorOut},
    auth=PUBLIC,
    summary="A passport its owner made public, by the key of its share link (public)",
)
def passport_shared(request: HttpRequest, key: str = Path(..., max_length=100)) -> Any:
    volunteer = selectors.passport_shared(key=key)
    if volunteer is None:
        return Status(404, {"detail": _("No such public passport."), "errors": {}})
    return Status(200, _passport(volunteer, request.user))


@router.get(
    "/certificates",
    response={200: list[PassportCertificateOut], 403: PassportErrorOut},
    summary="My certificates",
)
def my_certificates(request: HttpRequest) -> Any:
    volunteer = volunteer_of(request.user)
    if volunteer is None:
        return Status(403, {"detail": _("Only volunteers have a passport."), "errors": {}})
    return Status(
        200, [_certificate_out(c) for c in selectors.certificates_of(volunteer_id=volunteer.pk)]
    )


@router.post(
    "/certificates",
    response={201: PassportCertificateOut, 400: PassportErrorOut, 403: PassportErrorOut},
    summary="Issue a signed certificate of my confirmed hours for a period",
)
def issue_certificate(request: AuthenticatedHttpRequest, payload: CertificateIssueIn) -> Any:
    volunteer = volunteer_of(request.user)
    if volunteer is None:
        return Status(403, {"detail": _("Only volunteers have a passport."), "errors": {}})
    try:
        cert = services.certificate_issue(
            actor=request.user,
            volunteer=volunteer,
            period_from=payload.period_from,
            period_to=payload.period_to,
            language=payload.language,
        )
    except ValidationError as exc:
        return Status(400, _errors(exc))
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc), "errors": {}})
    return Status(201, _certificate_out(cert))


def _verification(result: services.Verification) -> dict[str, Any]:
    cert = result.certificate
    return {
        "valid": result.valid,
        "code": result.code,
        "reason": result.reason,
        "certificate": cert.content if cert is not None and cert.content else None,
        "revoked_at": cert.revoked_at if cert is not None else None,
    }


@router.get(
    "/verify/{certificate_id}",
    response={200: CertificateVerificationOut, 404: CertificateVerificationOut},
    auth=PUBLIC,
    summary="Verify a certificate by its number (public)",
)
def verify(request: HttpRequest, certificate_id: uuid.UUID) -> Any:
    result = services.certificate_verify(certificate_id=certificate_id)
    return Status(200 if result.certificate else 404, _verification(result))


@router.post(
    "/verify",
    response={200: CertificateVerificationOut, 404: CertificateVerificationOut},
    auth=PUBLIC,
    summary="Verify a signed certificate document exactly as the holder gave it (public)",
)
def verify_document(request: HttpRequest, payload: CertificateDocumentIn) -> Any:
    document = payload.dict()
    certificate_id = document["certificate"].get("id")
    try:
        certificate_id = uuid.UUID(str(certificate_id))
    except ValueError:
        return Status(
            404,
            {"valid": False, "code": "not_found", "reason": _("This is not an Asar certificate.")},
        )
    result = services.certificate_verify(certificate_id=certificate_id, document=document)
    return Status(200 if result.certificate else 404, _verification(result))


@router.get(
    "/public-key",
    response=CertificatePublicKeyOut,
    auth=PUBLIC,
    summary="The platform's certificate key",
)
def public_key(request: HttpRequest) -> Any:
    return {
        "algorithm": "Ed25519",
        "key_id": signing.key_id(),
        "public_key": signing.public_key_b64(),
        "public_key_pem": signing.public_key_pem(),
    }


@router.get(
    "/my-data", response={200: dict[str, Any], 403: PassportErrorOut}, summary="Export my data"
)
def my_data(request: HttpRequest) -> Any:
    volunteer = volunteer_of(request.user)
    if volunteer is None:
        return Status(403, {"detail": _("Only volunteers have a passport."), "errors": {}})
    return Status(200, selectors.personal_data_export(volunteer=volunteer))
