"""The admin's JavaScript (two-list selector, calendar and clock) speaks Kazakh: Django reads
these strings from its ``djangojs`` catalogue, whose Kazakh one is mostly empty, so Asar ships
one through LOCALE_PATHS. And the Kazakh admin formats dates as Kazakhstan writes them, with
the week starting on Monday."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import django
import pytest
from babel.messages.pofile import read_po
from django.utils import formats, translation

pytestmark = pytest.mark.django_db

ADMIN_JS_CATALOGUE = (
    Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
)


def _catalogue(client, language: str) -> tuple[dict, dict]:  # type: ignore[no-untyped-def]
    """The translations and formats the admin's jsi18n script hands to the widgets."""
    body = client.get(f"/{language}/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", body, re.S).group(1))
    found = json.loads(re.search(r"django\.formats = (\{.*?\});\n", body, re.S).group(1))
    return catalog, found


def test_every_admin_javascript_string_is_translated_into_kazakh(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    catalog, _formats = _catalogue(client_for(actors.admin), "kk")
    with ADMIN_JS_CATALOGUE.open("rb") as handle:
        english = read_po(handle)
    missing = []
    for message in english:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        key = f"{message.context}\x04{msgid}" if message.context else msgid
        if not catalog.get(key):
            missing.append(key)
    assert not missing
    assert catalog["Chosen %s"] == "Таңдалған: %s"
    assert catalog["Choose all %s"] == "Барлығын таңдау: %s"
    assert catalog["November"] == "Қараша"
    assert catalog["one letter Monday\x04M"] == "Д"


def test_the_kazakh_calendar_starts_on_monday(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    _catalog, found = _catalogue(client_for(actors.admin), "kk")
    assert found["FIRST_DAY_OF_WEEK"] == 1
    assert found["DATE_INPUT_FORMATS"][0] == "%Y-%m-%d"  # the widgets still fill in ISO dates


def test_kazakh_dates_in_the_admin_are_numeric() -> None:
    moment = dt.datetime(2024, 4, 17, 11, 5)
    with translation.override("kk"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "17.04.2024 11:05"
        assert formats.date_format(moment.date()) == "17.04.2024"


def test_russian_keeps_djangos_own_catalogue(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    catalog, found = _catalogue(client_for(actors.admin), "ru")
    assert catalog["Chosen %s"] == "Выбранные %s"
    assert found["FIRST_DAY_OF_WEEK"] == 1


def test_the_autocomplete_speaks_kazakh(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    """Select2 has no Kazakh file; Asar's own is loaded on Kazakh admin pages and answers
    every message Select2's Russian one does."""
    from django.contrib.staticfiles import finders

    from tests import factories as f

    organisation = f.OrganizationFactory()
    page = client_for(actors.admin).get(
        f"/kk/admin/organizations/organization/{organisation.pk}/change/"
    )
    assert page.status_code == 200
    assert "admin/js/vendor/select2/i18n/kk.js" in page.content.decode()
    ours = Path(finders.find("admin/js/vendor/select2/i18n/kk.js")).read_text(encoding="utf-8")
    russian = Path(finders.find("admin/js/vendor/select2/i18n/ru.js")).read_text(encoding="utf-8")
    expected = set(re.findall(r"(\w+):function", russian))
    assert expected and expected <= set(re.findall(r"(\w+): function", ours))
    assert '"Нәтиже табылмады"' in ours
