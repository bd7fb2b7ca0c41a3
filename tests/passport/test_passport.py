"""The passport page and API, reference letters, export and erasure."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from asar.accounts.models import ApiToken
from asar.hours import selectors as hours_selectors
from asar.hours.models import CalendarFeed, HourEntry
from asar.passport import selectors, services
from asar.passport.models import Certificate, ReferenceLetter
from asar.volunteers.models import VolunteerProfile
from tests import factories as f

pytestmark = pytest.mark.django_db

LETTER = "Aigerim tutored six pupils every Saturday and prepared them for the national test."


def test_passport_is_private_by_default(actors, confirmed, client_for) -> None:
    url = reverse("passport:detail", args=[actors.profile.pk])
    own = client_for(actors.volunteer).get(url)
    assert own.status_code == 200 and own.context["totals"]["confirmed"] == 390
    for viewer in (None, actors.other_volunteer, actors.coordinator, actors.operator):
        assert client_for(viewer).get(url).status_code == 404
    api = f"/api/v1/passport/volunteers/{actors.profile.pk}"
    assert client_for(None).get(api).status_code == 401
    assert client_for(actors.other_volunteer).get(api).status_code == 404
    assert client_for(actors.volunteer).get(api).status_code == 200


def test_volunteer_makes_the_passport_public(actors, confirmed, client_for) -> None:
    owner = client_for(actors.volunteer)
    owner.post(reverse("passport:set_public"), {"public": "1"})
    own = owner.get(reverse("passport:detail", args=[actors.profile.pk]))
    key = own.context["share_key"]
    url = reverse("passport:shared", args=[key])
    assert url in own.content.decode()  # the owner sees the link to share
    page = client_for(None).get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert actors.org.name_kk in body and "my-data.json" not in body  # no owner links for visitors
    data = client_for(None).get(f"/api/v1/passport/shared/{key}").json()
    assert data["confirmed_minutes"] == 390 and data["activities"][0]["minutes"] == 390
    assert data["share_url"] is None  # only the owner is given the link
    me = owner.get("/api/v1/passport/me").json()
    assert me["share_url"].endswith(url)
    with pytest.raises(PermissionDenied):
        services.passport_set_public(
            actor=actors.other_volunteer, volunteer=actors.profile, public=False
        )
    client_for(actors.volunteer).post(reverse("passport:set_public"), {"public": "0"})
    assert client_for(None).get(url).status_code == 404


def test_coordinator_writes_the_reference_letter(actors, completed, client_for) -> None:
    client = client_for(actors.coordinator)
    page = client.get(reverse("passport:letters"))
    assert actors.profile.full_name in page.content.decode()
    url = reverse("passport:letter_write", args=[completed.pk])
    assert client.post(url, {"language": "en", "text": "Too short"}).status_code == 400
    assert client.post(url, {"language": "en", "text": LETTER}).status_code == 302
    letter = ReferenceLetter.objects.get()
    assert letter.organization == actors.org and letter.author == actors.coordinator
    # A peer organisation's coordinator cannot see or write it; a volunteer cannot either.
    assert client_for(actors.other_coordinator).get(url).status_code == 404
    assert client_for(actors.volunteer).get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.reference_letter_write(
            actor=actors.other_coordinator, application=completed, text=LETTER, language="en"
        )
    # It shows in the passport and in the next certificate.
    own = client_for(actors.volunteer).get(reverse("passport:mine"), follow=True)
    assert LETTER in own.content.decode()
    cert = services.certificate_issue(
        actor=actors.volunteer,
        volunteer=actors.profile,
        period_from=completed.accepted_at.date(),
        period_to=completed.completed_at.date(),
        language="en",
    )
    assert cert.content["reference_letters"][0]["text"] == LETTER


def test_letter_only_after_completion(actors, confirmed) -> None:
    with pytest.raises(ValidationError) as exc:
        services.reference_letter_write(
            actor=actors.coordinator, application=confirmed.application, text=LETTER, language="kk"
        )
    assert exc.value.error_dict["text"][0].code == "not_completed"


def test_export_json_and_csv(actors, confirmed, client_for) -> None:
    consent = actors.profile.personal_data_consent_at
    type(actors.volunteer).objects.filter(pk=actors.volunteer.pk).update(
        personal_data_consent_at=consent
    )
    client = client_for(actors.volunteer)
    data = client.get(reverse("passport:export_json")).json()
    assert data["account"]["email"] == actors.volunteer.email
    assert data["account"]["personal_data_consent_at"] == consent.isoformat()
    assert data["volunteer_profile"]["last_name"] == actors.profile.last_name
    assert "iin_hash" not in data["volunteer_profile"]
    assert len(data["hour_entries"]) == 4 and len(data["applications"]) == 2
    assert (
        client.get("/api/v1/passport/my-data").json()["account"]["email"] == actors.volunteer.email
    )
    response = client.get(reverse("passport:export_csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 4 and {r["status"] for r in rows} == {"confirmed", "pending"}
    for outsider in (actors.coordinator, actors.analyst):
        assert client_for(outsider).get(reverse("passport:export_json")).status_code == 403
    assert client_for(None).get(reverse("passport:export_csv")).status_code == 302


def test_erasure_keeps_hours_in_the_aggregates(actors, completed, client_for) -> None:
    services.reference_letter_write(
        actor=actors.coordinator, application=completed, text=LETTER, language="en"
    )
    cert = services.certificate_issue(
        actor=actors.volunteer,
        volunteer=actors.profile,
        period_from=completed.accepted_at.date(),
        period_to=completed.completed_at.date(),
        language="kk",
    )
    client = client_for(actors.volunteer)
    client.get(reverse("hours:calendar"))  # creates the calendar feed
    before = hours_selectors.confirmed_minutes(region_id=actors.org.home_region_id)
    email = actors.volunteer.email
    erase = reverse("passport:erase")
    password = "correct-horse-42"
    assert (
        client.post(erase, {"email": "wrong@example.kz", "password": password}).status_code == 400
    )
    refused = client.post(erase, {"email": email, "password": "not-my-password"})
    assert refused.status_code == 400 and "Құпиясөз дұрыс емес." in refused.content.decode()
    assert VolunteerProfile.objects.get(pk=actors.profile.pk).user.is_active
    assert client.post(erase, {"email": email, "password": password}).status_code == 302
    profile = VolunteerProfile.objects.get(pk=actors.profile.pk)
    user = profile.user
    assert profile.first_name == "—" and profile.last_name == "—" and profile.phone == ""
    assert profile.birth_date.month == 1 and profile.birth_date.day == 1
    assert not user.is_active and user.email != email and not user.has_usable_password()
    assert not ApiToken.objects.filter(user=user).exists() and not CalendarFeed.objects.exists()
    assert not ReferenceLetter.objects.exists()
    assert HourEntry.objects.filter(volunteer=profile).count() == 4
    assert set(HourEntry.objects.values_list("description", flat=True)) == {""}
    assert hours_selectors.confirmed_minutes(region_id=actors.org.home_region_id) == before
    cert = Certificate.objects.get(pk=cert.pk)
    assert cert.is_revoked and cert.content == {}
    verification = services.certificate_verify(certificate_id=cert.pk)
    assert not verification.valid and verification.code == "revoked"
    # Signed out, and cannot sign in again.
    assert client.get(reverse("hours:diary")).status_code == 302
    assert not client_for(None).login(email=email, password="correct-horse-42")


def test_erasure_only_by_the_volunteer(actors, confirmed, client_for) -> None:
    with pytest.raises(PermissionDenied):
        services.volunteer_erase(actor=actors.coordinator, volunteer=actors.profile)
    assert (
        client_for(actors.coordinator)
        .post(
            reverse("passport:erase"),
            {"email": actors.coordinator.email, "password": "correct-horse-42"},
        )
        .status_code
        == 403
    )
    assert VolunteerProfile.objects.get(pk=actors.profile.pk).user.is_active


def test_api_my_passport(actors, confirmed, client_for) -> None:
    data = client_for(actors.volunteer).get("/api/v1/passport/me").json()
    assert data["confirmed_minutes"] == 390 and data["by_direction"][0]["code"] == "education"
    assert client_for(actors.coordinator).get("/api/v1/passport/me").status_code == 403
    assert client_for(None).get("/api/v1/passport/me").status_code == 401
    assert (
        json.loads(client_for(actors.other_volunteer).get("/api/v1/passport/me").content)[
            "confirmed_minutes"
        ]
        == 0
    )


def _agreement_signed(application):  # type: ignore[no-untyped-def]
    from asar.opportunities import services as opportunities
    from asar.opportunities.models import Agreement

    text = opportunities.agreement_text(
        application=application, position=application.position, language="kk"
    )
    return Agreement.objects.create(
        application=application,
        language="kk",
        text=text,
        content_sha256=opportunities.sha256(text),
        accepted_at=timezone.now(),
        accepted_by=application.volunteer.user,
    )


def test_export_holds_all_own_data_and_nothing_of_others(actors, confirmed, client_for) -> None:
    from asar.hours import services as hours
    from asar.hours.models import CheckIn
    from tests.hours.conftest import accept

    confirmed.application.experience_with_people = "Two summers at a children's camp"
    confirmed.application.health_restrictions = "Asthma"
    confirmed.application.save()
    _agreement_signed(confirmed.application)
    other = actors.other_volunteer.volunteer_profile
    other_application = accept(confirmed.position, other)
    other_application.experience_with_people = "SECRET of the other volunteer"
    other_application.save()
    shift = hours.shift_create(
        actor=actors.coordinator,
        position=confirmed.position,
        date=timezone.localdate(),
        starts_at=dt.time(0, 0),
        ends_at=dt.time(23, 45),
    )
    for profile in (actors.profile, other):
        hours.check_in_by_coordinator(actor=actors.coordinator, shift=shift, volunteer=profile)
    assert CheckIn.objects.count() == 2
    response = client_for(actors.volunteer).get(reverse("passport:export_json"))
    text = response.content.decode()
    data = json.loads(text)
    mine = next(a for a in data["applications"] if a["questionnaire"]["health_restrictions"])
    assert mine["questionnaire"]["experience_with_people"] == "Two summers at a children's camp"
    assert actors.profile.last_name in mine["agreement"]["text"]
    assert mine["agreement"]["accepted_at"] is not None
    assert len(data["check_ins"]) == 1
    assert "SECRET" not in text and other.last_name not in text
    assert actors.other_volunteer.email not in text


def test_erasure_removes_the_name_from_agreements(actors, completed, client_for) -> None:
    from asar.hours.models import Reminder
    from asar.opportunities.models import Agreement

    completed.motivation_other = "My grandmother lives in a care home"
    completed.save()
    agreement = _agreement_signed(completed)
    checksum = agreement.content_sha256
    assert actors.profile.last_name in agreement.text
    Reminder.objects.create(volunteer=actors.profile, kind="monthly", key="2026-01")
    services.volunteer_erase(actor=actors.volunteer, volunteer=actors.profile)
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert actors.profile.last_name not in agreement.text
    assert agreement.content_sha256 == checksum  # proof that one was signed stays
    completed.refresh_from_db()
    assert completed.motivation_other == ""
    assert not Reminder.objects.exists()


def test_erased_holders_certificate_fails_in_the_visitors_language(actors, confirmed) -> None:
    cert = services.certificate_issue(
        actor=actors.volunteer,
        volunteer=actors.profile,
        period_from=timezone.localdate() - dt.timedelta(days=40),
        period_to=timezone.localdate(),
        language="kk",
    )
    services.volunteer_erase(actor=actors.volunteer, volunteer=actors.profile)
    with override("ru"):
        result = services.certificate_verify(certificate_id=cert.pk)
    assert result.code == "revoked" and "удалил" in result.reason


def test_passport_rows_name_their_direction(actors, confirmed, client_for) -> None:
    """Work for one organisation in two directions is two rows: each says which direction."""
    from asar.hours import services as hours
    from asar.hours.services import EntryInput

    other_direction = f.direction("medicine")
    position = f.PositionFactory(
        project__organization=actors.org, direction=other_direction, start_date=dt.date(2024, 1, 1)
    )
    f.ApplicationFactory(
        position=position,
        volunteer=actors.profile,
        status="accepted",
        accepted_at=timezone.now() - dt.timedelta(days=30),
    )
    hours.entry_log(
        actor=actors.coordinator,
        volunteer=actors.profile,
        data=EntryInput(
            date=timezone.localdate() - dt.timedelta(days=2), minutes=60, position=position
        ),
    )
    client = client_for(actors.volunteer)
    with override("en"):
        page = client.get(reverse("passport:detail", args=[actors.profile.pk]))
    names = [row["direction"] for row in page.context["activities"]]
    assert len(names) == 2 and set(names) == {
        confirmed.position.direction.name_en,
        other_direction.name_en,
    }
    assert other_direction.name_en in page.content.decode()
    api = client.get("/api/v1/passport/me", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {a["direction"] for a in api["activities"]} == set(names)
    assert api["by_organization"][0]["minutes"] == 390 + 60


def test_public_passports_cannot_be_listed_by_number(actors, confirmed, client_for) -> None:
    """Passport numbers are sequential: a public passport is seen by its share link only, so
    nobody can walk the numbers and collect every public volunteer's name and region."""
    services.passport_set_public(actor=actors.volunteer, volunteer=actors.profile, public=True)
    by_number = reverse("passport:detail", args=[actors.profile.pk])
    for viewer in (None, actors.other_volunteer, actors.coordinator):
        assert client_for(viewer).get(by_number).status_code == 404
    api = f"/api/v1/passport/volunteers/{actors.profile.pk}"
    assert client_for(actors.other_volunteer).get(api).status_code == 404
    key = selectors.share_key(actors.profile)
    assert client_for(None).get(reverse("passport:shared", args=[key])).status_code == 200
    forged = f"{actors.profile.pk}:{key.split(':', 1)[1][:-2]}xx"
    other = f"{actors.other_volunteer.volunteer_profile.pk}:{key.split(':', 1)[1]}"
    for wrong in (forged, other, str(actors.profile.pk)):
        assert client_for(None).get(reverse("passport:shared", args=[wrong])).status_code == 404
        assert client_for(None).get(f"/api/v1/passport/shared/{wrong}").status_code == 404
    # Private again: the link stops working.
    services.passport_set_public(actor=actors.volunteer, volunteer=actors.profile, public=False)
    assert client_for(None).get(reverse("passport:shared", args=[key])).status_code == 404


def test_activity_on_one_day_shows_that_day_once(actors, placement, client_for) -> None:  # type: ignore[no-untyped-def]
    """A position worked on a single day reads "1 сент. 2026 г.", not the day twice."""
    from asar.hours import services as hours_services
    from asar.lib import formatting

    day = timezone.localdate() - dt.timedelta(days=4)
    hours_services.entry_log(
        actor=actors.coordinator,
        volunteer=actors.profile,
        data=hours_services.EntryInput(date=day, minutes=90, position=placement.position),
    )
    body = client_for(actors.volunteer).get(f"/ru/passport/{actors.profile.pk}/").content.decode()
    once = formatting.date(day, "ru", fmt="medium")
    assert once in body and f"{once} – {once}" not in body
