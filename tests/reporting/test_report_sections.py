"""Every section's numbers against hand counts of the fixed country (conftest.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils.translation import override

from asar.reporting import charts, report
from tests import factories as f

pytestmark = pytest.mark.django_db


def _ctx(region: str | None = None, language: str = "en") -> report.Context:
    return report.Context(year=2023, region=f.region(region) if region else None, language=language)


def _table(section: report.Section) -> dict[str, list]:
    assert section.table is not None
    return {str(row[0]): row[1:] for row in section.table.rows}


def test_volunteers_by_year(country) -> None:  # type: ignore[no-untyped-def]
    with override("en"):
        s = report.volunteers_by_year(_ctx())
    # registered by year end: 2021 v1; 2022 v1 v2; 2023 v1 v2 v3 (v4 joined in 2024)
    # with counted hours: 2022 v1 (31 Dec); 2023 v1 v2 v3
    assert _table(s) == {"2021": [1, 0], "2022": [2, 1], "2023": [3, 3]}
    assert s.chart is not None and [x.values for x in s.chart.series] == [[1, 2, 3], [0, 1, 3]]
    assert any("front-office" in n for n in s.notes)


def test_gender_age_employment(country) -> None:  # type: ignore[no-untyped-def]
    with override("en"):
        g = _table(report.gender(_ctx()))
        a = _table(report.age(_ctx()))
        e = _table(report.employment(_ctx()))
    assert g["Female"][0] == 2 and g["Male"][0] == 1
    assert g["Female"][1] == Decimal(2) / Decimal(3)
    # ages on 31 Dec 2023: v1 23, v2 15, v3 43 (born 31 Dec 1980: 43 that very day)
    assert {k: v[0] for k, v in a.items()} == {
        "14–15": 1,
        "16–18": 0,
        "19–29": 1,
        "30–35": 0,
        "36–59": 1,
        "60+": 0,
    }
    assert e["Student"][0] == 1 and e["Schoolchild"][0] == 1 and e["Employed"][0] == 1
    assert e["Retired"][0] == 0


def test_regions_and_regional_edition(country) -> None:  # type: ignore[no-untyped-def]
    with override("en"):
        s = report.volunteers_by_region(_ctx())
        assert report.volunteers_by_region(_ctx("KZ-75")) is None  # not in a regional edition
        almaty_gender = _table(report.gender(_ctx("KZ-75")))
    rows = _table(s)
    assert rows["Almaty"][0] == 2 and rows["Shymkent"][0] == 1
    assert sum(r[0] for r in rows.values()) == 3
    assert almaty_gender["Female"][0] == 1 and almaty_gender["Male"][0] == 1


def test_organisations(country) -> None:  # type: ignore[no-untyped-def]
    with override("en"):
        rows = _table(report.organisations(_ctx()))
    # org1 registered; org2 initiative; org3 refused verification; org4 from 2024
    assert rows["Registered organisation"][0] == 1 and rows["Initiative group"][0] == 1


def test_directions_forms_skills_events(country) -> None:  # type: ignore[no-untyped-def]
    with override("en"):
        d = _table(report.directions(_ctx()))
        fm = _table(report.forms(_ctx()))
        sk = _table(report.skills(_ctx()))
        ev = _table(report.common_events(_ctx()))
    # education 2 + 1 + 3 h; medicine 1.5 h; environment 0.75 h (self-reported counts)
    assert d["Volunteering in education"][0] == Decimal("6.00")
    assert d["Volunteering in medicine"][0] == Decimal("1.50")
    assert d["Environmental volunteering"][0] == Decimal("0.75")
    assert d["Volunteering in education"][1] == Decimal("6.00") / Decimal("8.25")
    assert fm["Offline"][0] == Decimal("4.25") and fm["Online"][0] == Decimal("1.00")
    assert fm["Auto-volunteering (with a vehicle)"][0] == Decimal("3.00") and fm["Pro bono"][0] == 0
    assert sk == {"First aid": [2], "IT and programming": [1]}
    assert ev == {"Volunteering in education": [1, Decimal(1)]}  # the draft position is left out


def test_hours_per_volunteer_per_month(country) -> None:  # type: ignore[no-untyped-def]
    with override("en"):
        rows = _table(report.hours_per_volunteer(_ctx()))
    # March: 3 h by 2 people; April: 4.5 h by 2 → 2.25 → 2.3; May: 0.75 h by 1 → 0.8
    assert rows["March"] == [Decimal("3.00"), 2, Decimal("1.5")]
    assert rows["April"] == [Decimal("4.50"), 2, Decimal("2.3")]
    assert rows["May"] == [Decimal("0.75"), 1, Decimal("0.8")]
    # June: nobody recorded hours, so there is no average (the table says "—"), not 0
    assert rows["June"] == [Decimal("0.00"), 0, None]
    assert len(rows) == 12


def test_hours_per_volunteer_of_the_current_year_stops_at_this_month(country) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    # Made on 20 April 2023: May–December have not happened and are neither listed nor drawn.
    ctx = report.Context(year=2023, region=None, language="en", today=dt.date(2023, 4, 20))
    with override("en"):
        s = report.hours_per_volunteer(ctx)
    assert list(_table(s)) == ["January", "February", "March", "April"]
    assert s.chart is not None and len(s.chart.categories) == 12  # the axis is the whole year
    # January and February had nobody; March 1.5 h and April 2.3 h per volunteer (see above)
    assert s.chart.series[0].values == [None, None, Decimal("1.5"), Decimal("2.3"), *[None] * 8]
    assert any("not over" in note for note in s.notes)
    with override("en"):
        past = report.hours_per_volunteer(report.Context(2023, None, "en", dt.date(2024, 1, 5)))
    assert len(past.table.rows) == 12 and not past.notes


def test_economic_value_section(country) -> None:  # type: ignore[no-untyped-def]
    with override("en"):
        s = report.economic_value(_ctx())
    values = [row[2] for row in s.table.rows]
    assert values == [Decimal("14934"), Decimal("16230"), Decimal("604800000")]
    by_region = {r["region"]: r for r in s.extra["by_region"]}
    assert by_region["Almaty"]["value"] == Decimal("9750")
    assert by_region["Almaty"]["rates"] == [Decimal("2000.00"), Decimal("2500.00")]
    assert by_region["Almaty"]["fallback"]  # medicine at the national specialists' wage
    assert by_region["Shymkent"]["value"] == Decimal("6480") and by_region["Shymkent"]["fallback"]
    assert any("national average" in n for n in s.notes)
    # 14 934 ₸ beside 604 800 000 ₸: dots on a logarithmic axis, each with its figure.
    assert s.chart.kind == "log" and s.chart.money
    svg = charts.render(s.chart, uid="v", language="en")
    assert "₸14.9K" in svg and "₸16.2K" in svg and "₸604.8M" in svg and "Logarithmic" in svg


def test_sections_without_a_source_say_no_data(country) -> None:  # type: ignore[no-untyped-def]
    with override("en"):
        for builder in (
            report.funding,
            report.helpline,
            report.front_office_support,
            report.development_events,
        ):
            section = builder(_ctx())
            assert section.no_data
            assert section.text.startswith(("No data", "No front-office data"))


def test_data_quality_flags_wage_fallback(country) -> None:  # type: ignore[no-untyped-def]
    with override("en"):
        rows = _table(report.data_quality(_ctx()))
    # columns: received, missing or late, findings, platform h, front-office h, coverage, wage
    assert rows["Almaty"][3] == Decimal("4.50") and rows["Almaty"][6] == "regional figure"
    assert rows["Shymkent"][3] == Decimal("3.75") and "⚑" in rows["Shymkent"][6]
    assert rows["Almaty"][4] is None and rows["Almaty"][5] is None  # no report: not zero


def test_whole_report_in_every_language_is_json_serialisable(country) -> None:  # type: ignore[no-untyped-def]
    import json

    for language in ("kk", "ru", "en"):
        built = report.build_report(year=2023, region=None, language=language)
        data = json.loads(json.dumps(built.as_dict()))
        assert [s["key"] for s in data["sections"]][:3] == ["volunteers_by_year", "gender", "age"]
    assert len(built.sections) == len(report.SECTIONS)
    regional = report.build_report(year=2023, region=f.region("KZ-79"), language="kk")
    assert len(regional.sections) == len(report.SECTIONS) - 1  # no "by region" section


def test_a_volunteer_with_hours_in_a_year_counts_for_it_even_if_registered_later(country) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from tests.reporting.factories import hour_entry

    # v4 (Shymkent, male, retired) registered in 2024 but has confirmed hours of 2023.
    hour_entry(
        country.v4,
        day=dt.date(2023, 11, 5),
        minutes=60,
        status="confirmed",
        organization=country.org2,
        region="KZ-79",
    )
    with override("en"):
        years = _table(report.volunteers_by_year(_ctx()))
        gender = _table(report.gender(_ctx()))
        ages = _table(report.age(_ctx()))
    assert years["2023"] == [4, 4]
    assert gender["Male"][0] == 2
    assert ages["60+"][0] == 1  # born 1 June 1960: 63 on 31 December 2023


def test_an_organisation_with_hours_in_a_year_counts_for_it(country) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from asar.organizations.models import Organization
    from tests.reporting.factories import hour_entry

    late = Organization.objects.get(created_at__year=2024)  # org4, an initiative group
    hour_entry(
        country.v2, day=dt.date(2023, 12, 1), minutes=30, status="confirmed", organization=late
    )
    with override("en"):
        rows = _table(report.organisations(_ctx()))
    assert rows["Initiative group"][0] == 2 and rows["Registered organisation"][0] == 1


def test_common_events_shares_are_of_all_positions(country) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from asar.geo.models import Direction
    from asar.opportunities.models import Position

    # One more published position in each of 11 other directions: 12 directions, 12 positions
    # plus the fixture's education one = 13 positions in all.
    others = Direction.objects.exclude(code="education").order_by("number")[:11]
    for direction in others:
        project = f.ProjectFactory(organization=country.org1, direction=direction)
        f.PositionFactory(
            project=project, start_date=dt.date(2023, 10, 1), status=Position.Status.PUBLISHED
        )
    f.PositionFactory(
        project=f.ProjectFactory(organization=country.org1, direction=f.direction("education")),
        start_date=dt.date(2023, 10, 2),
        status=Position.Status.PUBLISHED,
    )
    with override("en"):
        s = report.common_events(_ctx())
    rows = _table(s)
    assert rows["Volunteering in education"] == [2, Decimal(2) / Decimal(13)]
    # ten directions in the chart, the other two in one row; shares add up to the whole
    assert len(s.chart.categories) == 10
    assert rows["Other directions"] == [2, Decimal(2) / Decimal(13)]
    assert sum(r[0] for r in rows.values()) == 13
    assert sum(r[1] for r in rows.values()) == pytest.approx(1)


def test_age_groups_add_up_to_every_volunteer_of_the_year(country) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from tests.reporting.factories import hour_entry

    # A child of 12 on 31 December 2023 with hours in 2023 (registered in 2024).
    child = f.VolunteerFactory(region=f.region("KZ-75"), birth_date=dt.date(2011, 3, 1))
    hour_entry(
        child, day=dt.date(2023, 7, 1), minutes=60, status="confirmed", organization=country.org1
    )
    with override("en"):
        ages = _table(report.age(_ctx()))
        years = _table(report.volunteers_by_year(_ctx()))
    assert ages["under 14"][0] == 1
    # v1 23, v2 15, v3 43 and the child: four volunteers in 2023, four in the age groups
    assert years["2023"][0] == 4 and sum(v[0] for v in ages.values()) == 4
    assert ages["14–15"][1] == Decimal(1) / Decimal(4)
    with override("en"):
        assert "under 14" not in _table(report.age(_ctx("KZ-79")))  # only when there is one
