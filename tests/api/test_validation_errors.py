"""Input that fails an operation's schema (422) comes back in the API's error shape, one entry
per field, each message in the caller's language (kk, ru; English otherwise)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from asar.api import api
from asar.core.api_errors import message
from tests import factories as f

pytestmark = pytest.mark.django_db

BAD_SEARCH = {"form": "space", "date_from": "17.05.2024", "page": "0", "page_size": "many"}

EXPECTED = {
    "kk": {
        "detail": "Қателерді түзетіңіз.",
        "form": "Мыналардың бірін таңдаңыз: '', 'offline', 'online', 'auto', 'pro_bono'.",
        "date_from": "Дұрыс күнді енгізіңіз (YYYY-MM-DD).",
        "page": "Кемінде 1 болатын мән енгізіңіз.",
        "page_size": "Бүтін сан енгізіңіз.",
    },
    "ru": {
        "detail": "Исправьте ошибки.",
        "form": "Выберите одно из значений: '', 'offline', 'online', 'auto', 'pro_bono'.",
        "date_from": "Введите правильную дату (YYYY-MM-DD).",
        "page": "Введите значение не меньше 1.",
        "page_size": "Введите целое число.",
    },
    "en": {
        "detail": "Please correct the errors.",
        "form": "Choose one of: '', 'offline', 'online', 'auto', 'pro_bono'.",
        "date_from": "Enter a valid date (YYYY-MM-DD).",
        "page": "Enter a value of at least 1.",
        "page_size": "Enter a whole number.",
    },
}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_query_errors_are_translated_per_field(language: str) -> None:
    response = Client().get("/api/v1/positions", BAD_SEARCH, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 422
    expected = EXPECTED[language]
    assert response.json() == {
        "detail": expected["detail"],
        "errors": {name: [expected[name]] for name in BAD_SEARCH},
    }


def test_a_token_caller_is_answered_in_the_accounts_language_unless_it_asks() -> None:
    from asar.accounts.tokens import api_token_create

    user = f.UserFactory(preferred_language="ru")
    token = api_token_create(user=user, name="script")
    client = Client(headers={"authorization": f"Token {token}"})
    russian = {"page": ["Введите значение не меньше 1."]}
    assert client.get("/api/v1/positions", {"page": "0"}).json()["errors"] == russian
    assert client.get("/api/v1/hours/entries", {"page": "0"}).json()["errors"] == russian
    asked = client.get("/api/v1/positions", {"page": "0"}, HTTP_ACCEPT_LANGUAGE="en")
    assert asked.json()["errors"] == {"page": ["Enter a value of at least 1."]}
    # The next request without a token is not left in the account's language.
    assert Client().get("/api/v1/positions", {"page": "0"}).json()["errors"] == {
        "page": ["Кемінде 1 болатын мән енгізіңіз."]
    }


def test_the_language_cookie_wins_over_the_header() -> None:
    client = Client()
    client.cookies["django_language"] = "ru"
    response = client.get("/api/v1/positions", {"page": "0"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"] == {"page": ["Введите значение не меньше 1."]}


@pytest.mark.parametrize(
    ("language", "missing", "too_long", "not_a_number"),
    [
        (
            "kk",
            "Бұл өрісті толтыру міндетті.",
            "Ең көбі 255 таңба енгізіңіз.",
            "Бүтін сан енгізіңіз.",
        ),
        ("ru", "Это поле обязательно.", "Введите не более 255 символов.", "Введите целое число."),
        ("en", "This field is required.", "Enter at most 255 characters.", "Enter a whole number."),
    ],
)
def test_body_errors_name_the_field_inside_the_body(
    actors, client_for, language, missing, too_long, not_a_number
) -> None:  # type: ignore[no-untyped-def]
    position = f.PositionFactory()
    payload = {
        "position_id": position.id,
        "motivations": ["learn", "friends", "career", "team"],
        "qualities": {"sociability": "very"},
        "preferred_activities": [{"x": 1}],
        "motivation_other": "x" * 300,
    }
    response = client_for(actors.volunteer).post(
        "/api/v1/applications",
        json.dumps(payload),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["availability"] == [missing]  # not "payload.availability"
    assert errors["qualities.sociability"] == [not_a_number]
    assert errors["motivation_other"] == [too_long]
    assert errors["preferred_activities.0"]  # a wrong code inside a list: its index


def test_a_missing_body_lists_every_required_field(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.volunteer).post(
        "/api/v1/applications", content_type="application/json", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 422
    required = ["position_id", "motivations", "qualities", "availability", "preferred_activities"]
    assert response.json()["errors"] == {key: ["Это поле обязательно."] for key in required}
    response = client_for(actors.volunteer).post(
        "/api/v1/hours/entries",
        json.dumps({"date": "2024-05-17", "hours": "2", "beneficiaries": {}}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.json()["errors"] == {"beneficiaries": ["Введите целое число."]}


@pytest.mark.parametrize(
    ("language", "detail", "message"),
    [
        ("kk", "Сұраудың денесі дұрыс JSON емес.", "Дұрыс JSON жіберіңіз."),
        ("ru", "Тело запроса — не корректный JSON.", "Передайте корректный JSON."),
        ("en", "The request body is not valid JSON.", "Enter valid JSON."),
    ],
)
def test_a_body_that_is_not_json_is_refused_in_the_callers_language(
    actors, client_for, language, detail, message
) -> None:  # type: ignore[no-untyped-def]
    for body in (b'{"date": "2024-05-17", "hours": 2', b"\xff\xfe not even text"):
        response = client_for(actors.volunteer).post(
            "/api/v1/hours/entries",
            body,
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert response.status_code == 400
        assert response.json() == {"detail": detail, "errors": {"__all__": [message]}}


def test_an_unknown_region_is_named_in_the_callers_language(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.analyst).get(
        "/api/v1/reports/value", {"year": 2024, "region": "KZ-XX"}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "Нет такого региона."}


def test_path_errors_and_lengths(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/passport/verify/not-a-uuid", HTTP_ACCEPT_LANGUAGE="kk")
    assert response.json()["errors"] == {"certificate_id": ["Дұрыс UUID енгізіңіз."]}
    response = client_for(actors.volunteer).post(
        "/api/v1/accounts/tokens",
        json.dumps({"name": ""}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"name": ["Введите не менее 1 символа."]}


@pytest.mark.parametrize(
    ("error", "kk", "ru"),
    [
        (
            {"type": "string_too_long", "ctx": {"max_length": 5}},
            "Ең көбі 5 таңба енгізіңіз.",
            "Введите не более 5 символов.",
        ),
        (
            {"type": "less_than_equal", "ctx": {"le": 24}},
            "Ең көбі 24 болатын мән енгізіңіз.",
            "Введите значение не больше 24.",
        ),
        ({"type": "bool_parsing"}, "true немесе false мәнін беріңіз.", "Укажите true или false."),
        (
            {"type": "datetime_parsing"},
            "Дұрыс күн мен уақытты енгізіңіз (ISO 8601, мысалы 2024-05-17T10:00:00+05:00).",
            "Введите правильные дату и время (ISO 8601, например 2024-05-17T10:00:00+05:00).",
        ),
        (
            {"type": "decimal_max_places", "ctx": {"decimal_places": 2}},
            "Үтірден кейін ең көбі 2 цифр енгізіңіз.",
            "Введите не более 2 знаков после запятой.",
        ),
        (
            {"type": "enum", "ctx": {"expected": "'kk', 'ru' or 'en'"}},
            "Мыналардың бірін таңдаңыз: 'kk', 'ru', 'en'.",
            "Выберите одно из значений: 'kk', 'ru', 'en'.",
        ),
        ({"type": "list_type"}, "Тізім беріңіз.", "Передайте список."),
        (
            {"type": "string_pattern_mismatch", "ctx": {"pattern": "^a$"}},
            "Мәнді күтілетін пішімде енгізіңіз.",
            "Введите значение в ожидаемом формате.",
        ),
    ],
)
def test_common_error_types_are_translated(error, kk: str, ru: str) -> None:  # type: ignore[no-untyped-def]
    from django.utils import translation

    with translation.override("kk"):
        assert message(error) == kk
    with translation.override("ru"):
        assert message(error) == ru


def test_an_unusual_error_type_keeps_pydantic_english() -> None:
    assert message({"type": "complex_type", "msg": "Input should be complex"}) == (
        "Input should be complex"
    )


def test_the_openapi_document_describes_the_422() -> None:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    assert "Languages and errors" in schema["info"]["description"]
    responses = schema["paths"]["/api/v1/reports/dashboard"]["get"]["responses"]
    ref = responses[422]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/ValidationErrorOut")
    out = schema["components"]["schemas"]["ValidationErrorOut"]
    assert set(out["required"]) == {"detail", "errors"}
    # An operation without parameters cannot fail validation: no 422 listed.
    assert 422 not in schema["paths"]["/api/v1/geo/regions"]["get"]["responses"]
