"""Who may see and generate what in reporting. Reused by views, the API and services.

- National analysts (and administrators): every edition, national and regional.
- Front-office operators: the regional edition of their own region(s) only.
- Coordinators: the value their own organisation's volunteers gave.
- Everyone: the public dashboard and the method page; an organisation's value by year when its
  coordinators publish it; a volunteer's on their passport when they make it public.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from asar.accounts import roles
from asar.organizations.models import Organization
from asar.organizations.permissions import can_see, is_coordinator
from asar.reporting.models import NationalReport
from asar.volunteers.models import VolunteerProfile

F = TypeVar("F", bound=Callable[..., Any])


def can_use_reports(user: roles.AnyUser) -> bool:
    return roles.is_analyst(user) or roles.is_any_operator(user)


def can_generate(user: roles.AnyUser, region_id: int | None) -> bool:
    if roles.is_analyst(user):
        return True
    return region_id is not None and region_id in roles.operator_region_ids(user)


def can_view_report(user: roles.AnyUser, report: NationalReport) -> bool:
    return can_generate(user, report.region_id)


def can_view_value(user: roles.AnyUser, region_id: int | None) -> bool:
    """The analyst's economic-value page: national for analysts, own region for operators."""
    return can_generate(user, region_id)


def can_edit_survey(user: roles.AnyUser) -> bool:
    return roles.is_analyst(user)


def can_view_organization_value(user: roles.AnyUser, organization_id: int) -> bool:
    return roles.is_analyst(user) or is_coordinator(user, organization_id)


def can_view_organization_value_by_year(user: roles.AnyUser, organization: Organization) -> bool:
    """Everyone once the coordinators publish it (``Organization.value_public``) — unless the
    organisation itself is hidden (refused at verification); before that, as the value page."""
    if can_view_organization_value(user, organization.id):
        return True
    return organization.value_public and can_see(user, organization)


def can_view_volunteer_value(user: roles.AnyUser, volunteer: VolunteerProfile) -> bool:
    """Like the passport: its owner and administrators; everyone once it is made public."""
    if volunteer.passport_public:
        return True
    return roles.is_admin(user) or (user.is_authenticated and volunteer.user_id == user.pk)


def report_required(view: F) -> F:
    """View decorator: loads ``report_id`` as ``report`` and checks it may be seen."""

    @wraps(view)
    def wrapped(request: HttpRequest, report_id: int, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        report = get_object_or_404(NationalReport.objects.select_related("region"), pk=report_id)
        if not can_view_report(request.user, report):
            raise PermissionDenied
        return view(request, report, *args, **kwargs)

    return wrapped  # type: ignore[return-value]
