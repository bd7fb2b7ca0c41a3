from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("lang", "text"), [("kk", "Іздеу"), ("ru", "Искать"), ("en", "Search")])
def test_home_page_renders_in_each_language(page, lang: str, text: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base_url}/{lang}/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator(".search-box button").inner_text().strip() == text
    screenshot(page, f"home-{lang}")
