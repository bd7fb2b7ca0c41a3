"""Demo diary entries 2023 → today for the demo volunteers, with seasonality: more in spring and
summer, a peak around 5 December (International Volunteer Day), quiet in January. Mostly
confirmed, some pending (recent), rejected or self-reported. Deterministic from ``rng``; never
more than 24 h per volunteer per day (one entry per volunteer per day, at most 8 h)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.utils import timezone

from asar.accounts.models import User
from asar.geo.models import ActivityForm, Direction
from asar.hours.models import DailyTotal, HourEntry
from asar.hours.services import WORKING_STATUSES
from asar.opportunities.models import Application
from asar.organizations.models import Membership, Organization
from asar.volunteers.models import VolunteerProfile

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
        org = Organization.objects.filter(pk=demo_org).first()
        for days_ago, minutes, note in ((2, 180, NOTES[0]), (6, 120, NOTES[5]), (9, 240, NOTES[1])):
            day = today - dt.timedelta(days=days_ago)
            if profile is None or org is None or (profile.pk, day) in day_totals:
                continue
            entries.append(
                HourEntry(
                    volunteer_id=profile.pk,
                    organization_id=org.pk,
                    region_id=org.home_region_id,
                    date=day,
                    form=ActivityForm.OFFLINE,
                    direction_id=(org_directions.get(org.pk) or [directions[0].pk])[0],
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
    return f"{len(entries)} diary entries, {confirmed // 60} confirmed hours"
