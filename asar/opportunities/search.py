"""Full-text search over positions in the three languages.

One expression, used both by the GIN index (created by migration 0003 on PostgreSQL only) and
by the query, so PostgreSQL can answer from the index. The 'simple' configuration does no
stemming — PostgreSQL has no Kazakh dictionary, and the same rules for kk/ru/en are fairer
than stemming only Russian and English; prefix matching (``волонт:*``) covers word endings.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import DateField, ExpressionWrapper, F, Q, Value

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


def sort_key_off_index() -> ExpressionWrapper:
    """``start_date + 0``: the same order as ``start_date``, but one no index can serve, which
    steers PostgreSQL to the full-text index for the rows."""
    return ExpressionWrapper(F("start_date") + Value(0), output_field=DateField())


def terms(text: str) -> list[str]:
    """Words of the visitor's query, lower-cased; punctuation and tsquery operators dropped."""
    return [w.lower() for w in _WORD.findall(text or "")][:MAX_TERMS]


def tsquery(text: str) -> SearchQuery | None:
    words = terms(text)
    if not words:
        return None
    # Every word must match, each as a prefix: "волонт ментор" → 'волонт':* & 'ментор':*
    raw = " & ".join(f"'{w}':*" for w in words)
    return SearchQuery(raw, search_type="raw", config="simple")


def icontains_q(text: str) -> Q:
    """The fallback for SQLite (embedded default): every word somewhere in a title/description."""
    q = Q()
    for word in terms(text):
        any_field = Q()
        # SQLite's LIKE folds case for ASCII only, so also try the capitalised Cyrillic form.
        for variant in {word, word.capitalize()}:
            for field in SEARCH_FIELDS:
                any_field |= Q(**{f"{field}__icontains": variant})
        q &= any_field
    return q
