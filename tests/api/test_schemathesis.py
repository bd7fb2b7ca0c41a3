"""Property-based API testing: Schemathesis generates requests from /api/v1/openapi.json and
checks that no endpoint answers with a server error and that documented responses match
their schema — as an anonymous caller and as an administrator (who reaches every code path).

Operations are driven with Hypothesis directly (one test per caller) rather than through
Schemathesis's pytest plugin, whose collection hooks do not support pytest 9 yet.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from asar.accounts.tokens import api_token_create
from asar.wsgi import application

pytestmark = pytest.mark.heavy

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
EXAMPLES_PER_OPERATION = 12


@pytest.fixture(autouse=True)
def _keep_test_connection():  # type: ignore[no-untyped-def]
    """Schemathesis calls the WSGI app directly, not through Django's test client, so the
    request signals would close the test's connection (which lives inside a transaction)
    after the first request. Detach them, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _fuzz_every_operation(headers: dict[str, str]) -> list[str]:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    tested = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()
        tested.append(operation.label)
    return tested


@pytest.mark.django_db
def test_api_as_anonymous(actors) -> None:  # type: ignore[no-untyped-def]
    tested = _fuzz_every_operation({})
    assert "GET /api/v1/geo/regions" in tested


@pytest.mark.django_db
def test_api_as_admin(actors) -> None:  # type: ignore[no-untyped-def]
    token = api_token_create(user=actors.admin, name="fuzz")
    tested = _fuzz_every_operation({"Authorization": f"Token {token}"})
    assert len(tested) >= 3
