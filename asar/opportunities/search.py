"""Full-text search over positions in the three languages.

One expression, used both by the GIN index (created by migration 0003 on PostgreSQL only) and
by the query, so PostgreSQL can answer from the index. The 'simple' configuration does no
stemming — PostgreSQL has no Kazakh dictionary, and the same rules for kk/ru/en are fairer
than stemming only Russian and English; prefix matching (``волонт:*``) covers word endings.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Func, Q, QuerySet, TextField
from django.db.models.expressions import RawSQL

SEARCH_FIELDS = (
    "title_kk",
    "title_ru",
    "title_en",
    "description_kk",
    "description_ru",
    "description_en",
)
INDEX_NAME = "opportunities_position_fts"
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def search_vector() -> SearchVector:
    return SearchVector(*SEARCH_FIELDS, config="simple")


def document() -> RawSQL:
    """The stored ``search_vector()`` of each position (generated column, migration 0005,
    PostgreSQL only), with its own GIN index: filtering on it never recomputes the vector."""
    return RawSQL(
        '"opportunities_position"."search_document"', [], output_field=SearchVectorField()
    )


def matching_ids(text: str, *, limit: int) -> list[int]:
    """Ids of up to ``limit`` positions whose stored document matches every word of ``text``
    (as prefixes), read from the GIN index by ``opportunities_position_matches`` (migration
    0005), whose settings pin that plan: a few milliseconds whatever the word."""
    raw = raw_tsquery(text)
    if raw is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT opportunities_position_matches(to_tsquery('simple', %s), %s)", [raw, limit]
        )
        return [row[0] for row in cursor.fetchall()]


def fold(text: str) -> str:
    """Lower-case, ё as е: how both the stored document (migration 0007, PostgreSQL) and the
    SQLite fallback compare words — most people type "волонтер" for "волонтёр"."""
    return (text or "").lower().replace("ё", "е")


def terms(text: str) -> list[str]:
    """Words of the visitor's query, folded; punctuation and tsquery operators dropped."""
    return [fold(w) for w in _WORD.findall(text or "")][:MAX_TERMS]


def raw_tsquery(text: str) -> str | None:
    words = terms(text)
    if not words:
        return None
    # Every word must match, each as a prefix: "волонт ментор" → 'волонт':* & 'ментор':*
    return " & ".join(f"'{w}':*" for w in words)


def tsquery(text: str) -> SearchQuery | None:
    raw = raw_tsquery(text)
    if raw is None:
        return None
    return SearchQuery(raw, search_type="raw", config="simple")


class Fold(Func):
    """``fold`` in SQL: the ``asar_fold`` function registered on every SQLite connection."""

    function = "asar_fold"
    output_field = TextField()


def register_sqlite_fold(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """SQLite's LIKE and lower() fold ASCII only: "ҰБТ" never matched "ұбт". Python folds."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("asar_fold", 1, fold, deterministic=True)


def filter_sqlite(qs: QuerySet[Any], text: str) -> QuerySet[Any]:
    """The fallback for SQLite (embedded default): every word somewhere in a title or
    description, compared folded (case and ё)."""
    folded = {f"_folded_{field}": Fold(field) for field in SEARCH_FIELDS}
    qs = qs.alias(**folded)
    for word in terms(text):
        any_field = Q()
        for name in folded:
            any_field |= Q(**{f"{name}__contains": word})
        qs = qs.filter(any_field)
    return qs
