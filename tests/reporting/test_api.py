from __future__ import annotations

import pytest

from asar.reporting.models import NationalReport
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_public_dashboard_and_wages(client_for, country) -> None:  # type: ignore[no-untyped-def]
    data = client_for(None).get("/api/v1/reports/dashboard", {"year": 2023}).json()
    assert data["registered_volunteers"] == 3 and data["active_volunteers"] == 3
    assert data["value_minimum"] == "14934" and data["value_likely"] == "16230"
    assert data["national_fallback"] is True
    wages = client_for(None).get("/api/v1/reports/wages", {"year": 2023}).json()
    assert {(w["region"], w["direction"], w["monthly_wage_kzt"]) for w in wages} == {
        (None, None, "290304.00"),
        ("KZ-75", None, "336000.00"),
        (None, "medicine", "420000.00"),
    }
    assert client_for(None).get("/api/v1/reports/dashboard", {"year": 1900}).status_code == 422


def test_value_endpoint_permissions(actors, client_for, country) -> None:  # type: ignore[no-untyped-def]
    url = "/api/v1/reports/value"
    analyst = client_for(actors.analyst).get(url, {"year": 2023}).json()
    assert [s["value"] for s in analyst["scenarios"]] == ["14934", "16230", "604800000"]
    line = next(x for x in analyst["scenarios"][0]["lines"] if x["region"] == "KZ-79")
    assert line["rate"]["hourly"] == "1728.00" and line["rate"]["national_fallback"] is True
    assert (
        client_for(actors.operator).get(url, {"year": 2023, "region": "KZ-75"}).status_code == 200
    )
    assert (
        client_for(actors.operator).get(url, {"year": 2023, "region": "KZ-79"}).status_code == 403
    )
    assert client_for(actors.operator).get(url, {"year": 2023}).status_code == 403
    assert client_for(actors.coordinator).get(url, {"year": 2023}).status_code == 403
    assert client_for(None).get(url, {"year": 2023}).status_code == 401
    assert client_for(actors.analyst).get(url, {"year": 2023, "region": "KZ-00"}).status_code == 404


def test_editions_endpoints(actors, client_for, wages, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    url = "/api/v1/reports/editions"
    body = {"year": 2023, "region": "KZ-75", "language": "ru", "format": "html"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(actors.operator).post(url, body, content_type="application/json")
    assert response.status_code == 202
    edition_id = response.json()["id"]
    assert (
        client_for(actors.operator)
        .post(url, {**body, "region": "KZ-79"}, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        client_for(actors.coordinator).post(url, body, content_type="application/json").status_code
        == 403
    )
    assert client_for(None).post(url, body, content_type="application/json").status_code == 401
    assert (
        client_for(actors.analyst)
        .post(url, {**body, "year": 2999}, content_type="application/json")
        .status_code
        == 422
    )
    assert NationalReport.objects.count() == 1
    got = client_for(actors.operator).get(f"{url}/{edition_id}").json()
    assert got["status"] == "done" and got["download_url"].endswith(
        f"/editions/{edition_id}/download/"
    )
    assert got["data_url"].endswith(f"/editions/{edition_id}/data.json")
    assert client_for(actors.other_operator).get(f"{url}/{edition_id}").status_code == 403
    assert client_for(actors.analyst).get(f"{url}/{edition_id}").status_code == 200
    assert client_for(actors.analyst).get(f"{url}/99999999999999999999").status_code in (404, 422)
    assert [e["id"] for e in client_for(actors.operator).get(url).json()["results"]] == [edition_id]
    assert client_for(actors.other_operator).get(url).json()["results"] == []
    assert client_for(actors.volunteer).get(url).json()["results"] == []
    assert f.region("KZ-75").iso_code == got["region"]
