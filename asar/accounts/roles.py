"""Role checks reused by every view, API endpoint and selector.

Object-level rules live with the object's domain (e.g. ``organizations.permissions``); this
module only answers "which roles does this user hold, and where".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from asar.accounts.models import Role, RoleGrant, User

AnyUser = User | AnonymousUser
F = TypeVar("F", bound=Callable[..., Any])


def _grants(user: AnyUser) -> list[RoleGrant]:
    if not user.is_authenticated:
        return []
    cached: list[RoleGrant] | None = getattr(user, "_asar_role_grants", None)
    if cached is None:
        cached = list(RoleGrant.objects.filter(user=user))
        user._asar_role_grants = cached
    return cached


def is_admin(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def is_analyst(user: AnyUser) -> bool:
    return is_admin(user) or any(g.role == Role.NATIONAL_ANALYST for g in _grants(user))


def is_helpline_operator(user: AnyUser) -> bool:
    return is_admin(user) or any(g.role == Role.HELPLINE_OPERATOR for g in _grants(user))


def operator_region_ids(user: AnyUser) -> set[int]:
    """Regions whose front office this user operates (empty for everyone else)."""
    return {
        g.region_id
        for g in _grants(user)
        if g.role == Role.FRONT_OFFICE_OPERATOR and g.region_id is not None
    }


def is_operator_of(user: AnyUser, region_id: int) -> bool:
    return is_admin(user) or region_id in operator_region_ids(user)


def is_any_operator(user: AnyUser) -> bool:
    return is_admin(user) or bool(operator_region_ids(user))


def require(check: Callable[[AnyUser], bool]) -> Callable[[F], F]:
    """View decorator: 403 unless ``check(request.user)``; anonymous users go to login."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
