"""Sign-in rate limiting (asar.accounts.throttle): failures per (e-mail, client address),
lockout even for the right password, per-language message, nothing secret in the logs."""

from __future__ import annotations

import logging
import time
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from asar.accounts import throttle
from tests import factories as f

pytestmark = pytest.mark.django_db

EMAIL = "Aigerim.Private@Example.kz"
PASSWORD = "correct-horse-42"


@pytest.fixture(autouse=True)
def _limits(settings) -> None:  # type: ignore[no-untyped-def]
    settings.ASAR_LOGIN_MAX_FAILURES = 3
    settings.ASAR_LOGIN_LOCKOUT_SECONDS = 600


@pytest.fixture
def user(db: None):  # type: ignore[no-untyped-def]
    return f.UserFactory(email=EMAIL.lower(), username=EMAIL.lower())


def _login(
    client: Client, password: str, *, email: str = EMAIL, lang: str = "en", ip: str = "203.0.113.5"
):  # type: ignore[no-untyped-def]
    with translation.override(lang):
        url = reverse("accounts:login")
    return client.post(url, {"username": email, "password": password}, REMOTE_ADDR=ip)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_lockout_after_max_failures_refuses_even_the_right_password(user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for _ in range(2):
        response = _login(client, "wrong-password")
        assert response.status_code == 200  # the usual "wrong e-mail or password"
    response = _login(client, "wrong-password")  # the third failure locks
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()

    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("kk", "Кіру әрекеттері тым көп рет сәтсіз аяқталды. 10 мин күтіп"),
        ("ru", "Слишком много неудачных попыток входа. Подождите 10 мин."),
        ("en", "Too many failed sign-in attempts. Wait 10 min and try again."),
    ],
)
def test_lockout_message_in_each_language(user, lang: str, text: str) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for _ in range(3):
        response = _login(client, "wrong-password", lang=lang)
    assert response.status_code == 429
    assert text in response.content.decode()


def test_wrong_password_message_is_asars_own(user) -> None:  # type: ignore[no-untyped-def]
    """Django's "Please enter a correct %(username)s and password" has no Kazakh translation:
    the kk page showed it in English with the field's Kazakh name in the middle."""
    response = _login(Client(), "wrong-password")
    html = response.content.decode()
    assert "The e-mail or the password is not right. The password is case-sensitive." in html
    for lang in ("kk", "ru"):
        html = _login(Client(), "wrong-password", lang=lang, ip="198.51.100.9").content.decode()
        assert "Please enter a correct" not in html, lang


def test_counted_per_email_and_address(user) -> None:  # type: ignore[no-untyped-def]
    other = f.UserFactory(email="other@example.kz", username="other@example.kz")
    client = Client()
    for _ in range(3):
        _login(client, "wrong-password")
    assert _login(client, PASSWORD).status_code == 429
    # The same account from another address, and another account from the same address.
    assert _login(Client(), PASSWORD, ip="198.51.100.7").status_code == 302
    assert _login(Client(), PASSWORD, email=other.email).status_code == 302
    # Letter case does not make a new counter.
    assert _login(Client(), PASSWORD, email=EMAIL.upper()).status_code == 429


def test_success_clears_the_count(user) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        _login(Client(), "wrong-password")
    assert _login(Client(), PASSWORD).status_code == 302
    for _ in range(2):
        _login(Client(), "wrong-password")
    assert _login(Client(), PASSWORD).status_code == 302  # 2 + 2 failures, never 3 in a row


def test_lockout_ends_after_the_window(user, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ASAR_LOGIN_LOCKOUT_SECONDS = 1
    for _ in range(3):
        _login(Client(), "wrong-password")
    assert _login(Client(), PASSWORD).status_code == 429
    time.sleep(1.2)
    client = Client()
    assert _login(client, PASSWORD).status_code == 302
    assert _signed_in(client)


def test_admin_sign_in_is_limited_too(user) -> None:  # type: ignore[no-untyped-def]
    user.is_staff = True
    user.save()
    with translation.override("en"):
        url = reverse("admin:login")
    for _ in range(3):
        client = Client()
        client.post(url, {"username": EMAIL, "password": "nope"}, REMOTE_ADDR="203.0.113.5")
    client = Client()
    response = client.post(
        url, {"username": EMAIL, "password": PASSWORD}, REMOTE_ADDR="203.0.113.5"
    )
    assert response.status_code == 200
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert not _signed_in(client)


def test_logs_never_hold_the_password_or_the_full_email(user, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    secret = "s3cret-Guess-%d"
    for n in range(4):
        _login(Client(), secret % n)
    _login(Client(), PASSWORD)
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "sign-in locked" in text
    assert "a***@example.kz" in text
    assert EMAIL.lower() not in text.lower()
    assert "s3cret" not in text and PASSWORD not in text


def test_cache_keys_do_not_carry_the_email() -> None:
    throttle.login_failed(username=EMAIL, address="203.0.113.5")
    keys = [str(k) for k in cache._cache]  # type: ignore[attr-defined]  # locmem internals
    assert keys and not any("example" in k.lower() for k in keys)


def test_counts_in_redis_as_in_production(settings) -> None:  # type: ignore[no-untyped-def]
    """The production cache backend: incr() on Redis is atomic across processes."""
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"asar-test-{uuid.uuid4().hex}",  # never another run's keys
        }
    }
    assert not throttle.login_failed(username=EMAIL, address="203.0.113.5")
    assert not throttle.login_failed(username=EMAIL, address="203.0.113.5")
    assert throttle.login_failed(username=EMAIL, address="203.0.113.5")
    assert 590 < throttle.lockout_remaining(username=EMAIL, address="203.0.113.5") <= 600
    # Deletes our two keys only (cache.clear() would flush a database others share).
    throttle.login_succeeded(username=EMAIL, address="203.0.113.5")
    assert throttle.lockout_remaining(username=EMAIL, address="203.0.113.5") == 0
