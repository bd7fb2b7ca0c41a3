"""Who may see and change monthly reports; reused by views, the API and services.

- Front-office operators: their own region's reports (read, fill, submit, answer findings).
- National analysts (and administrators): every report (read, return, approve).
- Everyone else: nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from asar.accounts import roles
from asar.monitoring.models import Finding, MonthlyReport

F = TypeVar("F", bound=Callable[..., Any])


def can_use_monitoring(user: roles.AnyUser) -> bool:
    return roles.is_analyst(user) or roles.is_any_operator(user)


def can_view_region(user: roles.AnyUser, region_id: int) -> bool:
    return roles.is_analyst(user) or roles.is_operator_of(user, region_id)


def can_view(user: roles.AnyUser, report: MonthlyReport) -> bool:
    return can_view_region(user, report.region_id)


def can_fill(user: roles.AnyUser, region_id: int) -> bool:
    """Only the region's own operators fill a report (administrators too, for support)."""
    return roles.is_operator_of(user, region_id)


def can_edit(user: roles.AnyUser, report: MonthlyReport) -> bool:
    return can_fill(user, report.region_id) and report.is_editable


def can_review(user: roles.AnyUser, report: MonthlyReport) -> bool:
    return roles.is_analyst(user) and report.status == MonthlyReport.Status.SUBMITTED


def can_respond(user: roles.AnyUser, finding: Finding) -> bool:
    return can_fill(user, finding.report.region_id)


def can_answer_now(user: roles.AnyUser, finding: Finding) -> bool:
    """Whether to offer the answer form: the region's operator, until the report is approved
    (an approved report is locked, its findings with it)."""
    return can_respond(user, finding) and finding.report.status != MonthlyReport.Status.APPROVED


def report_view(
    check: Callable[[roles.AnyUser, MonthlyReport], bool] = can_view,
) -> Callable[[F], F]:
    """View decorator: loads ``report_id`` into ``report``; anonymous visitors go to login,
    users who may not see the report or fail ``check`` get 403."""

    def decorator(view: F) -> F:
        @wraps(view)
        @roles.require(can_use_monitoring)
        def wrapped(request: HttpRequest, report_id: int, *args: Any, **kwargs: Any) -> Any:
            report = get_object_or_404(MonthlyReport.objects.select_related("region"), pk=report_id)
            if not can_view(request.user, report):
                raise PermissionDenied
            if not check(request.user, report):
                raise PermissionDenied
            return view(request, report, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
