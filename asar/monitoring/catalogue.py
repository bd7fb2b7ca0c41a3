"""The data-element catalogue of the front offices' monthly report (like a DHIS2 data set).

Every figure of the report is a data element with a code and labels in three languages;
values, validation rules, Excel templates, checks and the audit trail all refer to codes,
so adding a field is a new row here (and a data migration), never new code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ElementSpec:
    code: str
    group: str
    kk: str
    ru: str
    en: str
    value_type: str = "number"  # "number" (whole, ≥ 0) or "text"
    required: bool = True


def _n(code: str, group: str, kk: str, ru: str, en: str, required: bool = True) -> ElementSpec:
    return ElementSpec(code, group, kk, ru, en, "number", required)


def _t(code: str, group: str, kk: str, ru: str, en: str) -> ElementSpec:
    return ElementSpec(code, group, kk, ru, en, "text", False)


STATIC_HEAD: tuple[ElementSpec, ...] = (
    _n(
        "volunteers_total",
        "volunteers",
        "Белсенді волонтерлер, барлығы",
        "Активные волонтёры, всего",
        "Active volunteers, total",
    ),
    _n("volunteers_women", "gender", "Әйелдер", "Женщины", "Women"),
    _n("volunteers_men", "gender", "Ерлер", "Мужчины", "Men"),
    _n("age_14_15", "age", "14–15 жас", "14–15 лет", "Aged 14–15"),
    _n("age_16_18", "age", "16–18 жас", "16–18 лет", "Aged 16–18"),
    _n("age_19_29", "age", "19–29 жас", "19–29 лет", "Aged 19–29"),
    _n("age_30_35", "age", "30–35 жас", "30–35 лет", "Aged 30–35"),
    _n("age_36_59", "age", "36–59 жас", "36–59 лет", "Aged 36–59"),
    _n("age_60_plus", "age", "60 жас және одан жоғары", "60 лет и старше", "Aged 60 and over"),
    _n("emp_schoolchildren", "employment", "Оқушылар", "Школьники", "Schoolchildren"),
    _n("emp_students", "employment", "Студенттер", "Студенты", "Students"),
    _n("emp_employed", "employment", "Жұмыс істейтіндер", "Работающие", "Employed"),
    _n("emp_unemployed", "employment", "Жұмыссыздар", "Безработные", "Unemployed"),
    _n("emp_retired", "employment", "Зейнеткерлер", "Пенсионеры", "Retired"),
    _n("emp_other", "employment", "Басқалар", "Другие", "Other"),
    _n(
        "orgs_registered",
        "organisations",
        "Тіркелген волонтерлік ұйымдар",
        "Зарегистрированные волонтёрские организации",
        "Registered volunteer organisations",
    ),
    _n(
        "orgs_initiative_groups",
        "organisations",
        "Бастамашыл топтар",
        "Инициативные группы",
        "Initiative groups",
    ),
    _n(
        "orgs_new",
        "organisations",
        "Осы айда жаңадан тіркелгендер",
        "Новые за месяц",
        "Newly registered this month",
    ),
)

STATIC_TAIL: tuple[ElementSpec, ...] = (
    _n(
        "events_offline", "events_form", "Офлайн іс-шаралар", "Мероприятия офлайн", "Offline events"
    ),
    _n("events_online", "events_form", "Онлайн іс-шаралар", "Мероприятия онлайн", "Online events"),
    _n("events_auto", "events_form", "Автоволонтерлік", "Автоволонтёрство", "Auto-volunteering"),
    _n("events_pro_bono", "events_form", "Pro bono", "Pro bono", "Pro bono"),
    _t(
        "events_common",
        "events_form",
        "Ең көп таралған іс-шаралар (әр жолға біреуден)",
        "Самые частые мероприятия (по одному в строке)",
        "Most common events (one per line)",
    ),
    _n(
        "volunteer_hours",
        "activity",
        "Волонтерлік сағаттар",
        "Волонтёрские часы",
        "Volunteer hours",
    ),
    _n(
        "positions_opened",
        "activity",
        "Ашылған волонтерлік позициялар (бос орындар)",
        "Открытые волонтёрские позиции (вакансии)",
        "Volunteer positions (vacancies) opened",
    ),
    _n(
        "support_information",
        "support",
        "Ақпараттық көмек",
        "Информационная помощь",
        "Information support",
        False,
    ),
    _n("support_coordination", "support", "Үйлестіру", "Координация", "Coordination", False),
    _n(
        "support_administrative",
        "support",
        "Әкімшілік көмек",
        "Административная помощь",
        "Administrative support",
        False,
    ),
    _n(
        "support_equipment",
        "support",
        "Жабдықпен қамтамасыз ету",
        "Обеспечение оборудованием",
        "Equipment",
        False,
    ),
    _n(
        "support_volunteers",
        "support",
        "Волонтерлер тарту",
        "Привлечение волонтёров",
        "Providing volunteers",
        False,
    ),
    _n("support_transport", "support", "Көлік", "Транспорт", "Transport", False),
    _n(
        "support_financial",
        "support",
        "Қаржылай көмек",
        "Финансовая помощь",
        "Financial support",
        False,
    ),
    _n("support_premises", "support", "Үй-жай беру", "Предоставление помещений", "Premises", False),
    _n("support_other", "support", "Басқа көмек", "Другая помощь", "Other support", False),
    _t(
        "support_description",
        "support",
        "Көрсетілген көмектің сипаттамасы",
        "Описание оказанной помощи",
        "Description of the support given",
    ),
    _n("dev_trainings", "development", "Оқыту іс-шаралары", "Обучающие мероприятия", "Trainings"),
    _n(
        "dev_team_building",
        "development",
        "Командалық құрылыс (тимбилдинг)",
        "Тимбилдинг",
        "Team building",
    ),
    _n("dev_awards", "development", "Марапаттау іс-шаралары", "Награждения", "Awards"),
    _n(
        "dev_volunteers_reached",
        "development",
        "Іс-шаралармен қамтылған волонтерлер",
        "Охвачено волонтёров мероприятиями",
        "Volunteers reached by these events",
    ),
    _n(
        "dev_hours",
        "development",
        "Іс-шаралардың көлемі, сағат",
        "Объём мероприятий, часов",
        "Duration of these events, hours",
    ),
    _t(
        "notable_cases",
        "narrative",
        "Назар аударарлық жағдайлар",
        "Примечательные случаи",
        "Notable cases",
    ),
)

GROUPS: tuple[tuple[str, str, str, str], ...] = (
    ("volunteers", "Волонтерлер", "Волонтёры", "Volunteers"),
    ("gender", "Жынысы бойынша", "По полу", "By gender"),
    ("age", "Жас тобы бойынша", "По возрасту", "By age group"),
    ("employment", "Жұмыспен қамтылуы бойынша", "По занятости", "By employment"),
    ("organisations", "Ұйымдар", "Организации", "Organisations"),
    (
        "events_direction",
        "Іс-шаралар бағыттар бойынша",
        "Мероприятия по направлениям",
        "Events by direction",
    ),
    ("events_form", "Іс-шаралар нысаны бойынша", "Мероприятия по форме", "Events by form"),
    ("activity", "Сағаттар мен позициялар", "Часы и позиции", "Hours and positions"),
    (
        "support",
        "Фронт-офис көрсеткен көмек",
        "Помощь фронт-офиса",
        "Support given by the front office",
    ),
    (
        "development",
        "Волонтерлікті дамыту іс-шаралары",
        "Мероприятия по развитию волонтёрства",
        "Events to develop volunteering",
    ),
    ("narrative", "Ерекше жағдайлар", "Особые случаи", "Notable cases"),
)


def direction_specs(directions: list[Any]) -> list[ElementSpec]:
    return [
        _n(
            f"events_dir_{d.code}".replace("-", "_"),
            "events_direction",
            d.name_kk,
            d.name_ru,
            d.name_en,
        )
        for d in directions
    ]


def catalogue_sync(element_model: Any, direction_model: Any) -> int:
    """Create or update every element (idempotent); used by the data migration and tests."""
    specs = [
        *STATIC_HEAD,
        *direction_specs(list(direction_model.objects.order_by("number"))),
        *STATIC_TAIL,
    ]
    directions = {f"events_dir_{d.code}": d for d in direction_model.objects.all()}
    for order, spec in enumerate(specs, start=1):
        element_model.objects.update_or_create(
            code=spec.code,
            defaults={
                "group": spec.group,
                "label_kk": spec.kk,
                "label_ru": spec.ru,
                "label_en": spec.en,
                "value_type": spec.value_type,
                "required": spec.required,
                "sort_order": order * 10,
                "direction": directions.get(spec.code),
            },
        )
    return len(specs)
