"""The selection workflow: transitions, history, places, waiting list and offers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from asar.opportunities import services
from asar.opportunities.models import Application, ApplicationEvent, Position
from tests import factories as f
from tests.opportunities.factories import answers, application

S = Application.Status
pytestmark = pytest.mark.django_db


def _move(actor, app, action, reason=""):  # type: ignore[no-untyped-def]
    services.application_transition(
        actor=actor, application_id=app.pk, action=action, reason=reason
    )
    app.refresh_from_db()
    return app


def test_apply_records_the_first_event(actors, position) -> None:  # type: ignore[no-untyped-def]
    app = services.application_create(
        user=actors.volunteer, position_id=position.pk, answers=answers()
    )
    assert app.status == S.APPLIED
    event = app.events.get()
    assert (event.from_status, event.to_status, event.actor) == ("", S.APPLIED, actors.volunteer)
    assert app.qualities["patience"] == 4


def _started(position):  # type: ignore[no-untyped-def]
    position.start_date = timezone.localdate() - dt.timedelta(days=1)
    Position.objects.filter(pk=position.pk).update(start_date=position.start_date)
    return position


def test_full_path_to_completion_is_recorded_with_who_and_when(actors, position) -> None:  # type: ignore[no-untyped-def]
    _started(position)
    app = services.application_create(
        user=actors.volunteer, position_id=position.pk, answers=answers()
    )
    _move(actors.coordinator, app, "shortlist")
    _move(actors.coordinator, app, "accept")
    assert app.accepted_at is not None
    services.agreement_accept(user=actors.volunteer, agreement_id=app.agreement.pk)
    _move(actors.coordinator, app, "activate")
    _move(actors.coordinator, app, "complete")
    assert app.status == S.COMPLETED and app.completed_at is not None
    steps = list(app.events.values_list("from_status", "to_status", "actor__email"))
    assert steps == [
        ("", "applied", "volunteer@example.kz"),
        ("applied", "shortlisted", "coord@example.kz"),
        ("shortlisted", "accepted", "coord@example.kz"),
        ("accepted", "active", "coord@example.kz"),
        ("active", "completed", "coord@example.kz"),
    ]
    assert all(e.created_at for e in app.events.all())
    position.refresh_from_db()
    assert position.places_taken == 0  # completion frees the place


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.REJECTED, "accept"),
        (S.WITHDRAWN, "shortlist"),
        (S.COMPLETED, "accept"),
        (S.APPLIED, "complete"),
        (S.APPLIED, "activate"),
        (S.APPLIED, "confirm_offer"),
        (S.SHORTLISTED, "shortlist"),
        (S.OFFERED, "waitlist"),
    ],
)
def test_illegal_transitions_are_refused_with_a_clear_message(
    actors, position, status, action
) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile, status=status, rejection_reason="x")
    actor = actors.volunteer if action == "confirm_offer" else actors.coordinator
    with translation.override("en"), pytest.raises(services.OpportunityError) as error:
        services.application_transition(actor=actor, application_id=app.pk, action=action)
    assert error.value.code == "illegal_transition"
    assert "cannot be moved" in str(error.value.message)
    with translation.override("ru"), pytest.raises(services.OpportunityError) as error:
        services.application_transition(actor=actor, application_id=app.pk, action=action)
    assert "нельзя перевести" in str(error.value.message)
    app.refresh_from_db()
    assert app.status == status
    assert not ApplicationEvent.objects.filter(application=app).exists()


def test_reject_needs_a_reason(actors, position) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile)
    with pytest.raises(services.OpportunityError) as error:
        services.application_transition(
            actor=actors.coordinator, application_id=app.pk, action="reject"
        )
    assert "reason" in error.value.fields
    _move(actors.coordinator, app, "reject", "We need Kazakh speakers.")
    assert app.rejection_reason == "We need Kazakh speakers."
    assert app.events.last().note == "We need Kazakh speakers."


def test_only_the_organisations_coordinators_decide(actors, position) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile)
    for outsider in (actors.other_coordinator, actors.volunteer, actors.operator):
        with pytest.raises(services.NotAllowed):
            services.application_transition(actor=outsider, application_id=app.pk, action="accept")
    with pytest.raises(services.NotAllowed):
        services.application_transition(
            actor=actors.other_volunteer, application_id=app.pk, action="withdraw"
        )
    _move(actors.admin, app, "shortlist")  # administrators may act for any organisation


def test_activation_needs_the_accepted_agreement(actors, position) -> None:  # type: ignore[no-untyped-def]
    _started(position)
    app = application(position, actors.profile)
    _move(actors.coordinator, app, "accept")
    with pytest.raises(services.OpportunityError) as error:
        services.application_transition(
            actor=actors.coordinator, application_id=app.pk, action="activate"
        )
    assert error.value.code == "no_agreement"


def test_accepting_never_exceeds_the_places(actors, position) -> None:  # type: ignore[no-untyped-def]
    apps = [application(position) for _ in range(3)]
    _move(actors.coordinator, apps[0], "accept")
    _move(actors.coordinator, apps[1], "accept")
    with pytest.raises(services.OpportunityError) as error:
        services.application_transition(
            actor=actors.coordinator, application_id=apps[2].pk, action="accept"
        )
    assert error.value.code == "full"
    position.refresh_from_db()
    assert position.places_taken == 2
    assert apps[2].status == S.APPLIED


def test_the_database_refuses_overbooking_whatever_the_code_does(position) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.filter(pk=position.pk).update(places_taken=position.places + 1)


def test_full_position_puts_new_applicants_on_the_waiting_list(actors, position) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        _move(actors.coordinator, application(position), "accept")
    app = services.application_create(
        user=actors.volunteer, position_id=position.pk, answers=answers()
    )
    assert app.status == S.WAITLISTED and app.waitlisted_at is not None


def _full_with_queue(actors, position):  # type: ignore[no-untyped-def]
    accepted = [_move(actors.coordinator, application(position), "accept") for _ in range(2)]
    first = services.application_create(
        user=actors.volunteer, position_id=position.pk, answers=answers()
    )
    second = services.application_create(
        user=actors.other_volunteer, position_id=position.pk, answers=answers()
    )
    return accepted, first, second


@pytest.mark.parametrize("how", ["withdraw", "reject", "complete"])
def test_a_freed_place_is_offered_to_the_first_in_the_queue(
    actors, position, how, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.ASAR_OFFER_HOURS = 48
    _started(position)
    accepted, first, second = _full_with_queue(actors, position)
    leaving = accepted[0]
    if how == "withdraw":
        _move(leaving.volunteer.user, leaving, "withdraw")
    else:
        if how == "complete":  # completion rests on the accepted agreement
            services.agreement_accept(
                user=leaving.volunteer.user, agreement_id=leaving.agreement.pk
            )
        _move(actors.coordinator, leaving, how, "Moved to another city")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.OFFERED
    assert second.status == S.WAITLISTED
    assert first.offer_expires_at - first.offered_at == dt.timedelta(hours=48)
    position.refresh_from_db()
    assert position.places_taken == 2  # the offer holds the place
    offer_event = first.events.last()
    assert offer_event.to_status == S.OFFERED and offer_event.actor is None


def test_confirming_an_offer_accepts_and_generates_the_agreement(actors, position) -> None:  # type: ignore[no-untyped-def]
    accepted, first, _ = _full_with_queue(actors, position)
    _move(accepted[0].volunteer.user, accepted[0], "withdraw")
    _move(actors.volunteer, first, "confirm_offer")
    assert first.status == S.ACCEPTED and first.agreement.text
    position.refresh_from_db()
    assert position.places_taken == 2


def test_declining_an_offer_passes_it_on(actors, position) -> None:  # type: ignore[no-untyped-def]
    accepted, first, second = _full_with_queue(actors, position)
    _move(accepted[0].volunteer.user, accepted[0], "withdraw")
    _move(actors.volunteer, first, "withdraw")
    second.refresh_from_db()
    assert second.status == S.OFFERED


def test_expired_offers_pass_to_the_next_candidate_idempotently(actors, position) -> None:  # type: ignore[no-untyped-def]
    accepted, first, second = _full_with_queue(actors, position)
    _move(accepted[0].volunteer.user, accepted[0], "withdraw")
    first.refresh_from_db()
    assert services.offers_expire() == 0  # not expired yet
    Application.objects.filter(pk=first.pk).update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert services.offers_expire() == 1
    assert services.offers_expire() == 0  # running again changes nothing
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.WITHDRAWN
    assert first.events.last().note == "offer_expired"
    assert second.status == S.OFFERED
    position.refresh_from_db()
    assert position.places_taken == 2


def test_an_expired_offer_cannot_be_confirmed(actors, position) -> None:  # type: ignore[no-untyped-def]
    accepted, first, _ = _full_with_queue(actors, position)
    _move(accepted[0].volunteer.user, accepted[0], "withdraw")
    Application.objects.filter(pk=first.pk).update(
        offer_expires_at=timezone.now() - dt.timedelta(hours=1)
    )
    with pytest.raises(services.OpportunityError) as error:
        services.application_transition(
            actor=actors.volunteer, application_id=first.pk, action="confirm_offer"
        )
    assert error.value.code == "expired"


def test_more_places_move_the_queue_up(actors, position) -> None:  # type: ignore[no-untyped-def]
    _, first, second = _full_with_queue(actors, position)
    services.position_update(actor=actors.coordinator, position=position, fields={"places": 4})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.OFFERED, S.OFFERED)


def test_places_cannot_drop_below_those_taken(actors, position) -> None:  # type: ignore[no-untyped-def]
    _move(actors.coordinator, application(position), "accept")
    _move(actors.coordinator, application(position), "accept")
    with pytest.raises(services.OpportunityError) as error:
        services.position_update(actor=actors.coordinator, position=position, fields={"places": 1})
    assert "places" in error.value.fields


def test_a_second_open_application_is_refused(actors, position) -> None:  # type: ignore[no-untyped-def]
    services.application_create(user=actors.volunteer, position_id=position.pk, answers=answers())
    with pytest.raises(services.OpportunityError) as error:
        services.application_create(
            user=actors.volunteer, position_id=position.pk, answers=answers()
        )
    assert error.value.code == "duplicate"


def test_drafts_and_closed_positions_take_no_applications(actors, position) -> None:  # type: ignore[no-untyped-def]
    for status in (Position.Status.DRAFT, Position.Status.CLOSED):
        Position.objects.filter(pk=position.pk).update(status=status)
        with pytest.raises(services.OpportunityError) as error:
            services.application_create(
                user=actors.volunteer, position_id=position.pk, answers=answers()
            )
        assert error.value.code == "closed"


def test_a_user_without_a_volunteer_profile_cannot_apply(actors, position) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(services.OpportunityError) as error:
        services.application_create(user=actors.analyst, position_id=position.pk, answers=answers())
    assert error.value.code == "no_profile"


def test_coordinators_manage_only_their_own_positions(actors, position) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(services.NotAllowed):
        services.position_set_status(
            actor=actors.other_coordinator, position=position, status="closed"
        )
    with pytest.raises(services.NotAllowed):
        services.project_create(
            actor=actors.coordinator,
            organization=actors.other_org,
            fields={"title_ru": "x", "direction": f.direction()},
        )
    services.position_set_status(actor=actors.coordinator, position=position, status="closed")
    position.refresh_from_db()
    assert position.status == "closed"


@pytest.mark.parametrize("action", ["activate", "complete"])
def test_no_start_or_completion_before_the_position_starts(actors, position, action) -> None:  # type: ignore[no-untyped-def]
    position.start_date = timezone.localdate() + dt.timedelta(days=1)
    position.save()
    app = _move(actors.coordinator, application(position, actors.profile), "accept")
    services.agreement_accept(user=actors.volunteer, agreement_id=app.agreement.pk)
    assert action not in services.allowed_actions(app, as_volunteer=False)
    with translation.override("ru"), pytest.raises(services.OpportunityError) as error:
        services.application_transition(
            actor=actors.coordinator, application_id=app.pk, action=action
        )
    assert error.value.code == "not_started"
    start = position.start_date
    months = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря"]  # fmt: skip
    assert f"{start.day} {months[start.month - 1]} {start.year}" in str(error.value.message)
    assert "Позиция начинается" in str(error.value.message)
    with translation.override("kk"), pytest.raises(services.OpportunityError) as error:
        services.application_transition(
            actor=actors.coordinator, application_id=app.pk, action=action
        )
    assert "басталу күні" in str(error.value.message)
    app.refresh_from_db()
    assert app.status == S.ACCEPTED and not app.events.filter(to_status=action).exists()
    # From the start date on, it works.
    _started(position)
    app.refresh_from_db()
    assert action in services.allowed_actions(app, as_volunteer=False)
    assert (
        _move(actors.coordinator, app, action).status
        == {
            "activate": S.ACTIVE,
            "complete": S.COMPLETED,
        }[action]
    )


def test_no_waiting_list_while_places_are_free(actors, position) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile)
    assert "waitlist" not in services.allowed_actions(app, as_volunteer=False)
    assert "accept" in services.allowed_actions(app, as_volunteer=False)
    with translation.override("kk"), pytest.raises(services.OpportunityError) as error:
        services.application_transition(
            actor=actors.coordinator, application_id=app.pk, action="waitlist"
        )
    assert error.value.code == "places_free"
    with translation.override("kk"):
        assert "Бос орындар бар" in str(error.value.message)
    app.refresh_from_db()
    assert app.status == S.APPLIED and app.waitlisted_at is None
    # Once the position is full, the waiting list is the way (and accepting is not).
    for _ in range(2):
        _move(actors.coordinator, application(position), "accept")
    app.refresh_from_db()
    actions = services.allowed_actions(app, as_volunteer=False)
    assert "waitlist" in actions and "accept" not in actions
    assert _move(actors.coordinator, app, "waitlist").status == S.WAITLISTED


def test_a_waitlisted_candidate_keeps_their_place_in_the_queue(actors, position) -> None:  # type: ignore[no-untyped-def]
    """Shortlisting is refused from the waiting list: the candidate stays in the queue, and
    the freed place goes to the first of it as before."""
    accepted, first, second = _full_with_queue(actors, position)
    assert "shortlist" not in services.allowed_actions(first, as_volunteer=False)
    with translation.override("ru"), pytest.raises(services.OpportunityError) as error:
        services.application_transition(
            actor=actors.coordinator, application_id=first.pk, action="shortlist"
        )
    assert error.value.code == "waitlisted"
    with translation.override("ru"):
        assert "сохраняет своё место в очереди" in str(error.value.message)
    first.refresh_from_db()
    assert first.status == S.WAITLISTED
    _move(accepted[0].volunteer.user, accepted[0], "withdraw")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.OFFERED, S.WAITLISTED)


def test_a_placement_is_not_completed_without_the_accepted_agreement(actors, position) -> None:  # type: ignore[no-untyped-def]
    """A completed placement counts in the passport and earns a reference letter: the
    agreement must have been accepted, even when "started work" was skipped."""
    _started(position)
    app = services.application_create(
        user=actors.volunteer, position_id=position.pk, answers=answers()
    )
    _move(actors.coordinator, app, "accept")
    with pytest.raises(services.OpportunityError) as refusal:
        _move(actors.coordinator, app, "complete")
    assert refusal.value.code == "no_agreement"
    assert "complete" not in services.allowed_actions(app, as_volunteer=False)
    services.agreement_accept(user=actors.volunteer, agreement_id=app.agreement.pk)
    _move(actors.coordinator, app, "complete")
    assert app.status == S.COMPLETED
