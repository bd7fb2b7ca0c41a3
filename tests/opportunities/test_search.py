"""Search and filters, on the page (with HTMX) and in the API; full-text on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from asar.geo.models import ActivityForm
from asar.lib import formatting, pagination
from asar.opportunities import search
from asar.opportunities.models import Position
from asar.opportunities.selectors import SearchFilters, search_positions
from asar.organizations.models import Organization
from asar.volunteers.models import Skill
from tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def catalogue(actors):  # type: ignore[no-untyped-def]
    almaty = f.ProjectFactory(organization=actors.org, direction=f.direction("education"))
    shymkent = f.ProjectFactory(organization=actors.other_org, direction=f.direction("environment"))
    return {
        "tutor": f.PositionFactory(
            project=almaty,
            title_ru="Репетитор по математике",
            title_kk="Математика бойынша репетитор",
            title_en="Maths tutor",
            description_ru="Занятия со школьниками из детского дома",
            start_date=TODAY + dt.timedelta(days=10),
        ),
        "mentor": f.PositionFactory(
            project=almaty,
            title_ru="Волонтёр-наставник",
            title_kk="Тәлімгер-волонтер",
            title_en="Volunteer mentor",
            description_kk="Балалар үйінің түлектеріне тәлімгерлік",
            min_age=25,
            start_date=TODAY + dt.timedelta(days=40),
        ),
        "cleanup": f.PositionFactory(
            project=shymkent,
            title_ru="Субботник в парке",
            title_kk="Саябақтағы сенбілік",
            title_en="Park clean-up",
            description_en="Collect litter along the river",
            start_date=TODAY + dt.timedelta(days=3),
            end_date=TODAY + dt.timedelta(days=3),
        ),
        "online": f.PositionFactory(
            project=shymkent,
            title_ru="Онлайн-переводчик",
            title_en="Online translator",
            title_kk="",
            form=ActivityForm.ONLINE,
            region=None,
            start_date=TODAY + dt.timedelta(days=20),
        ),
        "draft": f.PositionFactory(
            project=almaty, title_ru="Черновик репетитор", status=Position.Status.DRAFT
        ),
        "ended": f.PositionFactory(
            project=almaty,
            title_ru="Прошедший репетитор",
            start_date=TODAY - dt.timedelta(days=30),
            end_date=TODAY - dt.timedelta(days=1),
        ),
    }


def _titles(user, **filters):  # type: ignore[no-untyped-def]
    return {p.title_en for p in search_positions(user=user, filters=SearchFilters(**filters))}


def test_only_published_current_positions(actors, catalogue) -> None:  # type: ignore[no-untyped-def]
    assert _titles(None_user()) == {
        "Maths tutor",
        "Volunteer mentor",
        "Park clean-up",
        "Online translator",
    }


def None_user():  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("репетитор", {"Maths tutor"}),
        ("Репетитор математике", {"Maths tutor"}),
        ("тәлімгер", {"Volunteer mentor"}),  # Kazakh, also matches the description
        ("litter", {"Park clean-up"}),  # English description
        ("translator", {"Online translator"}),
        ("nothing-like-this", set()),
        ("'); drop table x; --", set()),
    ],
)
def test_text_search_in_three_languages(actors, catalogue, q, expected) -> None:  # type: ignore[no-untyped-def]
    assert _titles(None_user(), q=q) == expected


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL statistics")
@pytest.mark.parametrize("estimate", [0.0, 1e9])
def test_statistics_choose_the_way_not_the_results(
    actors, catalogue, monkeypatch, estimate
) -> None:  # type: ignore[no-untyped-def]
    """Stale statistics (a rare word taken for common, or the other way round) cost time only."""
    monkeypatch.setattr(search, "estimated_matches", lambda text: estimate)
    assert _titles(actors.volunteer, q="репетитор") == {"Maths tutor"}
    assert _titles(actors.volunteer, q="тәлімгер") == {"Volunteer mentor"}
    assert _titles(actors.volunteer, q="translator", region=f.region("KZ-75").pk) == {
        "Online translator"
    }


def test_region_filter_keeps_online_positions(actors, catalogue) -> None:  # type: ignore[no-untyped-def]
    shymkent = f.region("KZ-79").pk
    assert _titles(None_user(), region=shymkent) == {"Park clean-up", "Online translator"}


def test_direction_form_and_dates(actors, catalogue) -> None:  # type: ignore[no-untyped-def]
    user = None_user()
    assert _titles(user, direction=f.direction("environment").pk) == {
        "Park clean-up",
        "Online translator",
    }
    assert _titles(user, form="online") == {"Online translator"}
    assert "Online translator" not in _titles(user, form="offline")
    assert _titles(user, date_to=TODAY + dt.timedelta(days=15)) == {"Maths tutor", "Park clean-up"}
    # the one-day clean-up ends before this range starts
    assert "Park clean-up" not in _titles(user, date_from=TODAY + dt.timedelta(days=5))


def test_fits_my_skills_and_age(actors, catalogue) -> None:  # type: ignore[no-untyped-def]
    translation = Skill.objects.get(code="translation")
    catalogue["online"].required_skills.add(translation)
    profile = actors.profile  # born in 2000: under 25 until 2025, over 25 after
    profile.birth_date = timezone.localdate().replace(year=timezone.localdate().year - 20)
    profile.save()
    assert _titles(actors.volunteer, fits_me=True) == {"Maths tutor", "Park clean-up"}
    profile.skills.add(translation)
    assert _titles(actors.volunteer, fits_me=True) == {
        "Maths tutor",
        "Park clean-up",
        "Online translator",
    }


def test_unverified_organisations_are_marked_and_refused_ones_hidden(
    actors, catalogue, client_for
) -> None:  # type: ignore[no-untyped-def]
    Organization.objects.filter(pk=actors.other_org.pk).update(
        verification=Organization.Verification.UNVERIFIED
    )
    html = client_for(None).get(reverse("opportunities:search")).content.decode()
    assert html.count("badge warn") == 2  # the clean-up and the translator
    Organization.objects.filter(pk=actors.other_org.pk).update(
        verification=Organization.Verification.REJECTED
    )
    assert _titles(None_user()) == {"Maths tutor", "Volunteer mentor"}


def test_a_wrong_filter_is_reported_and_the_others_still_apply(
    actors, catalogue, client_for
) -> None:  # type: ignore[no-untyped-def]
    """A date typed by hand or a region that no longer exists used to drop every filter: the
    visitor saw all positions with no word about why."""
    client = client_for(None)
    for wrong in ({"date_from": "31.02.2026"}, {"region": "999999"}):
        response = client.get("/en/positions/", {"q": "tutor", **wrong})
        assert response.status_code == 200
        titles = {p.title_en for p in response.context["page"].object_list}
        assert titles == {"Maths tutor"}, wrong
        assert 'id="filter-errors"' in response.content.decode()
    late, early = TODAY + dt.timedelta(days=20), TODAY + dt.timedelta(days=5)
    response = client.get(
        "/en/positions/",
        {"date_from": late.isoformat(), "date_to": early.isoformat()},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "The end date cannot be before the start date." in html
    # The end is left out; the start still applies: the 3-day clean-up is over by then.
    titles = {p.title_en for p in response.context["page"].object_list}
    assert "Park clean-up" not in titles and "Volunteer mentor" in titles


def test_htmx_request_returns_only_the_results(actors, catalogue, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(None)
    full = client.get(reverse("opportunities:search"), {"q": "репетитор"})
    assert "<html" in full.content.decode()
    partial = client.get(
        reverse("opportunities:search"), {"q": "репетитор"}, HTTP_HX_REQUEST="true"
    )
    html = partial.content.decode()
    assert "<html" not in html and "position-card" in html
    assert html.count("position-card") == 1


def test_search_page_and_api_query_counts_do_not_grow_with_results(
    actors, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    project = f.ProjectFactory(organization=actors.org)
    for _ in range(30):
        f.PositionFactory(project=project)
    client = client_for(actors.volunteer)
    # 14: one of them reads the 20 regions to list them in the alphabet of the page language.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("opportunities:search"), {"fits_me": "on"})
    assert len(response.context["page"].object_list) == 20
    with django_assert_max_num_queries(8):
        data = client.get("/api/v1/positions", {"page_size": 30}).json()
    assert data["count"] == 30 and len(data["results"]) == 30


def test_pagination(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    project = f.ProjectFactory(organization=actors.org)
    for _ in range(25):
        f.PositionFactory(project=project)
    page2 = client_for(None).get(reverse("opportunities:search"), {"page": 2})
    assert len(page2.context["page"].object_list) == 5
    data = client_for(None).get("/api/v1/positions", {"page": 2, "page_size": 20}).json()
    assert (data["count"], data["pages"], len(data["results"])) == (25, 2, 5)


def test_counts_stop_at_the_cap_and_say_there_are_more(actors, client_for, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Beyond the cap the page says "more than" and offers no page past it; the API says the
    count is not exact and returns empty pages there (deep offsets cost a full count)."""
    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 10)
    project = f.ProjectFactory(organization=actors.org)
    for _ in range(13):
        f.PositionFactory(project=project)
    client = client_for(None)
    page = client.get(reverse("opportunities:search"), {"page": 9}).context["page"]
    assert (page.paginator.count, page.paginator.more, page.paginator.num_pages) == (10, True, 1)
    assert page.number == 1 and len(page.object_list) == 10
    english = client.get("/en/positions/").content.decode()
    assert "More than 10 positions found" in english
    data = client.get("/api/v1/positions", {"page_size": 4}).json()
    assert (data["count"], data["count_exact"], data["pages"]) == (10, False, 3)
    assert client.get("/api/v1/positions", {"page_size": 4, "page": 4}).json()["results"] == []
    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 13)
    data = client.get("/api/v1/positions", {"page_size": 4, "page": 4}).json()
    assert (data["count"], data["count_exact"], len(data["results"])) == (13, True, 1)
    assert "13 positions found" in client.get("/en/positions/").content.decode()


def test_capped_count_reads_limited_subqueries(actors, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Each part of the results (open now, upcoming) is counted through a LIMIT, the second
    only up to what the first left of the cap."""
    project = f.ProjectFactory(organization=actors.org)
    for days in (-5, -3, 2, 4):
        f.PositionFactory(project=project, start_date=TODAY + dt.timedelta(days=days))
    results = search_positions(user=AnonymousUser(), filters=SearchFilters())
    with django_assert_num_queries(1) as captured:
        assert pagination.count_up_to(results, cap=1) == pagination.CappedCount(1, more=True)
    assert "LIMIT 2" in captured.captured_queries[0]["sql"]
    with django_assert_num_queries(2) as captured:
        assert pagination.count_up_to(results, cap=3) == pagination.CappedCount(3, more=True)
    assert ["LIMIT " + q["sql"].rsplit("LIMIT ", 1)[1].split(")")[0] for q in captured] == [
        "LIMIT 4",
        "LIMIT 2",
    ]
    assert pagination.count_up_to(results, cap=4) == pagination.CappedCount(4, more=False)
    # A page only needs to know how many of its rows are open now.
    assert [p.start_date for p in results[1:3]] == [
        TODAY - dt.timedelta(days=5),
        TODAY + dt.timedelta(days=2),
    ]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_postgresql_uses_the_full_text_index(actors, catalogue) -> None:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'opportunities_position_fts'"
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition.lower() and "to_tsvector" in definition
    qs = search_positions(user=None_user(), filters=SearchFilters(q="репетит"))
    assert {p.title_en for p in qs} == {"Maths tutor"}  # prefix match
    # Rare words come from the stored vector's GIN index (migration 0005).
    assert {p.pk for p in qs} <= set(search.matching_ids("репетит", limit=10))
    # The planner can use the index for the very expression the selector filters on.
    fts_only = (
        Position.objects.annotate(fts=search.search_vector())
        .filter(fts=search.tsquery("репетит"))
        .values("id")
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = fts_only.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "opportunities_position_fts" in plan


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "tutor"}, {"Maths tutor"}),
        ({"form": "online"}, {"Online translator"}),
        ({"region": "KZ-79"}, {"Park clean-up", "Online translator"}),
    ],
)
def test_api_search_has_the_same_filters(actors, catalogue, client_for, params, expected) -> None:  # type: ignore[no-untyped-def]
    if params.get("region"):
        params = {**params, "region": f.region(params["region"]).pk}
    data = client_for(None).get("/api/v1/positions", params).json()
    assert {r["title_en"] for r in data["results"]} == expected


def test_default_order_is_under_way_newest_first_then_upcoming_soonest_first(
    actors, client_for
) -> None:  # type: ignore[no-untyped-def]
    """A festival that opened in 2023 and never ended must not head the list: positions
    under way come first (the most recently started first), then those to come (soonest
    first), on the page and in the API alike."""
    today = timezone.localdate()
    project = f.ProjectFactory(organization=actors.org)

    def make(title: str, start: dt.date, end: dt.date | None = None) -> None:
        f.PositionFactory(project=project, title_en=title, start_date=start, end_date=end)

    make("stale since 2023", dt.date(2023, 1, 14))
    make("later", today + dt.timedelta(days=30))
    make("started last week", today - dt.timedelta(days=7), today + dt.timedelta(days=7))
    make("ended", today - dt.timedelta(days=9), today - dt.timedelta(days=1))
    make("tomorrow", today + dt.timedelta(days=1), today + dt.timedelta(days=1))
    make("started today", today)
    expected = ["started today", "started last week", "stale since 2023", "tomorrow", "later"]
    results = search_positions(user=None_user(), filters=SearchFilters())
    assert [p.title_en for p in results] == expected
    assert results.count() == len(results) == 5
    assert [p.title_en for p in results[2:4]] == ["stale since 2023", "tomorrow"]
    assert results[3].title_en == "tomorrow" and results[10:12] == []
    page = client_for(None).get(reverse("opportunities:search"))
    assert [p.title_en for p in page.context["page"].object_list] == expected
    data = client_for(None).get("/api/v1/positions", {"page": 2, "page_size": 2}).json()
    assert [r["title_en"] for r in data["results"]] == expected[2:4]
    # "From" a later day: what is still running then comes first, then what starts after it.
    later = search_positions(
        user=None_user(), filters=SearchFilters(date_from=today + dt.timedelta(days=10))
    )
    assert [p.title_en for p in later] == ["started today", "stale since 2023", "later"]


def test_cards_say_what_is_under_way_and_show_one_day_once(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    project = f.ProjectFactory(organization=actors.org)
    f.PositionFactory(project=project, start_date=today - dt.timedelta(days=3))
    one_day = today + dt.timedelta(days=5)
    f.PositionFactory(project=project, start_date=one_day, end_date=one_day)
    html = client_for(None).get("/en/positions/").content.decode()
    assert html.count("Under way") == 1
    assert "from " + formatting.date(today - dt.timedelta(days=3), "en", fmt="medium") in html
    day = formatting.date(one_day, "en", fmt="medium")
    assert day in html and f"{day} – {day}" not in html


@pytest.mark.parametrize(
    "q",
    ["волонтер продуктового", "ВОЛОНТЁР", "Волонтёр банка", "ұбт", "ҰБТ-ға", "Food BANK"],
)
def test_words_match_whatever_the_case_and_yo(actors, q) -> None:  # type: ignore[no-untyped-def]
    """Most people type "волонтер" for "волонтёр"; capitals must not matter in Kazakh or
    Russian either (SQLite's LIKE folds ASCII only; PostgreSQL's document folds ё)."""
    project = f.ProjectFactory(organization=actors.org)
    f.PositionFactory(
        project=project,
        title_ru="Волонтёр продуктового банка",
        title_kk="",
        title_en="Food bank volunteer",
        description_ru="",
        description_kk="Оқушыларды ҰБТ-ға дайындау",
    )
    f.PositionFactory(project=project, title_ru="Другое", title_en="Other", title_kk="")
    found = search_positions(user=None_user(), filters=SearchFilters(q=q))
    assert [p.title_en for p in found] == ["Food bank volunteer"]


def test_inflected_query_words_find_their_stem(actors) -> None:  # type: ignore[no-untyped-def]
    """Kazakh is agglutinative and Russian inflects: the form a visitor types often is not the
    form in the text (көлік / көлігі, автоволонтерлер / автоволонтер, волонтеры / волонтер)."""
    project = f.ProjectFactory(organization=actors.org)
    car = f.PositionFactory(
        project=project,
        title_kk="Көлігі бар автоволонтер",
        title_ru="Автоволонтёр с машиной",
        description_ru="Нужен волонтер с личным автомобилем",
    )
    book = f.PositionFactory(project=project, title_kk="Кітабы бар кітапхана көмекшісі")
    f.PositionFactory(project=project, title_kk="Саябақтағы сенбілік", title_ru="Субботник")

    def found(q: str) -> set[int]:
        filters = SearchFilters(q=q)
        return {p.pk for p in search_positions(user=AnonymousUser(), filters=filters)}

    assert found("көлік") == {car.pk}
    assert found("КӨЛІГІ") == {car.pk}
    assert found("автоволонтерлер") == {car.pk}
    assert found("волонтеры автомобиль") == {car.pk}
    assert found("кітап") == {book.pk}
    assert found("көлік кітап") == set()  # every word must still match
    assert search.variants("ел") == ["ел"]  # short words are matched as typed
