"""Dates on the certificate and the letters are written out in the reader's language, never as
ISO strings, and a period is one range."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from asar.lib import formatting
from asar.passport import services
from asar.passport.models import ReferenceLetter

pytestmark = pytest.mark.django_db
ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def test_certificate_page_shows_the_period_as_one_range(actors, confirmed, client_for) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    cert = services.certificate_issue(
        actor=actors.volunteer,
        volunteer=actors.profile,
        period_from=dt.date(today.year, 1, 1) if today.month > 2 else today - dt.timedelta(60),
        period_to=today,
        language="kk",
    )
    for language in ("kk", "ru", "en"):
        page = client_for(actors.volunteer).get(f"/{language}/passport/certificates/{cert.pk}/")
        html = page.content.decode()
        period = formatting.date_range(cert.period_from, cert.period_to, language)
        assert f"<dd>{period}</dd>" in html
        # The shared year is written once in a range within one year.
        if cert.period_from.year == cert.period_to.year:
            assert html.count(str(today.year)) >= 1 and period.count(str(today.year)) == 1
        assert not ISO.search(re.sub(r'(href|src|action|value)="[^"]*"', "", html))


def test_letters_are_dated_in_words(actors, completed, client_for) -> None:  # type: ignore[no-untyped-def]
    services.reference_letter_write(
        actor=actors.coordinator,
        application=completed,
        text="Айгерім бізбен бірге жарты жыл жұмыс істеді, мұқият әрі жауапты волонтер. " * 2,
        language="kk",
    )
    created = timezone.localdate(ReferenceLetter.objects.get().created_at)
    page = client_for(actors.coordinator).get("/ru/" + reverse("passport:letters")[4:])
    assert formatting.date(created, "ru", fmt="medium") in page.content.decode()
    assert created.isoformat() not in page.content.decode()
    own = client_for(actors.volunteer).get("/kk/passport/", follow=True).content.decode()
    assert formatting.date(created, "kk", fmt="medium") in own
    assert created.isoformat() not in own
