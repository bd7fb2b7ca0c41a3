"""An organisation's value by year: computed by hand from the rows below, private until its
coordinators publish it, then on its public page (kk/ru/en) and in the public API.

Wages (the ``wages`` fixture, 168 h a month): only 2023 figures — national 1 728 ₸/h,
Almaty city (KZ-75) 2 000 ₸/h; Shymkent (KZ-79) has none, so it is valued at the national
average (flagged); 2022 has no figures, so 2023's are used (flagged).

Confirmed hours of actors.org:
- 2023: 2.5 h in Almaty × 2 000 = 5 000 ₸; 1 h in Shymkent × 1 728 = 1 728 ₸ → 3.5 h, 6 728 ₸
- 2022: 1.5 h in Almaty × 2 000 (2023 wages) = 3 000 ₸
- in all: 5 h, 9 728 ₸. Pending hours, self-reported hours and another organisation's hours
  never count.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from asar.organizations import services as org_services
from asar.organizations.models import Organization
from asar.reporting import selectors
from asar.reporting.models import WageRate
from tests import factories as f
from tests.reporting.factories import hour_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_hours(actors, wages) -> Organization:  # type: ignore[no-untyped-def]
    org, profile = actors.org, actors.profile
    hour_entry(profile, day=dt.date(2023, 5, 2), minutes=150, status="confirmed", organization=org)
    hour_entry(
        profile,
        day=dt.date(2023, 6, 10),
        minutes=60,
        status="confirmed",
        organization=org,
        region="KZ-79",
    )
    hour_entry(profile, day=dt.date(2022, 11, 1), minutes=90, status="confirmed", organization=org)
    # Never counted:
    hour_entry(profile, day=dt.date(2023, 5, 3), minutes=60, status="pending", organization=org)
    hour_entry(profile, day=dt.date(2023, 5, 4), minutes=45, status="self_reported")
    hour_entry(
        actors.other_volunteer.volunteer_profile,
        day=dt.date(2023, 5, 2),
        minutes=600,
        status="confirmed",
        organization=actors.other_org,
    )
    return org


def _publish(org: Organization, public: bool = True) -> None:
    Organization.objects.filter(pk=org.pk).update(value_public=public)
    org.refresh_from_db()


def test_value_by_year_is_computed_by_hand(actors, org_hours) -> None:  # type: ignore[no-untyped-def]
    value = selectors.organization_value_by_year(viewer=actors.coordinator, organization=org_hours)
    assert value is not None and not value.no_wages
    assert [y.year for y in value.years] == [2023, 2022]
    y2023, y2022 = value.years
    assert (y2023.hours, y2023.value) == (Decimal("3.5"), Decimal(6728))
    assert [r.iso_code for r in y2023.fallback_regions] == ["KZ-79"]
    assert y2023.wage_years == (2023,) and not y2023.year_fallback
    assert (y2022.hours, y2022.value) == (Decimal("1.5"), Decimal(3000))
    assert y2022.wage_years == (2023,) and y2022.year_fallback and not y2022.national_fallback
    assert (value.hours, value.value) == (Decimal(5), Decimal(9728))


def test_private_until_published(actors, org_hours) -> None:  # type: ignore[no-untyped-def]
    assert org_hours.value_public is False  # off by default
    read = selectors.organization_value_by_year
    for viewer in (actors.coordinator, actors.analyst, actors.admin):
        assert read(viewer=viewer, organization=org_hours) is not None
    outsiders = (
        actors.other_coordinator,
        actors.volunteer,
        actors.operator,
        actors.helpline,
        actors.anonymous,
    )
    for viewer in outsiders:
        assert read(viewer=viewer or _anonymous(), organization=org_hours) is None
    _publish(org_hours)
    for viewer in outsiders:
        assert read(viewer=viewer or _anonymous(), organization=org_hours) is not None


def _anonymous():  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_only_the_organisations_coordinators_publish(actors) -> None:  # type: ignore[no-untyped-def]
    org = actors.org
    for outsider in (actors.other_coordinator, actors.volunteer, actors.operator, actors.analyst):
        with pytest.raises(PermissionDenied):
            org_services.organization_value_publish(organization=org, actor=outsider, public=True)
    org.refresh_from_db()
    assert org.value_public is False
    org_services.organization_value_publish(organization=org, actor=actors.coordinator, public=True)
    org.refresh_from_db()
    assert org.value_public is True


def test_toggle_on_the_page(actors, client_for, org_hours) -> None:  # type: ignore[no-untyped-def]
    url = f"/en/organizations/{org_hours.id}/value-public/"
    page = f"/en/organizations/{org_hours.id}/"
    # Peer (coordinator of another organisation) and outsiders are refused; nothing changes.
    for outsider in (actors.other_coordinator, actors.volunteer, actors.operator, actors.analyst):
        assert client_for(outsider).post(url, {"public": "1"}).status_code == 403
    response = client_for(None).post(url, {"public": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    org_hours.refresh_from_db()
    assert org_hours.value_public is False

    # Off: a visitor sees nothing of it; the coordinators see a preview and the switch.
    body = client_for(None).get(page).content.decode()
    assert "Value of the volunteers" not in body and "₸6,728" not in body
    body = client_for(actors.coordinator).get(page).content.decode()
    assert "Not shown publicly" in body and "Show on our public page" in body
    assert "₸6,728" in body

    response = client_for(actors.coordinator).post(url, {"public": "1"})
    assert response.status_code == 302 and response["Location"] == f"{page}#value"
    body = client_for(None).get(page).content.decode()
    assert "₸6,728" in body and "₸3,000" in body and "₸9,728" in body  # 2023, 2022, total
    assert "Shymkent" in body and "⚑" in body  # the national average used there is flagged
    assert "latest figures available" in body  # 2022 valued at 2023 wages
    assert 'href="/en/reports/method/"' in body
    assert "Show on our public page" not in body  # no switch for visitors

    client_for(actors.coordinator).post(url, {"public": "0"})
    body = client_for(None).get(page).content.decode()
    assert "₸6,728" not in body


def test_toggle_returns_only_to_a_page_of_the_site(actors, client_for, org_hours) -> None:  # type: ignore[no-untyped-def]
    url = f"/en/organizations/{org_hours.id}/value-public/"
    back = f"/en/reports/value/organisations/{org_hours.id}/?year=2023"
    client = client_for(actors.coordinator)
    assert client.post(url, {"public": "1", "next": back})["Location"] == back
    response = client.post(url, {"public": "0", "next": "https://evil.example/"})
    assert response["Location"] == f"/en/organizations/{org_hours.id}/#value"


@pytest.mark.parametrize(
    ("language", "money", "hours"),
    [
        ("kk", "6\xa0728\xa0₸", "3,5"),
        ("ru", "6\xa0728\xa0₸", "3,5"),
        ("en", "₸6,728", "3.5"),
    ],
)
def test_public_page_in_each_language(client_for, org_hours, language, money, hours) -> None:  # type: ignore[no-untyped-def]
    _publish(org_hours)
    body = client_for(None).get(f"/{language}/organizations/{org_hours.id}/").content.decode()
    assert money in body and re.search(f'<td class="num"[^>]*>{re.escape(hours)}</td>', body)
    assert f'href="/{language}/reports/method/"' in body


def test_refused_organisation_shows_it_to_nobody_else(actors, client_for, org_hours) -> None:  # type: ignore[no-untyped-def]
    _publish(org_hours)
    Organization.objects.filter(pk=org_hours.pk).update(
        verification=Organization.Verification.REJECTED
    )
    api = f"/api/v1/reports/organizations/{org_hours.id}/value"
    assert client_for(None).get(api).status_code == 404
    assert client_for(actors.volunteer).get(api).status_code == 404
    assert client_for(actors.coordinator).get(api).status_code == 200


def test_api(actors, client_for, org_hours) -> None:  # type: ignore[no-untyped-def]
    api = f"/api/v1/reports/organizations/{org_hours.id}/value"
    for outsider in (None, actors.volunteer, actors.other_coordinator, actors.operator):
        response = client_for(outsider).get(api)
        assert response.status_code == 404, outsider
    data = client_for(actors.coordinator).get(api).json()
    assert data["public"] is False
    assert client_for(actors.analyst).get(api).status_code == 200

    _publish(org_hours)
    data = client_for(None).get(api).json()
    assert data["organization_id"] == org_hours.id and data["public"] is True
    assert data["available"] is True and data["method_url"] == "/kk/reports/method/"
    assert Decimal(str(data["value"])) == 9728 and Decimal(str(data["hours"])) == 5
    y2023, y2022 = data["years"]
    assert y2023["year"] == 2023 and Decimal(str(y2023["value"])) == 6728
    assert y2023["national_fallback"] is True and y2023["fallback_regions"] == ["KZ-79"]
    assert y2022["year_fallback"] is True and y2022["wage_years"] == [2023]
    # Every figure with its inputs: the lines add up to the year's value.
    assert sum(Decimal(str(line["value"])) for line in y2023["lines"]) == 6728
    shymkent = next(line for line in y2023["lines"] if line["region"] == "KZ-79")
    assert Decimal(shymkent["rate"]["hourly"]) == 1728 and shymkent["rate"]["national_fallback"]
    assert client_for(None).get("/api/v1/reports/organizations/987654/value").status_code == 404


def test_api_publishes_through_the_organisation(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    org = actors.org
    url = f"/api/v1/organizations/{org.id}"
    assert client_for(None).get(url).json()["value_public"] is False
    response = client_for(actors.other_coordinator).patch(
        url, {"value_public": True}, content_type="application/json"
    )
    assert response.status_code == 403
    response = client_for(actors.coordinator).patch(
        url, {"value_public": True}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["value_public"] is True
    org.refresh_from_db()
    assert org.value_public is True
    # A change of something else leaves the choice as it is.
    response = client_for(actors.coordinator).patch(
        url, {"city": "Алматы"}, content_type="application/json"
    )
    assert response.json()["value_public"] is True


def test_without_wage_figures(actors, client_for, org_hours) -> None:  # type: ignore[no-untyped-def]
    WageRate.objects.all().delete()
    _publish(org_hours)
    body = client_for(None).get(f"/en/organizations/{org_hours.id}/").content.decode()
    assert "The wage table has no national figure yet." in body
    data = client_for(None).get(f"/api/v1/reports/organizations/{org_hours.id}/value").json()
    assert data["available"] is False and data["years"] == []


def test_no_hours_yet(actors, client_for, wages) -> None:  # type: ignore[no-untyped-def]
    org = f.OrganizationFactory()
    _publish(org)
    body = client_for(None).get(f"/en/organizations/{org.id}/").content.decode()
    assert "No confirmed hours yet." in body


def test_value_page_has_the_switch_for_coordinators_only(actors, client_for, org_hours) -> None:  # type: ignore[no-untyped-def]
    url = f"/en/reports/value/organisations/{org_hours.id}/"
    switch = f'action="/en/organizations/{org_hours.id}/value-public/"'
    assert switch in client_for(actors.coordinator).get(url).content.decode()
    assert switch not in client_for(actors.analyst).get(url).content.decode()


def test_my_value_reads_well_with_any_number_of_hours(actors, client_for, wages) -> None:  # type: ignore[no-untyped-def]
    # "3 часов" / "55,5 подтверждённых часов" was wrong Russian: the figures are labelled now.
    hour_entry(actors.profile, day=dt.date(2023, 5, 2), minutes=180, status="self_reported")
    hour_entry(
        actors.profile,
        day=dt.date(2023, 5, 2),
        minutes=90,
        status="confirmed",
        organization=actors.org,
        region="KZ-79",
    )
    body = client_for(actors.volunteer).get("/ru/reports/value/mine/", {"year": 2023})
    text = body.content.decode()
    assert "подтверждённые часы: 1,5" in text and "часы самостоятельных добрых дел: 3" in text
    # Hours are valued where the work was done (Shymkent here), not in the volunteer's region.
    assert "по средней зарплате региона, где она выполнена" in text
