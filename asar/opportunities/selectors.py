"""Reads of the opportunities domain, always scoped by the acting user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, overload

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet, TextChoices
from django.http import Http404
from django.utils import timezone

from asar.accounts import roles
from asar.accounts.models import User
from asar.geo.models import ActivityForm, Direction, Region
from asar.lib.pagination import CappedCount, count_up_to
from asar.opportunities import questionnaire as qn
from asar.opportunities import search
from asar.opportunities.models import Agreement, Application, Position, Project
from asar.organizations.models import Organization
from asar.organizations.permissions import is_coordinator
from asar.volunteers.models import Skill, VolunteerProfile

S = Application.Status


@dataclass
class SearchFilters:
    q: str = ""
    region: int | None = None
    direction: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    form: str = ""  # "online", "offline" or a specific ActivityForm value
    fits_me: bool = False
    organization: int | None = None


def profile_of(user: roles.AnyUser) -> VolunteerProfile | None:
    if not user.is_authenticated:
        return None
    return VolunteerProfile.objects.filter(user=user).first()


COMMON_MATCHES = 1000


class PositionResults:
    """Search results in the order a volunteer expects: first the positions open now (started,
    not ended), the most recently started first; then those coming up, the soonest first.

    Ordering everything by start date put positions that opened years ago (still running, no
    end date) on the first page. This order is not monotonic in the start date, so it is two
    querysets, each read from the ``opportunities_pos_by_start`` index (backwards for the
    first): a page is one index range scan, never a sort of every match. Counting stops at
    the search cap (``asar.lib.pagination``); slicing is what ``Paginator`` and the API need.
    """

    def __init__(self, matches: QuerySet[Position], *, pivot: dt.date) -> None:
        self.pivot = pivot
        self.open_now = matches.filter(start_date__lte=pivot).order_by("-start_date", "-id")
        self.upcoming = matches.filter(start_date__gt=pivot).order_by("start_date", "id")
        self._open_counts: dict[int, int] = {}

    def _open_now_up_to(self, limit: int) -> int:
        """min(positions open now, limit): all that a slice ending at ``limit`` needs to know,
        read from at most ``limit + 1`` rows."""
        if limit not in self._open_counts:
            self._open_counts[limit] = count_up_to(self.open_now, cap=limit).value
        return self._open_counts[limit]

    def count_up_to(self, cap: int) -> CappedCount:
        """Both parts counted up to ``cap`` in all (``asar.lib.pagination``): an exact count of
        a common word reads every match."""
        open_now = count_up_to(self.open_now, cap=cap)
        if open_now.more:
            return open_now
        upcoming = count_up_to(self.upcoming, cap=cap - open_now.value)
        return CappedCount(value=open_now.value + upcoming.value, more=upcoming.more)

    def count(self) -> int:
        return count_up_to(self).value

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Position]:
        yield from self.open_now
        yield from self.upcoming

    @overload
    def __getitem__(self, key: int) -> Position: ...
    @overload
    def __getitem__(self, key: slice) -> list[Position]: ...
    def __getitem__(self, key: int | slice) -> Position | list[Position]:
        if isinstance(key, int):
            found = self[key : key + 1]
            if key < 0 or not found:
                raise IndexError(key)
            return found[0]
        if key.step not in (None, 1) or (key.start or 0) < 0 or (key.stop or 0) < 0:
            raise ValueError("only forward slices with non-negative bounds")
        start = key.start or 0
        stop = key.stop if key.stop is not None else self.count()
        if stop <= start:
            return []
        n_open = self._open_now_up_to(stop)
        page: list[Position] = []
        if start < n_open:
            page += list(self.open_now[start : min(stop, n_open)])
        if stop > n_open:
            page += list(self.upcoming[max(start - n_open, 0) : stop - n_open])
        return page


def search_positions(*, user: roles.AnyUser, filters: SearchFilters) -> PositionResults:
    """Published positions that have not ended, matching the filters: open now first, then
    upcoming (see ``PositionResults``); "now" is the first day asked for, if later than today.

    Organisations whose verification was refused are hidden; unverified ones are shown and
    marked as such by the templates.
    """
    today = timezone.localdate()
    pivot = max(today, filters.date_from) if filters.date_from else today
    return PositionResults(_matching(user=user, filters=filters, today=today), pivot=pivot)


def open_positions() -> QuerySet[Position]:
    """Everything the search shows an anonymous visitor (the home page counts these)."""
    return _open(timezone.localdate())


def _open(today: dt.date) -> QuerySet[Position]:
    return (
        Position.objects.filter(status=Position.Status.PUBLISHED)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(organization__verification=Organization.Verification.REJECTED)
    )


def _matching(*, user: roles.AnyUser, filters: SearchFilters, today: dt.date) -> QuerySet[Position]:
    qs = _open(today).select_related("organization", "region", "direction")
    if filters.q.strip():
        if connection.vendor == "postgresql":
            query = search.tsquery(filters.q)
            if query is not None:
                # The stored document (migration 0005): testing a row is cheap on any plan.
                # With the expression index (0003) the planner recomputed the vector for
                # every row it filtered another way: 1.6 s to count a common word over
                # 100 000 positions (bench/README.md).
                # A word PostgreSQL's statistics know as common skips the probe below: it
                # would read every match from the index (19 ms for a word in 87 000
                # positions) only to find there are many.
                common = search.estimated_matches(filters.q) >= COMMON_MATCHES
                ids = [] if common else search.matching_ids(filters.q, limit=COMMON_MATCHES)
                if not common and len(ids) < COMMON_MATCHES:
                    # A rare word: its few matches, straight from the GIN index (walking the
                    # date index would test every row to find them: tests/opportunities/
                    # test_scale), then the filters and the order on those rows only.
                    return _narrowed(qs.filter(pk__in=ids), user, filters)
                # A common word: walk the date index; the first page comes at once.
                qs = qs.alias(document=search.document()).filter(document=query)
        else:
            qs = search.filter_sqlite(qs, filters.q)
    return _narrowed(qs, user, filters)


def unknown_references(filters: SearchFilters) -> list[str]:
    """Names of the filters that point at no region, direction or organisation."""
    checks = (
        ("region", filters.region, Region),
        ("direction", filters.direction, Direction),
        ("organization", filters.organization, Organization),
    )
    return [
        name
        for name, pk, model in checks
        if pk is not None and not model.objects.filter(pk=pk).exists()
    ]


def _narrowed(
    qs: QuerySet[Position], user: roles.AnyUser, filters: SearchFilters
) -> QuerySet[Position]:
    if filters.region:
        # Online positions are open to everybody, wherever they live.
        qs = qs.filter(Q(region_id=filters.region) | Q(form=ActivityForm.ONLINE))
    if filters.direction:
        qs = qs.filter(direction_id=filters.direction)
    if filters.organization:
        qs = qs.filter(organization_id=filters.organization)
    if filters.form == "offline":
        qs = qs.exclude(form=ActivityForm.ONLINE)
    elif filters.form in ActivityForm.values:
        qs = qs.filter(form=filters.form)
    if filters.date_from:
        qs = qs.filter(Q(end_date__isnull=True) | Q(end_date__gte=filters.date_from))
    if filters.date_to:
        qs = qs.filter(start_date__lte=filters.date_to)
    if filters.fits_me:
        profile = profile_of(user)
        if profile is not None:
            qs = qs.filter(min_age__lte=profile.age)
            missing = Skill.objects.exclude(volunteers=profile)
            qs = qs.exclude(required_skills__in=missing)
    return qs


def position_for_visitor(*, user: roles.AnyUser, position_id: int) -> Position:
    """A published position, or any position of an organisation the user coordinates."""
    position = (
        Position.objects.select_related(
            "organization", "region", "direction", "project", "coordinator"
        )
        .prefetch_related("required_skills")
        .filter(pk=position_id)
        .first()
    )
    if position is None:
        raise Http404
    if position.status == Position.Status.DRAFT and not is_coordinator(
        user, position.organization_id
    ):
        raise Http404
    return position


def open_application(*, user: roles.AnyUser, position: Position) -> Application | None:
    profile = profile_of(user)
    if profile is None:
        return None
    return (
        Application.objects.filter(position=position, volunteer=profile)
        .exclude(status__in=[S.REJECTED, S.WITHDRAWN])
        .first()
    )


def applications_of(*, user: roles.AnyUser) -> QuerySet[Application]:
    """The volunteer's own applications (nobody else's)."""
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(volunteer__user=user)
        .select_related("position__organization", "position__region", "agreement")
        .order_by("-created_at", "-id")
    )


def application_of_volunteer(*, user: roles.AnyUser, application_id: int) -> Application:
    application = applications_of(user=user).filter(pk=application_id).first()
    if application is None:
        raise Http404
    return application


def agreement_for(*, user: roles.AnyUser, application_id: int) -> Agreement:
    """The agreement, for the volunteer themselves or the coordinators of the organisation."""
    agreement = (
        Agreement.objects.select_related(
            "application__volunteer", "application__position__organization", "accepted_by"
        )
        .filter(application_id=application_id)
        .first()
    )
    if agreement is None:
        raise Http404
    app = agreement.application
    if app.volunteer.user_id != getattr(user, "pk", None) and not is_coordinator(
        user, app.position.organization_id
    ):
        raise Http404
    return agreement


def agreement_as_read(
    *, user: roles.AnyUser, agreement: Agreement, language: str | None
) -> tuple[str, str]:
    """(language, text) of the agreement as ``user`` reads it. The volunteer reads an agreement
    they have not accepted yet in ``language`` (the page's, or the API caller's choice): accepting
    it stores exactly that text. Accepted agreements, and everyone else, get the stored text."""
    from asar.opportunities import services

    if (
        agreement.application.volunteer.user_id != getattr(user, "pk", None)
        or agreement.accepted_at is not None
        or language not in services.AGREEMENT_LANGUAGES
        or language == agreement.language
    ):
        return agreement.language, agreement.text
    text = services.agreement_text(
        application=agreement.application,
        position=agreement.application.position,
        language=language,
    )
    return language, text


@dataclass(frozen=True)
class PreviousAnswers:
    """A volunteer's answers to an earlier questionnaire, as initial data of a new one."""

    applied_at: dt.datetime
    initial: dict[str, Any]


def previous_answers(*, user: roles.AnyUser) -> PreviousAnswers | None:
    """The questionnaire of the user's own most recent application (to any position, in any
    status: the answers are about the person), mapped to ``ApplicationForm`` initial data.

    Answers the questionnaire no longer offers are left out. Nothing position-specific is
    copied: guardian consent is given for a particular position (the form takes it from the
    profile). Health restrictions are copied with "yes" ticked, otherwise the text would be
    dropped on sending; the volunteer sees them before sending to the new organisation."""
    last = applications_of(user=user).first()
    if last is None:
        return None
    initial: dict[str, Any] = {
        "availability": _known(qn.Availability, last.availability),
        "availability_other": last.availability_other,
        "motivations": _known(qn.Motivation, last.motivations)[: qn.MAX_MOTIVATIONS],
        "motivation_other": last.motivation_other,
        "residence": last.residence if last.residence in qn.Residence.values else "",
        "experience_kinds": _known(qn.Experience, last.experience_kinds),
        "experience_with_people": last.experience_with_people,
        "has_health_restrictions": "yes" if last.health_restrictions.strip() else "no",
        "health_restrictions": last.health_restrictions,
        "preferred_activities": _known(qn.Activity, last.preferred_activities)[
            : qn.MAX_PREFERRED_ACTIVITIES
        ],
        "activity_other": last.activity_other,
    }
    qualities = last.qualities if isinstance(last.qualities, dict) else {}
    for quality in qn.Quality.values:
        score = qualities.get(quality)
        if isinstance(score, int) and qn.QUALITY_MIN <= score <= qn.QUALITY_MAX:
            initial[f"quality_{quality}"] = score
    return PreviousAnswers(applied_at=last.created_at, initial=initial)


def _known(choices: type[TextChoices], values: object) -> list[str]:
    return [v for v in values if v in choices.values] if isinstance(values, list) else []


def waiting_position(*, application: Application) -> int | None:
    """1-based place of a waitlisted application in its queue."""
    if application.status != S.WAITLISTED or application.waitlisted_at is None:
        return None
    ahead = Application.objects.filter(
        position_id=application.position_id, status=S.WAITLISTED
    ).filter(
        Q(waitlisted_at__lt=application.waitlisted_at)
        | Q(waitlisted_at=application.waitlisted_at, id__lt=application.pk)
    )
    return ahead.count() + 1


# --- the coordinator's view of one organisation ----------------------------------------------


def organization_for_coordinator(*, user: roles.AnyUser, organization_id: int) -> Organization:
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        raise Http404
    return organization


@dataclass
class ManagedPosition:
    position: Position
    applications: list[Application] = field(default_factory=list)  # still to decide or under way
    waiting: list[Application] = field(default_factory=list)
    finished: list[Application] = field(default_factory=list)  # rejected, withdrawn, completed
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def status_actions(self) -> list[str]:
        """Publish / close buttons the position can take from its current status."""
        return [
            s
            for s in (Position.Status.PUBLISHED, Position.Status.CLOSED)
            if s != self.position.status
        ]


def organization_positions(
    *, user: User, organization: Organization, status: str = ""
) -> QuerySet[Position]:
    """An organisation's positions for its coordinators: published first, then drafts, then
    closed; the latest start first within each."""
    if not is_coordinator(user, organization.pk):
        return Position.objects.none()
    positions = Position.objects.filter(organization=organization).order_by(
        "-status", "-start_date", "-id"
    )
    return positions.filter(status=status) if status else positions


def managed_positions(
    *,
    user: User,
    organization: Organization,
    status: str = "",
    position_id: int | None = None,
    position_ids: list[int] | None = None,
) -> list[ManagedPosition]:
    """Positions of an organisation with their applicants (coordinators of that org only —
    the view checks; this selector re-checks, as it returns health restrictions)."""
    if not is_coordinator(user, organization.pk):
        return []
    applications = Application.objects.select_related("volunteer__user", "agreement").order_by(
        "created_at", "id"
    )
    positions = (
        organization_positions(user=user, organization=organization, status=status)
        .select_related("project", "region", "direction")
        .prefetch_related(Prefetch("applications", queryset=applications))
    )
    if position_id:
        positions = positions.filter(pk=position_id)
    if position_ids is not None:
        positions = positions.filter(pk__in=position_ids)
    result = []
    for position in positions:
        managed = ManagedPosition(position=position)
        for app in position.applications.all():
            managed.counts[app.status] = managed.counts.get(app.status, 0) + 1
            if app.status == S.WAITLISTED:
                managed.waiting.append(app)
            elif app.status in Application.CLOSED:
                managed.finished.append(app)
            else:
                managed.applications.append(app)
        managed.waiting.sort(key=lambda a: (a.waitlisted_at or a.created_at, a.pk))
        result.append(managed)
    return result


def application_for_coordinator(*, user: roles.AnyUser, application_id: int) -> Application:
    application = (
        Application.objects.select_related("volunteer__user", "position__organization", "agreement")
        .filter(pk=application_id)
        .first()
    )
    if application is None or not is_coordinator(user, application.position.organization_id):
        raise Http404
    return application


def applicants_of(*, user: roles.AnyUser, position: Position) -> QuerySet[Application]:
    """Every application to one position, with the questionnaires (health restrictions
    included): for the coordinators of its organisation only, nobody else."""
    if not is_coordinator(user, position.organization_id):
        return Application.objects.none()
    return (
        Application.objects.filter(position=position)
        .select_related("position", "volunteer", "agreement")
        .order_by("created_at", "id")
    )


def projects_of(*, user: User, organization: Organization) -> QuerySet[Project]:
    if not is_coordinator(user, organization.pk):
        return Project.objects.none()
    return Project.objects.filter(organization=organization).annotate(
        n_positions=Count("positions")
    )
