"""One small world shared by the authorization matrix: every role, and one object of each kind
the URLs point at, owned by the "home" side (actors.volunteer, actors.org in Almaty KZ-75).

Built once per test module (see ``world`` in conftest.py) inside a transaction that is rolled
back at the end; each test runs in a savepoint of its own, so a POST never leaks into the next.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from asar.accounts import services as account_services
from asar.accounts.models import ApiToken, Role, User
from asar.hours import services as hours
from asar.hours.models import CalendarFeed, HourEntry, Shift
from asar.hours.services import EntryInput
from asar.monitoring.models import Finding, MonthlyReport
from asar.opportunities import services as opportunities
from asar.opportunities.models import Application, Position, Project
from asar.organizations.models import Membership, Organization
from asar.passport import services as passport
from asar.passport.models import Certificate
from asar.reporting.models import NationalReport
from asar.volunteers.models import VolunteerProfile
from tests import factories as f
from tests.monitoring.factories import make_report

ROLES = (
    "anonymous",
    "volunteer",
    "other_volunteer",
    "coordinator",
    "other_coordinator",
    "operator",
    "other_operator",
    "analyst",
    "helpline",
    "admin",
)


@dataclass
class World:
    users: dict[str, User | None]
    org: Organization
    other_org: Organization
    rejected_org: Organization  # of coordinator too, KZ-75, refused at verification
    project: Project
    position: Position  # published, of org; volunteer is accepted on it
    free_position: Position  # published, of org; nobody applied yet
    draft_position: Position  # of org, not published
    application: Application  # volunteer → position, accepted
    pending_application: Application  # other_volunteer → position, pending
    completed_application: Application  # volunteer, with org, finished (letters)
    entry: HourEntry  # volunteer's pending entry with org
    shift: Shift
    feed: CalendarFeed
    certificate: Certificate
    draft_report: MonthlyReport  # KZ-75, editable
    submitted_report: MonthlyReport  # KZ-75, waiting for review
    finding: Finding  # on the draft report
    edition: NationalReport  # regional edition of KZ-75, done, with a file
    token: ApiToken  # volunteer's
    extra_membership: Membership  # a second coordinator of org (can be removed)
    sessions: dict[str, str] = field(default_factory=dict)  # role → session key

    @property
    def profile(self) -> VolunteerProfile:
        return self.users["volunteer"].volunteer_profile  # type: ignore[union-attr]


def build_world() -> World:
    volunteer = f.VolunteerFactory(user__email="volunteer@example.kz").user
    other_volunteer = f.VolunteerFactory(user__email="other.volunteer@example.kz").user
    org = f.OrganizationFactory(name_ru="Добрые сердца", home_region=f.region("KZ-75"))
    # Its coordinators show the value of its volunteers' work publicly; org does not (default).
    other_org = f.OrganizationFactory(
        name_ru="Чистый Шымкент", home_region=f.region("KZ-79"), value_public=True
    )
    coordinator = f.MembershipFactory(organization=org, user__email="coord@example.kz").user
    other_coordinator = f.MembershipFactory(
        organization=other_org, user__email="other.coord@example.kz"
    ).user
    # Refused at verification: hidden from the public, seen by its people and the officials.
    rejected_org = f.OrganizationFactory(
        name_ru="Отклонённая группа",
        home_region=f.region("KZ-75"),
        verification=Organization.Verification.REJECTED,
    )
    f.MembershipFactory(organization=rejected_org, user=coordinator)
    extra_membership = f.MembershipFactory(
        organization=org, user__email="second.coord@example.kz", role=Membership.Role.COORDINATOR
    )
    operator = f.UserFactory(email="operator.almaty@example.kz")
    f.grant(operator, Role.FRONT_OFFICE_OPERATOR, "KZ-75")
    other_operator = f.UserFactory(email="operator.shymkent@example.kz")
    f.grant(other_operator, Role.FRONT_OFFICE_OPERATOR, "KZ-79")
    analyst = f.UserFactory(email="analyst@example.kz")
    f.grant(analyst, Role.NATIONAL_ANALYST)
    helpline = f.UserFactory(email="helpline@example.kz")
    f.grant(helpline, Role.HELPLINE_OPERATOR)
    admin = f.UserFactory(email="admin@example.kz", is_staff=True, is_superuser=True)
    users: dict[str, User | None] = {
        "anonymous": None,
        "volunteer": volunteer,
        "other_volunteer": other_volunteer,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "operator": operator,
        "other_operator": other_operator,
        "analyst": analyst,
        "helpline": helpline,
        "admin": admin,
    }

    profile = volunteer.volunteer_profile
    project = f.ProjectFactory(organization=org)
    position = f.PositionFactory(project=project, start_date=dt.date(2024, 1, 1))
    free_position = f.PositionFactory(project=project)
    draft_position = f.PositionFactory(project=project, status=Position.Status.DRAFT)
    # Through the real workflow, so the places taken and the agreement exist as in life.
    application = f.ApplicationFactory(position=position, volunteer=profile)
    opportunities.application_transition(
        actor=coordinator, application_id=application.pk, action="accept"
    )
    Application.objects.filter(pk=application.pk).update(
        accepted_at=timezone.now() - dt.timedelta(days=60)
    )
    application.refresh_from_db()
    pending_application = f.ApplicationFactory(
        position=position, volunteer=other_volunteer.volunteer_profile
    )
    completed_application = f.ApplicationFactory(
        position=f.PositionFactory(project=project, start_date=dt.date(2023, 1, 1)),
        volunteer=profile,
        status=Application.Status.COMPLETED,
        accepted_at=timezone.now() - dt.timedelta(days=400),
        completed_at=timezone.now() - dt.timedelta(days=300),
    )
    today = timezone.localdate()
    hours.entry_log(
        actor=coordinator,
        volunteer=profile,
        data=EntryInput(date=today - dt.timedelta(days=10), minutes=120, position=position),
    )
    entry, _created = hours.entry_log(
        actor=volunteer,
        volunteer=profile,
        data=EntryInput(date=today - dt.timedelta(days=1), minutes=60, position=position),
    )
    # A shift under way now, so its code is valid while the tests run (clamped to today).
    now = timezone.localtime()
    start = max(now - dt.timedelta(minutes=30), now.replace(hour=0, minute=0, second=0))
    end = min(now + dt.timedelta(minutes=60), now.replace(hour=23, minute=59, second=0))
    shift = hours.shift_create(
        actor=coordinator,
        position=position,
        date=today,
        starts_at=start.time().replace(second=0, microsecond=0),
        ends_at=end.time().replace(second=0, microsecond=0),
    )
    feed = hours.calendar_feed_get_or_create(volunteer=profile)
    certificate = passport.certificate_issue(
        actor=volunteer,
        volunteer=profile,
        period_from=today - dt.timedelta(days=30),
        period_to=today,
        language="en",
    )
    draft_report = make_report(iso="KZ-75", year=2023, month=5, status=MonthlyReport.Status.DRAFT)
    submitted_report = make_report(
        iso="KZ-75", year=2023, month=6, status=MonthlyReport.Status.SUBMITTED
    )
    finding = Finding.objects.create(
        report=draft_report,
        kind=Finding.Kind.COMPLETENESS,
        severity=Finding.Severity.WARNING,
        params={"count": 3},
    )
    content = b"<html><p>report</p></html>"
    edition = NationalReport(
        year=2023,
        region=f.region("KZ-75"),
        language="en",
        format=NationalReport.Format.HTML,
        status=NationalReport.Status.DONE,
        progress=100,
        checksum_sha256=hashlib.sha256(content).hexdigest(),
        finished_at=timezone.now(),
        created_by=operator,
    )
    edition.file.save("asar-2023-kz75.html", ContentFile(content))  # saves the row too
    account_services.token_issue(user=volunteer, name="script")
    token = ApiToken.objects.get(user=volunteer)
    sessions = {}
    for role, user in users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return World(
        sessions=sessions,
        users=users,
        org=org,
        other_org=other_org,
        rejected_org=rejected_org,
        project=project,
        position=position,
        free_position=free_position,
        draft_position=draft_position,
        application=application,
        pending_application=pending_application,
        completed_application=completed_application,
        entry=entry,
        shift=shift,
        feed=feed,
        certificate=certificate,
        draft_report=draft_report,
        submitted_report=submitted_report,
        finding=finding,
        edition=edition,
        token=token,
        extra_membership=extra_membership,
    )
