"""The coordinator stays where they were after an action (the same filter, the same page), and
publishes a draft from its own page."""

from __future__ import annotations

import re

import pytest

from asar.opportunities.models import Application, Position
from tests import factories as f
from tests.opportunities.factories import application

pytestmark = pytest.mark.django_db
S = Application.Status


def _post_forms(html: str) -> list[str]:
    """The position and decision forms of the manage page (not the header's)."""
    return [
        form
        for form in re.findall(r'<form method="post".*?</form>', html, flags=re.S)
        if "/status/" in form or "/decide/" in form
    ]


def _next_of(form: str) -> str | None:
    found = re.search(r'name="next" value="([^"]*)"', form)
    return found.group(1).replace("&amp;", "&") if found else None


@pytest.fixture
def second_page(actors):  # type: ignore[no-untyped-def]
    """Twelve positions of actors.org: the oldest, with an applicant, is on page 2."""
    project = f.ProjectFactory(organization=actors.org)
    positions = [f.PositionFactory(project=project) for _ in range(12)]
    oldest = positions[0]
    return oldest, application(oldest)


def test_every_form_of_the_manage_page_comes_back_to_it(actors, second_page, client_for) -> None:  # type: ignore[no-untyped-def]
    _oldest, app = second_page
    here = f"/en/positions/manage/{actors.org.pk}/?status=published&page=2"
    html = client_for(actors.coordinator).get(here).content.decode()
    assert f'id="applicant-{app.pk}"' in html
    forms = _post_forms(html)
    assert len(forms) >= 3  # Close, and at least one decision and the rejection
    assert {_next_of(form) for form in forms} == {here}


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/en/positions/manage/{org}/?page=2", "/en/positions/manage/{org}/?page=2"),
        ("https://evil.example/phish", "/kk/positions/manage/{org}/"),
        (None, "/kk/positions/manage/{org}/"),
    ],
)
def test_a_decision_without_htmx_returns_to_the_page_it_was_taken_on(
    actors, second_page, client_for, next_url, expected
) -> None:  # type: ignore[no-untyped-def]
    _oldest, app = second_page
    data = {"action": "shortlist"}
    if next_url:
        data["next"] = next_url.format(org=actors.org.pk)
    response = client_for(actors.coordinator).post(
        f"/kk/positions/applications/{app.pk}/decide/", data
    )
    assert response.status_code == 302
    assert response["Location"] == expected.format(org=actors.org.pk)
    app.refresh_from_db()
    assert app.status == S.SHORTLISTED


@pytest.mark.parametrize(
    ("posted", "current", "expected"),
    [
        # The form's own next: the manage page it was on.
        (
            "/en/positions/manage/{org}/?position={pos}",
            None,
            "/en/positions/manage/{org}/?position={pos}",
        ),
        # No next posted (an older page): the address the browser is on.
        (
            None,
            "http://testserver/en/positions/manage/{org}/?page=2",
            "/en/positions/manage/{org}/?page=2",
        ),
        # Neither on this site: the manage page.
        ("https://evil.example/", "https://evil.example/x?page=2", "/en/positions/manage/{org}/"),
    ],
)
def test_the_htmx_fragment_keeps_the_manage_pages_address(
    actors, second_page, client_for, posted, current, expected
) -> None:  # type: ignore[no-untyped-def]
    oldest, app = second_page
    fill = {"org": actors.org.pk, "pos": oldest.pk}
    data = {"action": "shortlist"}
    headers = {"HTTP_HX_REQUEST": "true"}
    if posted:
        data["next"] = posted.format(**fill)
    if current:
        headers["HTTP_HX_CURRENT_URL"] = current.format(**fill)
    response = client_for(actors.coordinator).post(
        f"/en/positions/applications/{app.pk}/decide/", data, **headers
    )
    assert response.status_code == 200
    forms = _post_forms(response.content.decode())
    assert forms
    assert {_next_of(form) for form in forms} == {expected.format(**fill)}


def test_closing_a_position_returns_to_the_same_page(actors, second_page, client_for) -> None:  # type: ignore[no-untyped-def]
    oldest, _app = second_page
    here = f"/en/positions/manage/{actors.org.pk}/?page=2"
    client = client_for(actors.coordinator)
    response = client.post(f"/en/positions/{oldest.pk}/status/", {"status": "closed", "next": here})
    assert response["Location"] == here
    oldest.refresh_from_db()
    assert oldest.status == Position.Status.CLOSED
    foreign = client.post(
        f"/en/positions/{oldest.pk}/status/", {"status": "published", "next": "//evil.example/"}
    )
    assert foreign["Location"] == f"/en/positions/manage/{actors.org.pk}/"


def test_a_draft_is_published_from_its_own_page(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    Position.objects.filter(pk=position.pk).update(status=Position.Status.DRAFT)
    url = f"/en/positions/{position.pk}/"
    client = client_for(actors.coordinator)
    html = client.get(url).content.decode()
    assert 'id="publish-button"' in html
    assert f'action="/en/positions/{position.pk}/status/"' in html
    assert f'href="/en/positions/{position.pk}/edit/"' in html
    response = client.post(
        f"/en/positions/{position.pk}/status/", {"status": "published", "next": url}
    )
    assert response["Location"] == url
    position.refresh_from_db()
    assert position.status == Position.Status.PUBLISHED and position.published_at is not None
    # Published: the button is gone; the volunteer's page never had it.
    assert 'id="publish-button"' not in client.get(url).content.decode()
    assert 'id="publish-button"' not in client_for(actors.volunteer).get(url).content.decode()


def test_others_cannot_see_or_publish_a_draft(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    Position.objects.filter(pk=position.pk).update(status=Position.Status.DRAFT)
    for user in (actors.other_coordinator, actors.volunteer, None):
        assert client_for(user).get(f"/en/positions/{position.pk}/").status_code == 404
    client_for(actors.other_coordinator).post(
        f"/en/positions/{position.pk}/status/", {"status": "published"}
    )
    position.refresh_from_db()
    assert position.status == Position.Status.DRAFT
