"""Text entered by organisations is stored per language (``title_kk``, ``title_ru``,
``title_en``). ``localized`` picks the visitor's language and falls back to the others,
so a position written only in Russian still shows to a Kazakh-speaking visitor."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db.models import Case, Model, QuerySet, Value, When
from django.utils.translation import get_language

M = TypeVar("M", bound=Model)

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


# The Kazakh Cyrillic alphabet in its own order; the Russian one is a subsequence of it, so one
# order serves both. Databases and Python compare code points, which put Ә, Ғ, Қ, Ң, Ө, Ұ, Ү,
# Һ and І after Я (Қарағанды after Шымкент).
_CYRILLIC = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_CYRILLIC_RANK = {letter: rank for rank, letter in enumerate(_CYRILLIC)}


def collation_key(text: str) -> tuple[tuple[int, int], ...]:
    """Sort key for names in Kazakh, Russian or English: spaces, digits and signs first, then
    Cyrillic letters in the Kazakh alphabet's order, then other letters (Latin)."""
    key = []
    for char in text.casefold():
        if char in _CYRILLIC_RANK:
            key.append((1, _CYRILLIC_RANK[char]))
        elif char.isalpha():
            key.append((2, ord(char)))
        else:
            key.append((0, ord(char)))
    return tuple(key)


def sorted_by_name(
    objects: Iterable[M], field: str = "name", language: str | None = None
) -> list[M]:
    """Objects in the alphabetical order of their name in the visitor's language."""
    return sorted(objects, key=lambda obj: collation_key(localized(obj, field, language)))


def ordered_by_name(
    queryset: QuerySet[M], field: str = "name", language: str | None = None
) -> QuerySet[M]:
    """A small reference table (regions, skills) ordered as ``sorted_by_name`` and still a
    queryset, as form fields need. Reads the rows once to rank them."""
    ranked = sorted_by_name(queryset, field, language)
    if not ranked:
        return queryset
    cases = [When(pk=obj.pk, then=Value(rank)) for rank, obj in enumerate(ranked)]
    return queryset.order_by(Case(*cases, default=Value(len(ranked))))
