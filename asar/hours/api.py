"""JSON API of the hours domain (mounted under /api/v1/hours/ by asar.api)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from asar.accounts.auth import PUBLIC
from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.core.paging import PageParams, page_schema
from asar.geo.models import ActivityForm, Direction, Region
from asar.hours import selectors, services
from asar.hours.models import CheckIn, HourEntry, Shift
from asar.hours.permissions import volunteer_of
from asar.hours.qr import check_in_path
from asar.lib.i18n import localized
from asar.lib.pagination import page_of
from asar.opportunities.models import Position
from asar.organizations.permissions import is_any_coordinator
from asar.volunteers.models import VolunteerProfile

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


HourEntryPage = page_schema(HourEntryOut)


def _page(rows: Any, paging: PageParams, out: Callable[[Any], Any]) -> dict[str, Any]:
    """One page of ``rows`` (the API's paged-list shape), each row turned into its output."""
    page = page_of(rows, page=paging.page, page_size=paging.page_size)
    return {**page, "results": [out(row) for row in page["results"]]}


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
def log_entry(request: AuthenticatedHttpRequest, payload: HourEntryIn) -> Any:
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


@router.get("/entries", response={200: HourEntryPage, 403: HoursErrorOut}, summary="My diary")
def my_entries(
    request: HttpRequest,
    paging: Query[PageParams],
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
    return Status(200, _page(qs, paging, _entry_out))


@router.delete(
    "/entries/{entry_id}",
    response={204: None, 400: HoursErrorOut, 403: HoursErrorOut},
    summary="Withdraw my entry while it is not confirmed",
)
def withdraw_entry(
    request: AuthenticatedHttpRequest, entry_id: int = Path(..., ge=1, le=MAX_ID)
) -> Any:
    try:
        services.entry_withdraw(actor=request.user, entry_id=entry_id)
    except ValidationError as exc:
        return Status(400, _errors(exc))
    except PermissionDenied as exc:
        return Status(403, _forbidden(str(exc)))
    return Status(204, None)


@router.get(
    "/queue",
    response={200: HourEntryPage, 403: HoursErrorOut},
    summary="Entries awaiting my confirmation (coordinators)",
)
def queue(
    request: AuthenticatedHttpRequest,
    paging: Query[PageParams],
    organization_id: int | None = Query(None, ge=1, le=MAX_ID),
) -> Any:
    if not is_any_coordinator(request.user):
        return Status(403, _forbidden(_("Only coordinators confirm hours.")))
    entries = selectors.review_queue(user=request.user, organization_id=organization_id)
    return Status(200, _page(entries, paging, partial(_entry_out, with_volunteer=True)))


@router.post(
    "/queue/confirm",
    response={200: HourReviewOut, 400: HoursErrorOut, 403: HoursErrorOut},
    summary="Confirm entries (all or none)",
)
def confirm(request: AuthenticatedHttpRequest, payload: HourReviewIn) -> Any:
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
def reject(request: AuthenticatedHttpRequest, payload: HourRejectIn) -> Any:
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
def check_in(request: AuthenticatedHttpRequest, payload: ShiftCheckInIn) -> Any:
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


# --- coordinators: group log, shifts, silent volunteers ---------------------------------------


class GroupEntryIn(Schema):
    position_id: EntryId
    date: dt.date
    hours: Decimal = Field(..., ge=-1000, le=1000, description="0.25 to 24, in steps of 0.25 h")
    volunteer_ids: list[EntryId] = Field(..., min_length=1, max_length=500)
    beneficiaries: int | None = Field(None, ge=0, le=100_000, description="Each")
    description: str = Field("", max_length=2000)


class ShiftIn(Schema):
    position_id: EntryId
    date: dt.date = Field(..., description="The day the shift starts")
    starts_at: dt.time
    ends_at: dt.time
    ends_next_day: bool = Field(
        False, description="A night shift ending after midnight (at most 24 hours long)"
    )
    note: str = Field("", max_length=200)


class RosterOut(Schema):
    volunteer_id: int
    volunteer: str
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None
    entry: HourEntryOut | None


class ShiftOut(Schema):
    id: int
    position_id: int
    position: str
    date: dt.date
    starts_at: dt.time
    ends_at: dt.time
    ends_next_day: bool
    start: dt.datetime
    end: dt.datetime
    note: str
    code: str
    check_in_url: str
    confirmed_at: dt.datetime | None
    roster: list[RosterOut] | None = None


class ShiftConfirmOut(Schema):
    confirmed: int
    still_in: int


class SilentVolunteerOut(Schema):
    volunteer_id: int
    volunteer: str
    last_entry: dt.date | None
    position_id: int
    position: str
    organization: str
    accepted_on: dt.date | None


ShiftPage = page_schema(ShiftOut)
SilentVolunteerPage = page_schema(SilentVolunteerOut)


def _coordinated_position(request: HttpRequest, position_id: int) -> Position | Status:
    """A position of one of the caller's organisations, or the refusal to send back (403 for
    someone who coordinates nothing, 404 for another organisation's position)."""
    if not is_any_coordinator(request.user):
        return _not_coordinator()
    position = selectors.coordinated_positions(user=request.user).filter(pk=position_id).first()
    if position is None:
        return Status(404, _forbidden(_("No such position in your organisations.")))
    return position


def _roster_row(volunteer: VolunteerProfile, check_in: CheckIn | None) -> dict[str, Any]:
    entry = check_in.entry if check_in is not None else None
    return {
        "volunteer_id": volunteer.pk,
        "volunteer": volunteer.full_name,
        "checked_in_at": check_in.checked_in_at if check_in is not None else None,
        "checked_out_at": check_in.checked_out_at if check_in is not None else None,
        "entry": _entry_out(entry) if entry is not None else None,
    }


def _shift_out(request: HttpRequest, shift: Shift, *, roster: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": shift.pk,
        "position_id": shift.position_id,
        "position": shift.position.title,
        "date": shift.date,
        "starts_at": shift.starts_at,
        "ends_at": shift.ends_at,
        "ends_next_day": shift.ends_next_day,
        "start": shift.start,
        "end": shift.end,
        "note": shift.note,
        "code": shift.code,
        "check_in_url": request.build_absolute_uri(check_in_path(shift.token)),
        "confirmed_at": shift.confirmed_at,
    }
    if roster:
        check_ins = {
            c.volunteer_id: c
            for c in CheckIn.objects.filter(shift=shift).select_related(
                "entry__organization", "entry__position", "entry__direction"
            )
        }
        out["roster"] = [
            _roster_row(volunteer, check_ins.get(volunteer.pk))
            for volunteer in selectors.group_candidates(position_id=shift.position_id)
        ]
    return out


def _not_coordinator() -> Any:
    return Status(403, _forbidden(_("Only coordinators confirm hours.")))


@router.post(
    "/group-entries",
    response={201: list[HourEntryOut], 400: HoursErrorOut, 403: HoursErrorOut, 404: HoursErrorOut},
    summary="Log the same time for a group after an event (coordinators; confirmed at once)",
)
def log_group(request: AuthenticatedHttpRequest, payload: GroupEntryIn) -> Any:
    position = _coordinated_position(request, payload.position_id)
    if isinstance(position, Status):
        return position
    try:
        minutes = services.minutes_from_hours(payload.hours)
    except ValidationError as exc:
        return Status(400, _errors(exc))
    candidates = {v.pk: v for v in selectors.group_candidates(position_id=position.pk)}
    unknown = [pk for pk in payload.volunteer_ids if pk not in candidates]
    if unknown:
        return Status(
            400,
            _errors(
                ValidationError(
                    {
                        "volunteer_ids": _("Not accepted to this position: %(ids)s.")
                        % {"ids": ", ".join(map(str, unknown))}
                    }
                )
            ),
        )
    data = services.EntryInput(
        date=payload.date,
        minutes=minutes,
        beneficiaries=payload.beneficiaries,
        description=payload.description,
    )
    try:
        results = services.entries_log_group(
            actor=request.user,
            position=position,
            volunteers=[candidates[pk] for pk in dict.fromkeys(payload.volunteer_ids)],
            data=data,
        )
    except ValidationError as exc:
        return Status(400, _errors(exc, fields={"volunteers": "volunteer_ids"}))
    except PermissionDenied as exc:
        return Status(403, _forbidden(str(exc)))
    return Status(201, [_entry_out(entry, with_volunteer=True) for entry, _new in results])


@router.get(
    "/shifts",
    response={200: ShiftPage, 403: HoursErrorOut},
    summary="Shifts of my organisations (coordinators)",
)
def shifts(request: HttpRequest, paging: Query[PageParams], since: dt.date | None = None) -> Any:
    if not is_any_coordinator(request.user):
        return _not_coordinator()
    qs = selectors.shifts_for_coordinator(user=request.user)
    if since is not None:
        qs = qs.filter(date__gte=since)
    return Status(200, _page(qs, paging, partial(_shift_out, request)))


@router.post(
    "/shifts",
    response={201: ShiftOut, 400: HoursErrorOut, 403: HoursErrorOut, 404: HoursErrorOut},
    summary="Plan a shift: its code and QR link check volunteers in and out",
)
def shift_create(request: AuthenticatedHttpRequest, payload: ShiftIn) -> Any:
    position = _coordinated_position(request, payload.position_id)
    if isinstance(position, Status):
        return position
    try:
        shift = services.shift_create(
            actor=request.user,
            position=position,
            date=payload.date,
            starts_at=payload.starts_at,
            ends_at=payload.ends_at,
            ends_next_day=payload.ends_next_day,
            note=payload.note,
        )
    except ValidationError as exc:
        return Status(400, _errors(exc))
    return Status(201, _shift_out(request, shift, roster=True))


def _coordinated_shift(request: HttpRequest, shift_id: int) -> Shift | None:
    return selectors.shifts_for_coordinator(user=request.user).filter(pk=shift_id).first()


@router.get(
    "/shifts/{shift_id}",
    response={200: ShiftOut, 404: HoursErrorOut},
    summary="A shift with who arrived and left",
)
def shift_detail(request: HttpRequest, shift_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    shift = _coordinated_shift(request, shift_id)
    if shift is None:
        return Status(404, _forbidden(_("No such shift in your organisations.")))
    return Status(200, _shift_out(request, shift, roster=True))


@router.post(
    "/shifts/{shift_id}/check/{volunteer_id}",
    response={200: ShiftOut, 400: HoursErrorOut, 404: HoursErrorOut},
    summary="Check a volunteer in (first call) or out (second call) for them",
)
def shift_check(
    request: AuthenticatedHttpRequest,
    shift_id: int = Path(..., ge=1, le=MAX_ID),
    volunteer_id: int = Path(..., ge=1, le=MAX_ID),
) -> Any:
    shift = _coordinated_shift(request, shift_id)
    volunteer = (
        selectors.group_candidates(position_id=shift.position_id).filter(pk=volunteer_id).first()
        if shift
        else None
    )
    if shift is None or volunteer is None:
        return Status(404, _forbidden(_("No such shift in your organisations.")))
    try:
        services.check_in_by_coordinator(actor=request.user, shift=shift, volunteer=volunteer)
    except ValidationError as exc:
        return Status(400, _errors(exc))
    return Status(200, _shift_out(request, shift, roster=True))


@router.post(
    "/shifts/{shift_id}/confirm",
    response={200: ShiftConfirmOut, 400: HoursErrorOut, 404: HoursErrorOut},
    summary="Confirm the whole shift in one action",
)
def shift_confirm(
    request: AuthenticatedHttpRequest, shift_id: int = Path(..., ge=1, le=MAX_ID)
) -> Any:
    shift = _coordinated_shift(request, shift_id)
    if shift is None:
        return Status(404, _forbidden(_("No such shift in your organisations.")))
    try:
        result = services.shift_confirm(actor=request.user, shift=shift)
    except ValidationError as exc:
        return Status(400, _errors(exc))
    return Status(200, {"confirmed": result.confirmed, "still_in": result.still_in})


@router.get(
    "/silent",
    response={200: SilentVolunteerPage, 403: HoursErrorOut},
    summary="Volunteers of my organisations who logged nothing for 30 days, one row per position",
)
def silent(request: HttpRequest, paging: Query[PageParams]) -> Any:
    if not is_any_coordinator(request.user):
        return _not_coordinator()
    placements = selectors.silent_placements_for(user=request.user, today=timezone.localdate())
    return Status(
        200,
        _page(
            placements,
            paging,
            lambda a: {
                "volunteer_id": a.volunteer_id,
                "volunteer": a.volunteer.full_name,
                "last_entry": a.last_entry,
                "position_id": a.position_id,
                "position": localized(a.position, "title"),
                "organization": localized(a.position.organization, "name"),
                "accepted_on": timezone.localdate(a.accepted_at) if a.accepted_at else None,
            },
        ),
    )


class RegionMonthQuery(Schema):
    year: int = Field(..., ge=2000, le=2100)
    region: str | None = Field(
        default=None,
        max_length=8,
        description="ISO 3166-2 code, e.g. KZ-75 (all regions if left out)",
    )


class RegionMonthOut(Schema):
    region: str = Field(..., description="ISO 3166-2 code")
    month: int
    confirmed_minutes: int
    self_reported_minutes: int


@router.get(
    "/totals/regions",
    response={200: list[RegionMonthOut], 404: HoursErrorOut},
    auth=PUBLIC,
    summary="Counted minutes per region and month of a year (open data; no person appears)",
)
def region_month_totals(request: HttpRequest, query: Query[RegionMonthQuery]) -> Any:
    codes = dict(Region.objects.values_list("pk", "iso_code"))
    wanted = None
    if query.region:
        wanted = next((pk for pk, iso in codes.items() if iso == query.region.upper()), None)
        if wanted is None:
            return Status(404, _forbidden(_("No such region.")))
    totals = selectors.region_month_totals(year=query.year, region_id=wanted)
    rows = sorted(totals.items(), key=lambda item: (codes[item[0][0]], item[0][1]))
    return Status(
        200,
        [
            {"region": codes[region_id], "month": month, **minutes}
            for (region_id, month), minutes in rows
        ],
    )
