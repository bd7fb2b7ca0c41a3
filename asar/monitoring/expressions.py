"""A tiny, safe expression language for validation rules (never ``eval``).

An expression is a sum of terms: ``volunteers_women + volunteers_men``,
``volunteers_total * 744``, ``2 * dev_trainings - 1``. A term is a whole or decimal number,
an element code, or a number multiplied by a code. That covers DHIS2's typical rule sides
(sums of data elements with coefficients and constants) and nothing that could run code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<code>[a-z][a-z0-9_]*)|(?P<op>[-+*]))")


class ExpressionError(ValueError):
    """The expression cannot be parsed; the message says where."""


@dataclass(frozen=True)
class Term:
    coefficient: Decimal
    code: str | None  # None for a constant


def parse(text: str) -> list[Term]:
    """Parse ``text`` into terms; raises ExpressionError on anything outside the grammar."""
    tokens: list[tuple[str, str]] = []
    position = 0
    source = text.strip()
    if not source:
        raise ExpressionError("empty expression")
    while position < len(source):
        match = _TOKEN.match(source, position)
        if not match or match.end() == position:
            raise ExpressionError(f"unexpected character at position {position + 1}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
        while position < len(source) and source[position].isspace():
            position += 1

    terms: list[Term] = []
    index = 0
    sign = Decimal(1)
    expect_term = True
    while index < len(tokens):
        kind, value = tokens[index]
        if expect_term:
            if kind == "op" and value in "+-" and not terms and sign == 1:
                sign = Decimal(-1) if value == "-" else Decimal(1)
                index += 1
                continue
            factors: list[tuple[str, str]] = [(kind, value)]
            if kind == "op":
                raise ExpressionError(f"a number or code expected, found '{value}'")
            if index + 1 < len(tokens) and tokens[index + 1] == ("op", "*"):
                if index + 2 >= len(tokens):
                    raise ExpressionError("expression ends after '*'")
                factors.append(tokens[index + 2])
                index += 2
            terms.append(_term(factors, sign))
            index += 1
            expect_term = False
        else:
            if kind != "op" or value not in "+-":
                raise ExpressionError(f"'+' or '-' expected, found '{value}'")
            sign = Decimal(-1) if value == "-" else Decimal(1)
            index += 1
            expect_term = True
    if expect_term:
        raise ExpressionError("expression ends with an operator")
    return terms


def _term(factors: list[tuple[str, str]], sign: Decimal) -> Term:
    coefficient = sign
    code: str | None = None
    for kind, value in factors:
        if kind == "num":
            try:
                coefficient *= Decimal(value)
            except InvalidOperation as exc:  # pragma: no cover - the regex admits only numbers
                raise ExpressionError(f"bad number '{value}'") from exc
        elif kind == "code":
            if code is not None:
                raise ExpressionError("a term may multiply a code by a number, not two codes")
            code = value
        else:
            raise ExpressionError(f"a number or code expected, found '{value}'")
    return Term(coefficient, code)


def codes(terms: list[Term]) -> list[str]:
    return [t.code for t in terms if t.code]


def evaluate(terms: list[Term], values: dict[str, int | None]) -> Decimal:
    """Sum of the terms; a missing value counts as 0 (the caller applies the missing strategy)."""
    total = Decimal(0)
    for term in terms:
        if term.code is None:
            total += term.coefficient
        else:
            total += term.coefficient * Decimal(values.get(term.code) or 0)
    return total
