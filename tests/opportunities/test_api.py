"""The JSON API: owner coordinator, other coordinator, volunteer, other volunteer, anonymous."""

from __future__ import annotations

import pytest

from asar.accounts.tokens import api_token_create
from asar.opportunities import services
from asar.opportunities.models import Application, Position
from tests.opportunities.factories import answers, application

pytestmark = pytest.mark.django_db
S = Application.Status


def _payload(position, **overrides):  # type: ignore[no-untyped-def]
    data = answers(**overrides)
    data["position_id"] = position.pk
    return data


def _who(actors, name):  # type: ignore[no-untyped-def]
    return None if name == "anonymous" else getattr(actors, name)


def test_position_detail_is_public(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    data = client_for(None).get(f"/api/v1/positions/{position.pk}").json()
    assert data["id"] == position.pk and data["places_left"] == 2
    assert data["organization_verified"] is True
    Position.objects.filter(pk=position.pk).update(status=Position.Status.DRAFT)
    assert client_for(None).get(f"/api/v1/positions/{position.pk}").status_code == 404
    assert client_for(None).get("/api/v1/positions/999999").status_code == 404


def test_apply_with_a_token(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    token = api_token_create(user=actors.volunteer, name="phone")
    response = client_for(None).post(
        "/api/v1/applications",
        _payload(position),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "applied"


def test_apply_needs_authentication(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(None).post(
        "/api/v1/applications", _payload(position), content_type="application/json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"motivations": ["learn", "friends", "career", "team"]}, "motivations"),
        ({"qualities": {"sociability": 7}}, "quality_persuasion"),
        ({"preferred_activities": []}, "preferred_activities"),
    ],
)
def test_invalid_questionnaire_is_422_with_field_errors(
    actors, position, client_for, overrides, field
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.volunteer).post(
        "/api/v1/applications", _payload(position, **overrides), content_type="application/json"
    )
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Application.objects.exists()


def test_missing_required_field_is_422(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    payload = _payload(position)
    del payload["motivations"]
    response = client_for(actors.volunteer).post(
        "/api/v1/applications", payload, content_type="application/json"
    )
    assert response.status_code == 422


def test_age_rule_in_the_api(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    position.min_age = 25
    position.save()
    profile = actors.profile
    profile.birth_date = profile.birth_date.replace(year=position.start_date.year - 20)
    profile.save()
    response = client_for(actors.volunteer).post(
        "/api/v1/applications", _payload(position), content_type="application/json"
    )
    assert response.status_code == 422
    assert "25" in response.json()["errors"]["__all__"][0]


def test_duplicate_and_no_profile(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.volunteer)
    assert (
        client.post(
            "/api/v1/applications", _payload(position), content_type="application/json"
        ).status_code
        == 201
    )
    assert (
        client.post(
            "/api/v1/applications", _payload(position), content_type="application/json"
        ).status_code
        == 409
    )
    coordinator = client_for(actors.coordinator)
    assert (
        coordinator.post(
            "/api/v1/applications", _payload(position), content_type="application/json"
        ).status_code
        == 403
    )


def test_my_applications_are_only_mine(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    mine = application(position, actors.profile)
    application(position, actors.other_volunteer.volunteer_profile)
    data = client_for(actors.volunteer).get("/api/v1/applications").json()
    assert [a["id"] for a in data] == [mine.pk]
    assert client_for(None).get("/api/v1/applications").status_code == 401


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 200),
        ("admin", 200),
        ("other_coordinator", 404),
        ("volunteer", 403),
        ("other_volunteer", 404),
        ("anonymous", 401),
    ],
)
def test_coordinator_transition(actors, position, client_for, who, status) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile)
    response = client_for(_who(actors, who)).post(
        f"/api/v1/applications/{app.pk}/transition",
        {"action": "accept"},
        content_type="application/json",
    )
    assert response.status_code == status
    app.refresh_from_db()
    assert app.status == (S.ACCEPTED if status == 200 else S.APPLIED)


def test_transition_errors(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile)
    client = client_for(actors.coordinator)
    url = f"/api/v1/applications/{app.pk}/transition"
    assert client.post(url, {"action": "fly"}, content_type="application/json").status_code == 422
    response = client.post(url, {"action": "reject"}, content_type="application/json")
    assert response.status_code == 422 and "reason" in response.json()["errors"]
    assert (
        client.post(url, {"action": "complete"}, content_type="application/json").status_code == 409
    )


def test_volunteer_withdraws_through_the_api(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile)
    response = client_for(actors.volunteer).post(
        f"/api/v1/applications/{app.pk}/transition",
        {"action": "withdraw"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


@pytest.mark.parametrize(
    ("who", "status"),
    [("coordinator", 200), ("other_coordinator", 403), ("volunteer", 403), ("anonymous", 403)],
)
def test_applicants_with_health_data_only_for_the_coordinators(
    actors, position, client_for, who, status
) -> None:  # type: ignore[no-untyped-def]
    application(position, actors.profile, health_restrictions="Asthma")
    response = client_for(_who(actors, who)).get(f"/api/v1/positions/{position.pk}/applications")
    if who == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == status
    if status == 200:
        assert response.json()[0]["health_restrictions"] == "Asthma"


@pytest.mark.parametrize(
    ("who", "status"), [("volunteer", 200), ("other_volunteer", 404), ("other_coordinator", 404)]
)
def test_agreement_through_the_api(actors, position, client_for, who, status) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile)
    services.application_transition(
        actor=actors.coordinator, application_id=app.pk, action="accept"
    )
    client = client_for(getattr(actors, who))
    url = f"/api/v1/applications/{app.pk}/agreement"
    read = client.get(url)
    assert read.status_code == status
    digest = app.agreement.content_sha256
    response = client.post(f"{url}/accept", {"content_sha256": digest}, "application/json")
    assert response.status_code == status
    if status == 200:
        assert read.json()["content_sha256"] == digest
        assert response.json()["accepted_at"]
        again = client.post(f"{url}/accept", {"content_sha256": digest}, "application/json")
        assert again.status_code == 409
    coordinator = client_for(actors.coordinator)
    assert coordinator.get(f"/api/v1/applications/{app.pk}/agreement").status_code == 200


def test_nul_characters_are_refused_not_crashing(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.volunteer).post(
        "/api/v1/applications",
        _payload(position, experience_with_people="a\x00b"),
        content_type="application/json",
    )
    assert response.status_code in (400, 422)  # refused as bad input, never a server error
    assert client_for(None).get("/api/v1/positions", {"q": "a\x00b"}).status_code in (200, 400, 422)


def test_no_credentials_is_401_not_a_csrf_failure(actors, position) -> None:  # type: ignore[no-untyped-def]
    """An API client with no session cookie — or a wrong token — is told it is not
    authenticated; CSRF still guards the browser's session."""
    from django.test import Client

    from tests.opportunities.factories import answers as make_answers

    client = Client(enforce_csrf_checks=True)
    body = {**make_answers(), "position_id": position.pk}
    response = client.post("/api/v1/applications", body, content_type="application/json")
    assert response.status_code == 401
    response = client.post(
        "/api/v1/applications",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer wrong",
    )
    assert response.status_code == 401
    client.force_login(actors.volunteer)
    response = client.post("/api/v1/applications", body, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"region": 999_999}, "region"),
        ({"direction": 999_999}, "direction"),
        ({"organization": 999_999}, "organization"),
    ],
)
def test_search_refuses_unknown_references(actors, client_for, params, field) -> None:  # type: ignore[no-untyped-def]
    response = client_for(None).get("/api/v1/positions", params, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    assert response.json()["errors"] == {field: ["Неизвестное значение."]}


def test_search_refuses_an_unknown_form(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(None).get("/api/v1/positions", {"form": "space"}).status_code == 422
    assert client_for(None).get("/api/v1/positions", {"form": "pro_bono"}).status_code == 200


def test_openapi_lists_the_questionnaire_codes(client_for) -> None:  # type: ignore[no-untyped-def]
    from asar.opportunities import questionnaire as qn

    schema = client_for(None).get("/api/v1/openapi.json").json()["components"]["schemas"]
    answers_schema = schema["ApplicationIn"]["properties"]
    assert answers_schema["motivations"]["items"]["enum"] == list(qn.Motivation.values)
    assert answers_schema["preferred_activities"]["items"]["enum"] == list(qn.Activity.values)
    assert set(answers_schema["qualities"]["properties"]) == set(qn.Quality.values)
    assert "accept" in schema["TransitionIn"]["properties"]["action"]["enum"]


def test_coordinators_read_every_answer_and_errors_speak_the_callers_language(
    actors, position, client_for
) -> None:  # type: ignore[no-untyped-def]
    application(
        position,
        actors.profile,
        motivations=["other"],
        motivation_other="My grandmother",
        residence="over_10",
    )
    rows = client_for(actors.coordinator).get(f"/api/v1/positions/{position.pk}/applications")
    row = rows.json()[0]
    assert (row["motivation_other"], row["residence"]) == ("My grandmother", "over_10")
    refused = client_for(actors.other_coordinator).get(
        f"/api/v1/positions/{position.pk}/applications", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert refused.status_code == 403 and "координатор" in refused.json()["detail"]
    missing = client_for(actors.volunteer).get(
        "/api/v1/applications/999999/agreement", HTTP_ACCEPT_LANGUAGE="kk"
    )
    assert missing.status_code == 404 and missing.json()["detail"] != "Not found."


def _accepted_in(actors, position, language):  # type: ignore[no-untyped-def]
    actors.volunteer.preferred_language = language
    actors.volunteer.save()
    app = application(position, actors.profile)
    services.application_transition(
        actor=actors.coordinator, application_id=app.pk, action="accept"
    )
    return app


def test_the_volunteer_reads_the_agreement_in_a_chosen_language_and_accepts_exactly_it(
    actors, position, client_for
) -> None:  # type: ignore[no-untyped-def]
    """As on the page: generated in Kazakh, read in Russian over the API, and the Russian text
    read is what gets accepted and frozen."""
    app = _accepted_in(actors, position, "kk")
    volunteer = client_for(actors.volunteer)
    url = f"/api/v1/applications/{app.pk}/agreement"
    stored = volunteer.get(url).json()
    assert stored["language"] == "kk" and stored["text"].startswith("ВОЛОНТЕРДІҢ")
    read = volunteer.get(url, {"language": "ru"}).json()
    assert read["language"] == "ru" and read["text"].startswith("СОГЛАШЕНИЕ")
    assert read["content_sha256"] == services.sha256(read["text"])
    # Nothing is stored by reading.
    app.agreement.refresh_from_db()
    assert app.agreement.language == "kk"
    response = volunteer.post(
        f"{url}/accept",
        {"language": "ru", "content_sha256": read["content_sha256"]},
        "application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["language"], body["text"]) == ("ru", read["text"]) and body["accepted_at"]
    app.agreement.refresh_from_db()
    assert app.agreement.text == read["text"]
    assert app.agreement.content_sha256 == read["content_sha256"]
    assert app.agreement.accepted_by == actors.volunteer
    # Accepted: frozen, whatever language is asked for.
    assert volunteer.get(url, {"language": "en"}).json()["text"] == read["text"]


def test_accepting_a_text_other_than_the_one_read_is_refused(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    app = _accepted_in(actors, position, "kk")
    volunteer = client_for(actors.volunteer)
    url = f"/api/v1/applications/{app.pk}/agreement"
    kazakh = volunteer.get(url).json()
    accept = f"{url}/accept"
    # The Kazakh digest does not accept the Russian text.
    wrong = volunteer.post(
        accept,
        {"language": "ru", "content_sha256": kazakh["content_sha256"]},
        "application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert wrong.status_code == 409
    assert (
        wrong.json()["detail"]
        == "Соглашение изменилось с тех пор, как вы его открыли. Прочитайте его ещё раз."
    )
    # A text changed after it was read.
    services.agreement_update_text(agreement_id=app.agreement.pk, text=kazakh["text"] + "\n+")
    assert (
        volunteer.post(
            accept, {"content_sha256": kazakh["content_sha256"]}, "application/json"
        ).status_code
        == 409
    )
    # Bad input: no digest, not a digest, an unknown language.
    assert volunteer.post(accept, {}, "application/json").status_code == 422
    assert volunteer.post(accept, {"content_sha256": "abc"}, "application/json").status_code == 422
    bad_language = {"content_sha256": kazakh["content_sha256"], "language": "de"}
    assert volunteer.post(accept, bad_language, "application/json").status_code == 422
    assert volunteer.get(url, {"language": "de"}).status_code == 422
    app.agreement.refresh_from_db()
    assert app.agreement.accepted_at is None and app.agreement.language == "kk"


def test_coordinators_read_the_stored_agreement_and_cannot_accept_it(
    actors, position, client_for
) -> None:  # type: ignore[no-untyped-def]
    app = _accepted_in(actors, position, "kk")
    coordinator = client_for(actors.coordinator)
    url = f"/api/v1/applications/{app.pk}/agreement"
    read = coordinator.get(url, {"language": "ru"}).json()
    assert read["language"] == "kk" and read["content_sha256"] == app.agreement.content_sha256
    response = coordinator.post(
        f"{url}/accept", {"content_sha256": read["content_sha256"]}, "application/json"
    )
    assert response.status_code == 403


def test_openapi_documents_the_agreement_language_and_digest(client_for) -> None:  # type: ignore[no-untyped-def]
    document = client_for(None).get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    accept_in = schemas["AgreementAcceptIn"]
    assert accept_in["required"] == ["content_sha256"]
    assert accept_in["properties"]["content_sha256"]["pattern"] == "^[0-9a-f]{64}$"
    read = document["paths"]["/api/v1/applications/{application_id}/agreement"]["get"]
    assert "language" in [p["name"] for p in read["parameters"]]
    accept = document["paths"]["/api/v1/applications/{application_id}/agreement/accept"]["post"]
    assert {"200", "403", "404", "409", "422"} <= set(accept["responses"])


def test_selection_refusals_through_the_api(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    """The same rules as on the pages: no waiting list while places are free, no shortlisting
    off the waiting list, no start before the position's start date — 409, in the caller's
    language, nothing changed."""
    client = client_for(actors.coordinator)

    def move(app, action, language="en"):  # type: ignore[no-untyped-def]
        return client.post(
            f"/api/v1/applications/{app.pk}/transition",
            {"action": action},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        )

    app = application(position, actors.profile)
    refused = move(app, "waitlist", "ru")
    assert refused.status_code == 409 and "примите кандидата" in refused.json()["detail"]
    assert move(app, "accept").status_code == 200
    refused = move(app, "activate", "kk")
    assert refused.status_code == 409 and "басталу күні" in refused.json()["detail"]
    waiting = application(position, status=S.WAITLISTED)
    refused = move(waiting, "shortlist", "en")
    assert refused.status_code == 409 and "keeps their place" in refused.json()["detail"]
    app.refresh_from_db()
    waiting.refresh_from_db()
    assert (app.status, waiting.status) == (S.ACCEPTED, S.WAITLISTED)
