"""Counting and paging search results without reading every match.

An exact ``COUNT(*)`` of a common search word reads every matching row (half of 100 000
positions: 95–190 ms on the benchmark machine, bench/README.md), while the page itself takes a
few milliseconds. Like most search engines, Asar counts exactly up to a cap and says "more than"
beyond it; nobody pages through a thousand results, they narrow the search.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypedDict, overload

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

SEARCH_COUNT_CAP = 1000


@dataclass(frozen=True)
class CappedCount:
    value: int  # exact when ``more`` is false, else the cap
    more: bool  # there are more matches than ``value``

    def pages(self, page_size: int) -> int:
        return max(1, math.ceil(self.value / page_size))


class CountsUpTo(Protocol):
    """Results that count themselves up to a cap (e.g. search results made of two parts), and
    are read a slice at a time, as paging does."""

    def count_up_to(self, cap: int) -> CappedCount: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Any]: ...
    @overload
    def __getitem__(self, key: int) -> Any: ...
    @overload
    def __getitem__(self, key: slice) -> Sequence[Any]: ...


def count_up_to(results: QuerySet[Any] | CountsUpTo, cap: int | None = None) -> CappedCount:
    """Count ``results``, reading at most ``cap + 1`` rows (``SELECT COUNT(*) FROM (… LIMIT
    cap + 1)``); ``cap`` defaults to ``SEARCH_COUNT_CAP``."""
    cap = SEARCH_COUNT_CAP if cap is None else cap
    if not isinstance(results, QuerySet):
        return results.count_up_to(cap)
    seen = results.order_by()[: cap + 1].count()
    return CappedCount(value=min(seen, cap), more=seen > cap)


class CappedPaginator(Paginator):
    """A Paginator whose count stops at ``cap``: pages beyond it are not offered (``page``
    clamps to the last one), and ``more`` tells the template to say "more than"."""

    def __init__(
        self, object_list: QuerySet[Any] | CountsUpTo, per_page: int, cap: int | None = None
    ):
        super().__init__(object_list, per_page)
        self.results = object_list
        self.cap = cap

    @cached_property
    def capped(self) -> CappedCount:
        return count_up_to(self.results, self.cap)

    @cached_property
    def count(self) -> int:
        return self.capped.value

    @property
    def more(self) -> bool:
        return self.capped.more


class Page(TypedDict):
    """One page of a list, in the shape every paged list of the API answers with."""

    count: int  # exact up to the cap; beyond it ``count_exact`` is false
    count_exact: bool
    page: int
    pages: int
    results: list[Any]


def page_of(
    results: QuerySet[Any] | CountsUpTo | Sequence[Any],
    *,
    page: int,
    page_size: int,
    cap: int | None = None,
) -> Page:
    """Page ``page`` (1-based) of ``results``, counted up to ``cap`` (``count_up_to``). Pages
    beyond the counted matches are empty — a deep offset costs as much as a full count; the
    caller narrows the filters instead. A list already in memory is counted exactly."""
    if isinstance(results, Sequence):
        counted = CappedCount(value=len(results), more=False)
    else:
        counted = count_up_to(results, cap)
    pages = counted.pages(page_size)
    start = (page - 1) * page_size
    rows = list(results[start : start + page_size]) if page <= pages else []
    return {
        "count": counted.value,
        "count_exact": not counted.more,
        "page": page,
        "pages": pages,
        "results": rows,
    }
