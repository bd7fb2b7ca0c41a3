"""A small fixed country for the reporting tests; every expected figure in the tests is
computed by hand from the rows below (see the comments).

Wages 2023 (168 h a month): national 290 304 ₸ → 1 728.00 ₸/h; Almaty city (KZ-75)
336 000 ₸ → 2 000.00 ₸/h; medicine specialists (national) 420 000 ₸ → 2 500.00 ₸/h; Shymkent
(KZ-79) has no figure → national, flagged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from asar.geo.models import Employment, Gender
from asar.opportunities.models import Position
from asar.organizations.models import Organization
from asar.reporting.models import SurveyEstimate, WageRate
from asar.volunteers.models import Skill, VolunteerProfile
from tests import factories as f
from tests.reporting.factories import hour_entry, registered_on, wage


@dataclass
class Country:
    v1: VolunteerProfile
    v2: VolunteerProfile
    v3: VolunteerProfile
    v4: VolunteerProfile
    org1: Organization
    org2: Organization


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Generated editions are files: keep them out of the working tree.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def wages(db: None) -> None:
    WageRate.objects.all().delete()  # the migration's real figures would blur hand computation
    wage(2023, 290304)
    wage(2023, 336000, region="KZ-75")
    wage(2023, 420000, direction="medicine")


@pytest.fixture
def country(db: None, wages: None, settings) -> Country:  # type: ignore[no-untyped-def]
    settings.ASAR_STANDARD_MONTHLY_HOURS = 168
    first_aid = Skill.objects.get(code="first_aid")
    it = Skill.objects.get(code="it")
    v1 = f.VolunteerFactory(
        region=f.region("KZ-75"),
        gender=Gender.FEMALE,
        birth_date=dt.date(2000, 5, 17),
        employment=Employment.STUDENT,
        first_name="Айгерім",
        last_name="Сәрсенова",
        phone="+77011234567",
        user__email="aigerim.private@example.kz",
    )
    v1.skills.add(first_aid)
    v2 = f.VolunteerFactory(
        region=f.region("KZ-75"),
        gender=Gender.MALE,
        birth_date=dt.date(2008, 1, 10),
        employment=Employment.SCHOOLCHILD,
    )
    v3 = f.VolunteerFactory(
        region=f.region("KZ-79"),
        gender=Gender.FEMALE,
        birth_date=dt.date(1980, 12, 31),
        employment=Employment.EMPLOYED,
    )
    v3.skills.add(first_aid, it)
    v4 = f.VolunteerFactory(
        region=f.region("KZ-79"),
        gender=Gender.MALE,
        birth_date=dt.date(1960, 6, 1),
        employment=Employment.RETIRED,
    )
    for v, day in (
        (v1, dt.date(2021, 6, 1)),
        (v2, dt.date(2022, 2, 1)),
        (v3, dt.date(2023, 7, 1)),
        (v4, dt.date(2024, 1, 10)),
    ):
        registered_on(v, day)

    org1 = f.OrganizationFactory(
        kind=Organization.Kind.REGISTERED, bin="050140000011", home_region=f.region("KZ-75")
    )
    org2 = f.OrganizationFactory(home_region=f.region("KZ-79"))
    org3 = f.OrganizationFactory(
        home_region=f.region("KZ-79"), verification=Organization.Verification.REJECTED
    )
    org4 = f.OrganizationFactory(home_region=f.region("KZ-75"))
    for org, day in (
        (org1, dt.date(2022, 3, 1)),
        (org2, dt.date(2023, 2, 1)),
        (org3, dt.date(2023, 2, 1)),
        (org4, dt.date(2024, 2, 1)),
    ):
        registered_on(org, day)

    # e1: 2 h education in Almaty → 2 000 ₸/h = 4 000 ₸
    hour_entry(v1, day=dt.date(2023, 3, 10), minutes=120, status="confirmed", organization=org1)
    # e2: 1 h education online in Almaty → 2 000 ₸
    hour_entry(
        v2,
        day=dt.date(2023, 3, 15),
        minutes=60,
        status="confirmed",
        organization=org1,
        form="online",
    )
    # e3: 1.5 h medicine in Almaty → national specialists' 2 500 ₸/h = 3 750 ₸ (flagged national)
    hour_entry(
        v1,
        day=dt.date(2023, 4, 2),
        minutes=90,
        status="confirmed",
        organization=org1,
        direction="medicine",
    )
    # e4: 3 h education by car in Shymkent → national 1 728 ₸/h = 5 184 ₸ (flagged national)
    hour_entry(
        v3,
        day=dt.date(2023, 4, 20),
        minutes=180,
        status="confirmed",
        organization=org2,
        region="KZ-79",
        form="auto",
    )
    # e5: 0.75 h self-reported environment in Shymkent → 1 296 ₸
    hour_entry(
        v3,
        day=dt.date(2023, 5, 1),
        minutes=45,
        status="self_reported",
        region="KZ-79",
        direction="environment",
    )
    # never counted: pending, rejected, and another year
    hour_entry(v1, day=dt.date(2023, 5, 5), minutes=240, status="pending", organization=org1)
    hour_entry(v2, day=dt.date(2023, 6, 1), minutes=60, status="rejected", organization=org1)
    hour_entry(v1, day=dt.date(2022, 12, 31), minutes=60, status="confirmed", organization=org1)

    project = f.ProjectFactory(organization=org1, direction=f.direction("education"))
    f.PositionFactory(
        project=project, start_date=dt.date(2023, 9, 1), status=Position.Status.PUBLISHED
    )
    f.PositionFactory(project=project, start_date=dt.date(2023, 9, 1), status=Position.Status.DRAFT)

    SurveyEstimate.objects.create(
        year=2023, volunteers=1000, hours_per_volunteer_year=Decimal(350), source="test survey"
    )
    return Country(v1=v1, v2=v2, v3=v3, v4=v4, org1=org1, org2=org2)
