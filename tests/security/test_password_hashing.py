"""Passwords are hashed with Argon2 in production; older hashes are upgraded on sign-in."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import identify_hasher, make_password
from django.test import Client

from asar import settings as base_settings
from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_put_argon2_first() -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG"))},
        "DJANGO_SETTINGS_MODULE": "asar.settings.production",
        "DEBUG": "0",
        "SECRET_KEY": "production-like-" + "k" * 50,
        "ALLOWED_HOSTS": "asar.example.kz",
        "DATABASE_URL": "postgresql://asar@127.0.0.1:5432/asar",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "ASAR_SIGNING_KEY": base64.b64encode(b"\1" * 32).decode(),
    }
    code = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "from django.contrib.auth.hashers import make_password, identify_hasher;"
        "print(settings.DEBUG, settings.PASSWORD_HASHERS[0]);"
        "print(identify_hasher(make_password('correct horse battery staple')).algorithm)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [
        "False",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "argon2",
    ]


@pytest.mark.django_db
def test_an_older_hash_is_upgraded_to_argon2_at_sign_in(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = base_settings.PASSWORD_HASHERS  # the real list, not the tests'
    user = f.UserFactory(email="legacy@example.kz", username="legacy@example.kz")
    user.password = make_password("correct-horse-42", hasher="pbkdf2_sha256")
    user.save()
    response = Client().post(
        "/en/accounts/login/", {"username": "legacy@example.kz", "password": "correct-horse-42"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
