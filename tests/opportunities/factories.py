"""Factories and helpers for the opportunities tests."""

from __future__ import annotations

from typing import Any

from asar.opportunities import questionnaire as qn
from asar.opportunities.models import Application, Position
from asar.volunteers.models import VolunteerProfile
from tests import factories as f


def answers(**overrides: Any) -> dict[str, Any]:
    """A complete, valid questionnaire."""
    data: dict[str, Any] = {
        "motivations": [qn.Motivation.LEARN, qn.Motivation.FRIENDS],
        "motivation_other": "",
        "qualities": dict.fromkeys(qn.Quality.values, 4),
        "availability": [qn.Availability.WEEKENDS],
        "availability_other": "",
        "residence": qn.Residence.OVER_10,
        "experience_kinds": [qn.Experience.STUDENT_ACTIVISM],
        "experience_with_people": "Organised a charity fair at university.",
        "has_health_restrictions": False,
        "health_restrictions": "",
        "preferred_activities": [qn.Activity.GROUP_EVENTS],
        "activity_other": "",
        "guardian_consent": False,
    }
    data.update(overrides)
    return data


def form_data(**overrides: Any) -> dict[str, Any]:
    """The questionnaire as the web form posts it."""
    data = answers(**overrides)
    post: dict[str, Any] = {
        k: v for k, v in data.items() if k not in ("qualities", "has_health_restrictions")
    }
    for quality, score in data["qualities"].items():
        post[f"quality_{quality}"] = str(score)
    post["has_health_restrictions"] = "yes" if data["has_health_restrictions"] else "no"
    if not data["guardian_consent"]:
        post.pop("guardian_consent")
    return {k: v for k, v in post.items() if v not in ("", None)}


def application(
    position: Position, volunteer: VolunteerProfile | None = None, **kwargs: Any
) -> Application:
    kwargs.setdefault("qualities", dict.fromkeys(qn.Quality.values, 3))
    kwargs.setdefault("availability", [qn.Availability.EVENINGS])
    kwargs.setdefault("preferred_activities", [qn.Activity.DOCUMENTS])
    return f.ApplicationFactory(
        position=position, volunteer=volunteer or f.VolunteerFactory(), **kwargs
    )
