"""The registry's demo loaders (accounts → organizations → volunteers) at a small scale."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.db import transaction

from asar.accounts import demo as accounts_demo
from asar.accounts.models import Role, RoleGrant, User
from asar.geo.models import Region
from asar.lib import kz_ids
from asar.organizations import demo as organizations_demo
from asar.organizations.models import Membership, Organization
from asar.volunteers import demo as volunteers_demo
from asar.volunteers.models import VolunteerProfile

pytestmark = pytest.mark.django_db


def load_all(seed: int = 7, scale: float = 0.1) -> list[str]:
    rng = random.Random(seed)
    return [
        module.load(rng=rng, scale=scale)
        for module in (accounts_demo, organizations_demo, volunteers_demo)
    ]


def fingerprint() -> tuple[object, ...]:
    orgs = tuple(
        # Ordered by every field compared: two groups may share a name (a refused duplicate).
        Organization.objects.order_by(
            "name_kk", "bin", "home_region__iso_code", "verification", "kind"
        ).values_list("name_kk", "bin", "home_region__iso_code", "verification", "kind")
    )
    people = tuple(
        VolunteerProfile.objects.order_by("user__email").values_list(
            "user__email", "last_name", "first_name", "region__iso_code", "birth_date", "iin_last4"
        )
    )
    return orgs, people


def test_loaders_build_a_plausible_registry() -> None:
    summaries = load_all()
    assert all(summaries)
    # Demo sign-ins with the published password.
    for email, *_rest in accounts_demo.DEMO_ACCOUNTS:
        assert authenticate(username=email, password=accounts_demo.DEMO_PASSWORD) is not None
    operator = User.objects.get(email="operator.almaty@demo.asar.kz")
    assert RoleGrant.objects.get(user=operator).region.iso_code == "KZ-75"
    assert RoleGrant.objects.get(user=operator).role == Role.FRONT_OFFICE_OPERATOR
    assert User.objects.get(email="admin@demo.asar.kz").is_superuser
    owned = Membership.objects.get(user__email="coordinator@demo.asar.kz").organization
    assert owned.home_region.iso_code == "KZ-75" and owned.is_verified
    assert VolunteerProfile.objects.get(user__email="volunteer@demo.asar.kz").iin_last4

    # Organisations: the appendix plus generated ones, in every region, with valid BINs.
    assert Organization.objects.count() >= len(organizations_demo.APPENDIX_8)
    per_region = Counter(Organization.objects.values_list("home_region__iso_code", flat=True))
    assert set(per_region) == set(Region.objects.values_list("iso_code", flat=True))
    assert min(per_region.values()) >= 3
    for value in Organization.objects.exclude(bin=None).values_list("bin", flat=True):
        assert kz_ids.validate_bin(value) == value
    assert not Organization.objects.filter(kind="initiative_group").exclude(bin=None).exists()
    verified = Organization.objects.filter(verification="verified").count()
    assert verified > Organization.objects.count() * 0.6
    assert Organization.objects.filter(name_kk__contains="YMIT JOLY").get().city == "Алматы"
    # One organisation shows its volunteers' value publicly; the coordinator's own does not yet.
    public = Organization.objects.filter(value_public=True)
    assert list(public.values_list("name_kk", flat=True)) == [
        organizations_demo.DEMO_PUBLIC_VALUE_ORG
    ]
    assert not owned.value_public
    # No phone numbers from the source document.
    assert not Organization.objects.exclude(phone="").exists()

    # Volunteers: ~600 × scale, the mix skewed to the young, minors with consent.
    profiles = VolunteerProfile.objects.exclude(user__email="volunteer@demo.asar.kz")
    assert profiles.count() == 60
    mix = Counter(profiles.values_list("employment", flat=True))
    assert mix["student"] + mix["schoolchild"] > mix["retired"] * 3
    for profile in profiles:
        assert profile.age >= 14
        assert profile.guardian_consent or not profile.is_minor
    # Generated people cannot sign in.
    assert not User.objects.get(email="volunteer00001@demo.asar.kz").has_usable_password()


def test_loaders_are_deterministic() -> None:
    with transaction.atomic():
        load_all(seed=11)
        first = fingerprint()
        transaction.set_rollback(True)
    with transaction.atomic():
        load_all(seed=11)
        second = fingerprint()
        transaction.set_rollback(True)
    assert first == second
    assert len(first[0]) > 0 and len(first[1]) > 0


def test_population_weights_fill_missing_regions() -> None:
    regions = list(Region.objects.all())
    weights = volunteers_demo.population_weights(regions)
    assert len(weights) == 20
    assert weights["KZ-75"] == 2292333
    assert weights["KZ-62"] == 221317
    # A region without a figure gets a share of the rest, between the smallest and largest.
    assert 221317 < weights["KZ-55"] < 2292333
