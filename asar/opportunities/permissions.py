"""Reusable authorisation for the opportunities views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from asar.opportunities.models import Application, Position, Project
from asar.organizations.models import Organization
from asar.organizations.permissions import is_coordinator

F = TypeVar("F", bound=Callable[..., HttpResponse])


def _organization_id(model: str, pk: int) -> int:
    if model == "org":
        return get_object_or_404(Organization.objects.only("id"), pk=pk).pk
    if model == "project":
        return get_object_or_404(Project.objects.only("organization_id"), pk=pk).organization_id
    if model == "position":
        return get_object_or_404(Position.objects.only("organization_id"), pk=pk).organization_id
    if model == "application":
        return get_object_or_404(
            Application.objects.select_related("position").only("position__organization_id"), pk=pk
        ).position.organization_id
    raise ValueError(model)


def coordinator_required(model: str, kwarg: str) -> Callable[[F], F]:
    """403 unless the user coordinates the organisation owning ``kwargs[kwarg]`` (a ``model``:
    "org", "project", "position" or "application"); anonymous visitors go to sign in."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_coordinator(request.user, _organization_id(model, kwargs[kwarg])):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def volunteer_required(view: F) -> F:
    """Signed-in users only; views then read through selectors scoped to ``request.user``."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]
