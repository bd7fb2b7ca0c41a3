from __future__ import annotations

from decimal import Decimal

import pytest

from asar.lib import formatting

NBSP = "\u00a0"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_money_in_kazakh_and_russian_groups_with_no_break_spaces_and_the_tenge_sign(
    language: str,
) -> None:
    assert (
        formatting.money_kzt(Decimal(43_200_000_000), language)
        == f"43{NBSP}200{NBSP}000{NBSP}000{NBSP}₸"
    )
    assert formatting.money_kzt(3_456_000_000, language) == f"3{NBSP}456{NBSP}000{NBSP}000{NBSP}₸"


def test_money_in_english_and_rounding() -> None:
    assert formatting.money_kzt(43_200_000_000, "en") == "₸43,200,000,000"
    assert formatting.money_kzt(Decimal("1727.5"), "ru") == f"1{NBSP}728{NBSP}₸"  # half up
    assert formatting.money_kzt(Decimal("2168.4226"), "kk", digits=2) == f"2{NBSP}168,42{NBSP}₸"


def test_month_names_and_percent() -> None:
    assert formatting.month_name(3, "kk") == "Наурыз"
    assert formatting.month_name(12, "ru") == "декабрь"
    assert formatting.month_name(1, "en") == "January"
    assert formatting.percent(Decimal("0.5634"), "kk") == "56,3%"
    assert formatting.percent(0.5, "en") == "50.0%"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("kk", "2026\u202fж. 29 қараша, 02:26"),
        ("ru", "29 ноября 2026\u202fг., 02:26"),
        ("en", "November 29, 2026, 2:26\u202fAM"),
    ],
)
def test_moments_in_the_site_time_zone(language: str, expected: str) -> None:
    import datetime as dt

    from django.utils import timezone

    utc = dt.datetime(2026, 11, 28, 21, 26, tzinfo=dt.UTC)  # 02:26 the next day in Almaty
    with timezone.override("Asia/Almaty"):
        assert formatting.datetime(utc, language) == expected


def test_names_are_quoted_once() -> None:
    from asar.lib.i18n import quoted

    assert quoted("Жасыл аула", "kk") == "«Жасыл аула»"
    assert quoted("Green courtyards", "en") == "“Green courtyards”"
    assert quoted("«Жаңа толқын» ҚҚ", "ru") == "«Жаңа толқын» ҚҚ"


def test_the_day_of_a_moment_is_the_local_one() -> None:
    import datetime as dt

    from django.utils import timezone

    late = dt.datetime(2026, 11, 25, 21, 30, tzinfo=dt.UTC)  # 02:30 on the 26th in Almaty
    with timezone.override("Asia/Almaty"):
        assert formatting.date(late, "en", fmt="medium") == "Nov 26, 2026"


@pytest.mark.parametrize(
    ("language", "short", "long"),
    [
        # Not CLDR's "2026 ж. 05 жел.": no padded day, the whole month as Kazakh writes it.
        ("kk", "2026\u202fж. 5 желтоқсан", "2026\u202fж. 5 желтоқсан"),
        ("ru", "5 дек. 2026\u202fг.", "5 декабря 2026\u202fг."),
        ("en", "Dec 5, 2026", "December 5, 2026"),
    ],
)
def test_short_and_long_dates_read_naturally(language: str, short: str, long: str) -> None:
    import datetime as dt

    from django.template import Context, Template
    from django.utils.translation import override

    day = dt.date(2026, 12, 5)
    assert formatting.date(day, language, fmt="medium") == short
    assert formatting.date(day, language) == long
    with override(language):
        rendered = Template("{{ d|shortdate }}|{{ d|longdate }}").render(Context({"d": day}))
    assert rendered == f"{short}|{long}"
    assert formatting.date(dt.date(2026, 6, 9), "kk", fmt="medium") == "2026\u202fж. 9 маусым"


@pytest.mark.parametrize(
    ("language", "fmt", "expected"),
    [
        (
            "kk",
            "medium",
            [
                "2026\u202fж. 24 қараша – 24 желтоқсан",
                "2026\u202fж. 5–9 желтоқсан",
                "2026\u202fж. 24 қараша – 2027\u202fж. 21 ақпан",
            ],
        ),
        (
            "ru",
            "medium",
            [
                "24 нояб. – 24 дек. 2026\u202fг.",
                "5–9 дек. 2026\u202fг.",
                "24 нояб. 2026\u202fг. – 21 февр. 2027\u202fг.",
            ],
        ),
        (
            "ru",
            "long",
            [
                "24 ноября – 24 декабря 2026\u202fг.",
                "5–9 декабря 2026\u202fг.",
                "24 ноября 2026\u202fг. – 21 февраля 2027\u202fг.",
            ],
        ),
        (
            "en",
            "medium",
            ["Nov 24 – Dec 24, 2026", "Dec 5 – 9, 2026", "Nov 24, 2026 – Feb 21, 2027"],
        ),
    ],
)
def test_date_ranges_write_the_shared_year_and_month_once(
    language: str, fmt: str, expected: list[str]
) -> None:
    import datetime as dt

    ranges = [
        (dt.date(2026, 11, 24), dt.date(2026, 12, 24)),
        (dt.date(2026, 12, 5), dt.date(2026, 12, 9)),
        (dt.date(2026, 11, 24), dt.date(2027, 2, 21)),
    ]
    assert [formatting.date_range(a, b, language, fmt) for a, b in ranges] == expected
    day = dt.date(2026, 12, 5)
    assert formatting.date_range(day, day, language, fmt) == formatting.date(day, language, fmt)
    assert formatting.date_range(day, None, language, fmt) == formatting.date(day, language, fmt)


def test_numbers_with_fixed_decimals() -> None:
    assert formatting.number(5, "kk", decimals=1) == "5,0"
    assert formatting.number(Decimal("4.95"), "ru", decimals=1) == "5,0"  # half up
    assert formatting.number(Decimal("2280.25"), "ru", decimals=1) == f"2{NBSP}280,3"
    assert formatting.number(1234567, "en", decimals=2) == "1,234,567.00"
    assert formatting.number(Decimal("12.5"), "en", decimals=0) == "13"
    assert formatting.number(-0.04, "kk", decimals=1) == "0,0"
    assert formatting.number(Decimal("2280.25"), "ru") == f"2{NBSP}280,25"  # unchanged default


def test_decimals_needed_by_figures_shown_together() -> None:
    assert formatting.decimals_for([4.9, 5.0]) == 1
    assert formatting.decimals_for([2534, Decimal("2280.25")]) == 2
    assert formatting.decimals_for([12, 40, None]) == 0
    assert formatting.decimals_for([0.1 + 0.2]) == 1  # float noise is not a decimal
    assert formatting.decimals_for([Decimal("1.234")], most=2) == 2
    assert formatting.decimals_for([]) == 0
