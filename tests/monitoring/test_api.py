"""The monitoring API: analysts read everything; operators read and write their region only."""

from __future__ import annotations

import json

import pytest

from asar.monitoring import services
from asar.monitoring.models import Finding, MonthlyReport
from tests import factories as f
from tests.monitoring.factories import consistent_values, make_report

pytestmark = pytest.mark.django_db
BASE = "/api/v1/monitoring"


def _json(client, method: str, url: str, payload: object | None = None):  # type: ignore[no-untyped-def]
    if payload is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def test_list_reports_is_scoped(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    make_report(iso="KZ-75", month=1)
    make_report(iso="KZ-79", month=1)
    assert {
        r["region"] for r in client_for(actors.analyst).get(f"{BASE}/reports").json()["results"]
    } == {
        "KZ-75",
        "KZ-79",
    }
    assert {
        r["region"] for r in client_for(actors.operator).get(f"{BASE}/reports").json()["results"]
    } == {"KZ-75"}
    assert {
        r["region"]
        for r in client_for(actors.other_operator)
        .get(f"{BASE}/reports?year=2023")
        .json()["results"]
    } == {"KZ-79"}
    assert client_for(actors.coordinator).get(f"{BASE}/reports").status_code == 403
    assert client_for(actors.volunteer).get(f"{BASE}/reports").status_code == 403
    assert client_for(None).get(f"{BASE}/reports").status_code == 401
    assert client_for(actors.analyst).get(f"{BASE}/reports?region=KZ-00").status_code == 404


def test_report_detail_is_scoped(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = make_report(iso="KZ-75", month=1)
    data = client_for(actors.operator).get(f"{BASE}/reports/{report.pk}").json()
    assert data["values"]["volunteers_total"] == 1000 and data["status"] == "approved"
    assert client_for(actors.analyst).get(f"{BASE}/reports/{report.pk}").status_code == 200
    assert client_for(actors.other_operator).get(f"{BASE}/reports/{report.pk}").status_code == 404
    assert client_for(actors.coordinator).get(f"{BASE}/reports/{report.pk}").status_code == 403


def test_operator_writes_own_region_through_the_api(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.operator)
    response = _json(
        client, "post", f"{BASE}/reports", {"region": "KZ-75", "year": 2023, "month": 4}
    )
    assert response.status_code == 200
    report_id = response.json()["id"]
    response = _json(
        client, "put", f"{BASE}/reports/{report_id}/values", {"values": consistent_values(800)}
    )
    assert response.status_code == 200 and response.json()["values"]["volunteers_total"] == 800
    response = _json(
        client, "put", f"{BASE}/reports/{report_id}/values", {"values": {"volunteers_men": -1}}
    )
    assert response.status_code == 400 and "volunteers_men" in response.json()["errors"]
    response = _json(client, "post", f"{BASE}/reports/{report_id}/submit", {})
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    response = _json(client, "post", f"{BASE}/reports/{report_id}/submit", {})
    assert response.status_code == 400


def test_others_cannot_write(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = services.report_open(
        user=actors.operator, region=f.region("KZ-75"), year=2023, month=4
    )
    for who, status in (
        ("other_operator", 404),
        ("analyst", 403),
        ("coordinator", 403),
        ("volunteer", 403),
    ):
        client = client_for(getattr(actors, who))
        assert (
            _json(
                client, "put", f"{BASE}/reports/{report.pk}/values", {"values": {"orgs_new": 1}}
            ).status_code
            == status
        )
        assert (
            _json(
                client, "post", f"{BASE}/reports", {"region": "KZ-75", "year": 2023, "month": 5}
            ).status_code
            == 403
        )
    assert (
        _json(
            client_for(None),
            "post",
            f"{BASE}/reports",
            {"region": "KZ-75", "year": 2023, "month": 5},
        ).status_code
        == 401
    )
    assert not report.values.exists()
    assert MonthlyReport.objects.count() == 1


def test_review_through_the_api(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = make_report(iso="KZ-75", month=1, status="submitted")
    assert (
        _json(
            client_for(actors.operator),
            "post",
            f"{BASE}/reports/{report.pk}/review",
            {"action": "approve"},
        ).status_code
        == 403
    )
    response = _json(
        client_for(actors.analyst),
        "post",
        f"{BASE}/reports/{report.pk}/review",
        {"action": "return", "comment": ""},
    )
    assert response.status_code == 400
    response = _json(
        client_for(actors.analyst),
        "post",
        f"{BASE}/reports/{report.pk}/review",
        {"action": "approve"},
    )
    assert response.status_code == 200 and response.json()["status"] == "approved"
    response = _json(
        client_for(actors.analyst),
        "post",
        f"{BASE}/reports/{report.pk}/review",
        {"action": "approve"},
    )
    assert response.status_code == 400


def test_findings_read_and_answer(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    mine = make_report(iso="KZ-75", month=1, status="submitted")
    theirs = make_report(iso="KZ-79", month=1, status="submitted")
    a = Finding.objects.create(
        report=mine,
        kind="timeliness",
        severity="info",
        params={"days": 2, "deadline": "2023-02-05"},
    )
    Finding.objects.create(
        report=theirs, kind="completeness", severity="warning", params={"count": 3, "codes": []}
    )
    assert client_for(actors.analyst).get(f"{BASE}/findings").json()["count"] == 2
    data = client_for(actors.operator).get(f"{BASE}/findings?state=open").json()["results"]
    assert [d["id"] for d in data] == [a.pk] and "2023\u202fж. 5 ақпан" in data[0]["explanation"]
    url = f"{BASE}/findings/{a.pk}/respond"
    assert (
        _json(
            client_for(actors.other_operator), "post", url, {"state": "explained", "comment": "x"}
        ).status_code
        == 404
    )
    assert (
        _json(
            client_for(actors.analyst), "post", url, {"state": "explained", "comment": "x"}
        ).status_code
        == 403
    )
    assert (
        _json(
            client_for(actors.volunteer), "post", url, {"state": "explained", "comment": "x"}
        ).status_code
        == 403
    )
    response = _json(
        client_for(actors.operator), "post", url, {"state": "corrected", "comment": "Resent"}
    )
    assert response.status_code == 200 and response.json()["state"] == "corrected"


def test_completeness_for_analysts_only(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    make_report(iso="KZ-75", month=1)
    data = client_for(actors.analyst).get(f"{BASE}/completeness?year=2023").json()
    almaty = next(r for r in data["rows"] if r["region"] == "KZ-75")
    assert almaty["cells"][0] == {"month": 1, "state": "approved", "late": False, "flags": 0}
    assert almaty["received"] == 1 and data["expected_months"] == list(range(1, 13))
    # 5 000 hours reported, none confirmed on the platform: coverage 0 %
    assert (almaty["platform_hours"], almaty["reported_hours"], almaty["coverage"]) == (
        0,
        consistent_values()["volunteer_hours"],
        0,
    )
    for who, status in (("operator", 403), ("coordinator", 403), ("volunteer", 403)):
        assert (
            client_for(getattr(actors, who)).get(f"{BASE}/completeness?year=2023").status_code
            == status
        )
    assert client_for(None).get(f"{BASE}/completeness?year=2023").status_code == 401
    assert client_for(actors.analyst).get(f"{BASE}/completeness?year=1900").status_code == 422
