"""Authorization matrix: one test per row of tests/security/matrix.py × role.

Allowed → 2xx, or a redirect that is not to sign-in; denied → 403/404 (or a scoped no-op
that changes nothing, where the row says so); anonymous → sign-in redirect (pages) / 401 (API).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core.signals import request_finished
from django.db import close_old_connections
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from asar.api import api
from tests.security.matrix import ROWS, Row
from tests.security.world import ROLES, World

pytestmark = pytest.mark.django_db

# Namespaces whose every named URL pattern must be in the table. Third-party URL sets are not
# ours to list: the admin site (one row checks it is staff-only), the API's own URL names
# (covered through the OpenAPI document below), Django's set_language.
OUR_NAMESPACES = {
    "accounts",
    "core",
    "geo",
    "hours",
    "monitoring",
    "opportunities",
    "organizations",
    "passport",
    "reporting",
    "volunteers",
}
OUR_TOP_LEVEL_NAMES = {"healthz"}


def _named_patterns(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            names |= _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def _api_operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}


def test_every_page_has_a_row() -> None:
    ours = {
        name
        for name in _named_patterns(get_resolver())
        if name.split(":")[0] in OUR_NAMESPACES or name in OUR_TOP_LEVEL_NAMES
    }
    in_table = {row.target for row in ROWS if not row.is_api}
    missing = sorted(ours - in_table)
    assert not missing, f"URL patterns without a row in tests/security/matrix.py: {missing}"
    unknown = sorted(in_table - ours - {"admin:index"})
    assert not unknown, f"rows for URL names that no longer exist: {unknown}"


def test_every_api_operation_has_a_row() -> None:
    operations = _api_operations()
    in_table = {(row.method, row.target) for row in ROWS if row.is_api}
    missing = sorted(operations - in_table)
    assert not missing, f"API operations without a row in tests/security/matrix.py: {missing}"
    unknown = sorted(in_table - operations)
    assert not unknown, f"rows for API operations that no longer exist: {unknown}"


def test_rows_are_unique() -> None:
    ids = [row.id for row in ROWS]
    assert len(ids) == len(set(ids))


def _send(client: Client, row: Row, world: World) -> HttpResponse:
    kwargs = row.kwargs(world)
    if row.is_api:
        url = row.target.format(**kwargs)
        method = getattr(client, row.method.lower())
        if row.method == "GET":
            return method(url, row.query(world))
        return method(url, row.body(world), content_type="application/json")
    with translation.override("en"):
        url = reverse(row.target, kwargs=kwargs or None)
    method = getattr(client, row.method.lower())
    if row.method == "GET":
        return method(url, row.query(world))
    return method(url, row.body(world))


def _close(response: HttpResponse) -> None:
    """Close a file response's file, as a WSGI server would, without the request_finished
    handler that closes database connections (it would close the test's transaction)."""
    if not response.streaming:
        return
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def _login_url() -> str:
    with translation.override("en"):
        return reverse(settings.LOGIN_URL).removeprefix("/en")


def classify(response: HttpResponse, row: Row) -> str:
    code = response.status_code
    if code >= 500:
        return f"error {code}"
    if code == 401:
        return "login"
    if code in (403, 404):
        return "deny"
    if code in (301, 302, 303, 307, 308):
        location = response.headers.get("Location", "")
        if "next=" in location and (_login_url() in location or "/admin/login/" in location):
            return "login"
        if "/volunteers/register/" in location and not row.redirect_is_content:
            return "deny"  # signed in, but not a volunteer: sent to make a profile
        return "allow"
    if code < 400 or code in row.extra_ok:
        return "allow"
    return f"invalid {code}"


CASES = [pytest.param(row, role, id=f"{row.id} [{role}]") for row in ROWS for role in ROLES]


@pytest.mark.parametrize(("row", "role"), CASES)
def test_matrix(world: World, row: Row, role: str) -> None:
    client = Client()
    if role in world.sessions:  # signed in once, when the world was built
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    before: Any = row.noop(world) if row.noop else None
    response = _send(client, row, world)
    _close(response)
    got = classify(response, row)
    if got == "login" and role != "anonymous":
        got = "deny"  # a signed-in user sent to sign in again (the admin site) is refused
    detail = f"{row.id} as {role}: {response.status_code} {response.headers.get('Location', '')}"
    if role in row.expect:
        assert got == row.expect[role], detail
    elif role in row.allow:
        assert got == "allow", detail
        if row.leaks is not None and response.status_code == 200:
            seen = row.leaks(world, response)
            assert seen == (role in row.sees), f"{detail}: sees the home-side object: {seen}"
    elif role == "anonymous":
        assert got == row.anonymous, detail
    elif row.noop is not None and got == "allow":
        assert row.noop(world) == before, f"{detail} changed the object"
    elif row.leaks is not None and got == "allow":
        assert not row.leaks(world, response), f"{detail} shows what it should not"
    else:
        assert got == "deny", detail
