"""Invalid input to the JSON API (422) in the caller's language and in the API's error shape.

Django Ninja answers a request that fails its schema with pydantic's English messages in a
list of its own (``{"detail": [{"type", "loc", "msg", …}]}``). Asar answers like its other
errors: ``{"detail": "Please correct the errors.", "errors": {"<field>": ["<message>", …]}}``,
each message translated (kk, ru) for the common pydantic error types, pydantic's English for
the rare rest. The field is the parameter's name (query, path) or the path inside the JSON body
joined with dots (``qualities.sociability``, ``motivations.0``); ``__all__`` for the body as a
whole. The language is the request's: the language cookie, else ``Accept-Language``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from ninja import Schema

NON_FIELD = "__all__"
# 401: no session or token, or a token that matches none (Ninja's own says "Unauthorized").
UNAUTHORIZED = gettext_lazy(
    "Sign in, or send a valid personal API token (Authorization: Token <key>)."
)


class ValidationErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


# Messages without a parameter, by pydantic error type.
_WHOLE = gettext_lazy("Enter a whole number.")
_NUMBER = gettext_lazy("Enter a number.")
_DATE = gettext_lazy("Enter a valid date (YYYY-MM-DD).")
_DATETIME = gettext_lazy("Enter a valid date and time (ISO 8601, e.g. 2024-05-17T10:00:00+05:00).")
_TIME = gettext_lazy("Enter a valid time (HH:MM).")
_BOOL = gettext_lazy("Enter true or false.")
_UUID = gettext_lazy("Enter a valid UUID.")
_OBJECT = gettext_lazy("Enter an object.")
_URL = gettext_lazy("Enter a valid URL.")
PLAIN: dict[str, Any] = {
    "missing": gettext_lazy("This field is required."),
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float", "int_parsing_size"), _WHOLE),
    **dict.fromkeys(
        ("float_type", "float_parsing", "decimal_type", "decimal_parsing", "finite_number"),
        _NUMBER,
    ),
    **dict.fromkeys(
        ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"),
        _DATE,
    ),
    **dict.fromkeys(("datetime_type", "datetime_parsing", "datetime_from_date_parsing"), _DATETIME),
    **dict.fromkeys(("time_type", "time_parsing"), _TIME),
    **dict.fromkeys(("bool_type", "bool_parsing"), _BOOL),
    **dict.fromkeys(("uuid_type", "uuid_parsing", "uuid_version"), _UUID),
    **dict.fromkeys(("dict_type", "model_type", "model_attributes_type"), _OBJECT),
    **dict.fromkeys(("url_type", "url_parsing", "url_scheme"), _URL),
    "string_type": gettext_lazy("Enter text."),
    "list_type": gettext_lazy("Enter a list."),
    "string_pattern_mismatch": gettext_lazy("Enter a value in the expected format."),
    "extra_forbidden": gettext_lazy("This field is not expected."),
    "json_invalid": gettext_lazy("Enter valid JSON."),
    "date_past": gettext_lazy("Enter a date in the past."),
    "date_future": gettext_lazy("Enter a date in the future."),
}


def _expected(ctx: dict[str, Any]) -> str:
    # pydantic joins the choices in English ("'a', 'b' or 'c'"); list them without the "or".
    expected = str(ctx.get("expected", "")).replace(" or ", ", ")
    return ", ".join(part.strip() for part in expected.split(","))


def _with_parameter(kind: str, ctx: dict[str, Any]) -> str | None:
    n = ctx.get("min_length", ctx.get("max_length", ctx.get("decimal_places", 0)))
    n = int(n) if isinstance(n, int) else 0
    if kind == "string_too_short":
        return ngettext(
            "Enter at least %(n)s character.", "Enter at least %(n)s characters.", n
        ) % {"n": n}
    if kind == "string_too_long":
        return ngettext("Enter at most %(n)s character.", "Enter at most %(n)s characters.", n) % {
            "n": n
        }
    if kind == "too_short":
        return ngettext("Give at least %(n)s item.", "Give at least %(n)s items.", n) % {"n": n}
    if kind == "too_long":
        return ngettext("Give at most %(n)s item.", "Give at most %(n)s items.", n) % {"n": n}
    if kind == "decimal_max_places":
        return ngettext(
            "Enter at most %(n)s digit after the decimal point.",
            "Enter at most %(n)s digits after the decimal point.",
            n,
        ) % {"n": n}
    limits = {
        "greater_than": (_("Enter a value greater than %(limit)s."), "gt"),
        "greater_than_equal": (_("Enter a value of at least %(limit)s."), "ge"),
        "less_than": (_("Enter a value less than %(limit)s."), "lt"),
        "less_than_equal": (_("Enter a value of at most %(limit)s."), "le"),
        "multiple_of": (_("Enter a multiple of %(limit)s."), "multiple_of"),
    }
    if kind in limits:
        text, key = limits[kind]
        return text % {"limit": ctx.get(key, "")}
    if kind in ("literal_error", "enum"):
        return _("Choose one of: %(expected)s.") % {"expected": _expected(ctx)}
    return None


def message(error: dict[str, Any]) -> str:
    """One pydantic error as a sentence in the active language."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in PLAIN:
        return str(PLAIN[kind])
    text = _with_parameter(kind, ctx)
    if text is not None:
        return text
    if kind == "value_error" and ctx.get("error"):
        return str(ctx["error"])  # a validator's own message (translated where it is raised)
    return str(error.get("msg", ""))


def field_of(error: dict[str, Any]) -> str:
    """The field an error belongs to: the ``loc`` without its source (query, path, body)."""
    path = [str(part) for part in error.get("loc", ())[1:]]
    return ".".join(path) or NON_FIELD


def errors_out(errors: list[dict[str, Any]]) -> dict[str, Any]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        text = message(error)
        found = fields.setdefault(field_of(error), [])
        if text not in found:
            found.append(text)
    return {"detail": _("Please correct the errors."), "errors": fields}


def without_body_parameter(error: dict[str, Any], model: Any) -> dict[str, Any]:
    """Ninja's ``loc`` of a JSON body starts with the name of the view's parameter
    (``["body", "payload", "motivations"]``), which means nothing to the caller: drop it."""
    single = getattr(model, "__read_from_single_attr__", None)
    loc = tuple(error["loc"])
    if single and loc[:2] == ("body", single):
        error["loc"] = ("body", *loc[2:])
    return error


def unreadable_body_out() -> dict[str, Any]:
    """400 for a body that is not JSON, in the error shape of a 422."""
    return {
        "detail": _("The request body is not valid JSON."),
        "errors": {NON_FIELD: [str(PLAIN["json_invalid"])]},
    }
