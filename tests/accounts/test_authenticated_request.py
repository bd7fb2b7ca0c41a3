"""``AuthenticatedHttpRequest`` tells mypy that ``request.user`` is a signed-in ``User``. These
tests hold the code to that promise: every page and every API operation whose view takes one
(or a ``VolunteerHttpRequest``) turns anonymous visitors away — to sign-in for pages, 401 for
the API — before the view runs. A public view wrongly annotated fails here."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import resolve_url
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from ninja.utils import normalize_path

from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.api import api

pytestmark = pytest.mark.django_db


def _takes_authenticated_request(view: Callable[..., Any]) -> bool:
    func = inspect.unwrap(view)
    params = list(inspect.signature(func).parameters.values())
    if not params:
        return False
    annotation = params[0].annotation
    if isinstance(annotation, str):  # from __future__ import annotations
        annotation = getattr(func, "__globals__", {}).get(annotation)
    return isinstance(annotation, type) and issubclass(annotation, AuthenticatedHttpRequest)


def _patterns(resolver: URLResolver) -> Iterator[URLPattern]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern)
        else:
            yield pattern


def _signed_in_pages() -> list[Any]:
    pages = []
    for pattern in _patterns(get_resolver()):
        if not _takes_authenticated_request(pattern.callback):
            continue
        converters = getattr(pattern.pattern, "converters", {})
        kwargs = {
            name: 999_999 if isinstance(converter, IntConverter) else "x"
            for name, converter in converters.items()
        }
        func = inspect.unwrap(pattern.callback)
        pages.append(
            pytest.param(pattern.callback, kwargs, id=f"{func.__module__}.{func.__name__}")
        )
    return pages


def _signed_in_operations() -> list[tuple[str, str]]:
    operations = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if not _takes_authenticated_request(operation.view_func):
                    continue
                url = "/api/v1/" + normalize_path(f"{prefix}/{path}").lstrip("/")
                url = re.sub(r"\{[^}]+\}", "999999", url)
                operations += [(method, url) for method in operation.methods]
    return operations


def test_views_taking_a_signed_in_request_exist() -> None:
    """The two lists below are not empty by accident (a renamed class would empty them)."""
    assert len(_signed_in_pages()) > 40
    assert len(_signed_in_operations()) > 20


@pytest.mark.parametrize(("view", "kwargs"), _signed_in_pages())
def test_pages_taking_a_signed_in_request_send_visitors_to_sign_in(
    view: Callable[..., Any], kwargs: dict[str, Any]
) -> None:
    login = resolve_url(settings.LOGIN_URL)
    redirected = False
    factory = RequestFactory()
    for method in ("get", "post"):
        request = getattr(factory, method)("/")
        request.user = AnonymousUser()
        response = view(request, **kwargs)
        if response.status_code == 405:  # refused by method before anything else
            continue
        assert response.status_code == 302, (method, response.status_code)
        assert response.url.startswith(login), (method, response.url)
        redirected = True
    assert redirected


@pytest.mark.parametrize(("method", "url"), _signed_in_operations())
def test_api_operations_taking_a_signed_in_request_answer_401(method: str, url: str) -> None:
    response = Client().generic(method, url, "{}", content_type="application/json")
    assert response.status_code == 401, response.content
