"""Every list of the API that pages answers in one shape — the one ``/positions`` has
always had: ``{count, count_exact, page, pages, results}`` with ``page`` and ``page_size`` —
documented in the OpenAPI document; lists that stay small are plain arrays."""

from __future__ import annotations

import pytest

from asar.api import api
from asar.monitoring.models import Finding
from tests.monitoring.factories import make_report

pytestmark = pytest.mark.django_db

PAGED = {
    "/api/v1/positions",
    "/api/v1/organizations/",
    "/api/v1/hours/entries",
    "/api/v1/hours/queue",
    "/api/v1/hours/shifts",
    "/api/v1/hours/silent",
    "/api/v1/monitoring/reports",
    "/api/v1/monitoring/findings",
    "/api/v1/reports/editions",
}
SMALL = {
    "/api/v1/geo/regions",
    "/api/v1/geo/directions",
    "/api/v1/geo/programmes",
    "/api/v1/applications",
    "/api/v1/positions/{position_id}/applications",
    "/api/v1/passport/certificates",
    "/api/v1/reports/wages",
    "/api/v1/hours/totals/regions",
}


def _schema() -> dict:  # type: ignore[type-arg]
    return api.get_openapi_schema(path_prefix="/api/v1")


def _resolve(document: dict, schema: dict) -> dict:  # type: ignore[type-arg]
    ref = schema.get("$ref")
    return document["components"]["schemas"][ref.split("/")[-1]] if ref else schema


def test_every_list_has_the_documented_page_shape_or_is_a_small_array() -> None:
    document = _schema()
    paged, arrays = set(), set()
    for path, operations in document["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        ok = get["responses"].get(200) or get["responses"].get("200") or {}
        content = ok.get("content", {}).get("application/json", {})
        schema = _resolve(document, content.get("schema", {}))
        if schema.get("type") == "array":
            arrays.add(path)
        elif "results" in schema.get("properties", {}):
            paged.add(path)
            assert set(schema["properties"]) == {"count", "count_exact", "page", "pages", "results"}
            assert schema["properties"]["results"]["type"] == "array"
            assert "counted exactly up to" in schema["properties"]["count"]["description"]
            parameters = {p["name"]: p for p in get["parameters"]}
            assert parameters["page"]["schema"]["minimum"] == 1
            assert parameters["page_size"]["schema"]["maximum"] == 100
        assert "items" not in schema.get("properties", {}), path  # the old {items, count}
    assert paged == PAGED
    assert arrays == SMALL


def test_findings_are_counted_up_to_the_cap_and_paged(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = make_report(iso="KZ-75", month=1)
    Finding.objects.bulk_create(
        Finding(report=report, kind="late", element_code=f"e{n}", severity="info", params={})
        for n in range(1005)
    )
    client = client_for(actors.analyst)
    first = client.get("/api/v1/monitoring/findings", {"page_size": 100}).json()
    assert (first["count"], first["count_exact"], first["page"], first["pages"]) == (
        1000,
        False,
        1,
        10,
    )
    assert len(first["results"]) == 100
    last = client.get("/api/v1/monitoring/findings", {"page": 10, "page_size": 100}).json()
    ids = {row["id"] for row in first["results"]} | {row["id"] for row in last["results"]}
    assert len(ids) == 200  # a stable order: no row on two pages
    beyond = client.get("/api/v1/monitoring/findings", {"page": 11, "page_size": 100}).json()
    assert beyond["results"] == []
    narrowed = client.get("/api/v1/monitoring/findings", {"region": "KZ-79"}).json()
    assert (narrowed["count"], narrowed["count_exact"]) == (0, True)


@pytest.mark.parametrize("path", sorted(PAGED - {"/api/v1/positions"}))
@pytest.mark.parametrize("bad", [{"page": 0}, {"page_size": 0}, {"page_size": 101}])
def test_bad_paging_is_refused(actors, client_for, path, bad) -> None:  # type: ignore[no-untyped-def]
    assert client_for(actors.admin).get(path, bad).status_code == 422
