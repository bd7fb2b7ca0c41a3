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
    words = ["репетитор", "наставник", "субботник", "донор", "переводчик"]
    Position.objects.bulk_create(
        [
            Position(
                title_ru=f"{words[i % 5]} {i}",
                title_kk=f"позиция {i}",
                start_date=base + dt.timedelta(days=i % 400),
                **template,
            )
            for i in range(N)
        ],
        batch_size=5000,
    )
    anonymous = AnonymousUser()
    default = search_positions(user=anonymous, filters=SearchFilters())[:20]
    assert "opportunities_pos_by_start" in _plan(default)  # ordered index scan, no full sort
    text = search_positions(user=anonymous, filters=SearchFilters(q="наставн"))[:20]
    assert "opportunities_position_fts" in _plan(text)
    with django_assert_max_num_queries(6):
        data = client_for(None).get("/api/v1/positions", {"q": "наставник", "page": 3}).json()
    assert data["count"] == N // 5 and len(data["results"]) == 20
