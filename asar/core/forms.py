"""Small typed helpers shared by the forms of every domain."""

from __future__ import annotations

from typing import TypeVar

from django import forms

FieldT = TypeVar("FieldT", bound=forms.Field)


def form_field(form: forms.BaseForm, name: str, kind: type[FieldT]) -> FieldT:
    """``form.fields[name]``, checked to be the ``kind`` of field the form declares, so that its
    own attributes (a choice field's ``queryset``, ``choices``, ``empty_label``) can be set."""
    field = form.fields[name]
    assert isinstance(field, kind), f"{type(form).__name__}.{name} is a {type(field).__name__}"
    return field


DJANGO_BLANK = "---------"
BLANK = "—"


class ReadableBlankChoice(forms.BaseForm):
    """Shows the empty choice of a select as a dash, as the rest of the site does, instead of
    Django's "---------" (which model fields with ``blank=True`` and foreign keys get)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == DJANGO_BLANK:
                    field.empty_label = BLANK
            elif isinstance(field, forms.ChoiceField):
                # Normalised by the field to a list of pairs; the stubs type the setter's input.
                choices = list(field.choices)  # type: ignore[arg-type]
                if choices and choices[0] == ("", DJANGO_BLANK):
                    field.choices = [("", BLANK), *choices[1:]]
