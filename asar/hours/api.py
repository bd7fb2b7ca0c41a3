"""JSON API of the hours domain (mounted under /api/v1/hours/ by asar.api)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from asar.geo.models import ActivityForm, Direction
from asar.hours import selectors, services
from asar.hours.models import HourEntry
from asar.hours.permissions import volunteer_of
from asar.opportunities.models import Position
from asar.organizations.permissions import is_any_coordinator

router = Router(tags=["hours"])

# Database keys are 64-bit; larger numbers are refused at the boundary (not a server error).
MAX_ID = 2**63 - 1
EntryId = Annotated[int, Field(ge=1, le=MAX_ID)]


class HoursErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class HourEntryIn(Schema):
    date: dt.date
    # Bounds only keep absurd numbers out; the diary's own rules (positive, at most 24 h,
    # quarter-hour steps) answer with their translated messages (400).
    hours: Decimal = Field(..., ge=-1000, le=1000, description="0.25 to 24, in steps of 0.25 h")
    position_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Empty for an independent good deed"
    )
    form: ActivityForm | None = Field(None, description="Independent good deeds only")
    direction_code: str | None = Field(
        None, max_length=40, description="Independent good deeds only (see /geo/directions)"
    )
    beneficiaries: int | None = Field(None, ge=0, le=100_000)
    description: str = Field("", max_length=2000)


class HourEntryOut(Schema):
    id: int
    date: dt.date
    hours: Decimal
    minutes: int
    status: str
    status_label: str
    organization: str | None
    position_id: int | None
    position: str | None
    direction: str
    form: str
    beneficiaries: int | None
    description: str
    rejection_reason: str
    volunteer: str | None = None


class HourReviewIn(Schema):
    entry_ids: list[EntryId] = Field(..., min_length=1, max_length=500)


class HourRejectIn(HourReviewIn):
    reason: str = Field(..., min_length=1, max_length=500)


class HourReviewOut(Schema):
    updated: int


class ShiftCheckInIn(Schema):
    code: str = Field(..., min_length=4, max_length=20)


class ShiftCheckInOut(Schema):
    shift_id: int
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    entry: HourEntryOut | None


def _entry_out(entry: HourEntry, *, with_volunteer: bool = False) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "date": entry.date,
        "hours": entry.hours.quantize(Decimal("0.01")),
        "minutes": entry.minutes,
        "status": entry.status,
        "status_label": str(entry.get_status_display()),
        "organization": str(entry.organization) if entry.organization else None,
        "position_id": entry.position_id,
        "position": entry.position.title if entry.position else None,
        "direction": entry.direction.name,
        "form": entry.form,
        "beneficiaries": entry.beneficiaries,
        "description": entry.description,
        "rejection_reason": entry.rejection_reason,
        "volunteer": entry.volunteer.full_name if with_volunteer else None,
    }


# The services name the model's fields; the API names its input's.
ENTRY_FIELDS = {"position": "position_id", "direction": "direction_code"}


def _errors(exc: ValidationError, *, fields: dict[str, str] | None = None) -> dict[str, Any]:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    renamed = {(fields or {}).get(name, name): messages for name, messages in errors.items()}
    return {"detail": _("Please correct the errors."), "errors": renamed}


def _forbidden(message: str) -> dict[str, Any]:
    return {"detail": message, "errors": {}}


@router.post(
    "/entries",
    response={201: HourEntryOut, 200: HourEntryOut, 400: HoursErrorOut, 403: HoursErrorOut},
    summary="Log a diary entry (200 with the existing entry if it was already logged)",
)
def log_entry(request: HttpRequest, payload: HourEntryIn) -> Any:
    volunteer = volunteer_of(request.user)
    if volunteer is None:
        return Status(403, _forbidden(_("Only volunteers keep a good-deeds diary.")))
    try:
        minutes = services.minutes_from_hours(payload.hours)
    except ValidationError as exc:
        return Status(400, _errors(exc))
    position = None
    if payload.position_id is not None:
        position = (
            Position.objects.select_related("organization", "region", "direction")
            .filter(pk=payload.position_id)
            .first()
        )
        if position is None:
            return Status(400, _errors(ValidationError({"position_id": _("No such position.")})))
    direction = None
    if payload.direction_code:
        direction = Direction.objects.filter(code=payload.direction_code).first()
        if direction is None:
            return Status(
                400, _errors(ValidationError({"direction_code": _("No such direction.")}))
            )
    data = services.EntryInput(
        date=payload.date,
        minutes=minutes,
        position=position,
        form=payload.form.value if payload.form else None,
        direction=direction,
        beneficiaries=payload.beneficiaries,
        description=payload.description,
    )
    try:
        entry, created = services.entry_log(actor=request.user, volunteer=volunteer, data=data)
    except ValidationError as exc:
        return Status(400, _errors(exc, fields=ENTRY_FIELDS))
    except PermissionDenied as exc:
        return Status(403, _forbidden(str(exc)))
    return Status(201 if created else 200, _entry_out(entry))


@router.get("/entries", response={200: list[HourEntryOut], 403: HoursErrorOut}, summary="My diary")
def my_entries(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100),
    status: HourEntry.Status | None = None,
) -> Any:
    volunteer = volunteer_of(request.user)
    if volunteer is None:
        return Status(403, _forbidden(_("Only volunteers keep a good-deeds diary.")))
    qs = selectors.entries_of_volunteer(volunteer_id=volunteer.pk)
    if year is not None:
        qs = qs.filter(date__year=year)
    if status is not None:
        qs = qs.filter(status=status.value)
    return Status(200, [_entry_out(e) for e in qs[:1000]])


@router.delete(
    "/entries/{entry_id}",
    response={204: None, 400: HoursErrorOut, 403: HoursErrorOut},
    summary="Withdraw my entry while it is not confirmed",
)
def withdraw_entry(request: HttpRequest, entry_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    try:
        services.entry_withdraw(actor=request.user, entry_id=entry_id)
    except ValidationError as exc:
        return Status(400, _errors(exc))
    except PermissionDenied as exc:
        return Status(403, _forbidden(str(exc)))
    return Status(204, None)


@router.get(
    "/queue",
    response={200: list[HourEntryOut], 403: HoursErrorOut},
    summary="Entries awaiting my confirmation (coordinators)",
)
def queue(request: HttpRequest, organization_id: int | None = Query(None, ge=1, le=MAX_ID)) -> Any:
    if not is_any_coordinator(request.user):
        return Status(403, _forbidden(_("Only coordinators confirm hours.")))
    entries = selectors.review_queue(user=request.user, organization_id=organization_id)[:500]
    return Status(200, [_entry_out(e, with_volunteer=True) for e in entries])


@router.post(
    "/queue/confirm",
    response={200: HourReviewOut, 400: HoursErrorOut, 403: HoursErrorOut},
    summary="Confirm entries (all or none)",
)
def confirm(request: HttpRequest, payload: HourReviewIn) -> Any:
    try:
        return Status(
            200,
            {"updated": services.entries_confirm(actor=request.user, entry_ids=payload.entry_ids)},
        )
    except ValidationError as exc:
        return Status(400, _errors(exc))
    except PermissionDenied as exc:
        return Status(403, _forbidden(str(exc)))


@router.post(
    "/queue/reject",
    response={200: HourReviewOut, 400: HoursErrorOut, 403: HoursErrorOut},
    summary="Reject entries with a reason (all or none)",
)
def reject(request: HttpRequest, payload: HourRejectIn) -> Any:
    try:
        count = services.entries_reject(
            actor=request.user, entry_ids=payload.entry_ids, reason=payload.reason
        )
    except ValidationError as exc:
        return Status(400, _errors(exc))
    except PermissionDenied as exc:
        return Status(403, _forbidden(str(exc)))
    return Status(200, {"updated": count})


@router.post(
    "/check-in",
    response={200: ShiftCheckInOut, 400: HoursErrorOut, 403: HoursErrorOut},
    summary="Check in (first call) or out (second call) of a shift with its code",
)
def check_in(request: HttpRequest, payload: ShiftCheckInIn) -> Any:
    volunteer = volunteer_of(request.user)
    if volunteer is None:
        return Status(403, _forbidden(_("Only volunteers check in to shifts.")))
    try:
        result = services.check_in_with_code(
            actor=request.user, volunteer=volunteer, code=payload.code
        )
    except ValidationError as exc:
        return Status(400, _errors(exc))
    return Status(
        200,
        {
            "shift_id": result.shift_id,
            "checked_in_at": result.checked_in_at,
            "checked_out_at": result.checked_out_at,
            "entry": _entry_out(result.entry) if result.entry else None,
        },
    )
