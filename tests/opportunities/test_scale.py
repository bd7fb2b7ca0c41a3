"""Search stays index-driven at national scale (100 000 positions) on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from asar.opportunities.models import Position
from asar.opportunities.selectors import SearchFilters, search_positions
from tests import factories as f

pytestmark = [
    pytest.mark.heavy,
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans of PostgreSQL"),
    pytest.mark.django_db,
]
N = 100_000


def _plan(qs) -> str:  # type: ignore[no-untyped-def]
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE opportunities_position")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_search_over_100k_positions_uses_indexes(
    actors, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    project = f.ProjectFactory(organization=actors.org)
    base = dt.date.today()
    template = {
        "organization": actors.org,
        "project": project,
        "direction_id": project.direction_id,
        "region": actors.org.home_region,
        "places": 5,
        "status": Position.Status.PUBLISHED,
    }
    words = ["репетитор", "субботник", "донор", "переводчик"]
    Position.objects.bulk_create(
        [
            Position(
                # A rare word (1 in 500) is where the full-text index must be used; a word in
                # a fifth of the rows is cheaper to find walking the date index, and
                # PostgreSQL rightly does that.
                title_ru=f"{'наставник' if i % 500 == 0 else words[i % 4]} {i}",
                title_kk=f"позиция {i}",
                start_date=base + dt.timedelta(days=399 if i % 500 == 0 else i % 399),
                **template,
            )
            for i in range(N)
        ],
        batch_size=5000,
    )
    anonymous = AnonymousUser()
    default = search_positions(user=anonymous, filters=SearchFilters())[:20]
    assert "opportunities_pos_by_start" in _plan(default)  # ordered index scan, no full sort
    rare = search_positions(user=anonymous, filters=SearchFilters(q="наставн"))[:20]
    # Its matches come from the GIN index (search.matching_ids), then by primary key: no
    # walk of the date index, no scan of the table.
    assert "opportunities_position_document" not in _plan(rare)
    assert "Seq Scan on opportunities_position" not in _plan(rare)
    assert "opportunities_pos_by_start" not in _plan(rare)
    with django_assert_max_num_queries(7):  # + the GIN probe (search.matching_ids)
        data = client_for(None).get("/api/v1/positions", {"q": "донор", "page": 3}).json()
    # A quarter of the table matches: counted up to the cap, never read to the end.
    assert (data["count"], data["count_exact"], len(data["results"])) == (1000, False, 20)
    with django_assert_max_num_queries(7):
        data = client_for(None).get("/api/v1/positions", {"q": "наставн"}).json()
    assert (data["count"], data["count_exact"]) == (N // 500, True)
