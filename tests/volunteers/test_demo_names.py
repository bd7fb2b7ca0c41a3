"""Demo people have names a Kazakh or Russian reader finds normal."""

from __future__ import annotations

import random

from asar.geo.models import Gender
from asar.volunteers.demo import RUSSIAN_FATHERS, _person


def test_patronymics_are_spelled_as_the_language_does() -> None:
    russian = {form for forms in RUSSIAN_FATHERS.values() for form in forms}
    rng = random.Random(2023)
    seen = set()
    for _ in range(2000):
        for gender in (Gender.FEMALE, Gender.MALE):
            _first, _last, patronymic = _person(rng, gender)
            if not patronymic:
                continue
            seen.add(patronymic)
            female = gender == Gender.FEMALE
            if patronymic.endswith(("ұлы", "қызы")):
                assert patronymic.endswith("қызы" if female else "ұлы")
            else:
                assert patronymic in russian
                assert patronymic.endswith("на" if female else "ич")
    assert {"Николаевна", "Сергеевич"} <= seen
    assert not any(name.endswith(("йовна", "йович", "ьовна", "ьович")) for name in seen)
