"""Pages: every one tried by the region's operator, another region's operator, the analyst,
a coordinator, a volunteer and an anonymous visitor."""

from __future__ import annotations

import pytest

from asar.monitoring import platform_measures, services
from asar.monitoring.models import Finding, MonthlyReport
from tests import factories as f
from tests.monitoring.factories import consistent_values, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(actors) -> MonthlyReport:  # type: ignore[no-untyped-def]
    report = services.report_open(
        user=actors.operator, region=f.region("KZ-75"), year=2023, month=6
    )
    services.report_save_values(user=actors.operator, report=report, raw=consistent_values(1000))
    return services.report_submit(user=actors.operator, report=report)


def _status(client, url: str, method: str = "get", data: dict | None = None) -> int:  # type: ignore[no-untyped-def]
    return getattr(client, method)(url, data or {}).status_code


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("operator", 200),
        ("other_operator", 403),
        ("analyst", 200),
        ("coordinator", 403),
        ("volunteer", 403),
        ("helpline", 403),
        ("anonymous", 302),
    ],
)
def test_report_detail_permissions(actors, client_for, submitted, who: str, expected: int) -> None:  # type: ignore[no-untyped-def]
    user = getattr(actors, who)
    assert _status(client_for(user), f"/en/monitoring/reports/{submitted.pk}/") == expected


@pytest.mark.parametrize(
    ("who", "matrix", "mine", "findings"),
    [
        ("operator", 403, 200, 200),
        ("analyst", 200, 200, 200),
        ("admin", 200, 200, 200),
        ("coordinator", 403, 403, 403),
        ("volunteer", 403, 403, 403),
        ("anonymous", 302, 302, 302),
    ],
)
def test_list_pages_permissions(
    actors, client_for, who: str, matrix: int, mine: int, findings: int
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(getattr(actors, who))
    assert _status(client, "/en/monitoring/matrix/") == matrix
    assert _status(client, "/en/monitoring/my/") == mine
    assert _status(client, "/en/monitoring/findings/") == findings


def test_region_trend_for_own_region_and_analyst_only(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    make_report(iso="KZ-75", year=2023, month=3)
    assert _status(client_for(actors.operator), "/en/monitoring/regions/KZ-75/?year=2023") == 200
    assert _status(client_for(actors.analyst), "/en/monitoring/regions/KZ-75/?year=2023") == 200
    assert _status(client_for(actors.other_operator), "/en/monitoring/regions/KZ-75/") == 403
    assert _status(client_for(actors.coordinator), "/en/monitoring/regions/KZ-75/") == 403
    body = (
        client_for(actors.analyst).get("/en/monitoring/regions/KZ-75/?year=2023").content.decode()
    )
    assert "<svg" in body and "2023-03: 1,000" in body


def test_home_redirects_by_role(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(actors.analyst).get("/en/monitoring/")["Location"].endswith("/matrix/")
    assert client_for(actors.operator).get("/en/monitoring/")["Location"].endswith("/my/")
    assert client_for(actors.volunteer).get("/en/monitoring/").status_code == 403


def test_operator_journey_start_fill_save_submit(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.operator)
    page = client.get("/en/monitoring/my/").content.decode()
    assert "Start the report" in page and "Almaty" in page
    response = client.post(
        "/en/monitoring/reports/start/", {"region": f.region("KZ-75").pk, "year": 2023, "month": 6}
    )
    report = MonthlyReport.objects.get()
    assert response["Location"].endswith(f"/reports/{report.pk}/edit/")
    values = {k: str(v) for k, v in consistent_values(1000).items()}
    response = client.post(f"/en/monitoring/reports/{report.pk}/edit/", values | {"action": "save"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "draft" and report.values.count() == len(values)
    response = client.post(
        f"/en/monitoring/reports/{report.pk}/edit/",
        values | {"volunteers_women": "1", "action": "submit"},
    )
    assert response.status_code == 400
    assert "Women plus men must equal the total" in response.content.decode()
    response = client.post(
        f"/en/monitoring/reports/{report.pk}/edit/", values | {"action": "submit"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"


def test_form_shows_field_errors_in_the_visitors_language(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = services.report_open(
        user=actors.operator, region=f.region("KZ-75"), year=2023, month=6
    )
    response = client_for(actors.operator).post(
        f"/kk/monitoring/reports/{report.pk}/edit/", {"volunteers_total": "көп", "action": "save"}
    )
    assert response.status_code == 400
    assert "Бүтін сан енгізіңіз." in response.content.decode()
    assert not report.values.exists()


def test_other_operator_cannot_start_or_edit(actors, client_for, submitted) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.other_operator)
    assert (
        _status(
            client,
            "/en/monitoring/reports/start/",
            "post",
            {"region": f.region("KZ-75").pk, "year": 2023, "month": 7},
        )
        == 403
    )
    assert _status(client, f"/en/monitoring/reports/{submitted.pk}/edit/") == 403
    # A submitted report is not editable by its own operator either.
    assert (
        _status(client_for(actors.operator), f"/en/monitoring/reports/{submitted.pk}/edit/") == 403
    )


def test_review_by_analyst_only(actors, client_for, submitted) -> None:  # type: ignore[no-untyped-def]
    url = f"/en/monitoring/reports/{submitted.pk}/review/"
    for who in ("operator", "other_operator", "coordinator", "volunteer"):
        assert _status(client_for(getattr(actors, who)), url, "post", {"action": "approve"}) == 403
    client = client_for(actors.analyst)
    assert _status(client, url, "post", {"action": "return", "comment": ""}) == 302
    submitted.refresh_from_db()
    assert submitted.status == "submitted"  # a return needs a comment
    client.post(url, {"action": "return", "comment": "Check the age groups"})
    submitted.refresh_from_db()
    assert submitted.status == "returned"
    page = client_for(actors.operator).get("/en/monitoring/my/").content.decode()
    assert "Check the age groups" in page


def test_the_return_comment_is_not_shown_as_current_once_resubmitted(
    actors, client_for, submitted
) -> None:  # type: ignore[no-untyped-def]
    services.report_return(user=actors.analyst, report=submitted, comment="Check the age groups")
    url = f"/en/monitoring/reports/{submitted.pk}/"
    page = client_for(actors.operator).get(url).content.decode()
    assert "Analyst's comment: Check the age groups" in page
    services.report_submit(user=actors.operator, report=submitted)
    page = client_for(actors.analyst).get(url).content.decode()
    assert "Analyst's comment" not in page
    assert "Check the age groups" in page  # still in the audit trail


def test_finding_answer_with_htmx(actors, client_for, submitted) -> None:  # type: ignore[no-untyped-def]
    finding = Finding.objects.create(
        report=submitted,
        kind="timeliness",
        severity="warning",
        params={"days": 3, "deadline": "2023-07-05"},
    )
    url = f"/en/monitoring/findings/{finding.pk}/respond/"
    assert (
        _status(
            client_for(actors.other_operator), url, "post", {"state": "explained", "comment": "x"}
        )
        == 403
    )
    assert (
        _status(client_for(actors.analyst), url, "post", {"state": "explained", "comment": "x"})
        == 403
    )
    response = client_for(actors.operator).post(
        url, {"state": "explained", "comment": "Internet was down"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Internet was down" in response.content.decode()
    finding.refresh_from_db()
    assert finding.state == "explained"


def test_finding_answered_on_the_findings_list_keeps_its_report_link(
    actors, client_for, submitted
) -> None:  # type: ignore[no-untyped-def]
    """The card swapped in after an answer is the one the list drew: with its region and month."""
    finding = Finding.objects.create(
        report=submitted, kind="completeness", severity="warning", params={"count": 1, "codes": []}
    )
    client = client_for(actors.operator)
    listing = client.get("/en/monitoring/findings/?year=2023").content.decode()
    assert 'name="show_report" value="1"' in listing
    response = client.post(
        f"/en/monitoring/findings/{finding.pk}/respond/",
        {"state": "explained", "comment": "Known gap", "show_report": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    card = response.content.decode()
    assert f'href="/en/monitoring/reports/{submitted.pk}/"' in card
    assert "Almaty, 06.2023" in card


def test_matrix_shows_states_rates_and_flags(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    make_report(iso="KZ-75", year=2023, month=1)
    make_report(iso="KZ-75", year=2023, month=2, status="draft")
    late = make_report(iso="KZ-79", year=2023, month=1, values=consistent_values(100, hours=20_000))
    services.checks_run(report_ids=[late.pk])
    body = client_for(actors.analyst).get("/en/monitoring/matrix/?year=2023").content.decode()
    assert "s-approved" in body and "s-draft" in body and "s-missing" in body
    assert "⚑1" in body
    assert "<svg" in body


def test_detail_page_shows_platform_figures_findings_and_audit(
    actors, client_for, submitted
) -> None:  # type: ignore[no-untyped-def]
    Finding.objects.create(
        report=submitted,
        kind="hours_per_volunteer",
        element_code="volunteer_hours",
        severity="warning",
        params={"per_volunteer": 200, "maximum": 120},
    )
    body = (
        client_for(actors.analyst).get(f"/ru/monitoring/reports/{submitted.pk}/").content.decode()
    )
    assert "Платформа" in body
    assert "operator.almaty@example.kz" in body
    assert "200 ч на волонтёра" in body


def test_finding_answer_never_redirects_off_site(actors, client_for, submitted) -> None:  # type: ignore[no-untyped-def]
    finding = Finding.objects.create(
        report=submitted, kind="completeness", severity="warning", params={"count": 1, "codes": []}
    )
    response = client_for(actors.operator).post(
        f"/en/monitoring/findings/{finding.pk}/respond/",
        {"state": "explained", "comment": "ok", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/monitoring/reports/{submitted.pk}/"


def test_prefill_from_the_platform_fills_only_empty_fields(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from asar.opportunities.models import Position

    today = dt.date.today()
    f.PositionFactory.create_batch(2, organization=actors.org)
    Position.objects.update(published_at=None)
    report = services.report_open(
        user=actors.operator, region=f.region("KZ-75"), year=today.year, month=today.month
    )
    response = client_for(actors.operator).post(
        f"/en/monitoring/reports/{report.pk}/edit/",
        {"orgs_registered": "44", "action": "prefill"},
    )
    assert response.status_code == 302
    values = {v.element.code: v.number for v in report.values.select_related("element")}
    assert values["orgs_registered"] == 44  # typed by the operator, kept
    assert values["positions_opened"] == 2  # measured by the platform
    measured = platform_measures.measures(
        region_id=report.region_id, year=today.year, month=today.month
    )
    assert values["orgs_initiative_groups"] == measured["orgs_initiative_groups"] >= 1
    assert report.audit_entries.filter(source="platform").exists()
    assert (
        client_for(actors.other_operator)
        .post(f"/en/monitoring/reports/{report.pk}/edit/", {"action": "prefill"})
        .status_code
        == 403
    )


def test_form_lists_the_fields_in_error_at_the_top(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = services.report_open(
        user=actors.operator, region=f.region("KZ-75"), year=2023, month=6
    )
    response = client_for(actors.operator).post(
        f"/en/monitoring/reports/{report.pk}/edit/",
        {"volunteers_total": "100", "volunteer_hours": "-5", "action": "save"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved: correct the fields marked in red." in body
    assert (
        '<a href="#f-volunteer_hours">Volunteer hours</a>: The number cannot be negative.' in body
    )
    assert not report.values.exists()


def test_refused_submission_says_what_was_saved_and_which_fields_are_empty(
    actors, client_for
) -> None:  # type: ignore[no-untyped-def]
    report = services.report_open(
        user=actors.operator, region=f.region("KZ-75"), year=2023, month=6
    )
    values = {k: str(v) for k, v in consistent_values(1000).items()}
    del values["positions_opened"]
    client = client_for(actors.operator)
    response = client.post(
        f"/en/monitoring/reports/{report.pk}/edit/",
        values | {"volunteers_women": "1", "action": "submit"},
    )
    body = response.content.decode()
    assert "Your changes were saved, but the report was not submitted" in body
    # the relation as it stands, not the one the rule asks for
    assert "Women plus men must equal the total number of volunteers. (401, not 1,000)" in body
    assert report.values.get(element__code="volunteers_women").number == 1
    response = client.post(
        f"/en/monitoring/reports/{report.pk}/edit/", values | {"action": "submit"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "1 required field is empty:" in body
    assert "Volunteer positions (vacancies) opened" in body


def test_an_empty_breakdown_needs_a_comment_not_a_correction(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    """A front office without the age breakdown explains it; it is not told "0 ≠ 1 000"."""
    report = services.report_open(
        user=actors.operator, region=f.region("KZ-75"), year=2023, month=6
    )
    values = {k: str(v) for k, v in consistent_values(1000).items()}
    for code in ("age_14_15", "age_16_18", "age_19_29", "age_30_35", "age_36_59", "age_60_plus"):
        values[code] = ""
    response = client_for(actors.operator).post(
        f"/en/monitoring/reports/{report.pk}/edit/",
        values | {"action": "submit", "warnings_comment": "No age breakdown this month."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"


def test_findings_of_an_approved_report_are_not_offered_for_an_answer(
    actors, client_for, submitted
) -> None:  # type: ignore[no-untyped-def]
    answerable = Finding.objects.create(
        report=submitted, kind="completeness", severity="warning", params={"count": 1, "codes": []}
    )
    locked_report = make_report(iso="KZ-75", year=2023, month=2)
    locked = Finding.objects.create(
        report=locked_report,
        kind="completeness",
        severity="warning",
        params={"count": 2, "codes": []},
    )
    client = client_for(actors.operator)
    mine = client.get("/en/monitoring/my/").content.decode()
    assert f"#finding-{answerable.pk}" in mine
    assert f"#finding-{locked.pk}" not in mine
    listing = client.get("/en/monitoring/findings/?year=2023").content.decode()
    assert f'action="/en/monitoring/findings/{answerable.pk}/respond/"' in listing
    assert f'action="/en/monitoring/findings/{locked.pk}/respond/"' not in listing


def test_findings_page_puts_critical_first_and_pages(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    for iso in ("KZ-75", "KZ-71"):
        for month in range(1, 13):
            report = make_report(iso=iso, year=2023, month=month)
            for kind in ("timeliness", "completeness", "no_population", "support_unspecified"):
                Finding.objects.create(
                    report=report,
                    kind=kind,
                    severity="info",
                    params={"days": 1, "deadline": "2023-01-05", "count": 1, "case": "none"},
                )
    copy = make_report(iso="KZ-79", year=2023, month=1)
    Finding.objects.create(
        report=copy,
        kind="duplicate_period",
        severity="critical",
        params={"year": 2022, "month": 1, "share": 100, "equal": 50, "compared": 50},
    )
    client = client_for(actors.analyst)
    first = client.get("/en/monitoring/findings/?year=2023").content.decode()
    assert first.index("Copy of an earlier period") < first.index("Submitted after the deadline")
    assert "Page 1 of 2" in first
    second = client.get("/en/monitoring/findings/?year=2023&page=2").content.decode()
    assert "Page 2 of 2" in second and "year=2023" in second


def test_return_without_a_comment_says_so_plainly(actors, client_for, submitted) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.analyst).post(
        f"/ru/monitoring/reports/{submitted.pk}/review/",
        {"action": "return", "comment": ""},
        follow=True,
    )
    body = response.content.decode()
    assert "Укажите, что нужно исправить." in body
    assert "comment:" not in body


def test_audit_trail_names_the_field_and_the_source_in_the_readers_language(
    actors, client_for, submitted
) -> None:  # type: ignore[no-untyped-def]
    body = (
        client_for(actors.analyst).get(f"/ru/monitoring/reports/{submitted.pk}/").content.decode()
    )
    audit = body[body.index("Журнал аудита") :]
    assert "Женщины" in audit and "<code>volunteers_women</code>" in audit
    assert "(форма)" in audit and "(form)" not in audit


def test_free_text_spans_the_row_and_is_left_as_written(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = services.report_open(
        user=actors.operator, region=f.region("KZ-75"), year=2023, month=6
    )
    services.report_save_values(
        user=actors.operator, report=report, raw={"notable_cases": "Flood relief"}
    )
    client = client_for(actors.operator)
    form = client.get(f"/en/monitoring/reports/{report.pk}/edit/").content.decode()
    assert '<td colspan="4">\n          <label for="f-notable_cases">' in form
    page = client.get(f"/en/monitoring/reports/{report.pk}/").content.decode()
    assert '<div class="mon-text">Flood relief</div>' in page


def test_a_copied_report_links_to_the_one_it_copies(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    original = make_report(iso="KZ-79", year=2022, month=12)
    copy = make_report(iso="KZ-79", year=2023, month=12, status="submitted")
    services.checks_run(report_ids=[copy.pk])
    assert copy.findings.filter(kind="duplicate_period").exists()
    body = client_for(actors.analyst).get(f"/en/monitoring/reports/{copy.pk}/").content.decode()
    assert (
        f'<a href="/en/monitoring/reports/{original.pk}/">Open the report for 12.2022</a>' in body
    )


def test_region_trend_states_the_platform_coverage(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    make_report(iso="KZ-75", year=2023, month=3, values={"volunteer_hours": 200})
    body = (
        client_for(actors.analyst).get("/en/monitoring/regions/KZ-75/?year=2023").content.decode()
    )
    assert "Platform coverage in 2023: 0% (0 hours confirmed on the platform of 200 reported)." in (
        body
    )
    assert '<text x="4" y="150" class="lbl">0</text>' in body  # the scale starts at zero


def test_fields_with_errors_are_listed_in_the_order_of_the_form(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = services.report_open(
        user=actors.operator, region=f.region("KZ-75"), year=2023, month=6
    )
    wrong = [
        "volunteers_total",
        "volunteers_men",
        "age_19_29",
        "emp_students",
        "volunteer_hours",
        "dev_hours",
    ]
    response = client_for(actors.operator).post(
        f"/en/monitoring/reports/{report.pk}/edit/",
        dict.fromkeys(wrong, "many") | {"action": "save"},
    )
    assert response.status_code == 400
    listed = [code for code, _label, _message in response.context["field_errors"]]
    assert listed == wrong
