"""The candidate questionnaire of the guide's Appendix 1 ("Волонтерге үміткердің сауалнамасы").

The items are the guide's own, translated from Kazakh; the stored values are stable codes so
the wording can be improved without touching the data.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_MOTIVATIONS = 3
MAX_PREFERRED_ACTIVITIES = 2
QUALITY_MIN, QUALITY_MAX = 1, 5


class Motivation(models.TextChoices):
    """What attracts you to the project (up to three)."""

    IMPROVE_LIVING = "improve_living", _("A chance to improve living conditions where I live")
    CIVIC_LIFE = "civic_life", _("A wish to take an active part in the life of my town or region")
    LEARN = "learn", _("A wish to learn new things that may be useful in life")
    CAREER = "career", _("A wish to build a basis for career growth")
    FRIENDS = "friends", _("A wish to make new friends")
    TEAM = "team", _("A wish to gather a team for future projects")
    RECOGNITION = "recognition", _("A wish to gain recognition and respect in the community")
    OTHER = "other", _("Other")


class Quality(models.TextChoices):
    """Qualities and life skills the volunteer rates from 1 (absent) to 5 (well developed)."""

    SOCIABILITY = "sociability", _("Sociability")
    PERSUASION = "persuasion", _("Ability to persuade")
    PATIENCE = "patience", _("Patience and readiness to repeat things many times")
    CONFLICT_FREE = "conflict_free", _("Solving problems without conflict")
    EXPLAINING = "explaining", _("Explaining new information to a person")
    ACCEPTANCE = "acceptance", _("Accepting people as they are without trying to re-educate them")
    RESPECT = "respect", _("Respect for other people")
    TIME_PLANNING = (
        "time_planning",
        _("Planning one's time so that community work does not harm family interests"),
    )


class Availability(models.TextChoices):
    """How much free time the candidate has for the project."""

    HOURS_10_15 = "hours_10_15", _("I can give 10–15 hours a week")
    EVENINGS = "evenings", _("Only free evenings")
    WEEKENDS = "weekends", _("Only at weekends")
    OTHER = "other", _("Other")


class Residence(models.TextChoices):
    """How long the candidate has lived in their settlement."""

    UNDER_3 = "under_3", _("Less than 3 years")
    FROM_3_TO_10 = "3_to_10", _("From 3 to 10 years")
    OVER_10 = "over_10", _("More than 10 years")


class Experience(models.TextChoices):
    """Experience of work with people."""

    VOLUNTEER = "volunteer", _("Volunteering in an organisation")
    STUDENT_ACTIVISM = "student_activism", _("Student activism")
    PUBLIC_SERVICE = "public_service", _("Public service")
    COLLECTIVE_LIFE = "collective_life", _("Taking part in the social life of a team")
    OTHER = "other", _("Other")


class Activity(models.TextChoices):
    """Kinds of activity the candidate finds interesting and convenient (up to two)."""

    ONE_TO_ONE = (
        "one_to_one",
        _("Spending time one-to-one with beneficiaries: reading, creative classes, conversation"),
    )
    GROUP_EVENTS = (
        "group_events",
        _("Organising events for groups: birthdays, chess or draughts tournaments, concerts"),
    )
    TEACHING = "teaching", _("Teaching and giving talks, e.g. on health and prevention")
    DOCUMENTS = "documents", _("Working with documents")
    VISITORS = "visitors", _("Working with visitors: registration, managing queues and flows")
    OTHER = "other", _("Other")
