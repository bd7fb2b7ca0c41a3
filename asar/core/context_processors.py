from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from asar.accounts import roles
from asar.organizations.permissions import is_any_coordinator


def asar(request: HttpRequest) -> dict[str, Any]:
    """Which sections the navigation shows; the views enforce the same rules themselves."""
    user = request.user
    return {
        "nav": {
            "is_volunteer": user.is_authenticated and hasattr(user, "volunteer_profile"),
            "is_coordinator": is_any_coordinator(user),
            "is_operator": roles.is_any_operator(user),
            "is_analyst": roles.is_analyst(user),
            "is_admin": roles.is_admin(user),
        }
    }
