"""A synthetic country at national scale, for the benchmarks (``manage.py generate_scale``).

Everything is drawn from one ``random.Random(seed)``, so a seed always gives the same country.
Rows are streamed, never held all at once: PostgreSQL receives them through ``COPY … FROM
STDIN`` (psycopg's ``cursor.copy()``), SQLite through ``bulk_create``. Every invariant the
services keep is kept here too, because the benchmarks must read data the application could
have written:

- ``DailyTotal.minutes`` is the sum of the volunteer's non-rejected entries of that day, and
  never more than 24 h; entries are in quarter-hour steps;
- an entry on a position belongs to an accepted/active/completed application of that
  volunteer, dated between the acceptance and the end of the position (never in the future);
  independent good deeds have no organisation and are ``self_reported``;
- ``Position.places_taken`` equals the number of applications holding a place and never
  exceeds ``places``; at most one open application per volunteer and position;
- rejected applications and entries carry a reason; registered organisations have a BIN.

Personal data are invented: names come from short lists of common given names and generic
surnames, e-mails end in ``@scale.asar.test`` (a reserved domain), there are no IINs or phones.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import math
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from asar.accounts.models import User
from asar.core.models import DemoDataRun
from asar.geo.models import (
    ActivityForm,
    Direction,
    Employment,
    Gender,
    Region,
    RegionPopulation,
)
from asar.hours import summary as hours_summary
from asar.hours.models import MINUTES_PER_DAY, DailyTotal, HourEntry
from asar.opportunities.models import Application, Position, Project
from asar.organizations.models import Membership, Organization
from asar.volunteers.models import Skill, VolunteerProfile

EMAIL_DOMAIN = "scale.asar.test"
# Regions without a population figure weigh like a median region rather than not at all.
DEFAULT_POPULATION = "median"
SCHEDULES = (
    ("", "", ""),
    ("Сенбі 10:00–14:00", "Суббота 10:00–14:00", "Saturdays 10:00–14:00"),
    ("Дс, Ср 18:00–20:00", "Пн, Ср 18:00–20:00", "Mon, Wed 18:00–20:00"),
)
COPY_CHUNK = 200_000  # rows per transaction: keeps PostgreSQL's deferred FK checks bounded

Progress = Callable[..., Any]


class ScaleError(Exception):
    """The generator refuses to run (existing real data, impossible volumes)."""


@dataclass(frozen=True)
class Volumes:
    volunteers: int
    organizations: int
    positions: int
    hour_entries: int
    seed: int = 1
    year: int = 0  # 0 = the last complete calendar year

    def checked(self) -> Volumes:
        if min(self.volunteers, self.organizations, self.positions) < 1:
            raise ScaleError("volunteers, organisations and positions must be at least 1")
        if self.hour_entries < 0:
            raise ScaleError("hour entries must be zero or more")
        # An active volunteer can log at most MAX_ENTRIES_PER_VOLUNTEER lines in a year.
        if self.hour_entries > self.volunteers * ACTIVE_SHARE * 0.7 * MAX_ENTRIES_PER_VOLUNTEER:
            raise ScaleError("too many hour entries for so few volunteers")
        return self


ACTIVE_SHARE = 0.7  # volunteers who log any time in the year
MAX_ENTRIES_PER_VOLUNTEER = 600


# --- vocabulary (kk, ru, en) ------------------------------------------------------------------

ROLES: list[tuple[str, str, str]] = [
    ("Ерікті-тәлімгер", "Волонтёр-наставник", "Volunteer mentor"),
    ("Іс-шара еріктісі", "Волонтёр мероприятия", "Event volunteer"),
    ("Азық-түлік жинау еріктісі", "Волонтёр сбора продуктов", "Food drive volunteer"),
    ("Қарттарға көмекші", "Помощник пожилым людям", "Helper for older people"),
    ("Экологиялық акция еріктісі", "Волонтёр экологической акции", "Eco campaign volunteer"),
    ("Ағылшын тілі оқытушысы", "Преподаватель английского", "English tutor"),
    ("Жануарлар панасының еріктісі", "Волонтёр приюта для животных", "Animal shelter volunteer"),
    ("Медицина еріктісі", "Медицинский волонтёр", "Medical volunteer"),
    ("Кеңесші-аудармашы", "Консультант-переводчик", "Interpreter"),
    ("Фотограф", "Фотограф", "Photographer"),
    ("Спорт жарысының еріктісі", "Волонтёр спортивных соревнований", "Sports event volunteer"),
    ("Төтенше жағдай еріктісі", "Волонтёр по чрезвычайным ситуациям", "Emergency volunteer"),
    ("Кітапхана көмекшісі", "Помощник библиотеки", "Library helper"),
    ("IT-ерікті", "IT-волонтёр", "IT volunteer"),
    ("Балалар үйінің еріктісі", "Волонтёр детского дома", "Children's home volunteer"),
    ("Мұражай гиді", "Гид музея", "Museum guide"),
]
ORG_WORDS: list[tuple[str, str, str]] = [
    ("Жарқын болашақ", "Светлое будущее", "Bright Future"),
    ("Мейірім", "Милосердие", "Mercy"),
    ("Жасыл ел", "Зелёная страна", "Green Country"),
    ("Ақ жүрек", "Белое сердце", "White Heart"),
    ("Бірлік", "Единство", "Unity"),
    ("Қамқорлық", "Забота", "Care"),
    ("Үміт", "Надежда", "Hope"),
    ("Шапағат", "Благодать", "Grace"),
    ("Жастар күші", "Сила молодёжи", "Youth Power"),
    ("Таза қала", "Чистый город", "Clean City"),
]
FIRST_NAMES = {
    Gender.FEMALE: ["Айгерім", "Аружан", "Дана", "Мадина", "Жансая", "Анна", "Алия", "Томирис"],
    Gender.MALE: ["Ерлан", "Нұрлан", "Данияр", "Арман", "Әлихан", "Иван", "Тимур", "Санжар"],
}
# Generic surnames (no real person is meant); the feminine form adds "-а".
SURNAMES = ["Ахметов", "Сейітов", "Жұмабеков", "Омаров", "Ким", "Петров", "Серіков", "Әлиев"]
REJECTION_REASONS = ["Қайталанған жазба / Повторная запись", "Уақыт сәйкес емес / Время неверно"]
APPLICATION_REJECTION = "Орын толды / Места заняты"


# --- distributions ---------------------------------------------------------------------------

# Relative volunteering per month: more in spring and summer, less in winter.
MONTH_WEIGHT = {1: 0.6, 2: 0.6, 3: 0.85, 4: 1.1, 5: 1.3, 6: 1.3, 7: 1.2, 8: 1.2, 9: 1.0}
MONTH_WEIGHT |= {10: 0.9, 11: 0.8, 12: 0.8}
VOLUNTEER_DAY = (12, 5)  # International Volunteer Day: a peak of events around it
MINUTES_CHOICES = [60, 90, 120, 150, 180, 240, 300, 360, 480, 600]
MINUTES_WEIGHTS = [10, 8, 16, 8, 14, 14, 8, 8, 6, 2]


def day_weights(year: int) -> list[tuple[dt.date, float]]:
    """Every day of ``year`` with its relative share of the year's hours."""
    peak = dt.date(year, *VOLUNTEER_DAY)
    out = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        weight = MONTH_WEIGHT[day.month]
        weight *= 1.4 if day.weekday() >= 5 else 1.0
        weight += 3.0 * math.exp(-(((day - peak).days / 4.0) ** 2) / 2)
        out.append((day, weight))
        day += dt.timedelta(days=1)
    return out


def region_weights(regions: list[Region]) -> list[float]:
    """Latest population of each region; regions without a figure get the median."""
    latest: dict[int, int] = {}
    for row in RegionPopulation.objects.order_by("region_id", "-date"):
        latest.setdefault(row.region_id, row.population)
    known = sorted(latest.values())
    default = known[len(known) // 2] if known else 1_000_000
    return [float(latest.get(r.pk, default)) for r in regions]


def direction_weights(directions: list[Direction]) -> list[float]:
    """A Zipf-like spread: a few directions (social, events, ecology…) draw most volunteers."""
    return [1.0 / (i + 1) ** 0.8 for i in range(len(directions))]


def apportion(total: int, weights: list[float], caps: list[int], rng: random.Random) -> list[int]:
    """Split ``total`` into integers proportional to ``weights``, none above its cap."""
    weight_sum = sum(weights) or 1.0
    counts = [min(cap, int(total * w / weight_sum)) for w, cap in zip(weights, caps, strict=True)]
    left = total - sum(counts)
    candidates = [i for i, w in enumerate(weights) if w > 0 and caps[i] > 0]
    while left > 0 and candidates:
        rng.shuffle(candidates)
        still = []
        for i in candidates:
            if left == 0:
                break
            if counts[i] < caps[i]:
                counts[i] += 1
                left -= 1
                still.append(i)
        candidates = still
    return counts


# --- writing ---------------------------------------------------------------------------------


class Sink:
    """Writes dict rows (keys = attnames) into a model's table: COPY on PostgreSQL,
    bulk_create elsewhere. Returns the number of rows written."""

    def __init__(self, progress: Progress | None = None) -> None:
        self.use_copy = connection.vendor == "postgresql"
        self.progress = progress
        self.counts: dict[str, int] = {}

    def write(
        self, model: type[models.Model], rows: Iterable[dict[str, Any]], *, total: int = 0
    ) -> int:
        label = model._meta.label
        bar = self.progress(total=total or None, desc=label, unit="rows") if self.progress else None
        written = 0
        iterator = iter(rows)
        while True:
            chunk = list(itertools.islice(iterator, COPY_CHUNK))
            if not chunk:
                break
            with transaction.atomic():
                if self.use_copy:
                    self._copy(model, chunk)
                else:
                    model._default_manager.bulk_create(
                        [model(**row) for row in chunk], batch_size=2000
                    )
            written += len(chunk)
            if bar is not None:
                bar.update(len(chunk))
        if bar is not None:
            bar.close()
        self.counts[label] = self.counts.get(label, 0) + written
        return written

    def _copy(self, model: type[models.Model], chunk: list[dict[str, Any]]) -> None:
        from psycopg import sql

        fields = {f.attname: f for f in model._meta.concrete_fields}
        names = list(chunk[0])
        json_names = {n for n in names if isinstance(fields[n], models.JSONField)}
        columns: list[str] = []
        for n in names:
            column = fields[n].column
            assert column is not None  # a concrete field always has its column
            columns.append(column)
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(model._meta.db_table),
            sql.SQL(", ").join(sql.Identifier(column) for column in columns),
        )
        connection.ensure_connection()
        raw = connection.connection
        assert raw is not None
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in chunk:
                copy.write_row([json.dumps(row[n]) if n in json_names else row[n] for n in names])

    def reset_sequences(self, model_list: list[type[models.Model]]) -> None:
        """Explicit ids were written: move the id sequences past them (PostgreSQL)."""
        if not self.use_copy:
            return
        statements = connection.ops.sequence_reset_sql(no_style(), model_list)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def next_id(model: type[models.Model]) -> Iterator[int]:
    start = (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
    return itertools.count(start)


# --- the country -----------------------------------------------------------------------------


@dataclass
class PositionInfo:
    id: int
    organization_id: int
    region_id: int | None
    form: str
    direction_id: int
    start: dt.date
    end: dt.date | None
    status: str
    places: int
    coordinator_user_id: int
    taken: int = 0


@dataclass
class Work:
    """A volunteer's accepted application: the window in which they may log time on it."""

    position: PositionInfo
    accepted_on: dt.date


@dataclass
class Country:
    year: int
    today: dt.date
    regions: list[Region]
    region_weights: list[float]
    directions: list[Direction]
    direction_weights: list[float]
    skills: list[Skill]
    days: list[dt.date] = field(default_factory=list)
    day_cum: list[float] = field(default_factory=list)


def existing_real_data() -> bool:
    """True when the database holds data that is neither the demo nor an earlier scale run."""
    if DemoDataRun.objects.exists():
        return False
    has_data = (
        Organization.objects.exists()
        or VolunteerProfile.objects.exists()
        or HourEntry.objects.exists()
    )
    return has_data and User.objects.exclude(email__endswith="@" + EMAIL_DOMAIN).exists()


def generate(
    volumes: Volumes, *, force: bool = False, progress: Progress | None = None
) -> dict[str, int]:
    """Generate the country; returns rows written per model label."""
    volumes = volumes.checked()
    if not force and existing_real_data():
        raise ScaleError(
            "The database already holds data that is not demo data; use a dedicated "
            "database or pass --force."
        )
    rng = random.Random(volumes.seed)
    today = timezone.localdate()
    year = volumes.year or today.year - 1
    if year > today.year:
        raise ScaleError("the year cannot be in the future")
    regions = list(Region.objects.order_by("iso_code"))
    directions = list(Direction.objects.order_by("number"))
    if not regions or not directions:
        raise ScaleError("reference data (regions, directions) is missing: run migrate first")
    country = Country(
        year=year,
        today=today,
        regions=regions,
        region_weights=region_weights(regions),
        directions=directions,
        direction_weights=direction_weights(directions),
        skills=list(Skill.objects.order_by("code")),
    )
    weighted_days = [(d, w) for d, w in day_weights(year) if d <= today]
    country.days = [d for d, _ in weighted_days]
    country.day_cum = list(itertools.accumulate(w for _, w in weighted_days))

    sink = Sink(progress)
    orgs = _organizations(sink, rng, country, volumes)
    positions = _positions(sink, rng, country, volumes, orgs)
    volunteers = _volunteers(sink, rng, country, volumes)
    works = _applications(sink, rng, country, positions, volunteers)
    _position_places(positions)
    _hours(sink, rng, country, volumes, volunteers, works)
    sink.reset_sequences(
        [
            User,
            Organization,
            Organization.regions.through,
            Organization.directions.through,
            Membership,
            Project,
            Position,
            Position.required_skills.through,
            VolunteerProfile,
            VolunteerProfile.skills.through,
            Application,
            HourEntry,
            DailyTotal,
        ]
    )
    return sink.counts


def _aware(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _user_row(uid: int, email: str, first: str, last: str, joined: dt.datetime, lang: str) -> dict:
    return {
        "id": uid,
        # Unusable password: these accounts exist for reading, benchmark clients sign in
        # through sessions made by the harness.
        "password": "!scale",
        "last_login": None,
        "is_superuser": False,
        "username": email,
        "first_name": first,
        "last_name": last,
        "email": email,
        "is_staff": False,
        "is_active": True,
        "date_joined": joined,
        "preferred_language": lang,
        "personal_data_consent_at": joined,  # consent given on signing up
    }


def _pick_region(rng: random.Random, country: Country) -> Region:
    return rng.choices(country.regions, weights=country.region_weights)[0]


def _organizations(
    sink: Sink, rng: random.Random, country: Country, volumes: Volumes
) -> list[tuple[int, int, int]]:
    """Organisations with one owner each. Returns (org id, home region id, owner user id)."""
    user_ids, org_ids = next_id(User), next_id(Organization)
    result: list[tuple[int, int, int]] = []
    users: list[dict] = []
    orgs: list[dict] = []
    org_regions: list[dict] = []
    org_directions: list[dict] = []
    members: list[dict] = []
    for n in range(volumes.organizations):
        region = _pick_region(rng, country)
        org_id, user_id = next(org_ids), next(user_ids)
        kk, ru, en = rng.choice(ORG_WORDS)
        registered = rng.random() < 0.7
        verification = rng.choices(
            [v.value for v in Organization.Verification], weights=[20, 75, 5]
        )[0]
        created = _aware(dt.date(country.year, 1, 1) - dt.timedelta(days=rng.randint(30, 2000)))
        orgs.append(
            {
                "id": org_id,
                "kind": "registered" if registered else "initiative_group",
                "name_kk": f"«{kk} {n + 1}» {'қоғамдық бірлестігі' if registered else 'бастамашыл тобы'}",
                "name_ru": f"{'Общественное объединение' if registered else 'Инициативная группа'} «{ru} {n + 1}»",
                "name_en": f"{en} {n + 1} {'association' if registered else 'initiative group'}",
                # Unique 12 digits per organisation (not a real BIN).
                "bin": f"{900000000000 + n}" if registered else None,
                "city": region.name_ru,
                "home_region_id": region.pk,
                "description_kk": f"{kk}: {region.name_kk} еріктілері.",
                "description_ru": f"{ru}: волонтёры региона {region.name_ru}.",
                "description_en": f"{en}: volunteers of {region.name_en}.",
                "email": "",
                "phone": "",
                "website": "",
                "verification": verification,
                "verified_by_id": None,
                "verified_at": created if verification != "unverified" else None,
                "verification_note": "",
                "verification_notice_sent_at": None,
                "value_public": False,
                "created_at": created,
            }
        )
        work_regions = {region.pk}
        if rng.random() < 0.15:
            work_regions.add(_pick_region(rng, country).pk)
        org_regions += [{"organization_id": org_id, "region_id": r} for r in sorted(work_regions)]
        chosen = {
            d.pk
            for d in rng.choices(
                country.directions, weights=country.direction_weights, k=rng.randint(1, 3)
            )
        }
        org_directions += [{"organization_id": org_id, "direction_id": d} for d in sorted(chosen)]
        email = f"coordinator{user_id}@{EMAIL_DOMAIN}"
        gender = rng.choice([Gender.FEMALE, Gender.MALE])
        last = rng.choice(SURNAMES) + ("а" if gender == Gender.FEMALE else "")
        users.append(
            _user_row(user_id, email, rng.choice(FIRST_NAMES[gender]), last, created, "kk")
        )
        members.append(
            {
                "organization_id": org_id,
                "user_id": user_id,
                "role": Membership.Role.OWNER,
                "created_at": created,
            }
        )
        result.append((org_id, region.pk, user_id))
    sink.write(User, users, total=len(users))
    sink.write(Organization, orgs, total=len(orgs))
    sink.write(Organization.regions.through, _with_ids(Organization.regions.through, org_regions))
    sink.write(
        Organization.directions.through, _with_ids(Organization.directions.through, org_directions)
    )
    sink.write(Membership, _with_ids(Membership, members))
    return result


def _with_ids(model: type[models.Model], rows: list[dict]) -> list[dict]:
    ids = next_id(model)
    return [{"id": next(ids), **row} for row in rows]


def _positions(
    sink: Sink,
    rng: random.Random,
    country: Country,
    volumes: Volumes,
    orgs: list[tuple[int, int, int]],
) -> list[PositionInfo]:
    project_ids, position_ids = next_id(Project), next_id(Position)
    per_project = 6
    projects: list[tuple[int, int, int, int, int]] = []  # id, org, region, owner, direction
    project_rows: list[dict] = []
    n_projects = max(len(orgs), volumes.positions // per_project)
    for n in range(n_projects):
        org_id, region_id, owner = orgs[n % len(orgs)] if n < len(orgs) else rng.choice(orgs)
        direction = rng.choices(country.directions, weights=country.direction_weights)[0]
        pid = next(project_ids)
        kk, ru, en = rng.choice(ROLES)
        project_rows.append(
            {
                "id": pid,
                "organization_id": org_id,
                "title_kk": f"{direction.name_kk}: жоба {n + 1}",
                "title_ru": f"{direction.name_ru}: проект {n + 1}",
                "title_en": f"{direction.name_en}: project {n + 1}",
                "description_kk": kk,
                "description_ru": ru,
                "description_en": en,
                "direction_id": direction.pk,
                "programme_id": None,
                "created_at": _aware(dt.date(country.year, 1, 1)),
            }
        )
        projects.append((pid, org_id, region_id, owner, direction.pk))
    sink.write(Project, project_rows, total=len(project_rows))

    infos: list[PositionInfo] = []
    skill_rows: list[dict] = []
    direction_by_id = {d.pk: d for d in country.directions}
    region_by_id = {r.pk: r for r in country.regions}
    earliest = dt.date(country.year, 1, 1) - dt.timedelta(days=300)
    span = (country.today + dt.timedelta(days=60) - earliest).days

    def rows() -> Iterator[dict]:
        for n in range(volumes.positions):
            pid, org_id, home_region, owner, direction_id = projects[n % len(projects)]
            form = rng.choices(
                [
                    ActivityForm.OFFLINE,
                    ActivityForm.ONLINE,
                    ActivityForm.AUTO,
                    ActivityForm.PRO_BONO,
                ],
                weights=[70, 15, 5, 10],
            )[0]
            region_id = None if form == ActivityForm.ONLINE else home_region
            if region_id is not None and rng.random() < 0.1:
                region_id = _pick_region(rng, country).pk
            start = earliest + dt.timedelta(days=rng.randrange(span))
            end = None if rng.random() < 0.4 else start + dt.timedelta(days=rng.randint(30, 540))
            if rng.random() < 0.03:
                status = Position.Status.DRAFT
            elif end is not None and end < country.today:
                status = Position.Status.CLOSED
            else:
                status = Position.Status.PUBLISHED
            places = rng.choice([1, 2, 3, 5, 5, 10, 10, 15, 20, 30, 50])
            info = PositionInfo(
                id=next(position_ids),
                organization_id=org_id,
                region_id=region_id,
                form=form,
                direction_id=direction_id,
                start=start,
                end=end,
                status=status,
                places=places,
                coordinator_user_id=owner,
            )
            infos.append(info)
            direction = direction_by_id[direction_id]
            where = region_by_id[region_id] if region_id else None
            kk, ru, en = rng.choice(ROLES)
            if rng.random() < 0.1 and country.skills:
                skill_rows.append(
                    {"position_id": info.id, "skill_id": rng.choice(country.skills).pk}
                )
            created = _aware(start - dt.timedelta(days=rng.randint(1, 30)))
            yield {
                "id": info.id,
                "organization_id": org_id,
                "project_id": pid,
                "title_kk": kk,
                "title_ru": ru,
                "title_en": en,
                "description_kk": f"{kk} — {direction.name_kk}. "
                + (f"Өңір: {where.name_kk}." if where else "Онлайн."),
                "description_ru": f"{ru} — {direction.name_ru}. "
                + (f"Регион: {where.name_ru}." if where else "Онлайн."),
                "description_en": f"{en} — {direction.name_en}. "
                + (f"Region: {where.name_en}." if where else "Online."),
                "direction_id": direction_id,
                "form": form,
                "region_id": region_id,
                "settlement": where.name_ru if where else "",
                "start_date": start,
                "end_date": end,
                **dict(
                    zip(
                        ("schedule_kk", "schedule_ru", "schedule_en"),
                        rng.choice(SCHEDULES),
                        strict=True,
                    )
                ),
                "hours_per_week": rng.choice([None, 2, 4, 6, 10]),
                "places": places,
                # Filled in afterwards from the applications holding a place.
                "places_taken": 0,
                "min_age": rng.choice([14, 14, 16, 18, 18, 21]),
                "required_languages": rng.choice([[], [], ["kk"], ["ru"], ["kk", "ru"]]),
                "benefits": rng.sample(["training", "meals", "certificate", "reference_letter"], 2),
                "is_risky": rng.random() < 0.05,
                "coordinator_id": owner,
                "status": status,
                "created_at": created,
                "published_at": created if status != Position.Status.DRAFT else None,
            }

    sink.write(Position, rows(), total=volumes.positions)
    sink.write(
        Position.required_skills.through, _with_ids(Position.required_skills.through, skill_rows)
    )
    return infos


@dataclass
class VolunteerInfo:
    id: int
    user_id: int
    region_id: int
    joined: dt.date


def _birth_date(rng: random.Random, today: dt.date) -> dt.date:
    # Mostly young people: schoolchildren, students and young adults.
    low, high = rng.choices(
        [(14, 17), (18, 24), (25, 35), (36, 59), (60, 75)], [15, 35, 25, 18, 7]
    )[0]
    age = rng.randint(low, high)
    return today - dt.timedelta(days=age * 365 + rng.randrange(365))


def _employment(rng: random.Random, age: int) -> str:
    if age < 18:
        return Employment.SCHOOLCHILD
    if age < 24 and rng.random() < 0.7:
        return Employment.STUDENT
    if age >= 63 and rng.random() < 0.8:
        return Employment.RETIRED
    return rng.choices(
        [Employment.EMPLOYED, Employment.UNEMPLOYED, Employment.OTHER], [75, 15, 10]
    )[0]


def _volunteers(
    sink: Sink, rng: random.Random, country: Country, volumes: Volumes
) -> list[VolunteerInfo]:
    user_ids, profile_ids = next_id(User), next_id(VolunteerProfile)
    infos: list[VolunteerInfo] = []
    profiles: list[dict] = []
    skill_rows: list[dict] = []
    start = dt.date(country.year, 1, 1) - dt.timedelta(days=730)

    def users() -> Iterator[dict]:
        for _n in range(volumes.volunteers):
            region = _pick_region(rng, country)
            gender = rng.choices([Gender.FEMALE, Gender.MALE], [60, 40])[0]
            first = rng.choice(FIRST_NAMES[gender])
            last = rng.choice(SURNAMES) + (
                "а" if gender == Gender.FEMALE and not rng.random() < 0.1 else ""
            )
            # Most joined before the year's last month; the rest are newcomers since.
            late = dt.date(country.year, 12, 1)
            if rng.random() < 0.85 or late >= country.today:
                joined_day = start + dt.timedelta(days=rng.randrange((late - start).days))
            else:
                joined_day = late + dt.timedelta(days=rng.randrange((country.today - late).days))
            joined = _aware(joined_day, rng.randint(8, 22), rng.choice([0, 15, 30, 45]))
            birth = _birth_date(rng, country.today)
            age = (country.today - birth).days // 365
            info = VolunteerInfo(next(profile_ids), next(user_ids), region.pk, joined_day)
            infos.append(info)
            lang = rng.choices(["kk", "ru", "en"], [55, 40, 5])[0]
            profiles.append(
                {
                    "id": info.id,
                    "user_id": info.user_id,
                    "first_name": first,
                    "last_name": last,
                    "patronymic": "",
                    "region_id": region.pk,
                    "settlement": region.name_ru,
                    "gender": gender,
                    "birth_date": birth,
                    "employment": _employment(rng, age),
                    "education": "",
                    "languages": sorted({lang, rng.choice(["kk", "ru"])}),
                    "other_skills": "",
                    "hours_per_week": rng.choice([2, 4, 6, 8, 10, 20]),
                    "availability": [rng.choice(["weekdays", "evenings", "weekends"])],
                    "health_restrictions": "",
                    "phone": "",
                    "iin_hash": None,
                    "iin_last4": "",
                    "guardian_consent": age < 18,
                    "personal_data_consent_at": joined,
                    "passport_public": rng.random() < 0.3,
                    "created_at": joined,
                }
            )
            for skill in {
                s.pk
                for s in rng.sample(country.skills, min(len(country.skills), rng.randint(0, 3)))
            }:
                skill_rows.append({"volunteerprofile_id": info.id, "skill_id": skill})
            yield _user_row(
                info.user_id, f"volunteer{info.user_id}@{EMAIL_DOMAIN}", first, last, joined, lang
            )

    sink.write(User, users(), total=volumes.volunteers)
    sink.write(VolunteerProfile, profiles, total=len(profiles))
    sink.write(
        VolunteerProfile.skills.through, _with_ids(VolunteerProfile.skills.through, skill_rows)
    )
    return infos


def _applications(
    sink: Sink,
    rng: random.Random,
    country: Country,
    positions: list[PositionInfo],
    volunteers: list[VolunteerInfo],
) -> dict[int, list[Work]]:
    """Applications; returns each volunteer's working applications (where they log time)."""
    app_ids = next_id(Application)
    S = Application.Status
    by_region: dict[int | None, list[PositionInfo]] = {}
    for p in positions:
        if p.status != Position.Status.DRAFT:
            by_region.setdefault(p.region_id, []).append(p)
    online = by_region.get(None, [])
    everywhere = [p for ps in by_region.values() for p in ps]
    works: dict[int, list[Work]] = {}

    def candidate(v: VolunteerInfo) -> PositionInfo | None:
        local = by_region.get(v.region_id) or everywhere
        pool = online if online and rng.random() < 0.15 else local
        return rng.choice(pool) if pool else None

    def rows() -> Iterator[dict]:
        for v in volunteers:
            applied: set[int] = set()
            n_work = rng.choices([0, 1, 2, 3], [25, 45, 20, 10])[0]
            n_other = rng.choices([0, 1, 2], [70, 22, 8])[0]
            for wanted in [True] * n_work + [False] * n_other:
                for _try in range(5):
                    p = candidate(v)
                    if p is None or p.id in applied:
                        continue
                    if wanted:
                        status = (
                            S.COMPLETED
                            if p.status == Position.Status.CLOSED
                            else (S.ACTIVE if rng.random() < 0.85 else S.ACCEPTED)
                        )
                        holds = status in Application.HOLDS_PLACE
                        if holds and p.taken >= p.places:
                            continue
                    else:
                        status = rng.choices(
                            [S.APPLIED, S.SHORTLISTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN],
                            [35, 10, 10, 30, 15],
                        )[0]
                        holds = False
                    break
                else:
                    continue
                applied.add(p.id)
                created_day = min(
                    country.today, max(p.start - dt.timedelta(days=rng.randint(1, 30)), v.joined)
                )
                created = _aware(created_day, rng.randint(8, 22))
                accepted_day = created_day + dt.timedelta(days=rng.randint(0, 7))
                accepted = _aware(min(accepted_day, country.today), 10) if wanted else None
                if wanted:
                    if holds:
                        p.taken += 1
                    works.setdefault(v.id, []).append(Work(p, min(accepted_day, country.today)))
                yield {
                    "id": next(app_ids),
                    "position_id": p.id,
                    "volunteer_id": v.id,
                    "status": status,
                    "motivations": rng.sample(["civic_life", "learn", "friends", "career"], 2),
                    "qualities": {"sociability": rng.randint(3, 5), "patience": rng.randint(2, 5)},
                    "experience_with_people": "",
                    "health_restrictions": "",
                    "preferred_activities": [rng.choice(["group_events", "documents", "visitors"])],
                    "availability": [rng.choice(["weekends", "evenings"])],
                    "guardian_consent": False,
                    "motivation_other": "",
                    "residence": "",
                    "experience_kinds": [],
                    "activity_other": "",
                    "availability_other": "",
                    "rejection_reason": APPLICATION_REJECTION if status == S.REJECTED else "",
                    "waitlisted_at": created if status == S.WAITLISTED else None,
                    "offered_at": accepted,
                    "offer_expires_at": None,
                    "accepted_at": accepted,
                    "completed_at": _aware(p.end) if status == S.COMPLETED and p.end else None,
                    "created_at": created,
                    "updated_at": accepted or created,
                }

    sink.write(Application, rows(), total=int(len(volunteers) * 1.5))
    return works


def _position_places(positions: list[PositionInfo]) -> None:
    """Write places_taken (the check constraint guards it): one UPDATE per distinct count."""
    by_taken: dict[int, list[int]] = {}
    for p in positions:
        if p.taken:
            by_taken.setdefault(p.taken, []).append(p.id)
    with transaction.atomic():
        for taken, ids in by_taken.items():
            for start in range(0, len(ids), 5000):
                Position.objects.filter(pk__in=ids[start : start + 5000]).update(places_taken=taken)


def _hours(
    sink: Sink,
    rng: random.Random,
    country: Country,
    volumes: Volumes,
    volunteers: list[VolunteerInfo],
    works: dict[int, list[Work]],
) -> None:
    """Hour entries and daily totals, one volunteer at a time (their days stay consistent)."""
    year_start, year_end = (
        dt.date(country.year, 1, 1),
        min(dt.date(country.year, 12, 31), country.today),
    )
    weights = [
        0.0 if rng.random() > ACTIVE_SHARE else rng.lognormvariate(0, 1.0) for _ in volunteers
    ]
    # Nobody logs before joining; about two lines a day at most.
    caps = [
        min(MAX_ENTRIES_PER_VOLUNTEER, 2 * max(0, (year_end - max(v.joined, year_start)).days + 1))
        for v in volunteers
    ]
    counts = apportion(volumes.hour_entries, weights, caps, rng)
    entry_ids = next_id(HourEntry)
    ES = HourEntry.Status
    n_days = len(country.days)
    recent = country.today - dt.timedelta(days=30)
    forms = [f.value for f in ActivityForm]

    def sample_day(low: dt.date, high: dt.date) -> dt.date | None:
        if low > high:
            return None
        for _try in range(10):
            x = rng.random() * country.day_cum[-1]
            day = country.days[min(bisect.bisect_left(country.day_cum, x), n_days - 1)]
            if low <= day <= high:
                return day
        return low + dt.timedelta(days=rng.randrange((high - low).days + 1))

    def rows() -> Iterator[dict]:
        for v, count in zip(volunteers, counts, strict=True):
            if not count:
                continue
            windows = []
            for w in works.get(v.id, []):
                low = max(w.accepted_on, w.position.start, year_start)
                high = min(w.position.end or year_end, year_end)
                if low <= high:
                    windows.append((w.position, low, high))
            day_minutes: dict[dt.date, int] = {}
            seen: set[tuple[int, dt.date, int]] = set()
            made = 0
            attempts = 0
            while made < count and attempts < count * 20:
                attempts += 1
                on_position = windows and rng.random() < 0.85
                minutes = rng.choices(MINUTES_CHOICES, MINUTES_WEIGHTS)[0]
                if on_position:
                    p, low, high = rng.choice(windows)
                    day = sample_day(low, high)
                else:
                    p = None
                    day = sample_day(max(year_start, v.joined), year_end)
                if day is None:
                    continue
                used = day_minutes.get(day, 0)
                if used >= MINUTES_PER_DAY:
                    continue
                minutes = min(minutes, MINUTES_PER_DAY - used)
                if p is not None:
                    if (p.id, day, minutes) in seen:
                        continue
                    roll = rng.random()
                    if roll < 0.03:
                        status = ES.REJECTED
                    elif day >= recent and roll < 0.5:
                        status = ES.PENDING
                    else:
                        status = ES.CONFIRMED
                    source = rng.choices(["volunteer", "coordinator", "check_in"], [70, 20, 10])[0]
                    by = p.coordinator_user_id if source == "coordinator" else v.user_id
                    if status != ES.REJECTED:
                        seen.add((p.id, day, minutes))
                else:
                    status, source, by = ES.SELF_REPORTED, "volunteer", v.user_id
                if status != ES.REJECTED:
                    day_minutes[day] = used + minutes
                else:
                    day_minutes.setdefault(day, used)
                created = _aware(day, rng.randint(9, 21), rng.choice([0, 15, 30, 45]))
                reviewed = status in (ES.CONFIRMED, ES.REJECTED)
                made += 1
                yield {
                    "id": next(entry_ids),
                    "volunteer_id": v.id,
                    "organization_id": p.organization_id if p else None,
                    "position_id": p.id if p else None,
                    "region_id": (p.region_id if p else None) or v.region_id,
                    "date": day,
                    "form": p.form if p else rng.choice(forms),
                    "direction_id": p.direction_id
                    if p
                    else rng.choices(country.directions, weights=country.direction_weights)[0].pk,
                    "minutes": minutes,
                    "beneficiaries": rng.choice([None, None, 1, 5, 10, 30]),
                    "description": "",
                    "status": status,
                    "source": source,
                    "created_by_id": by,
                    "created_at": created,
                    "reviewed_by_id": p.coordinator_user_id if p and reviewed else None,
                    "reviewed_at": created + dt.timedelta(days=2) if reviewed else None,
                    "rejection_reason": rng.choice(REJECTION_REASONS)
                    if status == ES.REJECTED
                    else "",
                }

    # The ledger's summaries (asar/hours/summary.py) are rebuilt once from the loaded entries
    # rather than updated by the row trigger ten million times.
    hours_summary.set_trigger(enabled=False)
    try:
        sink.write(HourEntry, rows(), total=volumes.hour_entries)
    finally:
        hours_summary.set_trigger(enabled=True)
    hours_summary.rebuild()
    if volunteers:
        _daily_totals(sink, volunteers[0].id, volunteers[-1].id)


def _daily_totals(sink: Sink, first_id: int, last_id: int) -> None:
    """DailyTotal rows as the database's own sums of the entries: consistent by construction,
    and the CHECK constraint re-verifies the 24-hour rule the generator kept."""
    entries, totals = HourEntry._meta.db_table, DailyTotal._meta.db_table
    statement = (
        f"INSERT INTO {totals} (volunteer_id, date, minutes) "  # noqa: S608 (table names only)
        f"SELECT volunteer_id, date, SUM(CASE WHEN status = %s THEN 0 ELSE minutes END) "
        f"FROM {entries} WHERE volunteer_id BETWEEN %s AND %s GROUP BY volunteer_id, date"
    )
    step = 20_000
    bar = (
        sink.progress(total=last_id - first_id + 1, desc="hours.DailyTotal", unit="volunteers")
        if sink.progress
        else None
    )
    written = 0
    for low in range(first_id, last_id + 1, step):
        high = min(low + step - 1, last_id)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [HourEntry.Status.REJECTED, low, high])
            written += max(cursor.rowcount, 0)
        if bar is not None:
            bar.update(high - low + 1)
    if bar is not None:
        bar.close()
    sink.counts[DailyTotal._meta.label] = written
