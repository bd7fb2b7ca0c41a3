"""The one shape of the API's paged lists (``/positions``, ``/organizations/``, the hours
diary and queues, the monitoring reports and findings): page-number paging, counted exactly up
to a cap (see ``asar.lib.pagination``).

    GET …?page=2&page_size=50  →  {"count": 1000, "count_exact": false, "page": 2,
                                    "pages": 20, "results": [...]}

Lists that stay small (reference data, one's own applications, a position's applicants,
certificates, wage tables, report editions) answer with a plain JSON array.
"""

from __future__ import annotations

from types import GenericAlias
from typing import Any

from ninja import Field, Schema

from asar.lib.pagination import SEARCH_COUNT_CAP

MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="1-based page number")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


class PageOut(Schema):
    count: int = Field(
        ...,
        description=f"Matching rows, counted exactly up to {SEARCH_COUNT_CAP}; when "
        "`count_exact` is false there are more (narrow the filters to see them all)",
    )
    count_exact: bool
    page: int
    pages: int = Field(..., description="Pages of the counted rows; pages beyond them are empty")


def page_schema(item: type[Any], name: str | None = None) -> type[PageOut]:
    """``PageOut`` with ``results: list[item]``, named ``<Item>Page`` in the OpenAPI document."""
    title = name or f"{item.__name__.removesuffix('Out')}Page"
    return type(
        title,
        (PageOut,),
        {
            "__annotations__": {"results": GenericAlias(list, (item,))},  # list[item]
            "__module__": item.__module__,
        },
    )
