"""Factories for the core domains. Domain apps add their own in tests/<app>/factories.py."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from asar.accounts.models import Role, RoleGrant, User
from asar.geo.models import ActivityForm, Direction, Employment, Gender, Region
from asar.opportunities.models import Application, Position, Project
from asar.organizations.models import Membership, Organization
from asar.volunteers.models import VolunteerProfile


def region(iso_code: str = "KZ-75") -> Region:
    """Regions come from the reference-data migration; fetch, never create."""
    return Region.objects.get(iso_code=iso_code)


def direction(code: str = "education") -> Direction:
    return Direction.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.kz")
    username = factory.SelfAttribute("email")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-42")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerProfile

    user = factory.SubFactory(UserFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    region = factory.LazyFunction(region)
    settlement = "Almaty"
    gender = Gender.FEMALE
    birth_date = dt.date(2000, 5, 17)
    employment = Employment.STUDENT
    languages = factory.LazyFunction(lambda: ["kk", "ru"])
    personal_data_consent_at = factory.LazyFunction(timezone.now)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    kind = Organization.Kind.INITIATIVE_GROUP
    name_ru = factory.Sequence(lambda n: f"Инициативная группа №{n}")
    name_kk = factory.Sequence(lambda n: f"№{n} бастамашыл топ")
    home_region = factory.LazyFunction(region)
    city = "Almaty"
    verification = Organization.Verification.VERIFIED

    @factory.post_generation
    def with_regions(obj: Organization, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.regions.add(obj.home_region)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.OWNER


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    organization = factory.SubFactory(OrganizationFactory)
    title_ru = factory.Sequence(lambda n: f"Проект {n}")
    direction = factory.LazyFunction(direction)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    project = factory.SubFactory(ProjectFactory)
    organization = factory.SelfAttribute("project.organization")
    title_ru = factory.Sequence(lambda n: f"Волонтёр-наставник {n}")
    title_kk = factory.Sequence(lambda n: f"Тәлімгер-волонтер {n}")
    title_en = factory.Sequence(lambda n: f"Volunteer tutor {n}")
    description_ru = "Помощь школьникам в подготовке к ЕНТ."
    direction = factory.SelfAttribute("project.direction")
    form = ActivityForm.OFFLINE
    region = factory.SelfAttribute("organization.home_region")
    settlement = "Almaty"
    start_date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=7))
    places = 5
    status = Position.Status.PUBLISHED


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    position = factory.SubFactory(PositionFactory)
    volunteer = factory.SubFactory(VolunteerFactory)
    motivations = factory.LazyFunction(lambda: ["help_others"])
    qualities = factory.LazyFunction(lambda: {"responsibility": 5})


def grant(user: User, role: str, region_iso: str | None = None) -> RoleGrant:
    return RoleGrant.objects.create(
        user=user, role=role, region=region(region_iso) if region_iso else None
    )


__all__ = [
    "ApplicationFactory",
    "MembershipFactory",
    "OrganizationFactory",
    "PositionFactory",
    "ProjectFactory",
    "Role",
    "UserFactory",
    "VolunteerFactory",
    "direction",
    "grant",
    "region",
]
