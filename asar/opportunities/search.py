"""Full-text search over positions in the three languages.

One expression, used both by the GIN index (created by migration 0003 on PostgreSQL only) and
by the query, so PostgreSQL can answer from the index. The 'simple' configuration does no
stemming — PostgreSQL has no Kazakh dictionary, and the same rules for kk/ru/en are fairer
than stemming only Russian and English; prefix matching (``волонт:*``) covers word endings,
and each word of the query is also tried without its ending (``variants``), so the plural or
inflected form a visitor types finds the words it shares a stem with.
"""

from __future__ import annotations

import re
import time
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


# PostgreSQL's statistics of the stored documents change only with ANALYZE (autovacuum);
# re-read them every few minutes, per process.
STATISTICS_SECONDS = 300
_statistics: tuple[float, dict[str, float], float] | None = None


def _lexeme_statistics() -> tuple[dict[str, float], float]:
    """The most common lexemes of the stored documents with the share of positions holding
    each (``pg_stats.most_common_elems``, kept by ANALYZE), and the number of positions."""
    global _statistics
    now = time.monotonic()
    if _statistics is not None and now - _statistics[0] < STATISTICS_SECONDS:
        return _statistics[1], _statistics[2]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
            "FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename "
            "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.schemaname "
            "WHERE s.schemaname = current_schema() AND s.tablename = 'opportunities_position' "
            "AND s.attname = 'search_document'"
        )
        row = cursor.fetchone()
    lexemes, shares, rows = row if row else (None, None, 0.0)
    frequencies = dict(zip(lexemes or [], shares or [], strict=False))
    _statistics = (now, frequencies, max(float(rows or 0), 0.0))
    return frequencies, _statistics[2]


def estimated_matches(text: str) -> float:
    """An upper estimate of the positions matching ``text`` from the lexeme statistics (each
    word as a prefix: the shares of the lexemes it starts; all words: the rarest word's), or 0
    when a word is not among the common lexemes. It only chooses how to search, never what is
    found: a stale or missing statistic costs time, not results."""
    frequencies, rows = _lexeme_statistics()
    words = terms(text)
    if not words or not frequencies:
        return 0.0
    prefixes = [tuple(variants(word)) for word in words]
    return rows * min(
        sum(share for lexeme, share in frequencies.items() if lexeme.startswith(forms))
        for forms in prefixes
    )


def fold(text: str) -> str:
    """Lower-case, ё as е: how both the stored document (migration 0007, PostgreSQL) and the
    SQLite fallback compare words — most people type "волонтер" for "волонтёр"."""
    return (text or "").lower().replace("ё", "е")


def terms(text: str) -> list[str]:
    """Words of the visitor's query, folded; punctuation and tsquery operators dropped."""
    return [fold(w) for w in _WORD.findall(text or "")][:MAX_TERMS]


# Endings taken off a query word before it is matched as a prefix, only where a stem of
# MIN_STEM letters or more remains: the Kazakh plural (автоволонтерлер → автоволонтер), else one
# final vowel, soft sign or English plural s (волонтеры → волонтер, помощь → помощ, events →
# event). Not a stemmer — a prefix that is a little short finds a little more, which a search
# for a volunteer position can afford; one that is too long finds nothing.
_PLURALS = ("лар", "лер", "дар", "дер", "тар", "тер")
_FINAL = frozenset("аеиоуыэюяіәөүұьйs")
MIN_STEM = 4
# Kazakh voices a stem's last к, қ, п before a vowel (көлік → көлігі, кітап → кітабы): either
# spelling of the stem may be in the text.
_VOICING = {"к": "г", "қ": "ғ", "п": "б", "г": "к", "ғ": "қ", "б": "п"}


def variants(word: str) -> list[str]:
    """The prefixes a folded query word is matched by: its stem, and the stem with its last
    consonant voiced or unvoiced."""
    stem = word
    for plural in _PLURALS:
        if word.endswith(plural) and len(word) - len(plural) >= MIN_STEM:
            stem = word[: -len(plural)]
            break
    else:
        if len(word) > MIN_STEM and word[-1] in _FINAL:
            stem = word[:-1]
    forms = [stem]
    if len(stem) >= MIN_STEM and stem[-1] in _VOICING:
        forms.append(stem[:-1] + _VOICING[stem[-1]])
    return forms


def raw_tsquery(text: str) -> str | None:
    words = terms(text)
    if not words:
        return None
    # Every word must match, each by one of its prefixes:
    # "көлік волонтеры" → ('көлік':* | 'көліг':*) & ('волонтер':*)
    return " & ".join(
        "(" + " | ".join(f"'{form}':*" for form in variants(word)) + ")" for word in words
    )


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
    """The fallback for SQLite (embedded default): every word, by one of its ``variants``,
    somewhere in a title or description, compared folded (case and ё)."""
    folded = {f"_folded_{field}": Fold(field) for field in SEARCH_FIELDS}
    qs = qs.alias(**folded)
    for word in terms(text):
        anywhere = Q()
        for name in folded:
            for form in variants(word):
                anywhere |= Q(**{f"{name}__contains": form})
        qs = qs.filter(anywhere)
    return qs
