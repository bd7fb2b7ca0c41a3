"""The report page dates its submission and audit trail in words, in the reader's language."""

from __future__ import annotations

import pytest

from asar.lib import formatting
from asar.monitoring import services
from asar.monitoring.models import MonthlyReport
from tests import factories as f
from tests.monitoring.factories import consistent_values

pytestmark = pytest.mark.django_db


def test_report_page_dates_in_words(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = services.report_open(
        user=actors.operator, region=f.region("KZ-75"), year=2023, month=6
    )
    services.report_save_values(user=actors.operator, report=report, raw=consistent_values(1000))
    report = services.report_submit(user=actors.operator, report=report)
    report = MonthlyReport.objects.get(pk=report.pk)
    for language in ("kk", "ru", "en"):
        html = client_for(actors.analyst).get(f"/{language}/monitoring/reports/{report.pk}/")
        text = html.content.decode()
        assert formatting.datetime(report.first_submitted_at, language) in text
        assert report.first_submitted_at.strftime("%d.%m.%Y") not in text


def test_report_heading_names_the_month(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    report = services.report_open(
        user=actors.operator, region=f.region("KZ-75"), year=2023, month=6
    )
    expected = {"kk": "2023\u202fж. маусым", "ru": "июнь 2023\u202fг.", "en": "June 2023"}
    for language, month in expected.items():
        for page in ("", "edit/"):
            html = client_for(actors.operator).get(
                f"/{language}/monitoring/reports/{report.pk}/{page}"
            )
            assert f": {month}</h1>" in html.content.decode(), (language, page)
