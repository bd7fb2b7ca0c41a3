"""Search stays index-driven at national scale (100 000 positions) on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from asar.lib.pagination import CappedCount, count_up_to
from asar.opportunities import search
from asar.opportunities.models import Position
from asar.opportunities.selectors import COMMON_MATCHES, SearchFilters, search_positions
from tests import factories as f

pytestmark = [
    pytest.mark.heavy,
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans of PostgreSQL"),
    pytest.mark.django_db,
]
N = 100_000


def _recording(function, calls: list[str]):  # type: ignore[no-untyped-def]
    def record(text: str, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(text)
        return function(text, **kwargs)

    return record


def _plan(qs) -> str:  # type: ignore[no-untyped-def]
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE opportunities_position")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_search_over_100k_positions_uses_indexes(
    actors, client_for, django_assert_max_num_queries, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    project = f.ProjectFactory(organization=actors.org)
    base = timezone.localdate()
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
                # A quarter already under way (no end date), the rest coming up.
                start_date=base + dt.timedelta(days=399 if i % 500 == 0 else i % 399 - 100),
                **template,
            )
            for i in range(N)
        ],
        batch_size=5000,
    )
    anonymous = AnonymousUser()
    default = search_positions(user=anonymous, filters=SearchFilters())
    # Both parts of the default order (open now, newest first; then upcoming, soonest first)
    # are ordered index scans: no sort of 100 000 rows for a page.
    open_now, upcoming = _plan(default.open_now[:20]), _plan(default.upcoming[:20])
    assert "Index Scan Backward using opportunities_pos_by_start" in open_now
    assert "Index Scan using opportunities_pos_by_start" in upcoming
    assert "Sort" not in open_now + upcoming
    assert [p.start_date for p in default[:20]] == [base] * 20  # the newest under way first
    n_open = Position.objects.filter(start_date__lte=base).count()
    assert default.count() == 1000  # the search cap: common filters are never counted through
    assert count_up_to(default, cap=N) == CappedCount(N, more=False)
    # the oldest under way, then the soonest to come
    assert [p.start_date for p in default[n_open - 1 : n_open + 1]] == [
        base - dt.timedelta(days=100),
        base + dt.timedelta(days=1),
    ]
    rare = search_positions(user=anonymous, filters=SearchFilters(q="наставн"))
    # Its matches come from the GIN index (search.matching_ids), then by primary key: no
    # walk of the date index, no scan of the table.
    for part in (rare.open_now[:20], rare.upcoming[:20]):
        assert "opportunities_position_document" not in _plan(part)
        assert "Seq Scan on opportunities_position" not in _plan(part)
        assert "opportunities_pos_by_start" not in _plan(part)
    # PostgreSQL's statistics (ANALYZE above) know a quarter-of-the-table word as common and
    # a 1-in-500 word as rare: only the rare one pays for the GIN probe.
    search._statistics = None
    assert search.estimated_matches("донор") >= COMMON_MATCHES
    assert search.estimated_matches("наставн") < COMMON_MATCHES
    probes: list[str] = []
    monkeypatch.setattr(search, "matching_ids", _recording(search.matching_ids, probes))
    with django_assert_max_num_queries(7):
        data = client_for(None).get("/api/v1/positions", {"q": "донор", "page": 3}).json()
    assert probes == []
    # A quarter of the table matches: counted up to the cap, never read to the end.
    assert (data["count"], data["count_exact"], len(data["results"])) == (1000, False, 20)
    with django_assert_max_num_queries(7):  # + the GIN probe (search.matching_ids)
        data = client_for(None).get("/api/v1/positions", {"q": "наставн"}).json()
    assert (data["count"], data["count_exact"]) == (N // 500, True)
    assert probes == ["наставн"]
