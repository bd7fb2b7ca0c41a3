"""The validation rules every installation starts with (analysts edit them in the admin)."""

from __future__ import annotations

from typing import Any

AGE = " + ".join(f"age_{g}" for g in ("14_15", "16_18", "19_29", "30_35", "36_59", "60_plus"))
EMPLOYMENT = " + ".join(
    f"emp_{g}" for g in ("schoolchildren", "students", "employed", "unemployed", "retired", "other")
)
FORMS = "events_offline + events_online + events_auto + events_pro_bono"

SEED_RULES: tuple[dict[str, Any], ...] = (
    {
        "code": "gender_sum",
        "left": "volunteers_women + volunteers_men",
        "operator": "eq",
        "right": "volunteers_total",
        "missing_strategy": "skip_if_all_missing",
        "importance": "error",
        "name_kk": "Әйелдер + ерлер = барлығы",
        "name_ru": "Женщины + мужчины = всего",
        "name_en": "Women + men = total",
        "message_kk": "Әйелдер мен ерлердің қосындысы волонтерлердің жалпы санына тең болуы керек.",
        "message_ru": "Сумма женщин и мужчин должна равняться общему числу волонтёров.",
        "message_en": "Women plus men must equal the total number of volunteers.",
    },
    {
        "code": "age_sum",
        "left": AGE,
        "operator": "eq",
        "right": "volunteers_total",
        "missing_strategy": "skip_if_all_missing",
        "importance": "error",
        "name_kk": "Жас топтарының қосындысы = барлығы",
        "name_ru": "Сумма возрастных групп = всего",
        "name_en": "Age groups sum to the total",
        "message_kk": "Жас топтарының қосындысы волонтерлердің жалпы санына тең болуы керек.",
        "message_ru": "Сумма возрастных групп должна равняться общему числу волонтёров.",
        "message_en": "The age groups must add up to the total number of volunteers.",
    },
    {
        "code": "employment_sum",
        "left": EMPLOYMENT,
        "operator": "eq",
        "right": "volunteers_total",
        "missing_strategy": "skip_if_all_missing",
        "importance": "error",
        "name_kk": "Жұмыспен қамтылу топтарының қосындысы = барлығы",
        "name_ru": "Сумма групп занятости = всего",
        "name_en": "Employment groups sum to the total",
        "message_kk": "Жұмыспен қамтылу топтарының қосындысы волонтерлердің жалпы санына тең болуы керек.",
        "message_ru": "Сумма групп занятости должна равняться общему числу волонтёров.",
        "message_en": "The employment groups must add up to the total number of volunteers.",
    },
    {
        "code": "hours_max",
        "left": "volunteer_hours",
        "operator": "le",
        "right": "volunteers_total * 744",
        "missing_strategy": "skip_if_any_missing",
        "importance": "error",
        "name_kk": "Сағаттар ≤ волонтерлер × 744",
        "name_ru": "Часы ≤ волонтёры × 744",
        "name_en": "Hours ≤ volunteers × 744",
        "message_kk": "Сағаттар саны мүмкін емес: бір айда бір адамға 744 сағаттан (31 × 24) артық болмайды.",
        "message_ru": "Число часов невозможно: в месяце не больше 744 часов (31 × 24) на человека.",
        "message_en": "Impossible number of hours: a month has at most 744 hours (31 × 24) per person.",
    },
    {
        "code": "events_direction_form",
        "left": "DIRECTIONS",  # replaced by the sum of every direction element when seeded
        "operator": "eq",
        "right": FORMS,
        "missing_strategy": "skip_if_all_missing",
        "importance": "error",
        "name_kk": "Бағыттар бойынша іс-шаралар = нысандар бойынша іс-шаралар",
        "name_ru": "Мероприятия по направлениям = мероприятия по формам",
        "name_en": "Events by direction = events by form",
        "message_kk": "Бағыттар бойынша іс-шаралардың қосындысы нысандар бойынша қосындыға тең болуы керек.",
        "message_ru": "Сумма мероприятий по направлениям должна равняться сумме по формам.",
        "message_en": "Events by direction must add up to the same number as events by form.",
    },
    {
        "code": "development_reach",
        "left": "dev_trainings + dev_team_building + dev_awards",
        "operator": "compulsory_pair",
        "right": "dev_volunteers_reached",
        "missing_strategy": "never_skip",
        "importance": "warning",
        "name_kk": "Дамыту іс-шаралары және қамтылған волонтерлер",
        "name_ru": "Мероприятия по развитию и охват волонтёров",
        "name_en": "Development events and volunteers reached",
        "message_kk": "Дамыту іс-шаралары көрсетілсе, қанша волонтер қамтылғанын да көрсетіңіз (және керісінше).",
        "message_ru": "Если указаны мероприятия по развитию, укажите и охват волонтёров (и наоборот).",
        "message_en": "If development events are reported, say how many volunteers they reached (and vice versa).",
    },
    {
        "code": "new_orgs_within_total",
        "left": "orgs_new",
        "operator": "le",
        "right": "orgs_registered + orgs_initiative_groups",
        "missing_strategy": "skip_if_any_missing",
        "importance": "warning",
        "name_kk": "Жаңа ұйымдар ≤ барлық ұйымдар",
        "name_ru": "Новые организации ≤ все организации",
        "name_en": "New organisations ≤ all organisations",
        "message_kk": "Жаңа ұйымдардың саны ұйымдар мен топтардың жалпы санынан аспауы керек.",
        "message_ru": "Новых организаций не может быть больше, чем организаций и групп всего.",
        "message_en": "There cannot be more new organisations than organisations and groups in total.",
    },
)


def rules_sync(rule_model: Any, element_model: Any) -> int:
    """Create missing seed rules; never overwrite a rule an analyst has edited."""
    directions = " + ".join(
        element_model.objects.filter(group="events_direction")
        .order_by("sort_order")
        .values_list("code", flat=True)
    )
    created = 0
    for spec in SEED_RULES:
        values = dict(spec)
        if values["left"] == "DIRECTIONS":
            if not directions:
                continue
            values["left"] = directions
        _obj, was_created = rule_model.objects.get_or_create(
            code=values.pop("code"), defaults=values
        )
        created += int(was_created)
    return created
