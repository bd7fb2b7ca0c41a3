"""The IIN is never shown in clear (it is not even stored); health notes stay out of lists."""

from __future__ import annotations

import datetime as dt
import logging
import threading

import pytest
from django.db import connection

from asar.accounts.models import User
from asar.volunteers import services
from asar.volunteers.models import VolunteerProfile
from tests import factories as f
from tests.volunteers.factories import iin_for, registration_payload

BIRTH = dt.date(1998, 3, 14)


@pytest.mark.django_db
def test_iin_is_not_stored_and_not_echoed_anywhere(client, client_for, actors, caplog) -> None:  # type: ignore[no-untyped-def]
    iin = iin_for(BIRTH)
    caplog.set_level(logging.DEBUG)
    response = client.post("/en/volunteers/register/", registration_payload(iin=iin))
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user__email="aigerim@example.kz")
    # Nothing in the row holds the number itself.
    row = VolunteerProfile.objects.filter(pk=profile.pk).values().get()
    assert all(iin not in str(value) for value in row.values())
    assert iin not in caplog.text
    # Pages and API of the owner, and the admin, only ever show the masked form.
    pages = [
        client.get("/en/volunteers/me/"),
        client.get("/en/volunteers/me/edit/"),
        client.get("/api/v1/volunteers/me"),
        client_for(actors.admin).get(f"/en/admin/volunteers/volunteerprofile/{profile.pk}/change/"),
        client_for(actors.admin).get("/en/admin/volunteers/volunteerprofile/"),
    ]
    for page in pages:
        assert page.status_code == 200
        body = page.content.decode()
        assert iin not in body
        assert iin[:8] not in body
    assert "••••••••" + iin[-4:] in pages[0].content.decode()
    assert "••••••••" + iin[-4:] in pages[3].content.decode()


@pytest.mark.django_db
def test_a_refused_form_does_not_echo_the_iin(client) -> None:  # type: ignore[no-untyped-def]
    iin = iin_for(BIRTH)
    response = client.post(
        "/en/volunteers/register/", registration_payload(iin=iin, password2="different-pass-1")
    )
    assert response.status_code == 200
    # The visitor re-types it: the number is not sent back into the page.
    assert iin not in response.content.decode()


@pytest.mark.django_db
def test_health_restrictions_not_in_admin_list(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    VolunteerProfile.objects.filter(pk=actors.profile.pk).update(health_restrictions="Эпилепсия")
    body = client_for(actors.admin).get("/en/admin/volunteers/volunteerprofile/").content.decode()
    assert actors.profile.last_name in body
    assert "Эпилепсия" not in body


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent transactions")
# Serialized rollback puts the reference data (regions, skills) back after the flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_registrations_with_one_iin_leave_one_account() -> None:
    iin = iin_for(BIRTH)
    region = f.region("KZ-75")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def register(n: int) -> None:
        try:
            barrier.wait()
            services.volunteer_register(
                email=f"racer{n}@example.kz",
                password="tulip-garden-2024",
                language="kk",
                data={
                    "first_name": "A",
                    "last_name": "B",
                    "region": region,
                    "settlement": "Алматы",
                    "gender": "female",
                    "birth_date": BIRTH,
                    "employment": "student",
                },
                iin=iin,
            )
            outcomes.append("ok")
        except services.ValidationError as exc:
            outcomes.append("refused:" + ",".join(exc.error_dict))
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused:iin"]
    assert VolunteerProfile.objects.count() == 1
    assert User.objects.filter(email__startswith="racer").count() == 1
