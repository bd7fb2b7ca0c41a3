"""Region and skill lists follow the Kazakh and Russian alphabets, not code points (which put
Ә, Қ, Ө, Ұ, Ү, І after Я)."""

from __future__ import annotations

import random

import pytest
from django.utils import translation

from asar.geo.models import Region
from asar.lib.i18n import collation_key, ordered_by_name, sorted_by_name
from asar.opportunities.forms import SearchForm

KAZAKH_ORDER = [
    "Абай облысы",
    "Ақмола облысы",
    "Ақтөбе облысы",
    "Алматы",
    "Астана",
    "Атырау облысы",
    "Батыс Қазақстан облысы",
    "Жамбыл облысы",
    "Жетісу облысы",
    "Қарағанды облысы",
    "Қостанай облысы",
    "Қызылорда облысы",
    "Маңғыстау облысы",
    "Павлодар облысы",
    "Солтүстік Қазақстан облысы",
    "Түркістан облысы",
    "Ұлытау облысы",
    "Шығыс Қазақстан облысы",
    "Шымкент",
]


def test_kazakh_letters_sort_after_their_base_letters() -> None:
    shuffled = random.Random(1).sample(KAZAKH_ORDER, len(KAZAKH_ORDER))
    assert sorted(shuffled, key=collation_key) == KAZAKH_ORDER
    assert sorted(shuffled) != KAZAKH_ORDER  # what code points give
    assert sorted(["Ёлка", "Ель", "Еж"], key=collation_key) == ["Еж", "Ель", "Ёлка"]
    # Case does not matter; Latin comes after Cyrillic; a space before any letter.
    assert sorted(["IT", "ақпарат", "Ақ жол", "Ақпарат"], key=collation_key) == [
        "Ақ жол",
        "ақпарат",
        "Ақпарат",
        "IT",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_region_choices_are_alphabetical_in_the_page_language(language: str) -> None:
    with translation.override(language):
        names = [str(getattr(r, f"name_{language}")) for r in ordered_by_name(Region.objects.all())]
        assert names == sorted(names, key=collation_key)
        assert len(names) == 20
        choices = [label for value, label in SearchForm().fields["region"].choices if value]
        assert [str(label) for label in choices] == names
        assert [r.pk for r in sorted_by_name(Region.objects.all())] == [
            r.pk for r in ordered_by_name(Region.objects.all())
        ]
    if language == "kk":
        assert names.index("Ақмола облысы") < names.index("Алматы облысы")
        assert names[-1].startswith("Шымкент")
