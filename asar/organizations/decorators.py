"""View decorators: load the organisation named in the URL and apply an object-level rule."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from asar.accounts.roles import AnyUser
from asar.organizations.models import Organization

OrgCheck = Callable[[AnyUser, Organization], bool]
View = Callable[..., HttpResponse]


def with_organization(check: OrgCheck) -> Callable[[View], View]:
    """Pass ``organization`` instead of ``org_id``; anonymous → sign-in, failed check → 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, org_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            organization = (
                Organization.objects.select_related("home_region").filter(pk=org_id).first()
            )
            if organization is None:
                raise Http404
            if not check(request.user, organization):
                raise PermissionDenied
            return view(request, organization, *args, **kwargs)

        return wrapped

    return decorator
