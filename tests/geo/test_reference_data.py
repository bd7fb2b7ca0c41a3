from __future__ import annotations

import pytest
from django.test import Client

from asar.geo.models import Direction, Programme, Region, age_group_for


@pytest.mark.django_db
def test_twenty_regions_with_2024_iso_codes() -> None:
    assert Region.objects.count() == 20
    assert Region.objects.filter(kind="city").count() == 3
    for new in ("KZ-10", "KZ-33", "KZ-62"):  # Abai, Jetisu, Ulytau (2022)
        assert Region.objects.filter(iso_code=new).exists()
    astana = Region.objects.get(iso_code="KZ-71")
    assert (astana.name_kk, astana.name_ru, astana.name_en) == (
        "Астана қаласы",
        "город Астана",
        "Astana",
    )


@pytest.mark.django_db
def test_twenty_one_directions_and_seven_programmes() -> None:
    assert list(Direction.objects.values_list("number", flat=True)) == list(range(1, 22))
    assert Programme.objects.count() == 7
    covered = set(Direction.objects.filter(programmes__isnull=False).values_list("code", flat=True))
    assert {"children_in_care", "environment", "education", "emergencies"} <= covered
    assert Programme.objects.get(code="sabaqtastyq").directions.get().code == "children_in_care"


@pytest.mark.django_db
def test_reference_api_is_public_and_complete() -> None:
    client = Client()
    regions = client.get("/api/v1/geo/regions").json()
    assert len(regions) == 20 and regions[0]["iso_code"] == "KZ-10"
    assert len(client.get("/api/v1/geo/directions").json()) == 21
    programmes = client.get("/api/v1/geo/programmes").json()
    assert {p["code"] for p in programmes} >= {"bilim", "umit"}


@pytest.mark.parametrize(
    ("age", "group"),
    [
        (13, None),
        (14, "14-15"),
        (18, "16-18"),
        (19, "19-29"),
        (35, "30-35"),
        (59, "36-59"),
        (60, "60+"),
    ],
)
def test_age_groups(age: int, group: str | None) -> None:
    assert age_group_for(age) == group


@pytest.mark.django_db
def test_openapi_document_served() -> None:
    doc = Client().get("/api/v1/openapi.json").json()
    assert doc["info"]["title"] == "Asar API"
    assert "/api/v1/geo/regions" in doc["paths"]
