"""Generated demo volunteers (about 600 × scale) spread over the regions by population, with a
realistic mix (more students and schoolchildren, fewer retired). Names come from lists of
common first and last names written for Asar — no real persons. Deterministic from ``rng``.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import Counter

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from asar.accounts.models import User
from asar.geo.models import Employment, Gender, Region
from asar.lib import kz_ids
from asar.organizations.demo import REGION_CITIES
from asar.volunteers.models import Education, Skill, VolunteerProfile
from asar.volunteers.validators import iin_hash

BASE_COUNT = 600

KAZAKH_FEMALE = (
    "Аружан",
    "Айгерім",
    "Дана",
    "Әсел",
    "Жансая",
    "Мадина",
    "Аяулым",
    "Гүлнұр",
    "Ақбота",
    "Томирис",
    "Інжу",
    "Назерке",
    "Балнұр",
    "Жанерке",
    "Сания",
    "Әйгерім",
    "Ұлжан",
    "Камила",
)
KAZAKH_MALE = (
    "Нұрсұлтан",
    "Алихан",
    "Ерасыл",
    "Дәулет",
    "Арман",
    "Ернар",
    "Бауыржан",
    "Азамат",
    "Айбек",
    "Нұрлан",
    "Санжар",
    "Темірлан",
    "Әлішер",
    "Мирас",
    "Ерлан",
    "Дидар",
    "Абылай",
    "Жандос",
)
KAZAKH_SURNAMES = (
    "Ахметов",
    "Жұмабаев",
    "Серікбаев",
    "Нұрланов",
    "Оспанов",
    "Қасымов",
    "Бекенов",
    "Төлеуов",
    "Исмаилов",
    "Сәрсенбаев",
    "Ермеков",
    "Мұратов",
    "Абдрахманов",
    "Байжанов",
    "Қалиев",
    "Омаров",
    "Әбенов",
    "Есімов",
)
KAZAKH_FATHERS = ("Серік", "Нұрлан", "Ержан", "Болат", "Марат", "Қайрат", "Асқар", "Талғат")
RUSSIAN_FEMALE = (
    "Анна",
    "Мария",
    "Екатерина",
    "Ольга",
    "Дарья",
    "Анастасия",
    "Полина",
    "Виктория",
    "Елена",
    "Ксения",
)
RUSSIAN_MALE = (
    "Александр",
    "Дмитрий",
    "Максим",
    "Иван",
    "Артём",
    "Никита",
    "Сергей",
    "Андрей",
    "Кирилл",
    "Павел",
)
RUSSIAN_SURNAMES = (
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Соколов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
    "Волков",
    "Фёдоров",
    "Михайлов",
)
# Father's name → (son's, daughter's) patronymic: the ending depends on the name (Сергей →
# Сергеевич), so it is spelled out rather than appended.
RUSSIAN_FATHERS = {
    "Александр": ("Александрович", "Александровна"),
    "Сергей": ("Сергеевич", "Сергеевна"),
    "Владимир": ("Владимирович", "Владимировна"),
    "Николай": ("Николаевич", "Николаевна"),
    "Андрей": ("Андреевич", "Андреевна"),
    "Игорь": ("Игоревич", "Игоревна"),
}

# employment: (weight, youngest, oldest)
EMPLOYMENT_MIX: dict[str, tuple[int, int, int]] = {
    Employment.STUDENT: (34, 17, 24),
    Employment.SCHOOLCHILD: (22, 14, 17),
    Employment.EMPLOYED: (26, 22, 58),
    Employment.UNEMPLOYED: (7, 19, 50),
    Employment.OTHER: (7, 18, 45),
    Employment.RETIRED: (4, 60, 76),
}
HEALTH_NOTES = (
    "Ауыр жүк көтеруге болмайды / Нельзя поднимать тяжести",
    "Аллергия (шаңға) / Аллергия на пыль",
    "Ұзақ тұруға болмайды / Противопоказано долгое стояние",
)


def population_weights(regions: list[Region]) -> dict[str, float]:
    """Population per region from the reference table; regions without a figure share what is
    left of the national total evenly (the table is incomplete on purpose)."""
    path = settings.ASAR_SHARED_DATA_DIR / "kz-population.csv"
    known: dict[str, int] = {}
    national = 0
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["region_iso"] == "KZ":
                national = int(row["population"])
            else:
                known[row["region_iso"]] = int(row["population"])
    missing = [r.iso_code for r in regions if r.iso_code not in known]
    rest = max(national - sum(known.values()), 0)
    default = rest / len(missing) if missing and rest else 500_000
    return {r.iso_code: float(known.get(r.iso_code, default)) for r in regions}


def _feminine(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ев", "ин")) else surname


def _person(rng: random.Random, gender: str) -> tuple[str, str, str]:
    female = gender == Gender.FEMALE
    if rng.random() < 0.72:
        first = rng.choice(KAZAKH_FEMALE if female else KAZAKH_MALE)
        last = rng.choice(KAZAKH_SURNAMES)
        father = rng.choice(KAZAKH_FATHERS)
        patronymic = father + ("қызы" if female else "ұлы")
    else:
        first = rng.choice(RUSSIAN_FEMALE if female else RUSSIAN_MALE)
        last = rng.choice(RUSSIAN_SURNAMES)
        son, daughter = RUSSIAN_FATHERS[rng.choice(list(RUSSIAN_FATHERS))]
        patronymic = daughter if female else son
    if female:
        last = _feminine(last)
    if rng.random() < 0.4:
        patronymic = ""
    return first, last, patronymic


def _birth_date(rng: random.Random, today: dt.date, youngest: int, oldest: int) -> dt.date:
    latest = (
        today.replace(year=today.year - youngest)
        if not (today.month == 2 and today.day == 29)
        else dt.date(today.year - youngest, 2, 28)
    )
    span_days = (oldest - youngest + 1) * 365 - 1
    return latest - dt.timedelta(days=rng.randint(0, span_days))


def _iin(rng: random.Random, birth: dt.date, gender: str, used: set[str]) -> str:
    century = {18: 1, 19: 3, 20: 5}[birth.year // 100] + (1 if gender == Gender.FEMALE else 0)
    while True:
        value = kz_ids.with_check_digit(f"{birth:%y%m%d}{century}{rng.randint(0, 9999):04d}")
        if value and value not in used:
            used.add(value)
            return value


def _education(rng: random.Random, employment: str, age: int) -> str:
    if employment == Employment.SCHOOLCHILD:
        return Education.SECONDARY_INCOMPLETE
    if employment == Employment.STUDENT:
        return rng.choice([Education.SECONDARY, Education.HIGHER_INCOMPLETE, Education.VOCATIONAL])
    return rng.choices(
        [Education.SECONDARY, Education.VOCATIONAL, Education.HIGHER, Education.POSTGRADUATE, ""],
        weights=[15, 25, 45, 5, 10],
    )[0]


def load(*, rng: random.Random, scale: float) -> str:
    regions = sorted(Region.objects.all(), key=lambda r: r.iso_code)
    weights = population_weights(regions)
    skills = list(Skill.objects.order_by("code"))
    today = timezone.localdate()
    now = timezone.now()
    count = max(1, round(BASE_COUNT * scale))
    unusable = make_password(None)  # generated people cannot sign in
    used_iins: set[str] = set()
    employments = list(EMPLOYMENT_MIX)
    users: list[User] = []
    profiles: list[VolunteerProfile] = []
    chosen_skills: list[list[Skill]] = []

    region_choices = rng.choices(regions, weights=[weights[r.iso_code] for r in regions], k=count)
    for n, region in enumerate(region_choices, start=1):
        employment = rng.choices(employments, weights=[v[0] for v in EMPLOYMENT_MIX.values()])[0]
        _w, youngest, oldest = EMPLOYMENT_MIX[employment]
        gender = Gender.FEMALE if rng.random() < 0.6 else Gender.MALE
        first, last, patronymic = _person(rng, gender)
        birth = _birth_date(rng, today, youngest, oldest)
        age = today.year - birth.year - int((today.month, today.day) < (birth.month, birth.day))
        languages = [
            code for code, p in (("kk", 0.9), ("ru", 0.75), ("en", 0.25)) if rng.random() < p
        ]
        city_kk, _city_ru = REGION_CITIES.get(region.iso_code, (region.name_kk, region.name_ru))
        user = User(
            email=f"volunteer{n:05d}@demo.asar.kz",
            username=f"volunteer{n:05d}@demo.asar.kz",
            first_name=first,
            last_name=last,
            password=unusable,
            preferred_language=rng.choices(["kk", "ru", "en"], weights=[55, 42, 3])[0],
        )
        iin = _iin(rng, birth, gender, used_iins) if rng.random() < 0.6 else ""
        profile = VolunteerProfile(
            first_name=first,
            last_name=last,
            patronymic=patronymic,
            region=region,
            settlement=city_kk,
            gender=gender,
            birth_date=birth,
            employment=employment,
            education=_education(rng, employment, age),
            languages=languages or ["kk"],
            other_skills="",
            hours_per_week=rng.choice([2, 3, 4, 5, 6, 8, 10, 12, 15]),
            availability=sorted(
                rng.sample(["weekdays", "evenings", "weekends"], k=rng.randint(1, 3))
            ),
            health_restrictions=rng.choice(HEALTH_NOTES) if rng.random() < 0.05 else "",
            iin_hash=iin_hash(iin) if iin else None,
            iin_last4=iin[-4:] if iin else "",
            guardian_consent=age < 18,
            personal_data_consent_at=now - dt.timedelta(days=rng.randint(1, 900)),
            passport_public=rng.random() < 0.3,
        )
        # They signed up, consenting to the processing of their data, with the profile.
        user.date_joined = user.personal_data_consent_at = profile.personal_data_consent_at
        users.append(user)
        profiles.append(profile)
        chosen_skills.append(rng.sample(skills, k=rng.randint(0, 4)))

    # The demo volunteer (volunteer@demo.asar.kz): an Almaty student with a masked IIN.
    demo_user = User.objects.filter(email="volunteer@demo.asar.kz").first()
    demo_profile = None
    if demo_user is not None:
        birth = dt.date(today.year - 20, 4, 12)
        iin = _iin(rng, birth, Gender.FEMALE, used_iins)
        demo_profile = VolunteerProfile(
            user=demo_user,
            first_name=demo_user.first_name,
            last_name=demo_user.last_name,
            region=next(r for r in regions if r.iso_code == "KZ-75"),
            settlement="Алматы",
            gender=Gender.FEMALE,
            birth_date=birth,
            employment=Employment.STUDENT,
            education=Education.HIGHER_INCOMPLETE,
            languages=["kk", "ru", "en"],
            other_skills="Домбыра",
            hours_per_week=6,
            availability=["evenings", "weekends"],
            iin_hash=iin_hash(iin),
            iin_last4=iin[-4:],
            personal_data_consent_at=now,
            passport_public=True,
        )

    created_users = User.objects.bulk_create(users, batch_size=500)
    for user, profile in zip(created_users, profiles, strict=True):
        profile.user = user
    if demo_profile is not None:
        profiles.append(demo_profile)
        chosen_skills.append([s for s in skills if s.code in ("first_aid", "teaching")])
    created = VolunteerProfile.objects.bulk_create(profiles, batch_size=500)
    through = VolunteerProfile.skills.through
    through.objects.bulk_create(
        [
            through(volunteerprofile_id=p.pk, skill_id=s.pk)
            for p, picked in zip(created, chosen_skills, strict=True)
            for s in picked
        ],
        batch_size=1000,
    )
    mix = Counter(p.employment for p in created)
    return (
        f"{len(created)} volunteers in {len({p.region_id for p in created})} regions "
        f"(students {mix[Employment.STUDENT]}, schoolchildren {mix[Employment.SCHOOLCHILD]}, "
        f"retired {mix[Employment.RETIRED]})"
    )
