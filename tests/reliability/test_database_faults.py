"""The database going away mid-request: a clean 503, and nothing half-written."""

from __future__ import annotations

import psycopg
import pytest
from django.db import DatabaseError, connection, transaction

from asar.organizations.models import Organization
from tests import factories as f

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="kills a PostgreSQL backend"),
]


def _kill_current_backend() -> None:
    """Terminate this Django connection's server process from a second connection."""
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    params["dbname"] = params.pop("dbname", None) or connection.settings_dict["NAME"]
    with psycopg.connect(autocommit=True, **params) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.parametrize(
    ("path", "kind"), [("/kk/", "text/html"), ("/api/v1/geo/regions", "application/json")]
)
def test_lost_database_gives_clean_503(client, path: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    connection.ensure_connection()
    _kill_current_backend()
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 503
    assert response["Content-Type"].startswith(kind)
    assert response["Retry-After"] == "30"
    connection.close()
    # The application recovers on the next request.
    assert client.get("/healthz").status_code == 200


def test_multi_step_write_interrupted_leaves_nothing() -> None:
    region = f.region("KZ-75")
    with pytest.raises(DatabaseError), transaction.atomic():
        org = Organization.objects.create(
            kind=Organization.Kind.INITIATIVE_GROUP,
            name_ru="Половина записи",
            home_region=region,
        )
        _kill_current_backend()
        org.regions.add(region)  # the second step never reaches the database
    connection.close()
    assert not Organization.objects.filter(name_ru="Половина записи").exists()
