"""The rule language and every rule kind: operators, pairs, missing-value strategies."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from asar.monitoring import expressions, validation
from asar.monitoring.models import ValidationRule
from tests.monitoring.factories import consistent_values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a + b", [(1, "a"), (1, "b")]),
        ("volunteers_total * 744", [(744, "volunteers_total")]),
        ("2 * x - 3 + y * 1.5", [(2, "x"), (-3, None), (Decimal("1.5"), "y")]),
        ("-a", [(-1, "a")]),
    ],
)
def test_parse(text: str, expected: list[tuple[object, str | None]]) -> None:
    terms = expressions.parse(text)
    assert [(t.coefficient, t.code) for t in terms] == [(Decimal(c), code) for c, code in expected]


@pytest.mark.parametrize(
    "text", ["", "a b", "a +", "* a", "a * b", "__import__('os')", "a / 2", "a ** 2", "1e9"]
)
def test_parse_refuses_anything_else(text: str) -> None:
    with pytest.raises(expressions.ExpressionError):
        expressions.parse(text)


def _rule(
    operator: str,
    left: str = "a",
    right: str = "b",
    missing: str = "never_skip",
    importance: str = "error",
) -> ValidationRule:
    return ValidationRule(
        code="t",
        left=left,
        right=right,
        operator=operator,
        missing_strategy=missing,
        importance=importance,
        message_en="broken",
    )


@pytest.mark.parametrize(
    ("operator", "a", "b", "ok"),
    [
        ("eq", 5, 5, True), ("eq", 5, 6, False),
        ("ne", 5, 6, True), ("ne", 5, 5, False),
        ("gt", 6, 5, True), ("gt", 5, 5, False),
        ("ge", 5, 5, True), ("ge", 4, 5, False),
        ("lt", 4, 5, True), ("lt", 5, 5, False),
        ("le", 5, 5, True), ("le", 6, 5, False),
    ],
)  # fmt: skip
def test_comparison_operators(operator: str, a: int, b: int, ok: bool) -> None:
    result = validation.evaluate_rule(_rule(operator), {"a": a, "b": b})
    assert (result is None) is ok
    if not ok:
        assert (result.left, result.right) == (a, b)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [(None, None, True), (3, 2, True), (3, None, False), (None, 2, False), (0, 4, False)],
)
def test_compulsory_pair(a: int | None, b: int | None, ok: bool) -> None:
    assert (validation.evaluate_rule(_rule("compulsory_pair"), {"a": a, "b": b}) is None) is ok


@pytest.mark.parametrize(
    ("a", "b", "ok"), [(None, None, True), (3, None, True), (None, 2, True), (3, 2, False)]
)
def test_exclusive_pair(a: int | None, b: int | None, ok: bool) -> None:
    assert (validation.evaluate_rule(_rule("exclusive_pair"), {"a": a, "b": b}) is None) is ok


@pytest.mark.parametrize(
    ("missing", "values", "violated"),
    [
        ("skip_if_any_missing", {"a": 5, "b": None}, False),
        ("skip_if_any_missing", {"a": 5, "b": 4}, True),
        # As in DHIS2 the strategy applies to each side: an empty side skips the rule.
        ("skip_if_all_missing", {"a": 5, "b": None}, False),
        ("skip_if_all_missing", {"a": None, "b": None}, False),
        ("never_skip", {"a": None, "b": None}, False),  # 0 = 0
        ("never_skip", {"a": None, "b": 3}, True),
    ],
)
def test_missing_value_strategies(
    missing: str, values: dict[str, int | None], violated: bool
) -> None:
    assert (validation.evaluate_rule(_rule("eq", missing=missing), values) is not None) is violated


@pytest.mark.parametrize(
    ("missing", "values", "violated"),
    [
        # a side partly filled: its empty fields count as 0, so 5 + 0 ≠ 6 is caught
        ("skip_if_all_missing", {"a": 5, "b": None, "c": 6}, True),
        ("skip_if_all_missing", {"a": 5, "b": 1, "c": 6}, False),
        # a breakdown left entirely empty is not "0 ≠ total": it is skipped
        ("skip_if_all_missing", {"a": None, "b": None, "c": 6}, False),
        ("skip_if_any_missing", {"a": 5, "b": None, "c": 6}, False),
        ("skip_if_any_missing", {"a": 5, "b": 2, "c": 6}, True),
        ("never_skip", {"a": None, "b": None, "c": 6}, True),
        ("never_skip", {"a": None, "b": None, "c": None}, False),
    ],
)
def test_missing_value_strategy_applies_to_each_side(
    missing: str, values: dict[str, int | None], violated: bool
) -> None:
    rule = _rule("eq", left="a + b", right="c", missing=missing)
    assert (validation.evaluate_rule(rule, values) is not None) is violated


def test_constant_side_is_never_missing() -> None:
    rule = _rule("gt", left="a", right="0", missing="skip_if_all_missing")
    assert validation.evaluate_rule(rule, {"a": None}) is None
    assert validation.evaluate_rule(rule, {"a": 0}) is not None
    never = _rule("gt", left="a", right="0", missing="never_skip")
    assert validation.evaluate_rule(never, {"a": None}) is not None


@pytest.mark.parametrize(
    ("operator", "a", "b", "shown"),
    [
        ("eq", 90, 100, "(90, not 100)"),
        ("ne", 0, 0, "(0 = 0)"),
        ("gt", 0, 0, "(0 ≤ 0)"),
        ("ge", 100, 150, "(100 < 150)"),
        ("lt", 60, 50, "(60 ≥ 50)"),
        ("le", 501, 500, "(501 > 500)"),
    ],
)
def test_a_broken_rule_shows_how_the_figures_actually_compare(
    operator: str, a: int, b: int, shown: str
) -> None:
    violation = validation.evaluate_rule(_rule(operator), {"a": a, "b": b})
    assert violation is not None
    with translation.override("en"):
        assert violation.describe() == f"broken {shown}"


@pytest.mark.django_db
def test_seed_rules_accept_a_consistent_month() -> None:
    assert validation.evaluate_rules(consistent_values(1234, seed=3)) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"volunteers_women": 999}, "gender_sum"),
        ({"age_19_29": 1}, "age_sum"),
        ({"emp_students": 0}, "employment_sum"),
        ({"volunteer_hours": 1000 * 744 + 1}, "hours_max"),
        ({"events_offline": 1}, "events_direction_form"),
        ({"dev_volunteers_reached": 0}, "development_reach"),
        ({"orgs_new": 500}, "new_orgs_within_total"),
    ],
)
def test_each_seed_rule_catches_its_problem(change: dict[str, int], rule: str) -> None:
    values = consistent_values(1000) | change
    assert [v.rule.code for v in validation.evaluate_rules(values)] == [rule]


@pytest.mark.django_db
def test_rule_admin_validation_refuses_unknown_codes_and_bad_syntax() -> None:
    rule = _rule("eq", left="volunteers_total", right="nonexistent_code")
    rule.name_kk = rule.name_ru = rule.name_en = rule.message_kk = rule.message_ru = "x"
    with pytest.raises(ValidationError) as exc:
        rule.full_clean()
    assert "right" in exc.value.message_dict
    rule.right = "volunteers_total +"
    with pytest.raises(ValidationError):
        rule.full_clean()
    rule.right = "volunteers_women + volunteers_men"
    rule.full_clean()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12 345", 12345),
        ("12\u00a0345", 12345),
        (" 7 ", 7),
        ("", None),
        (None, None),
        (5.0, 5),
        ("3.0", 3),
    ],
)
def test_parse_number_accepts_local_formats(raw: object, expected: int | None) -> None:
    assert validation.parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["-1", "1.5", 2.5, "abc", "1e3", True, "10000000000"])
def test_parse_number_refuses(raw: object) -> None:
    with pytest.raises(ValueError):
        validation.parse_number(raw)


@pytest.mark.django_db
def test_rules_are_edited_in_the_admin_and_checked_there(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.admin)
    data = {
        "code": "positions_vs_volunteers",
        "name_kk": "Позициялар",
        "name_ru": "Позиции",
        "name_en": "Positions",
        "left": "positions_opened",
        "operator": "le",
        "right": "volunteers_total * 5 + nonsense",
        "missing_strategy": "skip_if_any_missing",
        "importance": "warning",
        "message_kk": "Тым көп позиция.",
        "message_ru": "Слишком много позиций.",
        "message_en": "Too many positions.",
        "is_active": "on",
    }
    response = client.post("/en/admin/monitoring/validationrule/add/", data)
    assert response.status_code == 200
    assert "Unknown element codes: nonsense" in response.content.decode()
    assert not ValidationRule.objects.filter(code="positions_vs_volunteers").exists()
    response = client.post(
        "/en/admin/monitoring/validationrule/add/", data | {"right": "volunteers_total * 5"}
    )
    assert response.status_code == 302
    # The new rule takes part in validation at once.
    values = consistent_values(100) | {"positions_opened": 501}
    assert "positions_vs_volunteers" in [v.rule.code for v in validation.evaluate_rules(values)]
