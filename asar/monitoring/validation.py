"""Value parsing and rule evaluation shared by the form, Excel/CSV uploads, the API and imports:
one code path, so an upload is validated exactly like the form."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from asar.monitoring import expressions
from asar.monitoring.models import DataElement, ValidationRule

MAX_NUMBER = 1_000_000_000
MAX_TEXT = 5000
# Kazakh and Russian write thousands with (non-breaking or thin) spaces: "12 345".
_SPACES = (" ", "\u00a0", "\u202f", "\u2009", "'")

Values = dict[str, int | str | None]


def elements() -> list[DataElement]:
    return list(DataElement.objects.all())


def parse_number(raw: Any) -> int | None:
    """A whole number ≥ 0, or None for empty; raises ValueError with a translated message."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(_("Enter a whole number."))
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float | Decimal):
        if raw != int(raw):
            raise ValueError(_("Enter a whole number, without a fraction."))
        value = int(raw)
    else:
        text = str(raw).strip()
        for space in _SPACES:
            text = text.replace(space, "")
        if text == "":
            return None
        if text.endswith(".0"):
            text = text[:-2]
        if not text.lstrip("-").isdigit():
            raise ValueError(_("Enter a whole number."))
        value = int(text)
    if value < 0:
        raise ValueError(_("The number cannot be negative."))
    if value > MAX_NUMBER:
        raise ValueError(_("The number is too large."))
    return value


def parse_text(raw: Any) -> str:
    text = "" if raw is None else str(raw).strip()
    if len(text) > MAX_TEXT:
        raise ValueError(_("At most %(n)d characters.") % {"n": MAX_TEXT})
    return text


def clean_values(
    raw: Mapping[str, Any], catalogue: Iterable[DataElement] | None = None
) -> tuple[Values, dict[str, str]]:
    """Parse raw input keyed by element code; returns (values, errors by code).

    Codes absent from ``raw`` are left out of the values (not changed); unknown codes are errors.
    """
    by_code = {e.code: e for e in (catalogue if catalogue is not None else elements())}
    values: Values = {}
    errors: dict[str, str] = {}
    for code, item in raw.items():
        element = by_code.get(code)
        if element is None:
            errors[code] = _("Unknown field “%(code)s”.") % {"code": code}
            continue
        try:
            values[code] = parse_number(item) if element.is_number else parse_text(item)
        except ValueError as exc:
            errors[code] = str(exc)
    return values, errors


@dataclass(frozen=True)
class Violation:
    rule: ValidationRule
    left: Decimal | None
    right: Decimal | None

    @property
    def is_error(self) -> bool:
        return self.rule.importance == ValidationRule.Importance.ERROR

    @property
    def first_code(self) -> str:
        found = expressions.codes(expressions.parse(self.rule.left))
        return found[0] if found else ""

    @property
    def message(self) -> str:
        return self.rule.message

    def describe(self) -> str:
        """The rule's message and the figures as they stand: "… (90, not 100)" for a broken
        "women + men = total", "… (501 > 500)" for a broken "≤" — the relation that holds, not
        the one the rule asks for."""
        if self.left is None or self.right is None:
            return self.rule.message
        left, right = _number(self.left), _number(self.right)
        if self.rule.operator == ValidationRule.Operator.EQ:
            # In words: fonts without "≠" draw it as "=/" run into the next figure.
            return (
                f"{self.rule.message} ("
                + _("%(left)s, not %(right)s")
                % {
                    "left": left,
                    "right": right,
                }
                + ")"
            )
        return f"{self.rule.message} ({left} {_BROKEN_AS[self.rule.operator]} {right})"


def _number(value: Decimal) -> str:
    from asar.lib.formatting import number

    return number(value.normalize() if value != value.to_integral() else int(value))


# How the two sides actually compare when a comparison rule fails.
_BROKEN_AS = {"ne": "=", "gt": "≤", "ge": "<", "lt": "≥", "le": ">"}

_COMPARE = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
}


def _side_present(codes: list[str], values: Mapping[str, Any]) -> bool:
    # For pairs a zero counts as nothing reported: "0 trainings" is no training.
    return any(values.get(c) not in (None, 0) for c in codes)


def _side_skipped(strategy: str, codes: list[str], values: Mapping[str, Any]) -> bool:
    if not codes:  # a constant is never missing
        return False
    missing = sum(1 for c in codes if values.get(c) is None)
    if strategy == ValidationRule.Missing.SKIP_IF_ANY:
        return missing > 0
    if strategy == ValidationRule.Missing.SKIP_IF_ALL:
        return missing == len(codes)
    return False


def evaluate_rule(rule: ValidationRule, values: Mapping[str, Any]) -> Violation | None:
    left_terms = expressions.parse(rule.left)
    right_terms = expressions.parse(rule.right)
    left_codes, right_codes = expressions.codes(left_terms), expressions.codes(right_terms)
    numbers = {c: v for c, v in values.items() if isinstance(v, int) or v is None}
    if rule.operator == ValidationRule.Operator.COMPULSORY_PAIR:
        left_ok, right_ok = _side_present(left_codes, numbers), _side_present(right_codes, numbers)
        return None if left_ok == right_ok else Violation(rule, None, None)
    if rule.operator == ValidationRule.Operator.EXCLUSIVE_PAIR:
        both = _side_present(left_codes, numbers) and _side_present(right_codes, numbers)
        return Violation(rule, None, None) if both else None
    # As in DHIS2, the strategy applies to each side: a side that is skipped skips the rule.
    # So "age groups = total" is not checked while no age group is filled in — an empty
    # breakdown is a completeness question (explained in the submission comment), not "0 ≠ 100".
    if any(
        _side_skipped(rule.missing_strategy, codes, numbers) for codes in (left_codes, right_codes)
    ):
        return None
    left = expressions.evaluate(left_terms, numbers)
    right = expressions.evaluate(right_terms, numbers)
    if _COMPARE[rule.operator](left, right):
        return None
    return Violation(rule, left, right)


def evaluate_rules(
    values: Mapping[str, Any], rules: Iterable[ValidationRule] | None = None
) -> list[Violation]:
    active = rules if rules is not None else ValidationRule.objects.filter(is_active=True)
    found = []
    for rule in active:
        violation = evaluate_rule(rule, values)
        if violation is not None:
            found.append(violation)
    return found


def missing_required(values: Mapping[str, Any], catalogue: Iterable[DataElement]) -> list[str]:
    return [e.code for e in catalogue if e.required and e.is_number and values.get(e.code) is None]
