"""The candidate questionnaire (Appendix 1) and the age rules, in the form and the service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from asar.opportunities import services
from asar.opportunities.forms import ApplicationForm
from asar.opportunities.models import Application
from tests import factories as f
from tests.opportunities.factories import answers, form_data

pytestmark = pytest.mark.django_db


def _born_years_ago(years: int) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - dt.timedelta(days=30)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"motivations": ["learn", "friends", "career", "team"]}, "motivations"),
        ({"motivations": []}, "motivations"),
        ({"motivations": ["learn", "not-a-motivation"]}, "motivations"),
        ({"motivations": ["other"]}, "motivation_other"),
        ({"preferred_activities": ["documents", "visitors", "teaching"]}, "preferred_activities"),
        ({"preferred_activities": []}, "preferred_activities"),
        ({"availability": []}, "availability"),
        ({"has_health_restrictions": True, "health_restrictions": ""}, "health_restrictions"),
        ({"residence": "forever"}, "residence"),
    ],
)
def test_invalid_answers_are_refused_field_by_field(overrides, field) -> None:  # type: ignore[no-untyped-def]
    errors = services.validate_answers(answers(**overrides))
    assert list(errors) == [field]


@pytest.mark.parametrize("score", [0, 6, -1, "5", True])
def test_quality_ratings_must_be_1_to_5(score) -> None:  # type: ignore[no-untyped-def]
    qualities = dict.fromkeys(answers()["qualities"], 3)
    qualities["patience"] = score
    errors = services.validate_answers(answers(qualities=qualities))
    assert list(errors) == ["quality_patience"]


def test_every_quality_must_be_rated() -> None:
    qualities = answers()["qualities"]
    del qualities["respect"]
    assert list(services.validate_answers(answers(qualities=qualities))) == ["quality_respect"]


def test_a_valid_questionnaire_passes() -> None:
    assert services.validate_answers(answers()) == {}


def test_form_shows_errors_in_the_visitors_language() -> None:
    data = form_data(motivations=["learn", "friends", "career", "team"])
    data.pop("quality_respect")
    with translation.override("ru"):
        form = ApplicationForm(data)
        assert not form.is_valid()
        assert form.errors["quality_respect"] == ["Оцените это качество от 1 до 5."]
    with translation.override("kk"):
        form = ApplicationForm(data)
        assert not form.is_valid()
        assert "3" in form.errors["motivations"][0]
        assert "Choose" not in form.errors["motivations"][0]


def test_apply_page_shows_field_errors(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    data = form_data(motivations=["learn", "friends", "career", "team"])
    data["quality_patience"] = "9"
    response = client_for(actors.volunteer).post(
        reverse("opportunities:apply", args=[position.pk]), data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert set(form.errors) >= {"motivations", "quality_patience"}
    assert not Application.objects.exists()


def test_an_empty_questionnaire_says_what_is_missing_in_kazakh(
    actors, position, client_for
) -> None:  # type: ignore[no-untyped-def]
    """The page starts with a summary (the errors are further down), and each field says what
    it needs rather than a generic "required"."""
    response = client_for(actors.volunteer).post(
        f"/kk/positions/{position.pk}/apply/", {"has_health_restrictions": "no"}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert html.index("Төмендегі қателерді түзетіңіз.") < html.index('id="field-availability"')
    form = response.context["form"]
    with translation.override("kk"):
        assert form.errors["motivations"] == [str(_("Choose at least one answer."))]
        assert form.errors["quality_sociability"] == [str(_("Rate this quality from 1 to 5."))]
    assert "Бұл өрісті толтыру міндетті." not in html


def test_18_plus_position_refuses_a_younger_applicant(actors, position) -> None:  # type: ignore[no-untyped-def]
    position.min_age = 18
    position.save()
    profile = actors.profile
    profile.birth_date = _born_years_ago(16)
    profile.guardian_consent = True
    profile.save()
    with pytest.raises(services.OpportunityError) as error:
        services.application_create(
            user=actors.volunteer, position_id=position.pk, answers=answers()
        )
    assert "18" in error.value.fields["__all__"][0]


def test_mentor_positions_are_25_plus(actors, position) -> None:  # type: ignore[no-untyped-def]
    position.min_age = 25
    position.save()
    profile = actors.profile
    profile.birth_date = _born_years_ago(22)
    profile.save()
    with translation.override("ru"), pytest.raises(services.OpportunityError) as error:
        services.application_create(
            user=actors.volunteer, position_id=position.pk, answers=answers()
        )
    assert "25" in error.value.fields["__all__"][0]
    profile.birth_date = _born_years_ago(30)
    profile.save()
    services.application_create(user=actors.volunteer, position_id=position.pk, answers=answers())


def test_minors_need_guardian_consent(actors, position) -> None:  # type: ignore[no-untyped-def]
    profile = actors.profile
    profile.birth_date = _born_years_ago(15)
    profile.save()
    with pytest.raises(services.OpportunityError) as error:
        services.application_create(
            user=actors.volunteer, position_id=position.pk, answers=answers()
        )
    assert "guardian_consent" in error.value.fields
    app = services.application_create(
        user=actors.volunteer, position_id=position.pk, answers=answers(guardian_consent=True)
    )
    assert app.guardian_consent


def test_guardian_consent_on_the_profile_is_enough(actors, position) -> None:  # type: ignore[no-untyped-def]
    profile = actors.profile
    profile.birth_date = _born_years_ago(15)
    profile.guardian_consent = True
    profile.save()
    services.application_create(user=actors.volunteer, position_id=position.pk, answers=answers())


def test_the_minor_sees_the_consent_box_and_the_age_message(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    profile = actors.profile
    profile.birth_date = _born_years_ago(15)
    profile.save()
    url = reverse("opportunities:apply", args=[position.pk])
    page = client_for(actors.volunteer).get(url).content.decode()
    assert 'name="guardian_consent"' in page
    response = client_for(actors.volunteer).post(url, form_data())
    assert response.status_code == 422
    assert "guardian_consent" in response.context["form"].errors
    position18 = f.PositionFactory(project=position.project, min_age=18)
    page = client_for(actors.volunteer).get(reverse("opportunities:apply", args=[position18.pk]))
    assert "18" in page.context["age_warning"]


def test_health_restrictions_are_dropped_when_the_answer_is_no(actors, position) -> None:  # type: ignore[no-untyped-def]
    app = services.application_create(
        user=actors.volunteer,
        position_id=position.pk,
        answers=answers(has_health_restrictions=False, health_restrictions="asthma"),
    )
    assert app.health_restrictions == ""


def test_a_too_young_volunteer_is_told_before_filling_anything(
    actors, position, client_for
) -> None:  # type: ignore[no-untyped-def]
    position.min_age = 18
    position.save()
    profile = actors.profile
    profile.birth_date = _born_years_ago(16)
    profile.guardian_consent = True
    profile.save()
    client = client_for(actors.volunteer)
    detail = client.get(f"/ru/positions/{position.pk}/").content.decode()
    assert 'id="too-young"' in detail and "от 18 лет" in detail
    assert 'id="apply-button"' not in detail and "fits_me=on" in detail
    apply = client.get(f"/ru/positions/{position.pk}/apply/").content.decode()
    assert 'id="too-young"' in apply and 'id="questionnaire"' not in apply
    client.post(f"/ru/positions/{position.pk}/apply/", form_data())
    assert not Application.objects.exists()


def test_an_ended_position_offers_no_apply_button(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    position.start_date = today - dt.timedelta(days=5)
    position.end_date = today - dt.timedelta(days=1)
    position.save()
    html = client_for(actors.volunteer).get(f"/en/positions/{position.pk}/").content.decode()
    assert "already ended" in html and 'id="apply-button"' not in html
