"""Demo organisations: those listed in Appendix 8 of the BIRGEMIZ SABAQTASTYQ guide (names and
cities only — no people, no phone numbers) plus generated ones so every region has several.
Deterministic from ``rng``."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from asar.accounts.models import User
from asar.geo.models import Direction, Region
from asar.lib import kz_ids
from asar.organizations.models import Membership, Organization

R = "registered"
G = "initiative_group"

# (name in Kazakh as listed, city, region ISO code, kind, direction codes)
APPENDIX_8: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "«Алматы облысының студенттік құрылыс жасақтары» жастар қоғамдық бірлестігі",
        "Талдықорған",
        "KZ-33",
        R,
        ("public_spaces", "events"),
    ),
    (
        "«Жер жаннаты – Жетісудың Ұланы» бірыңғай балалар-жасөспірімдер ұйымы жастар қоғамдық бірлестігі",
        "Талдықорған",
        "KZ-33",
        R,
        ("education", "events"),
    ),
    ("«Біз біргеміз» волонтерлік тобы", "Тараз", "KZ-31", G, ("humanitarian_aid", "education")),
    ("«Қазақстан болашақ жастары» қоғамдық қоры", "Павлодар", "KZ-55", R, ("education", "events")),
    ("«Еркіндік Қанаты»", "Астана", "KZ-71", G, ("children_in_care", "education")),
    (
        "«СЕНІМ» Қарағанды облыстық қауымдастығы",
        "Қарағанды",
        "KZ-35",
        R,
        ("special_needs", "humanitarian_aid"),
    ),
    ("«Мәңгілік ел-Маңғыстау» ЖҚ", "Ақтау", "KZ-47", R, ("ethno_cultural_heritage", "events")),
    ("«Жастар альянсы»", "Топар", "KZ-35", G, ("events", "public_spaces")),
    (
        "«Достар» жастар волонтерлік көшбасшылық орталығы",
        "Шымкент",
        "KZ-79",
        R,
        ("addiction_prevention", "education"),
    ),
    ("«ЭКО Атамекен»", "Кентау", "KZ-61", G, ("environment",)),
    ("DIPLOMAT JASTAR KLUBU", "Шымкент", "KZ-79", G, ("education", "events")),
    ("Lider.kz", "Алматы", "KZ-75", G, ("education", "events")),
    ("Volunteer.kz бастамашыл тобы", "Алматы", "KZ-75", G, ("events", "humanitarian_aid")),
    (
        "Азаматтық-қоғамдық бірлестігі",
        "Қарқаралы",
        "KZ-35",
        R,
        ("public_spaces", "humanitarian_aid"),
    ),
    ("Алматы Марафон", "Алматы", "KZ-75", G, ("sport_healthy_lifestyle", "events")),
    (
        "«Ізгілікте жарысайық» қайырымдылық қоғамдық қоры",
        "Шымкент",
        "KZ-79",
        R,
        ("humanitarian_aid", "elderly"),
    ),
    ("«Д.А.Р.» волонтерлік клубы", "Ақтөбе", "KZ-15", G, ("special_needs", "medicine")),
    ("«Көмек» волонтерлік қозғалысы", "Алматы", "KZ-75", G, ("humanitarian_aid", "elderly")),
    (
        "Күн сәулелік Орал волонтерлері, бастамашыл топ",
        "Орал",
        "KZ-27",
        G,
        ("special_needs", "children_in_care"),
    ),
    ("Добро Мирас", "Шымкент", "KZ-79", G, ("humanitarian_aid",)),
    (
        "«Хиуаз» әйелдер қоғамдық бірлестігі",
        "Атырау",
        "KZ-23",
        R,
        ("humanitarian_aid", "crisis_centres"),
    ),
    ("«Ақтау жастары» бастамашыл тобы", "Ақтау", "KZ-47", G, ("events", "public_spaces")),
    (
        "«Такеда Қазақстан» корпоративтік волонтерлігінің бастамашыл тобы",
        "Алматы",
        "KZ-75",
        G,
        ("medicine", "donorship"),
    ),
    ("28 ілмек клубы", "Атырау", "KZ-23", G, ("elderly", "children_in_care")),
    (
        "«Команда SOS» волонтерлерді үйлестіру орталығы",
        "Алматы",
        "KZ-75",
        R,
        ("emergencies", "missing_people_search"),
    ),
    ("Алматы қаласы бойынша «Болашақ» корпоративтік қоры", "Алматы", "KZ-75", R, ("education",)),
    (
        "Алматы облысы бойынша «Жас Отан» қоры корпоративтік қоры",
        "Алматы",
        "KZ-75",
        R,
        ("events", "education"),
    ),
    (
        "Қазақстанның Қызыл жарты айы",
        "Алматы",
        "KZ-75",
        R,
        ("humanitarian_aid", "emergencies", "donorship"),
    ),
    ("БҚО бойынша «Жас Отан» қоры корпоративтік қоры", "Орал", "KZ-27", R, ("events", "education")),
    ("«Adal Volunteer Club» жастар ұйымы", "Астана", "KZ-71", R, ("events", "humanitarian_aid")),
    ("«Батыс-Қамқор» ЖҚБ", "Орал", "KZ-27", R, ("elderly", "humanitarian_aid")),
    ("«ASAA» Шымкент қаласының ACCESS түлектері ЖҚБ", "Шымкент", "KZ-79", R, ("education",)),
    (
        "«Парыз» Сарқан ауданының волонтерлері ЖҚБ",
        "Сарқан",
        "KZ-33",
        R,
        ("humanitarian_aid", "elderly"),
    ),
    (
        "«Әлеуметтік волонтерлік орталық» ЖҚБ",
        "Павлодар",
        "KZ-55",
        R,
        ("humanitarian_aid", "elderly"),
    ),
    ("«Эко Маңғыстау» үкіметтік емес мекемесі", "Ақтау", "KZ-47", R, ("environment",)),
    ("«Қапшағай самға» мүгедектер қоғамдық бірлестігі", "Қонаев", "KZ-19", R, ("special_needs",)),
    ("«RYHANI URPAQ» ҚБ", "Петропавл", "KZ-59", R, ("ethno_cultural_heritage", "education")),
    ("«Ангел» ҚБ", "Атбасар", "KZ-11", R, ("children_in_care", "humanitarian_aid")),
    ("«Жалынды жастар» ҚБ", "Түркістан", "KZ-61", R, ("events", "sport_healthy_lifestyle")),
    ("«Жамбыл жастары» ҚБ", "Тараз", "KZ-31", R, ("events", "education")),
    (
        "«Дос.kz» әлеуметтік волонтерлік орталығы ҚБ",
        "Талдықорған",
        "KZ-33",
        R,
        ("humanitarian_aid",),
    ),
    (
        "«Теміртау Жастар клубы» ҚБ «Шаңырақ» волонтерлік орталығы",
        "Теміртау",
        "KZ-35",
        R,
        ("events", "public_spaces"),
    ),
    ("«Ұлан-ғайыр Дала Елі» ҚБ", "Астана", "KZ-71", R, ("ethno_cultural_heritage",)),
    (
        "«Ақтөбе қаласының сал ауруына шалдыққан азаматтарды қолдау қоры» қоғамдық бірлестігі",
        "Ақтөбе",
        "KZ-15",
        R,
        ("special_needs", "medicine"),
    ),
    ("«Азаматтық бастамалар орталығы» ҚБ", "Теміртау", "KZ-35", R, ("education", "public_spaces")),
    (
        "«Исток» балалар және жастар шығармашылық орталығы ҚБ",
        "Семей",
        "KZ-10",
        R,
        ("arts", "education"),
    ),
    (
        "«Нұрлы жүректер» студенттер ҚБ",
        "Өскемен",
        "KZ-63",
        R,
        ("humanitarian_aid", "children_in_care"),
    ),
    (
        "«Ашық әлем» әлеуметтік жастар волонтерлік үйі",
        "Қостанай",
        "KZ-39",
        G,
        ("humanitarian_aid", "education"),
    ),
    (
        "«Аялаған Алақан» қоғамдық қайырымдылық қоры",
        "Орал",
        "KZ-27",
        R,
        ("children_in_care", "humanitarian_aid"),
    ),
    (
        "«YMIT JOLY» («Дорога надежды») қоғамдық қоры",
        "Алматы",
        "KZ-75",
        R,
        ("children_in_care", "education"),
    ),
    ("«Алаш мәдениеті» қоғамдық қоры", "Атырау", "KZ-23", R, ("ethno_cultural_heritage", "arts")),
    (
        "«Қызылорда волонтерлері» қоғамдық қоры",
        "Қызылорда",
        "KZ-43",
        R,
        ("humanitarian_aid", "events"),
    ),
    ("«Ак-Кем-Риддер» ОЭК ҰӘБ", "Риддер", "KZ-63", R, ("environment",)),
    ("«Даму – Ұлытау» ҚБ", "Жезқазған", "KZ-62", R, ("education", "public_spaces")),
    ("«Панорама» ақпараттық орталығы ҚБ", "Тараз", "KZ-31", R, ("media",)),
    (
        "«Интеллект» экономикалық және азаматтық білім беру орталығы ҚБ",
        "Шымкент",
        "KZ-79",
        R,
        ("education",),
    ),
    ("«Азамат» ҚБ", "Қарқаралы", "KZ-35", R, ("humanitarian_aid",)),
    ("«Жаңа қоғам жас Алаш» ҚБ", "Жансүгіров", "KZ-33", R, ("events", "education")),
    ("«Женский луч» ҚБ", "Степногорск", "KZ-11", R, ("crisis_centres", "humanitarian_aid")),
    ("«МИГДАЛЬ» ҚБ", "Қостанай", "KZ-39", R, ("elderly", "humanitarian_aid")),
    ("«Мүгедектердің жастар қоғамы» ҚБ", "Тараз", "KZ-31", R, ("special_needs",)),
    ("«Ақтөбе облысының мүгедектер одағы» ҚБ", "Ақтөбе", "KZ-15", R, ("special_needs",)),
    (
        "«Талдықорған аймақтық әйелдерді қолдау орталығы» ҚБ",
        "Талдықорған",
        "KZ-33",
        R,
        ("crisis_centres",),
    ),
    ("«Бізбен бірге» ҚҚ", "Шымкент", "KZ-79", R, ("humanitarian_aid", "special_needs")),
    ("«РАВНЫЙ-РАВНОМУ ПЛЮС» ҚҚ", "Алматы", "KZ-75", R, ("addiction_prevention", "medicine")),
    ("«Сана зияткер жастар мектебі» ҚҚ", "Қызылорда", "KZ-43", R, ("education",)),
    ("«Целина» ҚҚ", "Атбасар", "KZ-11", R, ("ethno_cultural_heritage", "elderly")),
    ("«Жеке өзін-өзі басқаруды дамыту орталығы» ҚҚ", "Өскемен", "KZ-63", R, ("public_spaces",)),
    ("«Жаңа толқын» ҚҚ", "Көкшетау", "KZ-11", R, ("events", "education")),
    ("«Жылы жүрек жастар» ҚҚ", "Қызылорда", "KZ-43", R, ("humanitarian_aid", "elderly")),
    (
        "«Қостанай облысының балалар және жастар ұйымдарының қауымдастығы» ЗТБ",
        "Қостанай",
        "KZ-39",
        R,
        ("education", "events"),
    ),
    (
        "«Жас сарбаз» әскери-патриоттық қозғалысының Жамбыл облысы филиалы",
        "Тараз",
        "KZ-31",
        R,
        ("education", "sport_healthy_lifestyle"),
    ),
    (
        "«Шығыс Қазақстан облыстық жастар мен балалар ұйымдарының қауымдастығы» ЗТБ Семей қалалық филиалы",
        "Семей",
        "KZ-10",
        R,
        ("education", "events"),
    ),
    ("ЖБДО", "Ақсу", "KZ-55", G, ("education",)),
    ("«Ынтымақ Атырау» ЖҚ", "Атырау", "KZ-23", R, ("humanitarian_aid",)),
    ("«Ғылыми зерттеулерге жәрдемдесу қоры» ЖҚ", "Орал", "KZ-27", R, ("education",)),
)

# The demo coordinator owns this Almaty organisation (a registered, verified one).
DEMO_COORDINATOR_ORG = "«YMIT JOLY» («Дорога надежды») қоғамдық қоры"
# Shows the value of its volunteers' work on its public page (the demo coordinator's own
# organisation does not, so that the coordinator can try the switch).
DEMO_PUBLIC_VALUE_ORG = "«Ашық әлем» әлеуметтік жастар волонтерлік үйі"

# Main city of each region: (kk, ru)
REGION_CITIES: dict[str, tuple[str, str]] = {
    "KZ-10": ("Семей", "Семей"),
    "KZ-11": ("Көкшетау", "Кокшетау"),
    "KZ-15": ("Ақтөбе", "Актобе"),
    "KZ-19": ("Қонаев", "Конаев"),
    "KZ-23": ("Атырау", "Атырау"),
    "KZ-27": ("Орал", "Уральск"),
    "KZ-31": ("Тараз", "Тараз"),
    "KZ-33": ("Талдықорған", "Талдыкорган"),
    "KZ-35": ("Қарағанды", "Караганда"),
    "KZ-39": ("Қостанай", "Костанай"),
    "KZ-43": ("Қызылорда", "Кызылорда"),
    "KZ-47": ("Ақтау", "Актау"),
    "KZ-55": ("Павлодар", "Павлодар"),
    "KZ-59": ("Петропавл", "Петропавловск"),
    "KZ-61": ("Түркістан", "Туркестан"),
    "KZ-62": ("Жезқазған", "Жезказган"),
    "KZ-63": ("Өскемен", "Усть-Каменогорск"),
    "KZ-71": ("Астана", "Астана"),
    "KZ-75": ("Алматы", "Алматы"),
    "KZ-79": ("Шымкент", "Шымкент"),
}

# Words for generated names: (kk, ru)
NAME_WORDS: tuple[tuple[str, str], ...] = (
    ("Мейірім", "Милосердие"),
    ("Қамқорлық", "Забота"),
    ("Бірлік", "Единство"),
    ("Жасыл әлем", "Зелёный мир"),
    ("Достық", "Дружба"),
    ("Үміт", "Надежда"),
    ("Ізгі ниет", "Добрая воля"),
    ("Алтын жүрек", "Золотое сердце"),
    ("Көмек қолы", "Рука помощи"),
    ("Нұрлы жол", "Светлый путь"),
    ("Ақ ниет", "Чистые помыслы"),
    ("Жарқын болашақ", "Светлое будущее"),
    ("Шапағат", "Благодать"),
    ("Береке", "Достаток"),
    ("Сенім", "Доверие"),
    ("Шуақ", "Солнечный свет"),
)
NAME_PATTERNS: tuple[tuple[str, str, str], ...] = (
    (R, "«{kk}» волонтерлік орталығы ҚБ", "Волонтёрский центр «{ru}»"),
    (R, "«{kk}» қайырымдылық қоры", "Благотворительный фонд «{ru}»"),
    (R, "«{kk}» жастар қоғамдық бірлестігі", "Молодёжное общественное объединение «{ru}»"),
    (G, "«{kk}» бастамашыл тобы ({city})", "Инициативная группа «{ru}» ({city_ru})"),
    (G, "{city} волонтерлері", "Волонтёры города {city_ru}"),
)
COMMON_DIRECTIONS = (
    "humanitarian_aid",
    "education",
    "events",
    "environment",
    "elderly",
    "children_in_care",
    "public_spaces",
    "sport_healthy_lifestyle",
    "special_needs",
    "animal_welfare",
    "medicine",
    "media",
)
MIN_PER_REGION = 4


def _bin(rng: random.Random, used: set[str]) -> str:
    while True:
        first11 = (
            f"{rng.randint(3, 22):02d}{rng.randint(1, 12):02d}4{rng.randint(0, 1)}"
            f"{rng.randint(0, 99999):05d}"
        )
        value = kz_ids.with_check_digit(first11)
        if value and value not in used:
            used.add(value)
            return value


def _description(directions: list[Direction], city_kk: str, city_ru: str) -> tuple[str, str]:
    kk = ", ".join(d.name_kk.lower() for d in directions)
    ru = ", ".join(d.name_ru.lower() for d in directions)
    return (
        f"{city_kk} қаласындағы волонтерлерді біріктіреміз. Бағыттарымыз: {kk}.",
        f"Объединяем волонтёров в городе {city_ru}. Наши направления: {ru}.",
    )


def load(*, rng: random.Random, scale: float) -> str:
    regions = {r.iso_code: r for r in Region.objects.all()}
    directions = {d.code: d for d in Direction.objects.all()}
    operator = User.objects.filter(email="operator.almaty@demo.asar.kz").first()
    now = timezone.now()
    used_bins = {b for b in Organization.objects.values_list("bin", flat=True) if b is not None}
    specs: list[tuple[Organization, list[str], list[str]]] = []

    def add(org: Organization, direction_codes: list[str], extra_regions: list[str]) -> None:
        roll = rng.random()
        if org.name_kk == DEMO_COORDINATOR_ORG or roll < 0.8:
            org.verification = Organization.Verification.VERIFIED
            org.verified_at = now - dt.timedelta(days=rng.randint(5, 700))
            if org.home_region.iso_code == "KZ-75":
                org.verified_by = operator
        elif roll < 0.96:
            org.verification = Organization.Verification.UNVERIFIED
        else:
            org.verification = Organization.Verification.REJECTED
            org.verified_at = now - dt.timedelta(days=rng.randint(5, 200))
            org.verification_note = "Құжаттар толық емес / Документы неполные"
            if org.home_region.iso_code == "KZ-75":
                org.verified_by = operator
        specs.append((org, direction_codes, extra_regions))

    for name, city, iso, kind, codes in APPENDIX_8:
        city_ru = next((ru for kk, ru in REGION_CITIES.values() if kk == city), city)
        desc_kk, desc_ru = _description([directions[c] for c in codes], city, city_ru)
        org = Organization(
            kind=kind,
            name_kk=name,
            bin=_bin(rng, used_bins) if kind == R else None,
            city=city,
            home_region=regions[iso],
            description_kk=desc_kk,
            description_ru=desc_ru,
            value_public=name == DEMO_PUBLIC_VALUE_ORG,
        )
        add(org, list(codes), [])

    per_region: dict[str, int] = {}
    for org, _c, _r in specs:
        per_region[org.home_region.iso_code] = per_region.get(org.home_region.iso_code, 0) + 1
    wanted = max(MIN_PER_REGION, round(MIN_PER_REGION * scale))
    for iso in sorted(regions):
        city_kk, city_ru = REGION_CITIES.get(iso, (regions[iso].name_kk, regions[iso].name_ru))
        words = rng.sample(NAME_WORDS, k=len(NAME_WORDS))
        for n in range(max(wanted - per_region.get(iso, 0), 1)):
            kind, pattern_kk, pattern_ru = NAME_PATTERNS[rng.randrange(len(NAME_PATTERNS))]
            kk_word, ru_word = words[n % len(words)]
            picked = rng.sample(COMMON_DIRECTIONS, k=rng.randint(1, 3))
            desc_kk, desc_ru = _description([directions[c] for c in picked], city_kk, city_ru)
            org = Organization(
                kind=kind,
                name_kk=pattern_kk.format(kk=kk_word, city=city_kk),
                name_ru=pattern_ru.format(ru=ru_word, city_ru=city_ru),
                bin=_bin(rng, used_bins) if kind == R else None,
                city=city_kk,
                home_region=regions[iso],
                description_kk=desc_kk,
                description_ru=desc_ru,
            )
            others = [r for r in rng.sample(sorted(regions), k=rng.randint(0, 2)) if r != iso]
            add(org, picked, others)

    orgs = Organization.objects.bulk_create([org for org, _c, _r in specs])
    regions_through = Organization.regions.through
    directions_through = Organization.directions.through
    regions_through.objects.bulk_create(
        [
            regions_through(organization_id=org.pk, region_id=regions[iso].pk)
            for org, (_o, _c, extra) in zip(orgs, specs, strict=True)
            for iso in sorted({org.home_region.iso_code, *extra})
        ]
    )
    directions_through.objects.bulk_create(
        [
            directions_through(organization_id=org.pk, direction_id=directions[code].pk)
            for org, (_o, codes, _e) in zip(orgs, specs, strict=True)
            for code in dict.fromkeys(codes)
        ]
    )
    coordinator = User.objects.filter(email="coordinator@demo.asar.kz").first()
    if coordinator is not None:
        own = next(o for o in orgs if o.name_kk == DEMO_COORDINATOR_ORG)
        Membership.objects.create(organization=own, user=coordinator, role=Membership.Role.OWNER)
    verified = sum(1 for o in orgs if o.verification == Organization.Verification.VERIFIED)
    return (
        f"{len(orgs)} organisations ({len(APPENDIX_8)} from the guide's Appendix 8), "
        f"{verified} verified"
    )
