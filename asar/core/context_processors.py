from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from asar.core import navigation


def asar(request: HttpRequest) -> dict[str, Any]:
    """Which sections the navigation shows (``nav``: the roles; ``menu``: the main menu, built
    only when a page draws it); the views enforce the same rules themselves."""
    flags = navigation.roles_of(request)
    return {
        "nav": flags,
        "menu": SimpleLazyObject(lambda: navigation.build(request, **flags)),
    }
