"""Error pages in the visitor's language and in the site's layout, not Django's bare ones."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "text"),
    [("kk", "Бет табылмады"), ("ru", "Страница не найдена"), ("en", "Page not found")],
)
def test_not_found(client_for, lang: str, text: str) -> None:  # type: ignore[no-untyped-def]
    response = client_for(None).get(f"/{lang}/positions/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert text in html and 'class="site-header"' in html and f'lang="{lang}"' in html


def test_access_denied(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.other_coordinator).get(f"/ru/positions/manage/{actors.org.pk}/")
    assert response.status_code == 403
    assert "Доступ запрещён" in response.content.decode()


def test_server_error_page_needs_no_context() -> None:
    with translation.override("kk"):
        response = server_error(RequestFactory().get("/kk/"))
    assert response.status_code == 500
    assert "Бірдеңе дұрыс болмады" in response.content.decode()
