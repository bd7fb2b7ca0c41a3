"""The curated list of skills (code, kk, ru, en); loaded by a data migration."""

from __future__ import annotations

SKILLS: tuple[tuple[str, str, str, str], ...] = (
    ("first_aid", "Алғашқы медициналық көмек", "Первая помощь", "First aid"),
    ("driving_licence", "Жүргізуші куәлігі", "Водительские права", "Driving licence"),
    ("own_vehicle", "Жеке көлік", "Личный автомобиль", "Own vehicle"),
    ("psychology", "Психология", "Психология", "Psychology"),
    ("law", "Құқық", "Право", "Law"),
    ("medicine", "Медицина", "Медицина", "Medicine"),
    ("translation", "Аударма", "Перевод", "Translation"),
    ("it", "IT және бағдарламалау", "IT и программирование", "IT and programming"),
    (
        "teaching",
        "Оқыту және репетиторлық",
        "Преподавание и репетиторство",
        "Teaching and tutoring",
    ),
    ("working_with_children", "Балалармен жұмыс", "Работа с детьми", "Working with children"),
    (
        "working_with_elderly",
        "Қарттармен жұмыс",
        "Работа с пожилыми людьми",
        "Working with the elderly",
    ),
    ("sign_language", "Ым тілі", "Жестовый язык", "Sign language"),
    ("photo_video", "Фото және бейне", "Фото и видео", "Photo and video"),
    ("design", "Дизайн", "Дизайн", "Design"),
    ("smm", "Әлеуметтік желілер", "Социальные сети (SMM)", "Social media"),
    (
        "event_organisation",
        "Іс-шараларды ұйымдастыру",
        "Организация мероприятий",
        "Event organisation",
    ),
    (
        "search_and_rescue",
        "Іздеу-құтқару жұмыстары",
        "Поисково-спасательные работы",
        "Search and rescue",
    ),
    ("cooking", "Тамақ дайындау", "Приготовление еды", "Cooking"),
    ("construction", "Құрылыс және жөндеу", "Строительство и ремонт", "Construction and repairs"),
    ("sport_coaching", "Спорт жаттықтыру", "Спортивная тренировка", "Sports coaching"),
    ("accounting", "Бухгалтерия", "Бухгалтерия", "Accounting"),
    ("animal_care", "Жануарларды күту", "Уход за животными", "Animal care"),
)
