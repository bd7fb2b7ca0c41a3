"""Pages: who may see what (owner, peer, outsider), and the public pages' content."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache

from asar.reporting.models import NationalReport
from tests import factories as f
from tests.reporting.factories import hour_entry

pytestmark = pytest.mark.django_db


def _status(client, url: str, method: str = "get", data: dict | None = None) -> int:  # type: ignore[no-untyped-def]
    response = getattr(client, method)(url, data or {})
    return response.status_code


def test_editions_page_for_analysts_and_operators_only(actors, client_for, wages) -> None:  # type: ignore[no-untyped-def]
    url = "/en/reports/editions/"
    assert _status(client_for(actors.analyst), url) == 200
    assert _status(client_for(actors.operator), url) == 200
    for outsider in (actors.coordinator, actors.volunteer, actors.helpline):
        assert _status(client_for(outsider), url) == 403
    assert _status(client_for(None), url) == 302


def test_operator_generates_only_their_region(
    actors, client_for, wages, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.operator)
    almaty, shymkent = f.region("KZ-75"), f.region("KZ-79")
    base = {"year": 2023, "language": "kk", "format": "html"}
    response = client.post("/en/reports/editions/", {**base, "region": shymkent.id})
    assert response.status_code == 200 and "region" in response.context["form"].errors
    response = client.post("/en/reports/editions/", {**base, "region": ""})
    assert response.status_code == 200 and "region" in response.context["form"].errors
    assert not NationalReport.objects.exists()
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.post("/en/reports/editions/", {**base, "region": almaty.id})
    assert len(queued) == 1  # generation is queued only after the request's commit
    edition = NationalReport.objects.get()
    assert response.status_code == 302 and response.url == f"/en/reports/editions/{edition.id}/"
    # Celery runs eagerly in tests: the edition is ready once the queued task ran.
    edition.refresh_from_db()
    assert (edition.status, edition.progress, edition.region, edition.created_by) == (
        "done",
        100,
        almaty,
        actors.operator,
    )


def test_an_edition_is_announced_as_being_generated_only_while_it_is(
    actors, client_for, wages, django_capture_on_commit_callbacks, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.analyst)
    data = {"year": 2023, "language": "en", "format": "html", "region": ""}
    # With a broker the task runs later: the page says so.
    with django_capture_on_commit_callbacks(execute=False):
        queued = client.post("/en/reports/editions/", data, follow=True).content.decode()
    assert "The report is being generated." in queued
    # Without one (the embedded default) it ran before the redirect: the edition is ready.
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, *args, **kwargs: func())
    ready = client.post("/en/reports/editions/", data, follow=True)
    assert ready.context["edition"].status == "done"
    assert "The report is being generated." not in ready.content.decode()


def test_year_is_validated_with_a_field_error(actors, client_for, wages) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.analyst).post(
        "/ru/reports/editions/", {"year": 1999, "language": "kk", "format": "pdf", "region": ""}
    )
    assert response.status_code == 200 and "year" in response.context["form"].errors
    assert not NationalReport.objects.exists()


@pytest.fixture
def almaty_edition(actors, wages):  # type: ignore[no-untyped-def]
    from asar.reporting import services

    return services.report_generate_now(
        year=2023, region=f.region("KZ-75"), language="ru", fmt="html"
    )


def test_edition_access(actors, client_for, almaty_edition) -> None:  # type: ignore[no-untyped-def]
    e = almaty_edition
    for path in (
        f"/kk/reports/editions/{e.id}/",
        f"/kk/reports/editions/{e.id}/status/",
        f"/kk/reports/editions/{e.id}/download/",
        f"/kk/reports/editions/{e.id}/data.json",
    ):
        assert _status(client_for(actors.analyst), path) == 200
        assert _status(client_for(actors.operator), path) == 200  # own region
        for outsider in (actors.other_operator, actors.coordinator, actors.volunteer):
            assert _status(client_for(outsider), path) == 403
        assert _status(client_for(None), path) == 302
    assert _status(client_for(actors.analyst), "/kk/reports/editions/999999/") == 404


def test_download_is_the_kept_artefact(actors, client_for, almaty_edition) -> None:  # type: ignore[no-untyped-def]
    import hashlib

    response = client_for(actors.analyst).get(f"/kk/reports/editions/{almaty_edition.id}/download/")
    body = response.content
    assert hashlib.sha256(body).hexdigest() == almaty_edition.checksum_sha256
    assert "Алматы".encode() in body  # the Russian edition names the region in Russian
    assert response["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_edition_keeps_the_data_snapshot_it_was_made_from(actors, client_for, country) -> None:  # type: ignore[no-untyped-def]
    from asar.reporting import services

    almaty_edition = services.report_generate_now(
        year=2023, region=f.region("KZ-75"), language="en", fmt="html"
    )
    client = client_for(actors.analyst)
    page = client.get(f"/en/reports/editions/{almaty_edition.id}/").content.decode()
    assert f"/en/reports/editions/{almaty_edition.id}/data.json" in page
    response = client.get(f"/en/reports/editions/{almaty_edition.id}/data.json")
    body = response.json()
    assert body["edition"]["region"] == "KZ-75"
    assert body["edition"]["file_sha256"] == almaty_edition.checksum_sha256
    sections = {s["key"]: s for s in body["snapshot"]["sections"]}
    # Almaty's confirmed hours of 2023 in the fixed country: 2 h + 1 h + 1.5 h
    minimum = sections["economic_value"]["table"]["rows"][0]
    assert minimum[1] == "4.50"
    # later data do not change the kept snapshot
    hour_entry(
        f.VolunteerFactory(region=f.region("KZ-75")),
        day=dt.date(2023, 8, 1),
        minutes=600,
        status="confirmed",
        organization=country.org1,
    )
    again = client.get(f"/en/reports/editions/{almaty_edition.id}/data.json").json()
    assert again["snapshot"]["sections"] == body["snapshot"]["sections"]


def test_status_fragment_polls_until_finished(actors, client_for, wages) -> None:  # type: ignore[no-untyped-def]
    edition = NationalReport.objects.create(
        year=2023, language="kk", format="pdf", created_by=actors.analyst, progress=40
    )
    body = (
        client_for(actors.analyst)
        .get(f"/en/reports/editions/{edition.id}/status/")
        .content.decode()
    )
    assert 'hx-trigger="every 2s"' in body and 'value="40"' in body
    NationalReport.objects.filter(pk=edition.pk).update(status="failed")
    body = (
        client_for(actors.analyst)
        .get(f"/en/reports/editions/{edition.id}/status/")
        .content.decode()
    )
    assert "hx-trigger" not in body


def test_value_page(actors, client_for, country) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.analyst).get("/en/reports/value/", {"year": 2023})
    assert response.status_code == 200
    html = response.content.decode()
    assert "₸14,934" in html and "₸16,230" in html and "₸604,800,000" in html
    assert response.context["survey_form"] is not None
    op = client_for(actors.operator).get("/en/reports/value/", {"year": 2023})
    assert op.status_code == 200 and op.context["region"].iso_code == "KZ-75"
    assert "₸9,750" in op.content.decode() and op.context["survey_form"] is None
    shymkent = f.region("KZ-79").id
    assert (
        _status(
            client_for(actors.operator),
            "/en/reports/value/",
            data={"year": 2023, "region": shymkent},
        )
        == 200
    )
    # an invalid choice falls back to the operator's own region, never Shymkent's figures,
    # and the valid year is kept: Almaty's 2023 figures, not this year's
    fallback = client_for(actors.operator).get(
        "/en/reports/value/", {"year": 2023, "region": shymkent}
    )
    assert "₸6,480" not in fallback.content.decode()
    assert (fallback.context["year"], fallback.context["region"].iso_code) == (2023, "KZ-75")
    assert "₸9,750" in fallback.content.decode()
    for outsider in (actors.coordinator, actors.volunteer):
        assert _status(client_for(outsider), "/en/reports/value/") == 403
    assert _status(client_for(None), "/en/reports/value/") == 302


def test_survey_inputs_are_edited_by_analysts_only(actors, client_for, country) -> None:  # type: ignore[no-untyped-def]
    from asar.reporting.models import SurveyEstimate

    data = {
        "year": 2023,
        "volunteers": "",
        "hours_per_volunteer_year": "300",
        "source": "Survey 2023",
    }
    assert _status(client_for(actors.operator), "/en/reports/value/survey/", "post", data) == 403
    assert _status(client_for(actors.coordinator), "/en/reports/value/survey/", "post", data) == 403
    assert SurveyEstimate.objects.get(year=2023).hours_per_volunteer_year == 350
    assert _status(client_for(actors.analyst), "/en/reports/value/survey/", "post", data) == 302
    estimate = SurveyEstimate.objects.get(year=2023)
    assert (estimate.volunteers, estimate.hours_per_volunteer_year, estimate.updated_by) == (
        None,
        300,
        actors.analyst,
    )
    bad = {**data, "hours_per_volunteer_year": "9000"}
    client_for(actors.analyst).post("/en/reports/value/survey/", bad)
    assert SurveyEstimate.objects.get(year=2023).hours_per_volunteer_year == 300


def test_organisation_value_for_its_coordinators(actors, client_for, wages) -> None:  # type: ignore[no-untyped-def]
    profile = actors.profile
    hour_entry(
        profile, day=dt.date(2023, 5, 2), minutes=150, status="confirmed", organization=actors.org
    )
    hour_entry(
        profile, day=dt.date(2023, 5, 3), minutes=60, status="pending", organization=actors.org
    )
    url = f"/en/reports/value/organisations/{actors.org.id}/"
    response = client_for(actors.coordinator).get(url, {"year": 2023})
    assert response.status_code == 200
    assert "₸5,000" in response.content.decode()  # 2.5 h × 2 000 ₸ (Almaty)
    assert _status(client_for(actors.analyst), url) == 200
    for outsider in (actors.other_coordinator, actors.volunteer, actors.operator):
        assert _status(client_for(outsider), url) == 403
    assert _status(client_for(None), url) == 302
    assert _status(client_for(actors.coordinator), "/en/reports/value/organisations/987654/") == 404


def test_volunteer_sees_their_own_value(actors, client_for, wages) -> None:  # type: ignore[no-untyped-def]
    hour_entry(
        actors.profile,
        day=dt.date(2023, 5, 2),
        minutes=60,
        status="confirmed",
        organization=actors.org,
    )
    hour_entry(actors.profile, day=dt.date(2023, 5, 4), minutes=30, status="self_reported")
    other = actors.other_volunteer.volunteer_profile
    hour_entry(
        other, day=dt.date(2023, 5, 2), minutes=600, status="confirmed", organization=actors.org
    )
    response = client_for(actors.volunteer).get("/en/reports/value/mine/", {"year": 2023})
    html = response.content.decode()
    assert response.status_code == 200
    assert "₸2,000" in html and "₸1,000" in html and "₸20,000" not in html
    assert _status(client_for(actors.coordinator), "/en/reports/value/mine/") == 403
    assert _status(client_for(None), "/en/reports/value/mine/") == 302


def test_public_dashboard_shows_no_personal_data(client_for, country) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    v1 = country.v1
    for language in ("kk", "ru", "en"):
        response = client_for(None).get(f"/{language}/reports/", {"year": 2023})
        assert response.status_code == 200
        html = response.content.decode()
        for private in (
            v1.first_name,
            v1.last_name,
            v1.user.email,
            v1.phone,
            "+7701",
            "example.kz",
        ):
            assert private not in html
    html = client_for(None).get("/en/reports/", {"year": 2023}).content.decode()
    assert "₸14,934" in html and "<svg" in html


def test_dashboard_is_cached_per_language(client_for, country) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    en = client_for(None).get("/en/reports/", {"year": 2023}).content.decode()
    kk = client_for(None).get("/kk/reports/", {"year": 2023}).content.decode()
    assert "confirmed hours" in en and "confirmed hours" not in kk
    assert cache.get("reporting:dashboard:kk:2023") is not None
    # Cached: new hours do not show until the entry expires.
    hour_entry(
        country.v1,
        day=dt.date(2023, 8, 1),
        minutes=600,
        status="confirmed",
        organization=country.org1,
    )
    again = client_for(None).get("/en/reports/", {"year": 2023}).content.decode()
    assert "₸14,934" in en and "₸14,934" in again  # not yet 14 934 + 10 h × 2 000
    cache.clear()
    assert "₸34,934" in client_for(None).get("/en/reports/", {"year": 2023}).content.decode()


def test_method_page_states_the_standard_month_and_flags_fallbacks(client_for, wages) -> None:  # type: ignore[no-untyped-def]
    for language in ("kk", "ru", "en"):
        assert _status(client_for(None), f"/{language}/reports/method/") == 200
    html = client_for(None).get("/en/reports/method/", {"year": 2023}).content.decode()
    assert "168" in html and "₸1,728.00" in html and "₸2,000.00" in html
    assert "⚑" in html  # Shymkent and others without their own figure
    assert "₸3,456,000,000" in html and "₸43,200,000,000" in html
    kk = client_for(None).get("/kk/reports/method/", {"year": 2023}).content.decode()
    assert "43\u00a0200\u00a0000\u00a0000\u00a0₸" in kk and "1\u00a0728\u00a0₸" in kk


def test_coordinator_goes_to_their_organisation_value(actors, client_for, wages) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.coordinator).get("/en/reports/value/organisations/")
    assert response.status_code == 302
    assert response.url == f"/en/reports/value/organisations/{actors.org.id}/"
    assert _status(client_for(actors.volunteer), "/en/reports/value/organisations/") == 403
    assert _status(client_for(None), "/en/reports/value/organisations/") == 302


def test_navigation_links_by_role(actors, client_for, wages) -> None:  # type: ignore[no-untyped-def]
    anonymous = client_for(None).get("/en/reports/").content.decode()
    assert 'href="/en/reports/"' in anonymous and "/en/reports/editions/" not in anonymous
    assert (
        "/en/reports/editions/" in client_for(actors.analyst).get("/en/reports/").content.decode()
    )
    assert (
        "/en/reports/value/mine/"
        in client_for(actors.volunteer).get("/en/reports/").content.decode()
    )


def test_dashboard_of_the_current_year_shows_no_months_to_come(client_for, country) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from asar.reporting.views import _dashboard_context

    cache.clear()
    today = timezone.localdate()
    items = {s.key: s for s, _svg in _dashboard_context(today.year, "en")["items"]}
    section = items["hours_per_volunteer"]
    assert len(section.table.rows) == today.month  # no row of zeros for the months to come
    assert section.chart.series[0].values[today.month :] == [None] * (12 - today.month)
    html = client_for(None).get("/en/reports/").content.decode()
    assert ("The year is not over" in html) is (today.month < 12)


def test_value_lines_are_listed_by_region_and_direction(actors, client_for, country) -> None:  # type: ignore[no-untyped-def]
    # More regions for org1's volunteers, so the listing has something to order.
    for iso, direction in (("KZ-10", "medicine"), ("KZ-71", "education"), ("KZ-10", "education")):
        hour_entry(
            country.v1,
            day=dt.date(2023, 9, 1),
            minutes=60,
            status="confirmed",
            organization=country.org1,
            region=iso,
            direction=direction,
        )
    response = client_for(actors.analyst).get(
        f"/en/reports/value/organisations/{country.org1.id}/", {"year": 2023}
    )
    rows = [(line["region"], line["direction"]) for line in response.context["lines"]]
    assert rows == sorted(rows)
    assert rows[0] == ("Abai Region", "Volunteering in education")


def test_value_page_summarises_by_region_and_folds_the_lines(actors, client_for, country) -> None:  # type: ignore[no-untyped-def]
    """Likely 2023 (see conftest): Almaty 3 h education × 2 000 + 1.5 h medicine × 2 500 =
    4.5 h, 9 750 ₸; Shymkent 3 h education + 0.75 h self-reported environment × 1 728 =
    3.75 h, 6 480 ₸; in all 8.25 h, 16 230 ₸."""
    response = client_for(actors.analyst).get("/en/reports/value/", {"year": 2023})
    regions = response.context["regions"]
    assert [(g["iso"], g["hours"], g["value"]) for g in regions] == [
        ("KZ-75", Decimal("4.50"), Decimal(9750)),
        ("KZ-79", Decimal("3.75"), Decimal(6480)),
    ]
    assert regions[1]["by_kind"] == {
        "confirmed": Decimal("3.00"),
        "self_reported": Decimal("0.75"),
        "front_office": Decimal(0),
    }
    almaty = [(d["direction"], d["hours"], d["value"]) for d in regions[0]["directions"]]
    assert almaty == [
        ("Volunteering in education", Decimal("3.00"), Decimal(6000)),
        ("Volunteering in medicine", Decimal("1.50"), Decimal(3750)),
    ]
    html = response.content.decode()
    summary = html[
        html.index('data-testid="value-regions"') : html.index(
            "</table>", html.index('data-testid="value-regions"')
        )
    ]
    assert "₸9,750" in summary and "₸6,480" in summary and "₸16,230" in summary
    assert html.index("value-regions") < html.index('<details class="value-region"')
    assert html.count('<details class="value-region"') == 2 and " open>" not in html
    assert 'href="#value-KZ-75"' in html and 'id="value-KZ-75"' in html
    # A front office sees its one region, unfolded.
    own = client_for(actors.operator).get("/en/reports/value/", {"year": 2023}).content.decode()
    assert own.count('<details class="value-region"') == 1 and 'id="value-KZ-75" open' in own


def _csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    import csv
    import io

    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


def test_value_lines_download_as_csv(actors, client_for, country) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.analyst).get("/en/reports/value/lines.csv", {"year": 2023})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="asar-value-2023-KZ.csv"' in response["Content-Disposition"]
    header, *rows = _csv(response)
    assert header[:3] == ["Scenario", "Counted as", "Kind (code)"] and header[-1] == "Value"
    lines = {(r[2], r[4], r[6]): (r[7], r[9], r[14]) for r in rows}
    assert lines == {
        ("confirmed", "KZ-75", "education"): ("3.00", "2000.00", "6000"),
        ("confirmed", "KZ-75", "medicine"): ("1.50", "2500.00", "3750"),
        ("confirmed", "KZ-79", "education"): ("3.00", "1728.00", "5184"),
        ("self_reported", "KZ-79", "environment"): ("0.75", "1728.00", "1296"),
        # maximum: 1 000 surveyed volunteers × 350 h at the national 1 728 ₸/h
        ("survey", "", ""): ("350000.00", "1728.00", "604800000"),
    }
    assert sum(int(r[14]) for r in rows if r[2] != "survey") == 16230
    # The front office's own region only, whatever region it asks for.
    shymkent = f.region("KZ-79").id
    own = client_for(actors.operator).get(
        "/en/reports/value/lines.csv", {"year": 2023, "region": shymkent}
    )
    assert {r[4] for r in _csv(own)[1:] if r[2] != "survey"} == {"KZ-75"}
    assert 'filename="asar-value-2023-KZ-75.csv"' in own["Content-Disposition"]
    for outsider in (actors.coordinator, actors.volunteer):
        assert _status(client_for(outsider), "/en/reports/value/lines.csv") == 403


@pytest.mark.parametrize(
    ("language", "scenario", "yes"),
    [("kk", "Сценарий", "иә"), ("ru", "Сценарий", "да"), ("en", "Scenario", "yes")],
)
def test_value_csv_speaks_the_page_language(
    actors, client_for, country, language, scenario, yes
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.analyst).get(
        f"/{language}/reports/value/lines.csv", {"year": 2023}
    )
    header, *rows = _csv(response)
    assert header[0] == scenario
    shymkent = next(r for r in rows if r[4] == "KZ-79")
    assert shymkent[12] == yes  # Shymkent has no wage of its own: the national average


def test_the_shipped_wage_sources_read_in_the_page_language(client_for) -> None:  # type: ignore[no-untyped-def]
    """The table the migration loads (data/kz-wages.csv) is written in English; its sources
    and notes are in the catalogue. A source typed by an importer is shown as written."""
    from asar.reporting.models import WageRate

    WageRate.objects.filter(year=2022).update(source="Мой источник")
    ru = client_for(None).get("/ru/reports/method/").content.decode()
    assert "Бюро национальной статистики (форма 1-Т), публикация 2023 года" in ru
    assert "в среднем по стране" in ru and "Bureau of National Statistics" not in ru
    assert "Мой источник" in ru
    kk = client_for(None).get("/kk/reports/method/").content.decode()
    assert "Ұлттық статистика бюросы (1-Т нысаны)" in kk
