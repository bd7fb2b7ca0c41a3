"""Pages and who may open them: owner coordinator, other coordinator, volunteer, other
volunteer, anonymous."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from asar.opportunities import services
from asar.opportunities.models import Application, Position, Project
from tests import factories as f
from tests.opportunities.factories import application, form_data

pytestmark = pytest.mark.django_db
S = Application.Status


def _who(actors, name):  # type: ignore[no-untyped-def]
    return None if name == "anonymous" else getattr(actors, name)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("coordinator", 200),
        ("admin", 200),
        ("other_coordinator", 403),
        ("volunteer", 403),
        ("operator", 403),
        ("anonymous", 302),
    ],
)
def test_manage_page_is_for_the_organisations_coordinators(
    actors, position, client_for, who, expected
) -> None:  # type: ignore[no-untyped-def]
    application(position, actors.profile, health_restrictions="Asthma: no dusty rooms")
    response = client_for(_who(actors, who)).get(
        reverse("opportunities:manage", args=[actors.org.pk])
    )
    assert response.status_code == expected
    if expected == 200:
        assert "Asthma: no dusty rooms" in response.content.decode()


def test_health_restrictions_are_shown_nowhere_else(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile, health_restrictions="Asthma: no dusty rooms")
    urls = [
        reverse("opportunities:position", args=[position.pk]),
        reverse("opportunities:search"),
        reverse("opportunities:manage", args=[actors.other_org.pk]),
    ]
    for user in (actors.other_coordinator, actors.volunteer, actors.other_volunteer, None):
        for url in urls:
            assert "Asthma" not in client_for(user).get(url).content.decode()
    response = client_for(actors.other_coordinator).get(
        f"/api/v1/positions/{position.pk}/applications"
    )
    assert response.status_code == 403
    assert app.pk


def test_manage_lists_applicants_waiting_list_and_places(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        services.application_transition(
            actor=actors.coordinator, application_id=application(position).pk, action="accept"
        )
    waiting = application(position, actors.profile, status=S.WAITLISTED)
    page = client_for(actors.coordinator).get(
        reverse("opportunities:manage", args=[actors.org.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    html = page.content.decode()
    assert f'id="applicant-{waiting.pk}"' in html
    assert page.context["managed"][0].waiting == [waiting]


@pytest.mark.parametrize(
    ("who", "expected"),
    [("coordinator", 200), ("other_coordinator", 403), ("volunteer", 403), ("anonymous", 302)],
)
def test_decide_by_htmx(actors, position, client_for, who, expected) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile)
    url = reverse("opportunities:coordinator_action", args=[app.pk])
    response = client_for(_who(actors, who)).post(url, {"action": "accept"}, HTTP_HX_REQUEST="true")
    assert response.status_code == expected
    app.refresh_from_db()
    assert app.status == (S.ACCEPTED if expected == 200 else S.APPLIED)
    if expected == 200:
        assert f'id="applicant-{app.pk}"' in response.content.decode()


def test_reject_without_reason_shows_the_error_in_the_row(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    app = application(position)
    with translation.override("ru"):
        url = reverse("opportunities:coordinator_action", args=[app.pk])
    client = client_for(actors.coordinator)
    response = client.post(url, {"action": "reject", "reason": ""}, HTTP_HX_REQUEST="true")
    assert "Укажите причину отказа" in response.content.decode()
    response = client.post(url, {"action": "reject", "reason": "Нет мест"}, HTTP_HX_REQUEST="true")
    app.refresh_from_db()
    assert app.status == S.REJECTED


def test_position_page_is_public_but_drafts_are_not(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("opportunities:position", args=[position.pk])
    assert client_for(None).get(url).status_code == 200
    Position.objects.filter(pk=position.pk).update(status=Position.Status.DRAFT)
    assert client_for(None).get(url).status_code == 404
    assert client_for(actors.other_coordinator).get(url).status_code == 404
    assert client_for(actors.coordinator).get(url).status_code == 200


def test_apply_through_the_page(
    actors, position, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.volunteer)
    url = reverse("opportunities:apply", args=[position.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data())
    assert response.status_code == 302
    app = Application.objects.get(volunteer=actors.profile)
    assert app.status == S.APPLIED and app.qualities["respect"] == 4
    assert client.get(url).status_code == 302  # already applied: sent to my applications


def test_apply_needs_sign_in_and_a_volunteer_profile(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("opportunities:apply", args=[position.pk])
    assert client_for(None).get(url)["Location"].startswith(reverse("accounts:login"))
    response = client_for(actors.coordinator).get(url)
    assert response["Location"].startswith(reverse("volunteers:register"))


def test_my_applications_shows_only_mine_and_lets_me_withdraw(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    mine = application(position, actors.profile)
    theirs = application(position, actors.other_volunteer.volunteer_profile)
    client = client_for(actors.volunteer)
    page = client.get(reverse("opportunities:my_applications"))
    assert [a.pk for a in page.context["applications"]] == [mine.pk]
    # someone else's application: not found
    response = client.post(
        reverse("opportunities:volunteer_action", args=[theirs.pk]), {"action": "withdraw"}
    )
    assert response.status_code == 404
    client.post(reverse("opportunities:volunteer_action", args=[mine.pk]), {"action": "withdraw"})
    mine.refresh_from_db()
    assert mine.status == S.WITHDRAWN
    assert client_for(None).get(reverse("opportunities:my_applications")).status_code == 302


def test_volunteer_cannot_use_coordinator_actions_on_own_application(
    actors, position, client_for
) -> None:  # type: ignore[no-untyped-def]
    mine = application(position, actors.profile)
    response = client_for(actors.volunteer).post(
        reverse("opportunities:volunteer_action", args=[mine.pk]), {"action": "accept"}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == S.APPLIED


@pytest.mark.parametrize(
    ("who", "get", "post"),
    [
        ("volunteer", 200, 302),
        ("coordinator", 200, 403),
        ("other_volunteer", 404, 404),
        ("other_coordinator", 404, 404),
    ],
)
def test_agreement_page(actors, position, client_for, who, get, post) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile)
    services.application_transition(
        actor=actors.coordinator, application_id=app.pk, action="accept"
    )
    url = reverse("opportunities:agreement", args=[app.pk])
    client = client_for(_who(actors, who))
    assert client.get(url).status_code == get
    assert client.post(url, {"confirm": "1"}).status_code == post
    app.agreement.refresh_from_db()
    assert (app.agreement.accepted_at is not None) == (who == "volunteer")


def test_agreement_needs_the_confirmation_box(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile)
    services.application_transition(
        actor=actors.coordinator, application_id=app.pk, action="accept"
    )
    client_for(actors.volunteer).post(reverse("opportunities:agreement", args=[app.pk]), {})
    app.agreement.refresh_from_db()
    assert app.agreement.accepted_at is None


@pytest.mark.parametrize(
    ("who", "expected"),
    [("coordinator", 302), ("other_coordinator", 403), ("volunteer", 403), ("anonymous", 302)],
)
def test_create_project_and_position(actors, client_for, who, expected) -> None:  # type: ignore[no-untyped-def]
    client = client_for(_who(actors, who))
    response = client.post(
        reverse("opportunities:project_create", args=[actors.org.pk]),
        {"title_ru": "Зимняя забота", "direction": f.direction().pk},
    )
    assert response.status_code == expected
    if who != "coordinator":
        assert not Project.objects.exists()
        return
    project = Project.objects.get()
    data = {
        "title_kk": "Қарттарға көмек",
        "direction": project.direction_id,
        "form": "offline",
        "region": actors.org.home_region_id,
        "settlement": "Алматы",
        "start_date": "2026-12-01",
        "end_date": "2027-02-28",
        "places": "3",
        "min_age": "18",
        "benefits": ["training", "meals"],
        "required_languages": ["kk"],
        "publish": "1",
    }
    response = client.post(reverse("opportunities:position_create", args=[project.pk]), data)
    assert response.status_code == 302
    position = Position.objects.get()
    assert position.status == Position.Status.PUBLISHED and position.min_age == 18
    assert position.organization_id == actors.org.pk
    # the other organisation's coordinator may not edit it
    edit = reverse("opportunities:position_edit", args=[position.pk])
    assert client_for(actors.other_coordinator).get(edit).status_code == 403
    assert client_for(actors.coordinator).get(edit).status_code == 200


def test_position_form_validation(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    project = f.ProjectFactory(organization=actors.org)
    response = client_for(actors.coordinator).post(
        reverse("opportunities:position_create", args=[project.pk]),
        {
            "direction": project.direction_id,
            "form": "offline",
            "start_date": "2026-12-10",
            "end_date": "2026-12-01",
            "places": "0",
            "min_age": "14",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"title_kk", "end_date", "places", "region"} <= set(errors)
    assert not Position.objects.exists()


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("-3", "Enter a positive number of hours."),
        ("0", "Enter a positive number of hours."),
        ("200", "A week has 168 hours."),
    ],
)
def test_position_hours_per_week_must_make_sense(actors, client_for, hours, message) -> None:  # type: ignore[no-untyped-def]
    """The browser's min/max can be bypassed; the page then said "-3 hours a week"."""
    project = f.ProjectFactory(organization=actors.org)
    with translation.override("en"):
        url = reverse("opportunities:position_create", args=[project.pk])
    response = client_for(actors.coordinator).post(
        url,
        {
            "title_en": "Food parcels",
            "direction": project.direction_id,
            "form": "offline",
            "region": actors.org.home_region_id,
            "settlement": "Almaty",
            "start_date": "2026-12-10",
            "places": "2",
            "min_age": "14",
            "hours_per_week": hours,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["hours_per_week"] == [message]
    assert not Position.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"), [("coordinator", "closed"), ("other_coordinator", "published")]
)
def test_close_position(actors, position, client_for, who, expected) -> None:  # type: ignore[no-untyped-def]
    client_for(getattr(actors, who)).post(
        reverse("opportunities:position_status", args=[position.pk]), {"status": "closed"}
    )
    position.refresh_from_db()
    assert position.status == expected


def test_decision_emails_go_out_in_the_volunteers_language(
    actors, position, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    actors.volunteer.preferred_language = "ru"
    actors.volunteer.save()
    app = application(position, actors.profile)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(
            actor=actors.coordinator, application_id=app.pk, action="reject", reason="Набор закрыт"
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["volunteer@example.kz"]
    assert message.subject.startswith("Решение по вашей заявке")
    assert "Набор закрыт" in message.body and "/ru/positions/my-applications/" in message.body
    # the task is idempotent: running it again sends nothing
    event = app.events.last()
    assert services.notice_send(event_id=event.pk) is False
    assert len(mail.outbox) == 1


def test_manage_pages_through_positions_and_folds_finished_applications(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    project = f.ProjectFactory(organization=actors.org)
    positions = [f.PositionFactory(project=project) for _ in range(12)]
    newest = positions[-1]  # same start date: the newest comes first
    rejected = application(newest, status=S.REJECTED, rejection_reason="Нет мест")
    pending = application(newest)
    client = client_for(actors.coordinator)
    url = reverse("opportunities:manage", args=[actors.org.pk])
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert len(first.context["managed"]) == 10 and first.context["page"].has_next()
    assert len(client.get(url, {"page": 2}).context["managed"]) == 2
    item = next(i for i in first.context["managed"] if i.position == newest)
    assert (item.applications, item.finished) == ([pending], [rejected])
    html = first.content.decode()
    assert html.index('class="finished"') < html.index(f'id="applicant-{rejected.pk}"')
    drafts = client.get(url, {"status": "draft"})
    assert drafts.context["managed"] == [] and drafts.context["page"].paginator.count == 0


def test_the_schedule_is_shown_in_the_visitors_language(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    position = f.PositionFactory(
        project=f.ProjectFactory(organization=actors.org),
        schedule_kk="Сенбі 10:00–14:00",
        schedule_ru="Суббота 10:00–14:00",
        schedule_en="",
    )
    client = client_for(None)
    assert "Сенбі 10:00–14:00" in client.get(f"/kk/positions/{position.pk}/").content.decode()
    russian = client.get(f"/ru/positions/{position.pk}/").content.decode()
    assert "Суббота 10:00–14:00" in russian and "Сенбі" not in russian
    assert "Суббота 10:00–14:00" in client.get("/ru/positions/").content.decode()
    data = client.get(f"/api/v1/positions/{position.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    # No English text: the fallback order of the other texts (kk first).
    assert (data["schedule"], data["schedule_ru"]) == ("Сенбі 10:00–14:00", "Суббота 10:00–14:00")


def test_coordinators_write_the_schedule_per_language(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    form = client_for(actors.coordinator).get(f"/en/positions/{position.pk}/edit/")
    html = form.content.decode()
    assert all(f'name="schedule_{code}"' in html for code in ("kk", "ru", "en"))


def test_the_position_page_leads_to_its_own_applicants(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    project = f.ProjectFactory(organization=actors.org)
    positions = [f.PositionFactory(project=project) for _ in range(12)]
    oldest = positions[0]  # on the second page of all positions
    client = client_for(actors.coordinator)
    html = client.get(f"/en/positions/{oldest.pk}/").content.decode()
    link = f"/en/positions/manage/{actors.org.pk}/?position={oldest.pk}"
    assert link in html
    page = client.get(link)
    assert [i.position for i in page.context["managed"]] == [oldest]
    # Another organisation's position id shows nothing of it.
    other = f.PositionFactory(project=f.ProjectFactory(organization=actors.other_org))
    page = client.get(f"/en/positions/manage/{actors.org.pk}/?position={other.pk}")
    assert page.context["managed"] == []


def _row(html: str, app: Application) -> str:
    return html.split(f'id="applicant-{app.pk}"')[1].split("</tr>")[0]


def test_the_decision_buttons_are_only_those_that_work_now(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    """Before the position starts, an accepted volunteer has no "Started work" / "Completed"
    (the row says when work starts); with free places there is no "To the waiting list"; a
    waitlisted candidate cannot be shortlisted off the queue. Forcing them anyway through the
    page is refused with the reason, in the page's language."""
    client = client_for(actors.coordinator)
    accepted = application(position, actors.profile)
    services.application_transition(
        actor=actors.coordinator, application_id=accepted.pk, action="accept"
    )
    services.agreement_accept(user=actors.volunteer, agreement_id=accepted.agreement.pk)
    applied = application(position)
    url = reverse("opportunities:manage", args=[actors.org.pk])
    html = client.get(url.replace("/kk/", "/en/")).content.decode()
    row = _row(html, accepted)
    assert "action-activate" not in row and "action-complete" not in row
    assert "starts work on" in row
    row = _row(html, applied)
    assert "action-accept" in row and "action-shortlist" in row
    assert "action-waitlist" not in row
    with translation.override("ru"):
        action_url = reverse("opportunities:coordinator_action", args=[accepted.pk])
    response = client.post(action_url, {"action": "activate"}, HTTP_HX_REQUEST="true")
    assert "Позиция начинается" in _row(response.content.decode(), accepted)
    # Full: the waiting list instead of accepting; the queue keeps its order.
    services.application_transition(
        actor=actors.coordinator, application_id=application(position).pk, action="accept"
    )
    waiting = application(position, status=S.WAITLISTED)
    html = client.get(url.replace("/kk/", "/en/")).content.decode()
    row = _row(html, applied)
    assert "action-waitlist" in row and "action-accept" not in row
    row = _row(html, waiting)
    assert "action-shortlist" not in row and "action-reject" in row
