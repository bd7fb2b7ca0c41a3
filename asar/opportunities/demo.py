"""Demo projects, positions and applications for the demo organisations and volunteers.

Deterministic from ``rng``; several hundred positions × scale across directions and regions,
dated 2023–2026, some 18+/25+ (mentoring), some full with a waiting list, and applications in
every state — accepted ones with their agreement.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from asar.geo.models import ActivityForm, Direction
from asar.opportunities import questionnaire as qn
from asar.opportunities.models import (
    Agreement,
    Application,
    ApplicationEvent,
    Position,
    Project,
)
from asar.opportunities.services import agreement_text, sha256
from asar.organizations.models import Organization
from asar.volunteers.models import Skill, VolunteerProfile

S = Application.Status
BASE_POSITIONS = 400

# (direction, title kk/ru/en, description kk/ru/en, min age, skills, benefits, risky, form)
TEMPLATES: tuple[
    tuple[str, str, str, str, str, str, str, int, tuple[str, ...], tuple[str, ...], bool, str], ...
] = (
    (
        "education",
        "Мектеп оқушыларына репетитор",
        "Репетитор для школьников",
        "Tutor for schoolchildren",
        "Оқушыларға математика мен қазақ тілінен ҰБТ-ға дайындалуға көмектесу.",
        "Помощь школьникам в подготовке к ЕНТ по математике и казахскому языку.",
        "Help pupils prepare for the national test in maths and Kazakh.",
        16,
        ("teaching",),
        ("certificate", "reference_letter"),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "education",
        "Онлайн ағылшын тілі клубы",
        "Онлайн-клуб английского языка",
        "Online English club",
        "Ауыл балаларымен аптасына бір рет ағылшын тілінде сөйлесу клубын өткізу.",
        "Раз в неделю проводить разговорный клуб английского для сельских детей.",
        "Run a weekly English conversation club for village children.",
        18,
        ("teaching",),
        ("certificate",),
        False,
        ActivityForm.ONLINE,
    ),
    (
        "children_in_care",
        "Балалар үйі түлектеріне тәлімгер",
        "Наставник выпускников детского дома",
        "Mentor for care leavers",
        "Балалар үйінің түлегімен кемінде бір жыл бойы апта сайын кездесіп, өмірлік дағдыларды үйрету.",
        "Еженедельные встречи с выпускником детского дома не меньше года: жизненные навыки, поддержка.",
        "Meet a young care leaver weekly for at least a year: life skills and support.",
        25,
        ("working_with_children",),
        ("training", "reference_letter"),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "elderly",
        "Жалғызбасты қарттарға көмек",
        "Помощь одиноким пожилым людям",
        "Help for lonely older people",
        "Азық-түлік пен дәрі-дәрмек жеткізу, қарттармен әңгімелесу.",
        "Доставка продуктов и лекарств, общение с пожилыми людьми.",
        "Deliver food and medicine and keep older people company.",
        16,
        ("working_with_elderly",),
        ("transport", "certificate"),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "elderly",
        "Қарттарға смартфон үйрету",
        "Обучение пожилых смартфону",
        "Teaching older people to use smartphones",
        "Қарттарға eGov, банк қосымшалары мен бейнеқоңырауды үйрету.",
        "Учить пожилых людей пользоваться eGov, банковскими приложениями и видеозвонками.",
        "Teach older people eGov, banking apps and video calls.",
        16,
        ("it",),
        ("certificate",),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "environment",
        "Саябақтағы сенбілік",
        "Субботник в парке",
        "Park clean-up",
        "Өзен жағасы мен саябақты қоқыстан тазарту, ағаш отырғызу.",
        "Уборка мусора на берегу реки и в парке, посадка деревьев.",
        "Collect litter along the river and in the park, plant trees.",
        14,
        (),
        ("meals", "uniform"),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "environment",
        "Экологиялық патруль",
        "Экологический патруль",
        "Eco patrol",
        "Қорықтың маршруттарын аралап, бұзушылықтарды тіркеу.",
        "Обход маршрутов заповедника и фиксация нарушений.",
        "Walk the nature reserve's trails and record violations.",
        18,
        (),
        ("transport", "insurance"),
        True,
        ActivityForm.OFFLINE,
    ),
    (
        "medicine",
        "Емханада навигатор-волонтер",
        "Волонтёр-навигатор в поликлинике",
        "Clinic navigator",
        "Келушілерге кабинеттерді табуға және электрондық кезекке жазылуға көмектесу.",
        "Помогать посетителям находить кабинеты и записываться в электронную очередь.",
        "Help visitors find their way and use the electronic queue.",
        16,
        (),
        ("certificate",),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "medicine",
        "Алғашқы көмек нұсқаушысы",
        "Инструктор по первой помощи",
        "First-aid instructor",
        "Мектептер мен колледждерде алғашқы көмек бойынша сабақ өткізу.",
        "Проводить занятия по первой помощи в школах и колледжах.",
        "Teach first aid in schools and colleges.",
        21,
        ("first_aid", "medicine"),
        ("training", "reference_letter"),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "donorship",
        "Донорлар күнінің волонтері",
        "Волонтёр дня донора",
        "Blood donor day volunteer",
        "Донорларды тіркеу, кезекті реттеу, шай беру.",
        "Регистрация доноров, регулирование очереди, чай для доноров.",
        "Register donors, manage the queue, serve tea.",
        18,
        (),
        ("meals", "certificate"),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "animal_welfare",
        "Баспанадағы иттерді серуендету",
        "Выгул собак из приюта",
        "Walking shelter dogs",
        "Демалыс күндері баспанадағы иттерді серуендету және күту.",
        "По выходным выгуливать собак из приюта и ухаживать за ними.",
        "Walk and care for shelter dogs at weekends.",
        14,
        (),
        ("uniform",),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "media",
        "SMM-волонтер",
        "SMM-волонтёр",
        "Social media volunteer",
        "Ұйымның әлеуметтік желілеріне пост және бейне дайындау.",
        "Готовить посты и видео для соцсетей организации.",
        "Prepare posts and videos for the organisation's social media.",
        16,
        ("smm",),
        ("certificate", "reference_letter"),
        False,
        ActivityForm.ONLINE,
    ),
    (
        "media",
        "Іс-шара фотографы",
        "Фотограф на мероприятиях",
        "Event photographer",
        "Қайырымдылық іс-шараларын суретке түсіріп, фотоесеп жасау.",
        "Снимать благотворительные мероприятия и делать фотоотчёты.",
        "Photograph charity events and prepare photo reports.",
        16,
        ("photo_video",),
        ("reference_letter",),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "missing_people_search",
        "Жоғалған адамдарды іздеу еріктісі",
        "Доброволец поисково-спасательного отряда",
        "Search and rescue volunteer",
        "Жоғалған адамдарды іздеуге қатысу: тікелей іздеу, штаб, ақпарат тарату.",
        "Участие в поиске пропавших людей: пеший поиск, штаб, расклейка ориентировок.",
        "Take part in searches for missing people: field search, HQ, posting notices.",
        18,
        ("first_aid",),
        ("training", "insurance"),
        True,
        ActivityForm.OFFLINE,
    ),
    (
        "events",
        "Қалалық марафон волонтері",
        "Волонтёр городского марафона",
        "City marathon volunteer",
        "Су пункттерінде, мәре аймағында және тіркеуде жұмыс істеу.",
        "Работа на пунктах питания, на финише и на регистрации участников.",
        "Work at water stations, the finish line and registration.",
        16,
        (),
        ("meals", "uniform", "certificate"),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "events",
        "Жастар фестивалінің волонтері",
        "Волонтёр молодёжного фестиваля",
        "Youth festival volunteer",
        "Қонақтарды қарсы алу, навигация, спикерлерге көмек.",
        "Встреча гостей, навигация, помощь спикерам.",
        "Welcome guests, guide visitors, assist speakers.",
        18,
        (),
        ("meals", "uniform", "reference_letter"),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "special_needs",
        "Ерекше балаларға арналған ойын сабақтары",
        "Игровые занятия для особенных детей",
        "Play sessions for children with special needs",
        "Инклюзивті орталықта балалармен ойын және шығармашылық сабақтар өткізу.",
        "Игровые и творческие занятия с детьми в инклюзивном центре.",
        "Play and craft sessions with children at an inclusive centre.",
        18,
        ("working_with_children",),
        ("training",),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "special_needs",
        "Ым тілі аудармашысы",
        "Переводчик жестового языка",
        "Sign language interpreter",
        "Іс-шараларда естімейтін қатысушыларға аударма жасау.",
        "Перевод для неслышащих участников мероприятий.",
        "Interpret for deaf participants at events.",
        18,
        ("sign_language",),
        ("reference_letter",),
        False,
        ActivityForm.PRO_BONO,
    ),
    (
        "humanitarian_aid",
        "Азық-түлік банкінің волонтері",
        "Волонтёр продуктового банка",
        "Food bank volunteer",
        "Азық-түлік себеттерін жинау және аз қамтылған отбасыларға жеткізу.",
        "Сборка продуктовых наборов и доставка малообеспеченным семьям.",
        "Pack food parcels and deliver them to families in need.",
        14,
        (),
        ("meals",),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "humanitarian_aid",
        "Көлігі бар автоволонтер",
        "Автоволонтёр",
        "Volunteer driver",
        "Өз көлігімен гуманитарлық көмекті және мүгедектігі бар адамдарды тасымалдау.",
        "Перевозка гуманитарной помощи и людей с инвалидностью на своём автомобиле.",
        "Drive aid and people with disabilities in your own car.",
        21,
        ("driving_licence", "own_vehicle"),
        ("insurance",),
        False,
        ActivityForm.AUTO,
    ),
    (
        "crisis_centres",
        "Сенім телефонының кезекшісі",
        "Дежурный телефона доверия",
        "Help-line volunteer",
        "Оқудан кейін дағдарыс орталығының сенім телефонына жауап беру.",
        "После обучения отвечать на звонки телефона доверия кризисного центра.",
        "After training, answer calls on a crisis centre's help line.",
        21,
        ("psychology",),
        ("training", "reference_letter"),
        False,
        ActivityForm.ONLINE,
    ),
    (
        "hospices",
        "Хоспистегі волонтер",
        "Волонтёр в хосписе",
        "Hospice volunteer",
        "Науқастарға кітап оқу, серуенге шығару, отбасыларды қолдау.",
        "Чтение пациентам, прогулки, поддержка семей.",
        "Read to patients, take them for walks, support families.",
        18,
        (),
        ("training",),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "sport_healthy_lifestyle",
        "Аула спортының жаттықтырушысы",
        "Тренер дворового спорта",
        "Street sports coach",
        "Аулада балаларға футбол мен үстел теннисін үйрету.",
        "Тренировки по футболу и настольному теннису для детей во дворе.",
        "Coach football and table tennis for children in the courtyard.",
        18,
        (),
        ("uniform", "certificate"),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "emergencies",
        "Су тасқынына қарсы волонтер",
        "Волонтёр по борьбе с паводками",
        "Flood response volunteer",
        "Қапшықтарды толтыру, эвакуацияланғандарға көмек, гуманитарлық жүкті тарату.",
        "Заполнение мешков, помощь эвакуированным, раздача гуманитарной помощи.",
        "Fill sandbags, help evacuees, hand out aid.",
        18,
        (),
        ("meals", "insurance", "transport"),
        True,
        ActivityForm.OFFLINE,
    ),
    (
        "ethno_cultural_heritage",
        "Өлкетану мұражайының гиді",
        "Гид краеведческого музея",
        "Local museum guide",
        "Мектеп оқушыларына қазақ және орыс тілдерінде экскурсия жүргізу.",
        "Проводить экскурсии для школьников на казахском и русском языках.",
        "Guide school groups in Kazakh and Russian.",
        16,
        (),
        ("training", "certificate"),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "public_spaces",
        "Аулаларды абаттандыру",
        "Благоустройство дворов",
        "Courtyard improvement",
        "Көршілермен бірге балалар алаңын жөндеу және гүл отырғызу.",
        "Вместе с соседями ремонтировать детскую площадку и сажать цветы.",
        "Repair a playground and plant flowers together with neighbours.",
        14,
        (),
        ("meals",),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "addiction_prevention",
        "Тәуелділіктің алдын алу бойынша тең-теңімен тренер",
        "Тренер «равный-равному» по профилактике зависимостей",
        "Peer educator on addiction prevention",
        "Колледж студенттеріне тәуелділіктің алдын алу бойынша тренинг өткізу.",
        "Проводить тренинги по профилактике зависимостей для студентов колледжей.",
        "Run addiction-prevention workshops for college students.",
        18,
        ("psychology",),
        ("training", "certificate"),
        False,
        ActivityForm.OFFLINE,
    ),
    (
        "prisoners",
        "Бұрын сотталғандарға құқықтық кеңес",
        "Правовые консультации для бывших осуждённых",
        "Legal advice for former prisoners",
        "Жазасын өтегендерге құжат қалпына келтіру мен жұмысқа орналасу бойынша кеңес беру.",
        "Консультации по восстановлению документов и трудоустройству для освободившихся.",
        "Advise people released from prison on documents and jobs.",
        21,
        ("law",),
        ("reference_letter",),
        False,
        ActivityForm.PRO_BONO,
    ),
)
# Events happen once, over a day or a few: they never run on without an end date.
ONE_OFF = {
    "Park clean-up",
    "Blood donor day volunteer",
    "Event photographer",
    "City marathon volunteer",
    "Youth festival volunteer",
    "Flood response volunteer",
}
SPANS = (0, 1, 2, 6, 13, 30, 90)
HEALTH_NOTE = {"kk": "Ауыр жүк көтере алмаймын", "ru": "Не могу поднимать тяжести"}
FULL_REASON = {"kk": "Орындар толды", "ru": "Набор завершён"}
EVENT_SPANS = (0, 0, 1, 1, 2, 2, 3)
# (kk, ru, en)
SCHEDULES = (
    ("Сенбі 10:00–14:00", "Суббота 10:00–14:00", "Saturdays 10:00–14:00"),
    ("Дс–Жм 18:00–20:00", "Пн–Пт 18:00–20:00", "Mon–Fri 18:00–20:00"),
    ("Жексенбі 11:00–15:00", "Воскресенье 11:00–15:00", "Sundays 11:00–15:00"),
    ("", "", ""),
)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _answers(rng: random.Random) -> dict[str, object]:
    motivations = rng.sample([m for m in qn.Motivation.values if m != "other"], k=rng.randint(1, 3))
    return {
        "motivations": motivations,
        "qualities": {q: rng.randint(2, 5) for q in qn.Quality.values},
        "availability": [rng.choice([a for a in qn.Availability.values if a != "other"])],
        "residence": rng.choice(qn.Residence.values),
        "experience_kinds": rng.sample(
            [e for e in qn.Experience.values if e != "other"], k=rng.randint(0, 2)
        ),
        "preferred_activities": rng.sample(
            [a for a in qn.Activity.values if a != "other"], k=rng.randint(1, 2)
        ),
        # A few candidates mention restrictions, as in real questionnaires.
        "health_restrictions": rng.choice(["", "", "", "", "", HEALTH_NOTE["kk"]]),
    }


def load(*, rng: random.Random, scale: float) -> str:
    directions = {d.code: d for d in Direction.objects.all()}
    skills = {s.code: s for s in Skill.objects.all()}
    organizations = list(
        Organization.objects.exclude(verification=Organization.Verification.REJECTED)
        .select_related("home_region")
        .prefetch_related("directions")
        .order_by("id")
    )
    if not organizations:
        return "no organisations — nothing to do"
    volunteers = list(VolunteerProfile.objects.select_related("user").order_by("id"))
    now = timezone.now()
    today = timezone.localdate()
    count = max(len(TEMPLATES), round(BASE_POSITIONS * scale))

    # The demo coordinator's organisation gets a good share, so its page is lively.
    demo_org = Organization.objects.filter(
        memberships__user__email="coordinator@demo.asar.kz"
    ).first()
    projects: dict[tuple[int, str], Project] = {}
    plan: list[tuple[Organization, tuple]] = []
    for n in range(count):
        org = demo_org if demo_org is not None and n % 12 == 0 else rng.choice(organizations)
        own = {d.code for d in org.directions.all()}
        fitting = [t for t in TEMPLATES if t[0] in own] or list(TEMPLATES)
        template = rng.choice(fitting)
        key = (org.pk, template[0])
        if key not in projects:
            direction = directions[template[0]]
            projects[key] = Project(
                organization=org,
                title_kk=f"{direction.name_kk}: {org.city or org.home_region.name_kk}",
                title_ru=f"{direction.name_ru}: {org.city or org.home_region.name_ru}",
                title_en=direction.name_en,
                description_kk=direction.name_kk,
                description_ru=direction.name_ru,
                description_en=direction.name_en,
                direction=direction,
            )
        plan.append((org, template))
    Project.objects.bulk_create(list(projects.values()))

    positions: list[Position] = []
    position_skills: list[list[str]] = []
    for org, t in plan:
        code, t_kk, t_ru, t_en, d_kk, d_ru, d_en, min_age, skill_codes, benefits, risky, form = t
        # History since 2023, and a good share coming up in the next months.
        if rng.random() < 0.45:
            start = timezone.localdate() + dt.timedelta(days=rng.randint(-20, 150))
        else:
            start = dt.date(2023, 1, 9) + dt.timedelta(days=rng.randint(0, 4 * 365))
        one_off = t_en in ONE_OFF
        recurring = rng.random() < 0.35 and not one_off
        spans = EVENT_SPANS if one_off else SPANS
        end = None if recurring else start + dt.timedelta(days=rng.choice(spans))
        finished = (end or start + dt.timedelta(days=365)) < today
        status = (
            Position.Status.CLOSED
            if finished and rng.random() < 0.7
            else (Position.Status.DRAFT if rng.random() < 0.04 else Position.Status.PUBLISHED)
        )
        online = form == ActivityForm.ONLINE
        positions.append(
            Position(
                organization=org,
                project=projects[(org.pk, code)],
                title_kk=t_kk,
                title_ru=t_ru,
                title_en=t_en,
                description_kk=d_kk,
                description_ru=d_ru,
                description_en=d_en,
                direction=directions[code],
                form=form,
                region=None if online else org.home_region,
                settlement="" if online else org.city,
                start_date=start,
                end_date=end,
                **dict(
                    zip(
                        ("schedule_kk", "schedule_ru", "schedule_en"),
                        rng.choice(SCHEDULES) if recurring else ("", "", ""),
                        strict=True,
                    )
                ),
                hours_per_week=Decimal(rng.choice([2, 3, 4, 6, 8])) if recurring else None,
                places=rng.choice([2, 3, 5, 5, 8, 10, 15, 20, 30]),
                min_age=min_age,
                benefits=list(benefits),
                required_languages=rng.sample(["kk", "ru", "en"], k=rng.randint(0, 1)),
                is_risky=risky,
                status=status,
                # Announced a week to two months before it starts (never in the future).
                published_at=None
                if status == Position.Status.DRAFT
                else min(now, _at(start) - dt.timedelta(days=rng.randint(7, 60))),
            )
        )
        position_skills.append([c for c in skill_codes if c in skills])
    positions = Position.objects.bulk_create(positions)
    through = Position.required_skills.through
    through.objects.bulk_create(
        [
            through(position_id=p.pk, skill_id=skills[c].pk)
            for p, codes in zip(positions, position_skills, strict=True)
            for c in codes
        ]
    )

    apps, agreements_for, events = _applications(rng, positions, volunteers, now, today)
    return (
        f"{len(projects)} projects, {len(positions)} positions, {apps} applications, "
        f"{agreements_for} agreements, {events} events"
    )


def _applications(
    rng: random.Random,
    positions: list[Position],
    volunteers: list[VolunteerProfile],
    now: dt.datetime,
    today: dt.date,
) -> tuple[int, int, int]:
    if not volunteers:
        return 0, 0, 0
    demo_volunteer = next((v for v in volunteers if v.user.email == "volunteer@demo.asar.kz"), None)
    rows: list[Application] = []
    taken: dict[int, int] = defaultdict(int)
    for position in positions:
        if position.status == Position.Status.DRAFT or rng.random() < 0.3:
            continue
        past = position.end_date is not None and position.end_date < today
        n = rng.randint(1, min(position.places + 4, 12))
        full = rng.random() < 0.15 and not past  # some full positions with a waiting list
        if full:
            n = position.places + rng.randint(1, 4)
        candidates = rng.sample(volunteers, k=min(n, len(volunteers)))
        for i, profile in enumerate(candidates):
            if profile.age < position.min_age:
                continue
            holds = taken[position.pk] < position.places
            if full and holds:
                status = S.ACCEPTED if not past else S.COMPLETED
            elif full:
                status = S.WAITLISTED
            elif past:
                status = (
                    rng.choice([S.COMPLETED, S.COMPLETED, S.REJECTED, S.WITHDRAWN])
                    if holds
                    else S.REJECTED
                )
            else:
                status = rng.choice(
                    [
                        S.APPLIED,
                        S.APPLIED,
                        S.SHORTLISTED,
                        S.ACCEPTED,
                        S.ACTIVE,
                        S.REJECTED,
                        S.WITHDRAWN,
                    ]
                )
                if status in Application.HOLDS_PLACE and not holds:
                    status = S.WAITLISTED
                if status == S.ACTIVE and position.start_date > today:
                    status = S.ACCEPTED  # nobody works yet on what has not started
            if status in Application.HOLDS_PLACE:
                taken[position.pk] += 1
            created = now - dt.timedelta(days=rng.randint(1, 120), minutes=i)
            # Coordinators and volunteers write in their own language, not in two at once.
            language = "ru" if profile.user.preferred_language == "ru" else "kk"
            answers = _answers(rng)
            if answers["health_restrictions"]:
                answers["health_restrictions"] = HEALTH_NOTE[language]
            rows.append(
                Application(
                    position=position,
                    volunteer=profile,
                    status=status,
                    guardian_consent=profile.is_minor,
                    rejection_reason=FULL_REASON[language] if status == S.REJECTED else "",
                    waitlisted_at=created if status == S.WAITLISTED else None,
                    accepted_at=created + dt.timedelta(days=2)
                    if status in (S.ACCEPTED, S.ACTIVE, S.COMPLETED)
                    else None,
                    completed_at=min(now, created + dt.timedelta(days=30))
                    if status == S.COMPLETED
                    else None,
                    **answers,
                )
            )
    # The demo volunteer sees every kind of answer on "My applications".
    if demo_volunteer is not None:
        open_positions = [
            p
            for p in positions
            if p.status == Position.Status.PUBLISHED
            and p.start_date >= today
            and p.min_age <= demo_volunteer.age
        ]
        used = {r.position_id for r in rows if r.volunteer_id == demo_volunteer.pk}
        for status in (S.ACCEPTED, S.OFFERED, S.WAITLISTED, S.SHORTLISTED, S.REJECTED):
            # A waiting list only where every place is taken; a place only where one is free.
            full = status == S.WAITLISTED
            chosen = next(
                (
                    p
                    for p in open_positions
                    if p.pk not in used and (taken[p.pk] >= p.places) == full
                ),
                None,
            )
            if chosen is None:
                continue
            used.add(chosen.pk)
            if status in Application.HOLDS_PLACE:
                taken[chosen.pk] += 1
            rows.append(
                Application(
                    position=chosen,
                    volunteer=demo_volunteer,
                    status=status,
                    rejection_reason=FULL_REASON["kk"] if status == S.REJECTED else "",
                    waitlisted_at=now if status == S.WAITLISTED else None,
                    offered_at=now if status == S.OFFERED else None,
                    offer_expires_at=now + dt.timedelta(hours=72) if status == S.OFFERED else None,
                    accepted_at=now if status == S.ACCEPTED else None,
                    **_answers(rng),
                )
            )
    rows = Application.objects.bulk_create(rows)
    for position in positions:
        position.places_taken = taken.get(position.pk, 0)
    Position.objects.bulk_update(positions, ["places_taken"], batch_size=500)

    events: list[ApplicationEvent] = []
    agreements: list[Agreement] = []
    by_id = {p.pk: p for p in positions}
    for app in rows:
        events.append(
            ApplicationEvent(
                application=app,
                from_status="",
                to_status=S.APPLIED,
                actor=app.volunteer.user,
                notified_at=now,
            )
        )
        if app.status != S.APPLIED:
            events.append(
                ApplicationEvent(
                    application=app, from_status=S.APPLIED, to_status=app.status, notified_at=now
                )
            )
        if app.status in (S.ACCEPTED, S.ACTIVE, S.COMPLETED):
            position = by_id[app.position_id]
            language = app.volunteer.user.preferred_language or "kk"
            text = agreement_text(application=app, position=position, language=language)
            accepted = app.status != S.ACCEPTED or rng.random() < 0.5
            agreements.append(
                Agreement(
                    application=app,
                    language=language,
                    text=text,
                    content_sha256=sha256(text),
                    accepted_at=(app.accepted_at or now) + dt.timedelta(hours=5)
                    if accepted
                    else None,
                    accepted_by=app.volunteer.user if accepted else None,
                )
            )
    ApplicationEvent.objects.bulk_create(events, batch_size=1000)
    Agreement.objects.bulk_create(agreements, batch_size=500)
    return len(rows), len(agreements), len(events)
