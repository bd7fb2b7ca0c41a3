"""Who may do what in the ledger; reused by views, the API and the services."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from asar.accounts import roles
from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.hours.models import HourEntry, Shift
from asar.organizations.permissions import is_any_coordinator, is_coordinator
from asar.volunteers.models import VolunteerProfile

F = TypeVar("F", bound=Callable[..., Any])


class VolunteerHttpRequest(AuthenticatedHttpRequest):
    """The request of a view behind ``volunteer_required``: a signed-in volunteer, whose profile
    the decorator puts in ``volunteer``."""

    volunteer: VolunteerProfile


def volunteer_of(user: roles.AnyUser) -> VolunteerProfile | None:
    if not user.is_authenticated:
        return None
    try:
        return user.volunteer_profile
    except VolunteerProfile.DoesNotExist:
        return None


def can_review(user: roles.AnyUser, entry: HourEntry) -> bool:
    """Only a coordinator of the entry's organisation confirms or rejects it."""
    return entry.organization_id is not None and is_coordinator(user, entry.organization_id)


def can_manage_shift(user: roles.AnyUser, shift: Shift) -> bool:
    return is_coordinator(user, shift.position.organization_id)


def _login_required(request: HttpRequest) -> Any:
    return redirect_to_login(request.get_full_path())


def volunteer_required(view: F) -> F:
    """The view gets ``request.volunteer``; users without a volunteer profile get 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return _login_required(request)
        profile = volunteer_of(request.user)
        if profile is None:
            raise PermissionDenied
        # What makes it a VolunteerHttpRequest; HttpRequest itself declares no such attribute.
        request.volunteer = profile  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


coordinator_required = roles.require(is_any_coordinator)
