"""Text entered by organisations is stored per language (``title_kk``, ``title_ru``,
``title_en``). ``localized`` picks the visitor's language and falls back to the others,
so a position written only in Russian still shows to a Kazakh-speaking visitor."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

LANGUAGE_CODES = ("kk", "ru", "en")


_QUOTES = "«»“”„\"'"


def quoted(name: str, language: str | None = None) -> str:
    """A name in quotation marks — «…» in Kazakh and Russian, “…” in English — unless it
    already carries its own (most registered names do: «Жаңа толқын» ҚҚ), so that no text ever
    shows ««…»»."""
    if any(mark in name for mark in _QUOTES):
        return name
    lang = (language or get_language() or "kk")[:2]
    return f"“{name}”" if lang == "en" else f"«{name}»"


def fallback_order(language: str | None = None) -> tuple[str, ...]:
    lang = (language or get_language() or "kk")[:2]
    if lang not in LANGUAGE_CODES:
        lang = "kk"
    return (lang, *(code for code in LANGUAGE_CODES if code != lang))


def localized(obj: Any, field: str, language: str | None = None) -> str:
    for code in fallback_order(language):
        value = getattr(obj, f"{field}_{code}", "") or ""
        if value:
            return str(value)
    return ""


def has_any_language(values: dict[str, str | None], field: str) -> bool:
    return any((values.get(f"{field}_{code}") or "").strip() for code in LANGUAGE_CODES)
