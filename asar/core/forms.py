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
