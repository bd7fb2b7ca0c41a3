"""One page of a list, counted exactly up to a cap (the API's paged-list shape)."""

from __future__ import annotations

import pytest

from asar.geo.models import Region
from asar.lib.pagination import page_of


def test_a_list_in_memory_is_counted_exactly() -> None:
    rows = list(range(45))
    page = page_of(rows, page=3, page_size=20)
    assert page == {"count": 45, "count_exact": True, "page": 3, "pages": 3, "results": rows[40:]}
    assert page_of([], page=1, page_size=20) == {
        "count": 0,
        "count_exact": True,
        "page": 1,
        "pages": 1,
        "results": [],
    }


@pytest.mark.django_db
def test_a_query_is_counted_up_to_the_cap_and_pages_beyond_it_are_empty() -> None:
    regions = Region.objects.order_by("iso_code")  # the 20 regions of the reference data
    page = page_of(regions, page=2, page_size=5, cap=12)
    assert (page["count"], page["count_exact"], page["pages"]) == (12, False, 3)
    assert [r.iso_code for r in page["results"]] == [r.iso_code for r in regions[5:10]]
    assert page_of(regions, page=4, page_size=5, cap=12)["results"] == []
    exact = page_of(regions, page=1, page_size=50, cap=100)
    assert (exact["count"], exact["count_exact"], len(exact["results"])) == (20, True, 20)
