"""Writes of the opportunities domain: projects, positions, applications, the selection
workflow with its waiting list, and the volunteer agreement.

Every write that touches a position's places locks the position row first (``select_for_update``)
and then the application, always in that order, so concurrent coordinators neither overbook
nor deadlock; the ``opportunities_no_overbooking`` check constraint backs this up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from asar.accounts.models import User
from asar.lib import formatting
from asar.lib.i18n import localized
from asar.opportunities import questionnaire as qn
from asar.opportunities.models import (
    Agreement,
    AgreementFrozen,
    Application,
    ApplicationEvent,
    Benefit,
    Position,
    Project,
)
from asar.organizations.models import Organization
from asar.organizations.permissions import is_coordinator
from asar.volunteers.models import Skill, VolunteerProfile

S = Application.Status
DEFAULT_OFFER_HOURS = 72
GUARDIAN_AGE = 18


class OpportunityError(Exception):
    """A refused write, with a message for the visitor and optional per-field errors."""

    def __init__(
        self, message: Any, *, fields: dict[str, list[Any]] | None = None, code: str = "invalid"
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.fields = fields or {}
        self.code = code


class NotAllowed(OpportunityError):
    def __init__(self, message: Any = None) -> None:
        super().__init__(message or _("You are not allowed to do this."), code="forbidden")


def offer_hours() -> int:
    return int(getattr(settings, "ASAR_OFFER_HOURS", DEFAULT_OFFER_HOURS))


# --- projects and positions ------------------------------------------------------------------


def _require_coordinator(actor: User, organization_id: int) -> None:
    if not is_coordinator(actor, organization_id):
        raise NotAllowed


@transaction.atomic
def project_create(*, actor: User, organization: Organization, fields: dict[str, Any]) -> Project:
    _require_coordinator(actor, organization.pk)
    return Project.objects.create(organization=organization, **fields)


@transaction.atomic
def project_update(*, actor: User, project: Project, fields: dict[str, Any]) -> Project:
    _require_coordinator(actor, project.organization_id)
    for name, value in fields.items():
        setattr(project, name, value)
    project.save()
    return project


@transaction.atomic
def position_create(
    *,
    actor: User,
    project: Project,
    fields: dict[str, Any],
    skills: Iterable[Skill] = (),
    publish: bool = False,
) -> Position:
    _require_coordinator(actor, project.organization_id)
    position = Position(project=project, organization_id=project.organization_id, **fields)
    if publish:
        position.status = Position.Status.PUBLISHED
        position.published_at = timezone.now()
    position.save()
    position.required_skills.set(skills)
    return position


@transaction.atomic
def position_update(
    *,
    actor: User,
    position: Position,
    fields: dict[str, Any],
    skills: Iterable[Skill] | None = None,
) -> Position:
    _require_coordinator(actor, position.organization_id)
    locked = Position.objects.select_for_update().get(pk=position.pk)
    if "places" in fields and fields["places"] < locked.places_taken:
        raise OpportunityError(
            _("%(taken)s places are already taken; the number of places cannot be lower.")
            % {"taken": locked.places_taken},
            fields={"places": [_("Cannot be lower than the places already taken.")]},
        )
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    if skills is not None:
        locked.required_skills.set(skills)
    # More places than before: the waiting list moves up at once.
    _offer_free_places(locked)
    return locked


@transaction.atomic
def position_set_status(*, actor: User, position: Position, status: str) -> Position:
    _require_coordinator(actor, position.organization_id)
    locked = Position.objects.select_for_update().get(pk=position.pk)
    if status not in Position.Status.values:
        raise OpportunityError(_("Unknown status."))
    locked.status = status
    if status == Position.Status.PUBLISHED and locked.published_at is None:
        locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at"])
    return locked


# --- eligibility and the questionnaire ------------------------------------------------------


def age_problem(
    profile: VolunteerProfile, position: Position, guardian_consent: bool
) -> tuple[str, str] | None:
    """(field, message) saying why this person may not apply because of age, or None."""
    day = max(position.start_date, timezone.localdate())
    age = profile.age_on(day)
    if age < position.min_age:
        message = _("This position is for volunteers aged %(age)s and over.") % {
            "age": position.min_age
        }
        return "__all__", str(message)
    if age < GUARDIAN_AGE and not (profile.guardian_consent or guardian_consent):
        return "guardian_consent", str(
            _("Volunteers under 18 need the consent of a parent or guardian: please confirm it.")
        )
    return None


def age_refusal(
    profile: VolunteerProfile, position: Position, guardian_consent: bool
) -> str | None:
    problem = age_problem(profile, position, guardian_consent)
    return problem[1] if problem else None


def validate_answers(answers: dict[str, Any]) -> dict[str, list[str]]:
    """Field errors of a questionnaire (shared by the form and the API). Empty = valid."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: Any) -> None:
        errors.setdefault(field, []).append(str(message))

    motivations = answers.get("motivations") or []
    if not motivations:
        add("motivations", _("Choose at least one answer."))
    elif len(motivations) > qn.MAX_MOTIVATIONS:
        add("motivations", _("Choose no more than %(n)s answers.") % {"n": qn.MAX_MOTIVATIONS})
    if any(m not in qn.Motivation.values for m in motivations):
        add("motivations", _("Unknown answer."))
    if qn.Motivation.OTHER in motivations and not (answers.get("motivation_other") or "").strip():
        add("motivation_other", _("Please explain your other motivation."))

    qualities = answers.get("qualities") or {}
    for quality in qn.Quality.values:
        value = qualities.get(quality)
        if value is None:
            add(f"quality_{quality}", _("Rate this quality from 1 to 5."))
        elif (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not (qn.QUALITY_MIN <= value <= qn.QUALITY_MAX)
        ):
            add(f"quality_{quality}", _("The rating must be from 1 to 5."))
    if set(qualities) - set(qn.Quality.values):
        add("qualities", _("Unknown quality."))

    availability = answers.get("availability") or []
    if not availability:
        add("availability", _("Tell us when you are free."))
    if any(a not in qn.Availability.values for a in availability):
        add("availability", _("Unknown answer."))
    if (
        qn.Availability.OTHER in availability
        and not (answers.get("availability_other") or "").strip()
    ):
        add("availability_other", _("Please say when you are free."))

    activities = answers.get("preferred_activities") or []
    if not activities:
        add("preferred_activities", _("Choose at least one answer."))
    elif len(activities) > qn.MAX_PREFERRED_ACTIVITIES:
        add(
            "preferred_activities",
            _("Choose no more than %(n)s answers.") % {"n": qn.MAX_PREFERRED_ACTIVITIES},
        )
    if any(a not in qn.Activity.values for a in activities):
        add("preferred_activities", _("Unknown answer."))
    if qn.Activity.OTHER in activities and not (answers.get("activity_other") or "").strip():
        add("activity_other", _("Please describe the other activity."))

    if any(e not in qn.Experience.values for e in answers.get("experience_kinds") or []):
        add("experience_kinds", _("Unknown answer."))
    residence = answers.get("residence") or ""
    if residence and residence not in qn.Residence.values:
        add("residence", _("Unknown answer."))
    if (
        answers.get("has_health_restrictions")
        and not (answers.get("health_restrictions") or "").strip()
    ):
        add("health_restrictions", _("Please describe the restrictions."))
    return errors


ANSWER_FIELDS = (
    "motivations",
    "motivation_other",
    "qualities",
    "residence",
    "experience_kinds",
    "experience_with_people",
    "health_restrictions",
    "preferred_activities",
    "activity_other",
    "availability",
    "availability_other",
    "guardian_consent",
)


@transaction.atomic
def application_create(*, user: User, position_id: int, answers: dict[str, Any]) -> Application:
    """Apply to a position. A full position puts the candidate on its waiting list."""
    profile = VolunteerProfile.objects.filter(user=user).first()
    if profile is None:
        raise OpportunityError(_("Create your volunteer profile first."), code="no_profile")
    position = Position.objects.select_for_update().filter(pk=position_id).first()
    if position is None or position.status != Position.Status.PUBLISHED:
        raise OpportunityError(_("This position is not open for applications."), code="closed")
    if position.end_date and position.end_date < timezone.localdate():
        raise OpportunityError(_("This position has already ended."), code="closed")
    errors = validate_answers(answers)
    problem = age_problem(profile, position, bool(answers.get("guardian_consent")))
    if problem:
        errors.setdefault(problem[0], []).append(problem[1])
    if errors:
        raise OpportunityError(_("Please correct the errors below."), fields=errors)
    if (
        Application.objects.filter(position=position, volunteer=profile)
        .exclude(status__in=[S.REJECTED, S.WITHDRAWN])
        .exists()
    ):
        raise OpportunityError(_("You have already applied to this position."), code="duplicate")

    data = {k: answers[k] for k in ANSWER_FIELDS if k in answers}
    if not answers.get("has_health_restrictions", bool(data.get("health_restrictions"))):
        data["health_restrictions"] = ""
    now = timezone.now()
    full = position.places_taken >= position.places
    application = Application.objects.create(
        position=position,
        volunteer=profile,
        status=S.WAITLISTED if full else S.APPLIED,
        waitlisted_at=now if full else None,
        **data,
    )
    _record(application, "", application.status, user, "")
    return application


# --- the selection workflow ------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    by_volunteer: bool = False


TRANSITIONS: dict[str, Transition] = {
    # Not from the waiting list: a waitlisted candidate keeps their place in the queue until a
    # place is offered to them (or a coordinator accepts them into a free place, or rejects them).
    "shortlist": Transition((S.APPLIED,), S.SHORTLISTED),
    "accept": Transition((S.APPLIED, S.SHORTLISTED, S.WAITLISTED), S.ACCEPTED),
    "reject": Transition(
        (S.APPLIED, S.SHORTLISTED, S.WAITLISTED, S.OFFERED, S.ACCEPTED), S.REJECTED
    ),
    "waitlist": Transition((S.APPLIED, S.SHORTLISTED), S.WAITLISTED),
    "activate": Transition((S.ACCEPTED,), S.ACTIVE),
    "complete": Transition((S.ACCEPTED, S.ACTIVE), S.COMPLETED),
    "withdraw": Transition(
        (S.APPLIED, S.SHORTLISTED, S.WAITLISTED, S.OFFERED, S.ACCEPTED, S.ACTIVE),
        S.WITHDRAWN,
        by_volunteer=True,
    ),
    "confirm_offer": Transition((S.OFFERED,), S.ACCEPTED, by_volunteer=True),
}
COORDINATOR_ACTIONS = tuple(a for a, t in TRANSITIONS.items() if not t.by_volunteer)
VOLUNTEER_ACTIONS = tuple(a for a, t in TRANSITIONS.items() if t.by_volunteer)


def transition_refusal(
    application: Application, position: Position, action: str
) -> OpportunityError | None:
    """Why ``action`` cannot be taken on ``application`` now (its status, the position's places
    and dates, the agreement), or None. The service raises it; the pages offer only the actions
    that pass. Reasons and the reason-for-rejection check apart, the rules:

    - shortlisting is for new applications only: a candidate on the waiting list keeps their
      place in the queue, and is not taken off it by being shortlisted;
    - accepting needs a free place; the waiting list is for when there is none (with a free
      place, accept the candidate instead);
    - "started work" and "completed" only from the position's start date, and only once the
      volunteer has accepted the agreement (a completed placement counts in the passport and
      earns a reference letter: the agreement is what it rests on).
    """
    transition = TRANSITIONS[action]
    if application.status not in transition.sources:
        if action == "shortlist" and application.status == S.WAITLISTED:
            return OpportunityError(
                _(
                    "A candidate on the waiting list keeps their place in the queue and is not "
                    "shortlisted. Accept them when a place is free, or reject them."
                ),
                code="waitlisted",
            )
        return OpportunityError(
            _("An application that is “%(current)s” cannot be moved to “%(target)s”.")
            % {
                "current": application.get_status_display(),
                "target": S(transition.target).label,
            },
            code="illegal_transition",
        )
    free = position.places_taken < position.places
    if action == "waitlist" and free:
        return OpportunityError(
            _("There are free places: accept the candidate instead of the waiting list."),
            code="places_free",
        )
    if (
        transition.target in Application.HOLDS_PLACE
        and application.status not in Application.HOLDS_PLACE
        and not free
    ):
        return OpportunityError(
            _("All places are taken. Put the candidate on the waiting list instead."),
            code="full",
        )
    if action in ("activate", "complete") and timezone.localdate() < position.start_date:
        start = formatting.date(position.start_date)
        if action == "activate":
            message = _("The position starts on %(date)s: the volunteer cannot start before.")
        else:
            message = _("The position starts on %(date)s: work not yet begun cannot be completed.")
        return OpportunityError(message % {"date": start}, code="not_started")
    if action in ("activate", "complete") and not _agreement_accepted(application):
        return OpportunityError(
            _("The volunteer has not accepted the agreement yet."), code="no_agreement"
        )
    return None


def _agreement_accepted(application: Application) -> bool:
    try:
        return application.agreement.accepted_at is not None
    except Agreement.DoesNotExist:
        return False


def allowed_actions(application: Application, *, as_volunteer: bool) -> list[str]:
    """The actions the volunteer (or a coordinator) can take on the application right now."""
    actions = [a for a, t in TRANSITIONS.items() if t.by_volunteer == as_volunteer]
    if as_volunteer:
        return [a for a in actions if application.status in TRANSITIONS[a].sources]
    return [a for a in actions if transition_refusal(application, application.position, a) is None]


def application_transition(
    *, actor: User, application_id: int, action: str, reason: str = ""
) -> Application:
    """Move an application along the workflow, recording who did it and when. What may be done
    when: ``TRANSITIONS`` and ``transition_refusal``."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise OpportunityError(_("Unknown action."), code="unknown_action")
    with transaction.atomic():
        position_id = (
            Application.objects.filter(pk=application_id)
            .values_list("position_id", flat=True)
            .first()
        )
        if position_id is None:
            raise OpportunityError(_("Application not found."), code="not_found")
        position = Position.objects.select_for_update().get(pk=position_id)
        application = (
            Application.objects.select_for_update()
            .select_related("volunteer__user")
            .get(pk=application_id)
        )
        if transition.by_volunteer:
            if application.volunteer.user_id != actor.pk:
                raise NotAllowed
        elif not is_coordinator(actor, position.organization_id):
            raise NotAllowed
        refusal = transition_refusal(application, position, action)
        if refusal is not None:
            raise refusal
        reason = (reason or "").strip()
        if transition.target == S.REJECTED and not reason:
            raise OpportunityError(
                _("Please give the reason for the rejection."),
                fields={"reason": [str(_("This field is required."))]},
            )
        if (
            action == "confirm_offer"
            and application.offer_expires_at
            and (application.offer_expires_at < timezone.now())
        ):
            raise OpportunityError(_("This offer has expired."), code="expired")
        _move(position, application, transition.target, actor, reason)
        return application


def _move(
    position: Position, application: Application, target: str, actor: User | None, note: str
) -> None:
    """Change status and the position's place count; both rows are locked by the caller."""
    source = application.status
    held_before = source in Application.HOLDS_PLACE
    held_after = target in Application.HOLDS_PLACE
    now = timezone.now()
    if held_after and not held_before:
        if position.places_taken >= position.places:
            raise OpportunityError(
                _("All places are taken. Put the candidate on the waiting list instead."),
                code="full",
            )
        Position.objects.filter(pk=position.pk).update(places_taken=F("places_taken") + 1)
        position.places_taken += 1
    elif held_before and not held_after:
        Position.objects.filter(pk=position.pk).update(places_taken=F("places_taken") - 1)
        position.places_taken -= 1

    application.status = target
    if target == S.REJECTED:
        application.rejection_reason = note
    if target == S.WAITLISTED:
        application.waitlisted_at = now
    if target == S.ACCEPTED:
        application.accepted_at = now
        application.offer_expires_at = None
    if target == S.COMPLETED:
        application.completed_at = now
    application.save()
    _record(application, source, target, actor, note)
    if target == S.ACCEPTED:
        agreement_generate(application=application, position=position)
    if held_before and not held_after:
        _offer_free_places(position)


def _record(
    application: Application, source: str, target: str, actor: User | None, note: str
) -> ApplicationEvent:
    event = ApplicationEvent.objects.create(
        application=application, from_status=source, to_status=target, actor=actor, note=note
    )
    if target in NOTIFIED_STATUSES or (target == S.WITHDRAWN and actor is None):
        from asar.opportunities import tasks

        transaction.on_commit(lambda: tasks.send_application_notice.delay(event.pk))
    return event


NOTIFIED_STATUSES = (S.SHORTLISTED, S.ACCEPTED, S.REJECTED, S.OFFERED, S.WAITLISTED)


def _offer_free_places(position: Position) -> int:
    """Offer every free place to the next candidates on the waiting list (position locked)."""
    if position.status == Position.Status.CLOSED:
        return 0
    offered = 0
    while position.places_taken < position.places:
        candidate = (
            Application.objects.select_for_update()
            .filter(position=position, status=S.WAITLISTED)
            .order_by("waitlisted_at", "id")
            .first()
        )
        if candidate is None:
            break
        now = timezone.now()
        candidate.offered_at = now
        candidate.offer_expires_at = now + dt.timedelta(hours=offer_hours())
        _move(position, candidate, S.OFFERED, None, "")
        offered += 1
    return offered


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """Pass expired offers to the next candidate. Idempotent: safe to run any number of times."""
    now = now or timezone.now()
    expired_ids = list(
        Application.objects.filter(status=S.OFFERED, offer_expires_at__lt=now).values_list(
            "id", flat=True
        )
    )
    done = 0
    for application_id in expired_ids:
        with transaction.atomic():
            position_id = Application.objects.values_list("position_id", flat=True).get(
                pk=application_id
            )
            position = Position.objects.select_for_update().get(pk=position_id)
            application = Application.objects.select_for_update().get(pk=application_id)
            # Re-check under the lock: another run or the volunteer may have got there first.
            if (
                application.status != S.OFFERED
                or not application.offer_expires_at
                or (application.offer_expires_at >= now)
            ):
                continue
            _move(position, application, S.WITHDRAWN, None, "offer_expired")
            done += 1
    return done


# --- the agreement (Appendix 2) -------------------------------------------------------------


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def agreement_text(*, application: Application, position: Position, language: str) -> str:
    profile = application.volunteer
    organization = position.organization
    with translation.override(language):
        benefits = [str(Benefit(b).label) for b in position.benefits if b in Benefit.values]
        context = {
            "today": timezone.localdate(),
            "organization": localized(organization, "name", language),
            "organization_city": organization.city,
            "volunteer": profile.full_name,
            "position": localized(position, "title", language),
            "project": localized(position.project, "title", language),
            "place": position.settlement
            or (localized(position.region, "name", language) if position.region else ""),
            "online": position.is_online,
            "start_date": position.start_date,
            "end_date": position.end_date,
            "schedule": localized(position, "schedule", language),
            "hours_per_week": position.hours_per_week,
            "benefits": benefits,
            "is_risky": position.is_risky,
            "notice_weeks": 2,
        }
        return (
            render_to_string(f"opportunities/agreement/agreement_{language}.txt", context).strip()
            + "\n"
        )


AGREEMENT_LANGUAGES = ("kk", "ru", "en")


def agreement_generate(
    *, application: Application, position: Position, language: str | None = None
) -> Agreement:
    """Generate (or refresh, while not yet accepted) the agreement in ``language``, by default
    the volunteer's own."""
    language = language or application.volunteer.user.preferred_language or "kk"
    if language not in AGREEMENT_LANGUAGES:
        language = "kk"
    text = agreement_text(application=application, position=position, language=language)
    agreement = Agreement.objects.select_for_update().filter(application=application).first()
    if agreement is None:
        return Agreement.objects.create(
            application=application, language=language, text=text, content_sha256=sha256(text)
        )
    if agreement.accepted_at is not None:
        return agreement  # accepted texts are never regenerated
    agreement.language, agreement.text, agreement.content_sha256 = language, text, sha256(text)
    agreement.save()
    return agreement


@transaction.atomic
def agreement_accept(
    *,
    user: User,
    agreement_id: int,
    language: str | None = None,
    content_sha256: str | None = None,
) -> Agreement:
    """The volunteer accepts the agreement electronically. ``language``: the one they read it
    in (the text is regenerated in it if it differs); ``content_sha256``: the digest of the
    text they were shown — if the text changed since, nothing is accepted."""
    agreement = (
        Agreement.objects.select_for_update()
        .select_related("application__volunteer__user", "application__position")
        .filter(pk=agreement_id)
        .first()
    )
    if agreement is None or agreement.application.volunteer.user_id != user.pk:
        raise NotAllowed
    if agreement.accepted_at is not None:
        raise OpportunityError(_("You have already accepted this agreement."), code="accepted")
    if agreement.application.status not in (S.ACCEPTED, S.ACTIVE):
        raise OpportunityError(_("This agreement is no longer valid."), code="invalid")
    if language in AGREEMENT_LANGUAGES and language != agreement.language:
        agreement = agreement_generate(
            application=agreement.application,
            position=agreement.application.position,
            language=language,
        )
    if content_sha256 is not None and content_sha256 != agreement.content_sha256:
        raise OpportunityError(
            _("The agreement has changed since you opened it. Please read it again."),
            code="changed",
        )
    if sha256(agreement.text) != agreement.content_sha256:
        raise OpportunityError(_("The agreement text is damaged; please contact the organisation."))
    agreement.accepted_at = timezone.now()
    agreement.accepted_by = user
    agreement.save(update_fields=["accepted_at", "accepted_by"])
    return agreement


@transaction.atomic
def agreement_update_text(*, agreement_id: int, text: str) -> Agreement:
    """Only for agreements not yet accepted (e.g. a correction by the organisation)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    if agreement.accepted_at is not None:
        raise AgreementFrozen(_("An accepted agreement cannot be changed."))
    agreement.text, agreement.content_sha256 = text, sha256(text)
    agreement.save(update_fields=["text", "content_sha256"])
    return agreement


# --- notifications ---------------------------------------------------------------------------


def notice_send(*, event_id: int) -> bool:
    """E-mail the volunteer about one event, in their language, at most once."""
    from django.core.mail import send_mail
    from django.urls import reverse

    with transaction.atomic():
        event = (
            ApplicationEvent.objects.select_for_update()
            .select_related(
                "application__volunteer__user",
                "application__position__organization",
            )
            .filter(pk=event_id)
            .first()
        )
        if event is None or event.notified_at is not None:
            return False
        application = event.application
        user = application.volunteer.user
        language = user.preferred_language or "kk"
        with translation.override(language):
            context = {
                "event": event,
                "application": application,
                "position_title": localized(application.position, "title", language),
                "organization": localized(application.position.organization, "name", language),
                "name": application.volunteer.first_name,
                "url": settings.ASAR_SITE_URL.rstrip("/")
                + reverse("opportunities:my_applications"),
                "expired": event.note == "offer_expired",
            }
            subject = render_to_string("opportunities/email/notice_subject.txt", context)
            body = render_to_string("opportunities/email/notice_body.txt", context)
        send_mail(" ".join(subject.split()), body, None, [user.email])
        event.notified_at = timezone.now()
        event.save(update_fields=["notified_at"])
        return True
