"""The back office speaks Kazakh and Russian: every model, column, filter, form field, help
text and choice an administrator sees in the admin is translated (it holds Cyrillic letters),
in every app — not only the labels Django translates itself."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, label_for_field
from django.db import models
from django.forms.models import _get_foreign_key
from django.test import RequestFactory
from django.utils import translation

APPS = (
    "accounts",
    "organizations",
    "volunteers",
    "opportunities",
    "hours",
    "passport",
    "monitoring",
    "reporting",
    "geo",
)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")
# Labels that are the same in every language (abbreviations, codes).
UNIVERSAL = {"ID", "SHA-256", "API", "ISO 3166-2", "URL", "JSON", "CSV", "PDF", "HTML"}

REGISTRY = [
    (model, model_admin)
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label in APPS
]


def _ok(text: Any) -> bool:
    """Translated: Cyrillic letters, or no words at all (=, ≥, 1–5), or an abbreviation."""
    text = str(text).strip()
    return text in UNIVERSAL or bool(CYRILLIC.search(text)) or not LATIN.search(text)


def _choices(model: type[models.Model], name: str, where: str, shown: dict[str, str]) -> None:
    try:
        field = model._meta.get_field(name)
    except Exception:  # a method or a computed value
        return
    if getattr(field, "help_text", ""):
        shown[str(field.help_text)] = f"help text of {name}"
    for _value, choice in getattr(field, "flatchoices", None) or []:
        shown[str(choice)] = f"choice of {where} {name}"


def _field_names(model_admin: admin.ModelAdmin, request: Any) -> list[str]:
    """The fields of the change form (and of the add form, where it differs)."""
    names: list[str] = []
    for obj in (model_admin.model(), None):
        for _name, options in model_admin.get_fieldsets(request, obj):
            for entry in options["fields"]:
                names.extend(entry if isinstance(entry, list | tuple) else [entry])
    # The add form's own fields (passwords) are labelled by their form, in Django's catalogue.
    return [n for n in dict.fromkeys(names) if n not in ("password1", "password2")]


def _labels(model: type[models.Model], model_admin: admin.ModelAdmin, request: Any) -> dict:
    """What the admin shows of this model: label → where it is shown."""
    shown: dict[str, str] = {
        str(model._meta.verbose_name): "model name",
        str(model._meta.verbose_name_plural): "model name (plural)",
    }
    names = [n for n in model_admin.get_list_display(request) if n != "__str__"]
    for name in names:
        shown[str(label_for_field(name, model, model_admin))] = f"column {name}"
        if isinstance(name, str):
            _choices(model, name, "column", shown)
    for entry in model_admin.get_list_filter(request):
        if isinstance(entry, str | tuple):
            name = entry if isinstance(entry, str) else entry[0]
            *path, last = name.split("__")
            target = get_fields_from_path(model, name)[-1].model if path else model
            # The filter's title is the verbose name of the last field of the path.
            shown[str(target._meta.get_field(last).verbose_name)] = f"filter {name}"
            _choices(target, last, "filter", shown)
        else:
            shown[str(entry.title)] = f"filter {entry.__name__}"
    for name in _field_names(model_admin, request):
        shown[str(label_for_field(name, model, model_admin))] = f"form field {name}"
        _choices(model, name, "form field", shown)
    for inline in model_admin.get_inline_instances(request):
        inline_model = inline.model
        shown[str(inline_model._meta.verbose_name_plural)] = f"inline {inline_model.__name__}"
        parent = _get_foreign_key(model, inline_model, fk_name=inline.fk_name).name
        for name in inline.get_fields(request):
            if name == parent:  # not shown: every row belongs to the object of the page
                continue
            shown[str(label_for_field(name, inline_model, inline))] = f"inline field {name}"
            _choices(inline_model, name, "inline field", shown)
    return shown


@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize(
    ("model", "model_admin"),
    REGISTRY,
    ids=[f"{m._meta.app_label}.{m.__name__}" for m, _a in REGISTRY],
)
def test_every_admin_label_is_translated(actors, model, model_admin, language) -> None:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/")
    request.user = actors.admin
    with translation.override(language):
        untranslated = {
            text: where
            for text, where in _labels(model, model_admin, request).items()
            if not _ok(text)
        }
    assert not untranslated, untranslated


LABEL = re.compile(r'<label[^>]*for="id_[^"]*"[^>]*>([^<]+)</label>')
COLUMN = re.compile(
    r'<th scope="col" class="[^"]*column-[^"]*">(?:(?!</th>).)*?<(?:a|span)[^>]*>([^<]+)</', re.S
)


@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize(
    ("model", "model_admin"),
    REGISTRY,
    ids=[f"{m._meta.app_label}.{m.__name__}" for m, _a in REGISTRY],
)
def test_every_admin_page_renders_translated(
    actors, client_for, model, model_admin, language
) -> None:  # type: ignore[no-untyped-def]
    """The list and the add form open (no warning, no error) and their column headers and
    field labels are translated."""
    client = client_for(actors.admin)
    base = f"/{language}/admin/{model._meta.app_label}/{model._meta.model_name}/"
    pages = [base]
    request = RequestFactory().get("/")
    request.user = actors.admin
    if model_admin.has_add_permission(request):
        pages.append(f"{base}add/")
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        shown = LABEL.findall(html) + COLUMN.findall(html)
        untranslated = [text for text in shown if not _ok(text.rstrip(":"))]
        assert not untranslated, (url, untranslated)


def test_the_back_office_chrome_speaks_kazakh(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    """What Django's Kazakh catalogue lacks and every admin page shows (the header, the side
    bar, the filters, the messages after saving) comes from Asar's catalogue."""
    client = client_for(actors.admin)
    html = client.get("/kk/admin/organizations/organization/").content.decode()
    for english in ("View site", "Start typing to filter", "Authentication and Authorization"):
        assert english not in html, english
    assert "Сайтты ашу" in html and "Аутентификация және авторизация" in html
    region = actors.volunteer.volunteer_profile.region
    response = client.post(
        f"/kk/admin/geo/region/{region.pk}/change/",
        {
            "iso_code": region.iso_code,
            "former_iso_code": region.former_iso_code,
            "name_kk": region.name_kk,
            "name_ru": region.name_ru,
            "name_en": region.name_en,
            "kind": region.kind,
            "populations-TOTAL_FORMS": "0",
            "populations-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages and "сәтті өзгертілді" in messages[0], messages
