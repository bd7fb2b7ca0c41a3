"""Pages of the good-deeds diary: thin — parse, authorise, call one service, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.hours import selectors, services
from asar.hours.forms import (
    GOOD_DEED_SUGGESTIONS,
    CheckInCodeForm,
    EntryForm,
    GroupEntryForm,
    RejectForm,
    ShiftForm,
)
from asar.hours.ical import shifts_calendar
from asar.hours.models import CalendarFeed, CheckIn, HourEntry, Shift
from asar.hours.permissions import (
    VolunteerHttpRequest,
    coordinator_required,
    volunteer_required,
)
from asar.hours.qr import check_in_path, qr_svg
from asar.organizations.permissions import organizations_coordinated_by
from asar.volunteers.models import VolunteerProfile


def apply_errors(form: Form, exc: ValidationError) -> None:
    """Show a service's error next to the field it is about (or on top of the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


# --- the volunteer's diary -------------------------------------------------------------------


@volunteer_required
def diary(request: VolunteerHttpRequest) -> HttpResponse:
    volunteer = request.volunteer
    form = EntryForm(request.POST or None, volunteer=volunteer)
    if request.method == "POST" and form.is_valid():
        try:
            entry, created = services.entry_log(
                actor=request.user, volunteer=volunteer, data=form.entry_input()
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if not created:
                messages.info(request, _("This entry is already in your diary."))
            elif entry.status == HourEntry.Status.PENDING:
                messages.success(
                    request,
                    _("Entry saved. It counts once the organisation's coordinator confirms it."),
                )
            else:
                messages.success(request, _("Entry saved."))
            return redirect("hours:diary")
    page = Paginator(selectors.entries_of_volunteer(volunteer_id=volunteer.pk), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "hours/diary.html",
        {
            "form": form,
            "page": page,
            "totals": selectors.totals_of_volunteer(volunteer_id=volunteer.pk),
            "suggestions": GOOD_DEED_SUGGESTIONS,
            "window_days": services.self_log_window_days(),
        },
        status=400 if form.errors else 200,
    )


@volunteer_required
@require_POST
def withdraw(request: VolunteerHttpRequest, pk: int) -> HttpResponse:
    try:
        services.entry_withdraw(actor=request.user, entry_id=pk)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The entry was withdrawn."))
    return redirect("hours:diary")


# --- coordinators: confirmation queue, group log, silent volunteers --------------------------


def _queue_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    org_id = request.GET.get("organization") or request.POST.get("organization") or ""
    organizations = list(organizations_coordinated_by(request.user))
    entries = selectors.review_queue(
        user=request.user, organization_id=int(org_id) if org_id.isdigit() else None
    )
    return {
        "entries": Paginator(entries, 50).get_page(request.GET.get("page")),
        "organizations": organizations,
        "organization_id": org_id,
        "reject_form": RejectForm(),
        "org_totals": [
            (org, selectors.totals_of_organization(organization_id=org.pk)[:3])
            for org in organizations[:10]
        ],
    }


@coordinator_required
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "hours/queue.html", _queue_context(request))


@coordinator_required
@require_POST
def review(request: AuthenticatedHttpRequest) -> HttpResponse:
    ids = _ids(request.POST.getlist("entry"))
    action = request.POST.get("action")
    if not ids:
        messages.error(request, _("Select at least one entry."))
    else:
        try:
            if action == "confirm":
                count = services.entries_confirm(actor=request.user, entry_ids=ids)
                messages.success(request, _("Confirmed: %(count)s.") % {"count": count})
            elif action == "reject":
                count = services.entries_reject(
                    actor=request.user, entry_ids=ids, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("Rejected: %(count)s.") % {"count": count})
            else:
                messages.error(request, _("Unknown action."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    if _is_htmx(request):
        # Always 200 for HTMX so the fragment (with the error message) is swapped in.
        return render(request, "hours/_queue.html", _queue_context(request))
    return redirect("hours:queue")


@coordinator_required
def group_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    raw = request.POST.get("position") or request.GET.get("position") or ""
    position = (
        selectors.coordinated_positions(user=request.user).filter(pk=raw).first()
        if raw.isdigit()
        else None
    )
    form = GroupEntryForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        position=position,
        initial={"position": position, "date": timezone.localdate()},
    )
    if _is_htmx(request) and request.method == "GET":
        return render(request, "hours/_group_volunteers.html", {"form": form, "position": position})
    if request.method == "POST" and form.is_valid():
        try:
            results = services.entries_log_group(
                actor=request.user,
                position=form.cleaned_data["position"],
                volunteers=list(form.cleaned_data["volunteers"]),
                data=form.entry_input(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            created = sum(1 for _entry, was_created in results if was_created)
            messages.success(
                request,
                ngettext(
                    "Hours logged and confirmed for %(count)s volunteer.",
                    "Hours logged and confirmed for %(count)s volunteers.",
                    created,
                )
                % {"count": created},
            )
            return redirect(f"{reverse('hours:group')}?position={position.pk if position else ''}")
    return render(
        request,
        "hours/group.html",
        {"form": form, "position": position},
        status=400 if form.errors else 200,
    )


@coordinator_required
def silent(request: HttpRequest) -> HttpResponse:
    placements = selectors.silent_placements_for(user=request.user, today=timezone.localdate())
    return render(
        request,
        "hours/silent.html",
        {"page": Paginator(placements, 50).get_page(request.GET.get("page")), "days": 30},
    )


# --- shifts and check-in -------------------------------------------------------------------


@coordinator_required
def shifts(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ShiftForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            shift = services.shift_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Shift created. Show its QR code to the volunteers."))
            return redirect("hours:shift", pk=shift.pk)
    page = Paginator(selectors.shifts_for_coordinator(user=request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "hours/shifts.html",
        {"form": form, "page": page},
        status=400 if form.errors else 200,
    )


def _coordinated_shift(request: HttpRequest, pk: int) -> Shift:
    return get_object_or_404(selectors.shifts_for_coordinator(user=request.user), pk=pk)


def _roster(shift: Shift) -> list[tuple[VolunteerProfile, CheckIn | None]]:
    volunteers = selectors.group_candidates(position_id=shift.position_id).prefetch_related(
        Prefetch(
            "check_ins",
            queryset=CheckIn.objects.filter(shift=shift).select_related("entry"),
            to_attr="shift_check_ins",
        )
    )
    return [(v, v.shift_check_ins[0] if v.shift_check_ins else None) for v in volunteers]


@coordinator_required
def shift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shift = _coordinated_shift(request, pk)
    url = request.build_absolute_uri(check_in_path(shift.token))
    return render(
        request,
        "hours/shift_detail.html",
        {
            "shift": shift,
            "qr": qr_svg(url),
            "check_in_url": url,
            "roster": _roster(shift),
            "code_valid": shift.code_valid_at(timezone.now()),
        },
    )


@coordinator_required
@require_POST
def shift_check(request: AuthenticatedHttpRequest, pk: int, volunteer_id: int) -> HttpResponse:
    shift = _coordinated_shift(request, pk)
    volunteer = get_object_or_404(
        selectors.group_candidates(position_id=shift.position_id), pk=volunteer_id
    )
    try:
        services.check_in_by_coordinator(actor=request.user, shift=shift, volunteer=volunteer)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    if _is_htmx(request):
        return render(request, "hours/_roster.html", {"shift": shift, "roster": _roster(shift)})
    return redirect("hours:shift", pk=shift.pk)


@coordinator_required
@require_POST
def shift_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    shift = _coordinated_shift(request, pk)
    try:
        result = services.shift_confirm(actor=request.user, shift=shift)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Confirmed: %(count)s.") % {"count": result.confirmed})
        if result.still_in:
            messages.warning(
                request,
                ngettext(
                    "%(count)s volunteer is still checked in: their time is counted when they "
                    "check out, or when you confirm again after the shift ends.",
                    "%(count)s volunteers are still checked in: their time is counted when they "
                    "check out, or when you confirm again after the shift ends.",
                    result.still_in,
                )
                % {"count": result.still_in},
            )
    return redirect("hours:shift", pk=shift.pk)


def _check_in_message(request: HttpRequest, check_in: CheckIn) -> None:
    if check_in.checked_out_at is None:
        messages.success(request, _("You are checked in. Scan the code again when you leave."))
    elif check_in.entry is not None:
        messages.success(
            request,
            _("You are checked out: %(hours)s h are in your diary, awaiting confirmation.")
            % {"hours": f"{check_in.entry.hours:g}"},
        )
    else:
        messages.info(
            request, _("You are checked out. Less than 15 minutes of the shift: no hours.")
        )


@volunteer_required
def check_in(request: VolunteerHttpRequest) -> HttpResponse:
    form = CheckInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.check_in_with_code(
                actor=request.user,
                volunteer=request.volunteer,
                code=form.cleaned_data["code"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            _check_in_message(request, result)
            return redirect("hours:diary")
    return render(
        request, "hours/check_in.html", {"form": form}, status=400 if form.errors else 200
    )


@volunteer_required
def check_in_token(request: VolunteerHttpRequest, token: str) -> HttpResponse:
    """Target of the QR code. GET only shows the shift; the POST button checks in or out."""
    shift = Shift.objects.select_related("position__organization").filter(token=token).first()
    if shift is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            result = services.check_in_with_code(
                actor=request.user,
                volunteer=request.volunteer,
                token=token,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            _check_in_message(request, result)
            return redirect("hours:diary")
    current = CheckIn.objects.filter(shift=shift, volunteer=request.volunteer).first()
    return render(
        request,
        "hours/check_in_token.html",
        {"shift": shift, "current": current, "error": error},
        status=400 if error else 200,
    )


# --- calendar ----------------------------------------------------------------------------------


@volunteer_required
def calendar(request: VolunteerHttpRequest) -> HttpResponse:
    volunteer = request.volunteer
    if request.method == "POST":
        services.calendar_feed_reset(volunteer=volunteer)
        messages.success(
            request, _("A new calendar address was created; the old one no longer works.")
        )
        return redirect("hours:calendar")
    feed = services.calendar_feed_get_or_create(volunteer=volunteer)
    url = request.build_absolute_uri(reverse("hours:calendar_feed", args=[feed.token]))
    return render(
        request,
        "hours/calendar.html",
        {
            "feed_url": url,
            "webcal_url": "webcal://" + url.split("://", 1)[1],
            "shifts": selectors.shifts_of_volunteer(
                volunteer_id=volunteer.pk, since=timezone.localdate()
            )[:20],
        },
    )


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design (calendar apps cannot sign in): the long random token is the secret."""
    feed = CalendarFeed.objects.select_related("volunteer").filter(token=token).first()
    if feed is None or not feed.volunteer.user.is_active:
        raise Http404
    since = timezone.localdate() - dt.timedelta(days=60)
    body = shifts_calendar(
        selectors.shifts_of_volunteer(volunteer_id=feed.volunteer_id, since=since),
        name=_("Asar — my volunteer shifts"),
        now=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="asar-shifts.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
