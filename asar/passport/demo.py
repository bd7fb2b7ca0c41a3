"""Demo passport data: reference letters for volunteers with the most confirmed hours, a few
awards, and a signed certificate for the demo volunteer. Deterministic from ``rng``."""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Sum
from django.utils import timezone

from asar.hours.models import HourEntry
from asar.lib.i18n import localized
from asar.opportunities.models import Application
from asar.organizations.models import Membership
from asar.passport.models import Award, ReferenceLetter
from asar.passport.services import certificate_issue
from asar.volunteers.models import VolunteerProfile

LETTERS = (
    (
        "kk",
        "{name} біздің ұйымда жауапкершілігі жоғары, ұқыпты волонтер ретінде танылды. "
        "Іс-шараларды ұйымдастыруға белсене қатысып, жаңа волонтерлерге тәлімгер болды. "
        "Оны кез келген әлеуметтік жобаға сеніммен ұсынамыз.",
    ),
    (
        "ru",
        "{name} зарекомендовал(а) себя как ответственный и инициативный волонтёр: регулярно "
        "участвовал(а) в акциях, помогал(а) координировать группы и наставлял(а) новичков. "
        "Рекомендуем для участия в социальных проектах и для учёбы.",
    ),
)
AWARDS = (
    ("Алғыс хат", "Қалалық волонтерлер орталығы"),
    ("Благодарственное письмо", "Региональный фронт-офис"),
    ("«Жыл волонтері» төсбелгісі", "Birgemiz бағдарламасы"),
)


def load(*, rng: random.Random, scale: float) -> str:
    top = list(
        HourEntry.objects.filter(status=HourEntry.Status.CONFIRMED)
        .values("volunteer_id", "organization_id")
        .annotate(minutes=Sum("minutes"))
        .order_by("-minutes", "volunteer_id")[: max(3, round(15 * scale))]
    )
    profiles = VolunteerProfile.objects.in_bulk([row["volunteer_id"] for row in top])
    letters = []
    awards = []
    for row in top:
        profile = profiles[row["volunteer_id"]]
        author = (
            Membership.objects.filter(organization_id=row["organization_id"])
            .select_related("user")
            .order_by("pk")
            .first()
        )
        language, text = rng.choice(LETTERS)
        letters.append(
            ReferenceLetter(
                volunteer=profile,
                organization_id=row["organization_id"],
                position_title="Волонтер" if language == "kk" else "Волонтёр",
                author=author.user if author else None,
                author_name=(author.user.get_full_name() if author else "") or "Үйлестіруші",
                text=text.format(name=f"{profile.first_name} {profile.last_name}"),
                language=language,
            )
        )
        if rng.random() < 0.4:
            title, issuer = rng.choice(AWARDS)
            awards.append(
                Award(
                    volunteer=profile,
                    title=title,
                    issuer=issuer,
                    awarded_on=dt.date(rng.choice((2023, 2024, 2025)), 12, 5),
                )
            )
    # Coordinators wrote letters for some completed placements (the agreement promises one).
    completed = list(
        Application.objects.filter(status=Application.Status.COMPLETED)
        .select_related("volunteer", "position")
        .order_by("pk")
    )
    for application in rng.sample(completed, k=min(len(completed), round(40 * scale))):
        position = application.position
        writer = position.coordinator
        if writer is None:
            first = (
                Membership.objects.filter(organization_id=position.organization_id)
                .select_related("user")
                .order_by("pk")
                .first()
            )
            writer = first.user if first is not None else None
        language, text = rng.choice(LETTERS)
        profile = application.volunteer
        letters.append(
            ReferenceLetter(
                volunteer=profile,
                organization_id=position.organization_id,
                application=application,
                position_title=localized(position, "title", language)[:200],
                author=writer,
                author_name=((writer.get_full_name() or writer.email) if writer else "")
                or "Үйлестіруші",
                text=text.format(name=f"{profile.first_name} {profile.last_name}"),
                language=language,
            )
        )
    # The demo volunteer's passport shows a letter from the demo organisation and an award.
    demo = VolunteerProfile.objects.filter(user__email="volunteer@demo.asar.kz").first()
    membership = (
        Membership.objects.filter(user__email="coordinator@demo.asar.kz")
        .select_related("user")
        .first()
    )
    if demo is not None and membership is not None:
        language, text = LETTERS[0]
        letters.append(
            ReferenceLetter(
                volunteer=demo,
                organization_id=membership.organization_id,
                position_title="Волонтер",
                author=membership.user,
                author_name=membership.user.get_full_name() or membership.user.email,
                text=text.format(name=f"{demo.first_name} {demo.last_name}"),
                language=language,
            )
        )
        awards.append(
            Award(
                volunteer=demo,
                title=AWARDS[0][0],
                issuer=AWARDS[0][1],
                awarded_on=dt.date(timezone.localdate().year - 1, 12, 5),
            )
        )
    ReferenceLetter.objects.bulk_create(letters)
    Award.objects.bulk_create(awards)

    certificates = 0
    if demo is not None:
        year = timezone.localdate().year - 1
        if HourEntry.objects.filter(
            volunteer=demo, status=HourEntry.Status.CONFIRMED, date__year=year
        ).exists():
            certificate_issue(
                actor=demo.user,
                volunteer=demo,
                period_from=dt.date(year, 1, 1),
                period_to=dt.date(year, 12, 31),
                language="kk",
            )
            certificates = 1
    return f"{len(letters)} reference letters, {len(awards)} awards, {certificates} certificate"
