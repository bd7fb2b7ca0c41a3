from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from asar.hours import services
from asar.hours.models import CheckIn, HourEntry, Shift
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def shift(actors, placement) -> Shift:  # type: ignore[no-untyped-def]
    return services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=timezone.localdate() - dt.timedelta(days=1),
        starts_at=dt.time(10),
        ends_at=dt.time(14),
    )


def at(shift: Shift, hours: float) -> dt.datetime:
    return shift.start + dt.timedelta(hours=hours)


def test_codes_are_unguessable_and_unique(actors, placement, shift) -> None:
    other = services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=shift.date,
        starts_at=dt.time(15),
        ends_at=dt.time(18),
    )
    assert len(shift.code) == 8 and shift.code != other.code
    assert len(shift.token) >= 40 and shift.token != other.token
    assert not set(shift.code) & set("01OIL")


def test_check_in_and_out_creates_pending_entry_capped_at_the_shift(actors, shift) -> None:
    first = services.check_in_with_code(
        actor=actors.volunteer,
        volunteer=actors.profile,
        code=shift.code.lower(),
        now=at(shift, -0.5),
    )
    assert first.checked_out_at is None and first.entry is None
    # Leaves 90 minutes after the end: only the shift's 4 hours count.
    done = services.check_in_with_code(
        actor=actors.volunteer, volunteer=actors.profile, token=shift.token, now=at(shift, 5.5)
    )
    assert done.entry is not None
    assert (
        done.entry.minutes == 240
        and done.entry.status == "pending"
        and done.entry.source == "check_in"
    )
    # A third scan changes nothing.
    again = services.check_in_with_code(
        actor=actors.volunteer, volunteer=actors.profile, code=shift.code, now=at(shift, 5.6)
    )
    assert again.entry_id == done.entry_id and HourEntry.objects.count() == 1


def test_partial_presence_rounds_down_to_quarters(actors, shift) -> None:
    services.check_in_with_code(
        actor=actors.volunteer, volunteer=actors.profile, code=shift.code, now=at(shift, 1.1)
    )
    done = services.check_in_with_code(
        actor=actors.volunteer, volunteer=actors.profile, code=shift.code, now=at(shift, 2.5)
    )
    assert done.entry.minutes == 75  # 84 minutes → 1.25 h


def test_codes_expire(actors, shift) -> None:
    with pytest.raises(ValidationError) as exc:
        services.check_in_with_code(
            actor=actors.volunteer, volunteer=actors.profile, code=shift.code, now=at(shift, -2)
        )
    assert exc.value.error_dict["code"][0].code == "expired"
    with pytest.raises(ValidationError):
        services.check_in_with_code(
            actor=actors.volunteer, volunteer=actors.profile, code=shift.code, now=at(shift, 6.5)
        )


def test_wrong_codes_are_throttled(actors, shift) -> None:
    for _ in range(services.MAX_CODE_ATTEMPTS):
        with pytest.raises(ValidationError) as exc:
            services.check_in_with_code(
                actor=actors.volunteer, volunteer=actors.profile, code="AAAAAAAA", now=at(shift, 0)
            )
        assert exc.value.error_dict["code"][0].code == "invalid"
    with pytest.raises(ValidationError) as exc:
        services.check_in_with_code(
            actor=actors.volunteer, volunteer=actors.profile, code=shift.code, now=at(shift, 0)
        )
    assert exc.value.error_dict["code"][0].code == "throttled"


def test_only_accepted_volunteers_check_in(actors, shift) -> None:
    other = actors.other_volunteer.volunteer_profile
    with pytest.raises(ValidationError) as exc:
        services.check_in_with_code(
            actor=actors.other_volunteer, volunteer=other, code=shift.code, now=at(shift, 0)
        )
    assert exc.value.error_dict["code"][0].code == "not_accepted"


def test_coordinator_checks_in_for_volunteers_and_confirms_the_shift(
    actors, shift, client_for
) -> None:
    services.check_in_by_coordinator(
        actor=actors.coordinator, shift=shift, volunteer=actors.profile, at=at(shift, 0)
    )
    services.check_in_by_coordinator(
        actor=actors.coordinator, shift=shift, volunteer=actors.profile, at=at(shift, 3)
    )
    check_in = CheckIn.objects.get()
    assert check_in.by_coordinator and check_in.entry.minutes == 180
    with pytest.raises(PermissionDenied):
        services.shift_confirm(actor=actors.other_coordinator, shift=shift)
    with pytest.raises(PermissionDenied):
        services.check_in_by_coordinator(
            actor=actors.other_coordinator, shift=shift, volunteer=actors.profile
        )
    response = client_for(actors.coordinator).post(reverse("hours:shift_confirm", args=[shift.pk]))
    assert response.status_code == 302
    assert HourEntry.objects.get().status == "confirmed"


def test_shift_pages_permissions(actors, shift, client_for) -> None:
    url = reverse("hours:shift", args=[shift.pk])
    page = client_for(actors.coordinator).get(url)
    assert page.status_code == 200 and "<svg" in page.content.decode()
    assert shift.code[:4] in page.content.decode()
    assert client_for(actors.other_coordinator).get(url).status_code == 404
    assert client_for(actors.volunteer).get(url).status_code == 403
    check = reverse("hours:shift_check", args=[shift.pk, actors.profile.pk])
    assert client_for(actors.other_coordinator).post(check).status_code == 404
    response = client_for(actors.coordinator).post(check, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and CheckIn.objects.count() == 1


def test_shift_and_group_forms_tell_positions_of_one_name_apart(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    """An organisation runs "English club" again and again: the choice showed ten identical
    lines (and Django's "---------" for none)."""
    for start in (dt.date(2026, 3, 2), dt.date(2026, 9, 7)):
        f.PositionFactory(
            project__organization=actors.org, title_en="English club", start_date=start
        )
    client = client_for(actors.coordinator)
    for name in ("hours:shifts", "hours:group"):
        with override("en"):
            url = reverse(name)
        labels = client.get(url).context["form"].fields["position"].choices
        names = [str(label) for _value, label in labels]
        assert names[0] == "—" and "---------" not in names, name
        clubs = [n for n in names if n.startswith("English club")]
        assert len(clubs) == len(set(clubs)) == 2, clubs
        assert any("Mar 2, 2026" in n for n in clubs), clubs


def test_volunteer_check_in_pages(actors, placement, client_for) -> None:
    now = timezone.localtime()
    shift = services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=now.date(),
        starts_at=dt.time(0, 0),
        ends_at=dt.time(23, 59),
    )
    client = client_for(actors.volunteer)
    qr_page = client.get(reverse("hours:check_in_token", args=[shift.token]))
    assert qr_page.status_code == 200 and CheckIn.objects.count() == 0  # GET changes nothing
    response = client.post(reverse("hours:check_in_token", args=[shift.token]))
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert CheckIn.objects.get().checked_out_at is None
    response = client.post(reverse("hours:check_in"), {"code": "ZZZZ-ZZZZ"})
    assert response.status_code == 400
    assert (
        client.post(
            reverse("hours:check_in"), {"code": f"{shift.code[:4]}-{shift.code[4:]}"}
        ).status_code
        == 302
    )
    assert CheckIn.objects.get().checked_out_at is not None
    assert (
        client_for(actors.volunteer).get(reverse("hours:check_in_token", args=["nope"])).status_code
        == 404
    )
    assert client_for(actors.coordinator).get(reverse("hours:check_in")).status_code == 403


def test_check_in_api(actors, placement, client_for) -> None:
    now = timezone.localtime()
    shift = services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=now.date(),
        starts_at=dt.time(0, 0),
        ends_at=dt.time(23, 59),
    )
    client = client_for(actors.volunteer)
    response = client.post(
        "/api/v1/hours/check-in", {"code": shift.code}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["checked_out_at"] is None
    assert (
        client_for(actors.coordinator)
        .post("/api/v1/hours/check-in", {"code": shift.code}, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        client.post(
            "/api/v1/hours/check-in", {"code": "BADCODE1"}, content_type="application/json"
        ).status_code
        == 400
    )


def test_confirming_a_finished_shift_checks_out_who_forgot(actors, shift, client_for) -> None:
    """A volunteer who never scanned out is checked out at the end of the shift when the
    coordinator confirms it; while the shift runs, they are only counted as still present."""
    services.check_in_with_code(
        actor=actors.volunteer, volunteer=actors.profile, code=shift.code, now=at(shift, -0.5)
    )
    during = services.shift_confirm(actor=actors.coordinator, shift=shift, now=at(shift, 2))
    assert (during.confirmed, during.still_in) == (0, 1)
    assert not HourEntry.objects.exists()
    after = services.shift_confirm(actor=actors.coordinator, shift=shift, now=at(shift, 6))
    assert (after.confirmed, after.still_in) == (1, 0)
    entry = HourEntry.objects.get()
    assert entry.minutes == shift.length_minutes and entry.status == "confirmed"
    assert CheckIn.objects.get().checked_out_at == shift.end


def test_shift_page_tells_who_is_still_checked_in(actors, placement, client_for) -> None:
    now = timezone.localtime()
    start = (now - dt.timedelta(minutes=30)).replace(second=0, microsecond=0)
    shift = services.shift_create(
        actor=actors.coordinator,
        position=placement.position,
        date=start.date(),
        starts_at=start.time() if start.date() == now.date() else dt.time(0, 0),
        ends_at=dt.time(23, 59),
    )
    services.check_in_by_coordinator(
        actor=actors.coordinator, shift=shift, volunteer=actors.profile
    )
    with override("ru"):
        url = reverse("hours:shift_confirm", args=[shift.pk])
    response = client_for(actors.coordinator).post(url, follow=True)
    assert "1 волонтёр ещё не отметил уход" in response.content.decode()


def test_qr_code_opens_in_the_volunteers_language(actors, shift, client_for) -> None:
    page = client_for(actors.coordinator).get(reverse("hours:shift", args=[shift.pk]))
    url = page.context["check_in_url"]
    assert url.endswith(f"/hours/check-in/{shift.token}/")
    assert "/kk/" not in url and "/ru/" not in url
    volunteer = client_for(actors.volunteer)
    response = volunteer.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302 and response["Location"].startswith("/ru/hours/check-in/")
