"""Standard actors for permission tests: every endpoint is tried by the owner, a peer and an
outsider. Regions: the "home" region is Almaty city (KZ-75), the "other" one Shymkent (KZ-79)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client

from asar.accounts.models import Role, User
from asar.organizations.models import Organization
from asar.volunteers.models import VolunteerProfile
from tests import factories as f


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests flush every table afterwards, which would also wipe the reference
    data our data migrations load (regions, directions, skills, data elements, wages …).
    Serialized rollback restores it, so a transactional test never starves the next test."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker is not None and marker.kwargs.get("transaction")) or (
            marker is None
            and {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        )
        if transactional:
            kwargs = dict(marker.kwargs) if marker is not None else {"transaction": True}
            kwargs["serialized_rollback"] = True
            # Prepend: get_closest_marker() returns the first one, and a marker written on
            # the test function itself would otherwise win over this one.
            item.add_marker(
                pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False
            )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None) -> None:
    """Keep the migrations' serialized data on the connection *class*, not only on the object.

    Serialized rollback reads ``connection._test_serialized_contents``; but a thread that has
    run Playwright's event loop (browser tests) or a fresh thread is handed a new connection
    object without it, and then the reference data an earlier transactional test flushed is
    never restored. A class attribute is seen by every connection object of the backend."""
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _fast_settings(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Local-memory caches keep their data in the module, across tests: without this a page a
    # browser test cached (the home page's counters) is served to a later test on the worker.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts in the default language (kk). A request activates its page's language
    for the thread and nothing deactivates it, so a test that opened a /ru/ page made the next
    test's ``reverse()`` and messages Russian."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@dataclass
class Actors:
    volunteer: User
    other_volunteer: User
    coordinator: User
    other_coordinator: User
    operator: User
    other_operator: User
    analyst: User
    helpline: User
    admin: User
    anonymous: None = None

    @property
    def org(self) -> Organization:
        return self.coordinator.memberships.get().organization

    @property
    def other_org(self) -> Organization:
        return self.other_coordinator.memberships.get().organization

    @property
    def profile(self) -> VolunteerProfile:
        return self.volunteer.volunteer_profile


@pytest.fixture
def actors(db: None) -> Actors:
    volunteer = f.VolunteerFactory(user__email="volunteer@example.kz").user
    other_volunteer = f.VolunteerFactory(user__email="other.volunteer@example.kz").user
    org = f.OrganizationFactory(name_ru="Добрые сердца", home_region=f.region("KZ-75"))
    other_org = f.OrganizationFactory(name_ru="Чистый Шымкент", home_region=f.region("KZ-79"))
    coordinator = f.MembershipFactory(organization=org, user__email="coord@example.kz").user
    other_coordinator = f.MembershipFactory(
        organization=other_org, user__email="other.coord@example.kz"
    ).user
    operator = f.UserFactory(email="operator.almaty@example.kz")
    f.grant(operator, Role.FRONT_OFFICE_OPERATOR, "KZ-75")
    other_operator = f.UserFactory(email="operator.shymkent@example.kz")
    f.grant(other_operator, Role.FRONT_OFFICE_OPERATOR, "KZ-79")
    analyst = f.UserFactory(email="analyst@example.kz")
    f.grant(analyst, Role.NATIONAL_ANALYST)
    helpline = f.UserFactory(email="helpline@example.kz")
    f.grant(helpline, Role.HELPLINE_OPERATOR)
    admin = f.UserFactory(email="admin@example.kz", is_staff=True, is_superuser=True)
    return Actors(
        volunteer=volunteer,
        other_volunteer=other_volunteer,
        coordinator=coordinator,
        other_coordinator=other_coordinator,
        operator=operator,
        other_operator=other_operator,
        analyst=analyst,
        helpline=helpline,
        admin=admin,
    )


@pytest.fixture
def client_for(db: None):  # type: ignore[no-untyped-def]
    """``client_for(user)`` — a test client logged in as ``user`` (anonymous for None)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
