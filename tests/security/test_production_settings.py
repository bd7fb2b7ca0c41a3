"""The production profile: clean under ``check --deploy``, and it refuses to start on the
development defaults of the base settings (whatever DEBUG says)."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "asar.settings.production",
    "SECRET_KEY": "production-like-" + "k" * 50,
    "ALLOWED_HOSTS": "asar.example.kz",
    "DATABASE_URL": "postgresql://asar@127.0.0.1:5432/asar",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ASAR_SIGNING_KEY": base64.b64encode(b"\1" * 32).decode(),
}


def _run(code: str, **env: str | None) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DEBUG", "ASAR_", "CELERY_")) and k not in PRODUCTION
    }
    merged = {**clean, **PRODUCTION, **env}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={k: v for k, v in merged.items() if v is not None},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


CHECK = (
    "import sys; from django.core.management import execute_from_command_line;"
    "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
)


def test_check_deploy_reports_nothing() -> None:
    out = _run(CHECK)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip() == "System check identified no issues (0 silenced)."
    assert out.stderr.strip() == ""


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "ASAR_SIGNING_KEY", "REDIS_URL"]
)
def test_refuses_to_start_without_its_secrets_and_hosts(missing: str) -> None:
    out = _run(CHECK, **{missing: None})
    assert out.returncode != 0
    assert "ImproperlyConfigured" in out.stderr and missing in out.stderr


def test_never_keeps_the_development_keys_even_with_debug_set() -> None:
    out = _run(
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.DEBUG, s.SECRET_KEY == s.ASAR_IDENTIFIER_HASH_KEY, s.ASAR_SIGNING_KEY)",
        DEBUG="1",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "True", PRODUCTION["ASAR_SIGNING_KEY"]]
