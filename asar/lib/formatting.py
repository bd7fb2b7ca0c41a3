"""Numbers, money and dates per language through Babel (Django has no kk formats)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from babel import Locale
from babel.dates import format_date as _format_date
from babel.numbers import format_currency, format_decimal, get_currency_symbol
from django.utils.translation import get_language

_TENGE = "₸"
_BABEL_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}


def babel_locale(language: str | None = None) -> str:
    return _BABEL_LOCALES.get((language or get_language() or "kk")[:2], "kk_KZ")


def number(
    value: int | float | Decimal, language: str | None = None, decimals: int | None = None
) -> str:
    """'1 234,5' in kk/ru, '1,234.5' in en. ``decimals`` fixes the digits after the comma
    (rounded half up), so figures shown together line up: '5,0' beside '4,9', not '5'."""
    locale = Locale.parse(babel_locale(language))
    if decimals is None:
        return format_decimal(value, locale=locale)
    return number_fixed(value, locale, decimals)


def number_fixed(value: int | float | Decimal, locale: Locale, decimals: int) -> str:
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(rounded if rounded else abs(rounded), format=pattern, locale=locale)


def compact(value: int | float | Decimal, language: str | None = None, decimals: int = 1) -> str:
    """A large figure in thousands, millions, billions or trillions, in words of the language
    and with ``decimals`` fixed: '26,4 млн', '184,1 млрд', '2.5B', '950'."""
    from babel.numbers import parse_pattern

    locale = Locale.parse(babel_locale(language))
    number = Decimal(str(value))
    units = locale.compact_decimal_formats["short"]["other"]
    step = Decimal(1).scaleb(-decimals)
    for exponent in (12, 9, 6, 3):
        if abs(number) < Decimal(10) ** exponent:
            continue
        scaled = (number / Decimal(10) ** exponent).quantize(step, rounding=ROUND_HALF_UP)
        if abs(scaled) >= 1000 and exponent < 12:  # 999,96 million rounds to 1,0 billion
            exponent += 3
            scaled = (number / Decimal(10) ** exponent).quantize(step, rounding=ROUND_HALF_UP)
        # CLDR's patterns of 10³ⁿ are all "0 <unit>" ("0 млн", "0M"); those of 10³ⁿ⁺¹ and
        # 10³ⁿ⁺² are not needed (and Kazakh's "000 м." for hundreds of thousands is odd).
        pattern = parse_pattern(units[str(10**exponent)])
        prefix, suffix = (
            re.sub(r"'([^']*)'", r"\1", part[0]) for part in (pattern.prefix, pattern.suffix)
        )
        return f"{prefix}{number_fixed(scaled, locale, decimals)}{suffix}"
    return (
        number_fixed(number, locale, 0)
        if number == number.to_integral()
        else number_fixed(number, locale, decimals)
    )


def money_kzt_compact(
    value: int | float | Decimal, language: str | None = None, decimals: int = 1
) -> str:
    """Large sums in words of the language: '26,4 млн ₸', '184,1 млрд ₸', '₸2.5B' — for chart
    labels, where the full figure is in the table beside."""
    locale = Locale.parse(babel_locale(language))
    figure = compact(value, language, decimals)
    if locale.currency_formats["standard"].pattern.split(";")[0].startswith("¤"):
        return f"{_TENGE}{figure}"
    return f"{figure}\u00a0{_TENGE}"


def decimals_for(values: Iterable[int | float | Decimal | None], most: int = 2) -> int:
    """The fewest digits after the comma (at most ``most``) that show every value as exactly
    as ``most`` digits would: [4.9, 5] → 1, [2534, 2280.25] → 2, [12, 40] → 0. Figures of one
    column, chart or axis are all written with it."""
    needed = 0
    for value in values:
        if value is None:
            continue
        rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-most), rounding=ROUND_HALF_UP)
        exponent = rounded.normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            needed = max(needed, -exponent)
    return needed


def money_kzt(value: int | float | Decimal, language: str | None = None, digits: int = 0) -> str:
    """'43 200 000 000 ₸' in kk/ru, '₸43,200,000,000' in en; whole tenge, since fractions
    mislead at this scale. ``digits=2`` shows tiyn (hourly rates).

    Babel's Russian data spell the currency as "KZT" (CLDR has ₸ only as the narrow symbol), so
    we take each locale's own currency pattern, drop the decimals and always show the tenge sign.
    """
    locale = Locale.parse(babel_locale(language))
    decimals = "." + "0" * digits if digits else ""
    pattern = locale.currency_formats["standard"].pattern.split(";")[0].replace(".00", decimals)
    formatted = format_currency(
        Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP),
        "KZT",
        locale=locale,
        format=pattern,
        currency_digits=False,
    )
    return formatted.replace(get_currency_symbol("KZT", locale=locale), _TENGE)


# Where CLDR's pattern does not read naturally. Its Kazakh "medium" date pads the day and cuts
# the month to letters hardly anyone writes ("2026 ж. 05 жел."; мам./мау. are May and June):
# Kazakh writes the year, the day and the whole month ("2026 ж. 5 желтоқсан"), a few letters
# longer than the Russian "5 дек. 2026 г." and English "Dec 5, 2026" that CLDR gets right.
_DATE_PATTERNS = {"kk": {"medium": "y\u202f'ж'. d MMMM"}}


def date(value: dt.date, language: str | None = None, fmt: str = "long") -> str:
    """The day of a date — or of a moment, as it is in the site's time zone (a registration
    at 02:00 in Almaty is not dated the day before because it was 21:00 in UTC).

    ``fmt``: "long" (5 December 2026 in words) or "medium" (the short form for lists and
    tables); "short" and "full" are CLDR's own."""
    from django.utils import timezone

    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    locale = babel_locale(language)
    pattern = _DATE_PATTERNS.get(locale[:2], {}).get(fmt, fmt)
    return _format_date(value, format=pattern, locale=locale)


# Parts of a date for ranges within one year or one month: what to write of the first day
# (``start_*``) and of the last (``end_*``) so the shared year or month is written once —
# "5–9 декабря 2026 г.", "2026 ж. 24 қараша – 24 желтоқсан", "Nov 24 – Dec 24, 2026".
_RANGE_PATTERNS = {
    "kk": {
        "year": ("{full}", "d {month}"),
        "month": ("y\u202f'ж'. d", "d {month}"),
        "join_month": "–",
    },
    "ru": {"year": ("d {month}", "{full}"), "month": ("d", "{full}"), "join_month": "–"},
    "en": {"year": ("{month} d", "{full}"), "month": ("{month} d", "d, y"), "join_month": " – "},
}


def date_range(
    start: dt.date, end: dt.date | None, language: str | None = None, fmt: str = "long"
) -> str:
    """Two days as one range, the shared year (and month) written once; one day when they
    are the same. ``end=None`` is an open range and gives the first day only."""
    locale = babel_locale(language)
    if end is None or end == start:
        return date(start, language, fmt)
    parts = _RANGE_PATTERNS[locale[:2]]
    month = "MMMM" if fmt == "long" or locale[:2] == "kk" else "MMM"
    if start.year != end.year:
        return f"{date(start, language, fmt)} – {date(end, language, fmt)}"
    same_month = start.month == end.month
    first, last = parts["month" if same_month else "year"]
    join = parts["join_month"] if same_month else " – "

    def part(pattern: str, day: dt.date) -> str:
        if pattern == "{full}":
            return date(day, language, fmt)
        return _format_date(day, format=pattern.replace("{month}", month), locale=locale)

    return f"{part(first, start)}{join}{part(last, end)}"


def datetime(value: dt.datetime, language: str | None = None) -> str:
    """A moment in the site's time zone: '29 ноября 2026 г., 02:26' (the date as ``date``)."""
    from babel.dates import format_time
    from django.utils import timezone

    if timezone.is_aware(value):
        value = timezone.localtime(value)
    locale = babel_locale(language)
    return f"{_format_date(value, format='long', locale=locale)}, {format_time(value, format='short', locale=locale)}"


def month_year(value: dt.date, language: str | None = None) -> str:
    """A month of a year as a heading says it: '2026 ж. қазан', 'октябрь 2026 г.', 'October
    2026'."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", value, locale=babel_locale(language))


def month_name(
    month: int,
    language: str | None = None,
    width: Literal["abbreviated", "narrow", "wide"] = "wide",
) -> str:
    """Stand-alone month name ('Наурыз', 'март', 'March') for chart axes and table headers."""
    from babel.dates import get_month_names

    return str(get_month_names(width, context="stand-alone", locale=babel_locale(language))[month])


def percent(value: float | Decimal, language: str | None = None) -> str:
    """A share 0–1 as a percentage with one decimal ('56,3 %' in kk/ru)."""
    from babel.numbers import format_percent

    locale = Locale.parse(babel_locale(language))
    pattern = locale.percent_formats[None].pattern.replace("#,##0", "#,##0.0", 1)
    return format_percent(value, format=pattern, locale=locale)
