"""Demo diary entries 2023 → today for the demo volunteers, with seasonality: more in spring and
summer, a peak around 5 December (International Volunteer Day), quiet in January. Mostly
confirmed, some pending (recent), rejected or self-reported. Deterministic from ``rng``; never
more than 24 h per volunteer per day (one entry per volunteer per day, at most 8 h), never
before the volunteer's 14th birthday."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.db.models import F, Q
from django.utils import timezone

from asar.accounts.models import User
from asar.geo.models import ActivityForm, Direction
from asar.hours.models import CheckIn, DailyTotal, HourEntry, Shift, new_check_in_code
from asar.hours.services import WORKING_STATUSES
from asar.opportunities import questionnaire as qn
from asar.opportunities.models import Agreement, Application, ApplicationEvent, Position
from asar.opportunities.services import agreement_text, sha256
from asar.organizations.models import Membership, Organization
from asar.volunteers.models import VolunteerProfile
from asar.volunteers.validators import MIN_AGE, turns

FIRST_YEAR = 2023
# Relative activity per month (Jan … Dec).
MONTH_WEIGHTS = (0.45, 0.6, 0.85, 1.2, 1.45, 1.35, 1.25, 1.2, 1.05, 0.95, 0.8, 1.1)
MINUTES = (60, 90, 120, 120, 150, 180, 180, 240, 300, 360, 480)
FORMS = (
    (ActivityForm.OFFLINE, 78),
    (ActivityForm.ONLINE, 14),
    (ActivityForm.AUTO, 4),
    (ActivityForm.PRO_BONO, 4),
)
NOTES = (
    "Мектеп оқушыларымен сабақ өткіздім",
    "Саябақты тазалауға қатыстым",
    "Қарттарға азық-түлік жеткіздім",
    "Балалар үйінде мереке ұйымдастырдық",
    "Помогал(а) на благотворительной ярмарке",
    "Провёл(а) мастер-класс для детей",
    "Сортировка гуманитарной помощи",
    "Онлайн-консультация по учёбе",
    "",
    "",
)
REJECTION_REASONS = (
    "Нет в списке присутствующих",
    "Тізімде жоқ",
    "Время не совпадает с графиком смены",
)


def _random_day(rng: random.Random, year: int, today: dt.date) -> dt.date | None:
    if rng.random() < 0.07:  # around International Volunteer Day
        day = dt.date(year, 12, rng.randint(2, 8))
    else:
        month = rng.choices(range(1, 13), weights=MONTH_WEIGHTS)[0]
        day = dt.date(year, month, rng.randint(1, 28))
    return day if day <= today else None


def load(*, rng: random.Random, scale: float) -> str:
    today = timezone.localdate()
    directions = list(Direction.objects.order_by("number"))
    volunteers = list(VolunteerProfile.objects.select_related("user").order_by("pk"))
    if not volunteers:
        return "no volunteers, no hours"
    orgs_by_region: dict[int, list[Organization]] = defaultdict(list)
    for org in Organization.objects.filter(
        verification=Organization.Verification.VERIFIED
    ).order_by("pk"):
        orgs_by_region[org.home_region_id].append(org)
    org_directions: dict[int, list[int]] = defaultdict(list)
    for org_id, direction_id in Organization.directions.through.objects.values_list(
        "organization_id", "direction_id"
    ).order_by("organization_id", "direction_id"):
        org_directions[org_id].append(direction_id)
    placements: dict[int, list[Application]] = defaultdict(list)
    for application in (
        Application.objects.filter(status__in=WORKING_STATUSES)
        .select_related("position")
        .order_by("pk")
    ):
        placements[application.volunteer_id].append(application)

    # The demo volunteer works for the demo coordinator's organisation, so the queue has work.
    demo_volunteer = User.objects.filter(email="volunteer@demo.asar.kz").first()
    demo_org = (
        Membership.objects.filter(user__email="coordinator@demo.asar.kz")
        .values_list("organization_id", flat=True)
        .first()
    )
    demo_placement = _demo_placement(demo_volunteer, demo_org, today)
    if demo_placement is not None:
        placements[demo_placement.volunteer_id].append(demo_placement)

    entries: list[HourEntry] = []
    day_totals: dict[tuple[int, dt.date], int] = {}
    forms = [f for f, _ in FORMS]
    form_weights = [w for _, w in FORMS]
    for volunteer in volunteers:
        is_demo = demo_volunteer is not None and volunteer.user_id == demo_volunteer.pk
        activity = 14 if is_demo else rng.choice((0, 2, 3, 5, 8, 12, 20))
        if activity == 0:
            continue
        own_orgs = orgs_by_region.get(volunteer.region_id) or [
            o for orgs in orgs_by_region.values() for o in orgs
        ]
        home_org = (
            Organization.objects.filter(pk=demo_org).first()
            if is_demo and demo_org
            else (rng.choice(own_orgs) if own_orgs else None)
        )
        joined = max(
            dt.date(FIRST_YEAR, 1, 1),
            timezone.localdate(volunteer.created_at) - dt.timedelta(days=1100),
            # Volunteer hours count from the age of 14 (the diary refuses earlier dates).
            turns(volunteer.birth_date, MIN_AGE),
        )
        for year in range(FIRST_YEAR, today.year + 1):
            for _ in range(max(0, round(rng.gauss(activity, activity / 3)))):
                day = _random_day(rng, year, today)
                if day is None or day < joined or (volunteer.pk, day) in day_totals:
                    continue
                minutes = rng.choice(MINUTES)
                position = None
                organization = home_org
                apps = [
                    a
                    for a in placements.get(volunteer.pk, [])
                    if a.accepted_at and timezone.localdate(a.accepted_at) <= day
                ]
                if apps and rng.random() < 0.7:
                    position = rng.choice(apps).position
                    organization_id = position.organization_id
                    region_id = position.region_id or volunteer.region_id
                    direction_id = position.direction_id
                    form = position.form
                elif organization is not None and rng.random() < 0.75:
                    organization_id = organization.pk
                    region_id = volunteer.region_id
                    choices = org_directions.get(organization.pk) or [d.pk for d in directions]
                    direction_id = rng.choice(choices)
                    form = rng.choices(forms, weights=form_weights)[0]
                else:
                    organization_id = None
                    region_id = volunteer.region_id
                    direction_id = rng.choice(directions).pk
                    form = rng.choices(forms, weights=form_weights)[0]
                if organization_id is None:
                    status = HourEntry.Status.SELF_REPORTED
                elif (today - day).days <= 40 and rng.random() < 0.45:
                    status = HourEntry.Status.PENDING
                elif rng.random() < 0.05:
                    status = HourEntry.Status.REJECTED
                else:
                    status = HourEntry.Status.CONFIRMED
                entries.append(
                    HourEntry(
                        volunteer_id=volunteer.pk,
                        organization_id=organization_id,
                        position=position,
                        region_id=region_id,
                        date=day,
                        form=form,
                        direction_id=direction_id,
                        minutes=minutes,
                        beneficiaries=rng.choice((None, None, 3, 5, 10, 20, 40, 120)),
                        description=rng.choice(NOTES),
                        status=status,
                        source=HourEntry.Source.VOLUNTEER
                        if status != HourEntry.Status.CONFIRMED or rng.random() < 0.6
                        else HourEntry.Source.COORDINATOR,
                        rejection_reason=rng.choice(REJECTION_REASONS)
                        if status == HourEntry.Status.REJECTED
                        else "",
                    )
                )
                if status != HourEntry.Status.REJECTED:
                    day_totals[(volunteer.pk, day)] = minutes
    # A few recent entries of the demo volunteer wait in the demo coordinator's queue.
    if demo_volunteer is not None and demo_org:
        profile = next((v for v in volunteers if v.user_id == demo_volunteer.pk), None)
        queue_org = Organization.objects.filter(pk=demo_org).first()
        for days_ago, minutes, note in ((2, 180, NOTES[0]), (6, 120, NOTES[5]), (9, 240, NOTES[1])):
            day = today - dt.timedelta(days=days_ago)
            if profile is None or queue_org is None or (profile.pk, day) in day_totals:
                continue
            entries.append(
                HourEntry(
                    volunteer_id=profile.pk,
                    organization_id=queue_org.pk,
                    region_id=queue_org.home_region_id,
                    date=day,
                    form=ActivityForm.OFFLINE,
                    direction_id=(org_directions.get(queue_org.pk) or [directions[0].pk])[0],
                    minutes=minutes,
                    beneficiaries=12,
                    description=note,
                    status=HourEntry.Status.PENDING,
                    source=HourEntry.Source.VOLUNTEER,
                )
            )
            day_totals[(profile.pk, day)] = minutes
    HourEntry.objects.bulk_create(entries, batch_size=2000)
    DailyTotal.objects.bulk_create(
        [DailyTotal(volunteer_id=v, date=d, minutes=m) for (v, d), m in day_totals.items()],
        batch_size=2000,
    )
    confirmed = sum(e.minutes for e in entries if e.status == HourEntry.Status.CONFIRMED)
    shifts = _demo_shifts(demo_placement, today) if demo_placement is not None else 0
    return f"{len(entries)} diary entries, {confirmed // 60} confirmed hours, {shifts} shifts"


def _demo_placement(user: User | None, org_id: int | None, today: dt.date) -> Application | None:
    """An ongoing placement of the demo volunteer with the demo coordinator's organisation,
    accepted long ago, so the diary, check-in, shifts and reminders can be tried as they are
    lived: entries on a position, a shift today with its QR code."""
    profile = getattr(user, "volunteer_profile", None) if user else None
    if profile is None or org_id is None:
        return None
    position = (
        Position.objects.filter(
            organization_id=org_id,
            status=Position.Status.PUBLISHED,
            start_date__lte=today - dt.timedelta(days=180),
            min_age__lte=profile.age,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(places_taken__lt=F("places"))
        .exclude(applications__volunteer=profile)
        .order_by("start_date", "pk")
        .first()
    )
    if position is None:
        return None
    accepted = timezone.make_aware(dt.datetime.combine(position.start_date, dt.time(11)))
    application = Application.objects.create(
        position=position,
        volunteer=profile,
        status=Application.Status.ACTIVE,
        accepted_at=accepted,
        motivations=[qn.Motivation.values[0]],
        qualities=dict.fromkeys(qn.Quality.values, 4),
        preferred_activities=[qn.Activity.values[0]],
        availability=[qn.Availability.values[0]],
    )
    Position.objects.filter(pk=position.pk).update(places_taken=F("places_taken") + 1)
    ApplicationEvent.objects.bulk_create(
        [
            ApplicationEvent(application=application, to_status="applied", actor=user),
            ApplicationEvent(application=application, from_status="applied", to_status="accepted"),
            ApplicationEvent(application=application, from_status="accepted", to_status="active"),
        ]
    )
    language = profile.user.preferred_language or "kk"
    text = agreement_text(application=application, position=position, language=language)
    Agreement.objects.create(
        application=application,
        language=language,
        text=text,
        content_sha256=sha256(text),
        accepted_at=accepted + dt.timedelta(hours=5),
        accepted_by=profile.user,
    )
    return application


def _demo_shifts(placement: Application, today: dt.date) -> int:
    """Shifts of the demo placement: one later today (its code works from an hour before),
    one next week, and one last week that the volunteer attended (waiting to be confirmed)."""
    position = placement.position
    coordinator = User.objects.filter(email="coordinator@demo.asar.kz").first()
    plan = (
        (today - dt.timedelta(days=7), dt.time(10), dt.time(13), "Сабақ / Занятие №1"),
        (today, dt.time(18), dt.time(20, 30), "Кітапхана, 2-қабат / Библиотека, 2 этаж"),
        (today + dt.timedelta(days=7), dt.time(10), dt.time(13), ""),
    )
    shifts = []
    for date, start, end, note in plan:
        shifts.append(
            Shift.objects.create(
                position=position,
                date=date,
                starts_at=start,
                ends_at=end,
                note=note,
                code=new_check_in_code(),
                created_by=coordinator,
            )
        )
    past = shifts[0]
    if not DailyTotal.objects.filter(volunteer_id=placement.volunteer_id, date=past.date).exists():
        entry = HourEntry.objects.create(
            volunteer_id=placement.volunteer_id,
            organization_id=position.organization_id,
            position=position,
            region_id=position.region_id or placement.volunteer.region_id,
            date=past.date,
            form=position.form,
            direction_id=position.direction_id,
            minutes=past.length_minutes,
            status=HourEntry.Status.PENDING,
            source=HourEntry.Source.CHECK_IN,
        )
        DailyTotal.objects.create(
            volunteer_id=placement.volunteer_id, date=past.date, minutes=entry.minutes
        )
        CheckIn.objects.create(
            shift=past,
            volunteer_id=placement.volunteer_id,
            checked_in_at=past.start - dt.timedelta(minutes=10),
            checked_out_at=past.end + dt.timedelta(minutes=5),
            entry=entry,
        )
    return len(shifts)
