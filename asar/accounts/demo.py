"""Demo sign-ins (listed in README "Demo sign-ins"); all share the password below.

The coordinator's organisation and the volunteer's profile are made by the organizations and
volunteers loaders, which run after this one.
"""

from __future__ import annotations

import random

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from asar.accounts.models import Role, RoleGrant, User
from asar.geo.models import Region

DEMO_PASSWORD = "asar-demo-2024"  # noqa: S105 - published demo password, see README

# e-mail, first name, last name, role grant, region of the grant, superuser
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str | None, str | None, bool], ...] = (
    ("volunteer@demo.asar.kz", "Аружан", "Демо", None, None, False),
    ("coordinator@demo.asar.kz", "Данияр", "Демо", None, None, False),
    ("operator.almaty@demo.asar.kz", "Мадина", "Демо", Role.FRONT_OFFICE_OPERATOR, "KZ-75", False),
    ("analyst@demo.asar.kz", "Ерлан", "Демо", Role.NATIONAL_ANALYST, None, False),
    ("helpline@demo.asar.kz", "Сәуле", "Демо", Role.HELPLINE_OPERATOR, None, False),
    ("admin@demo.asar.kz", "Админ", "Демо", None, None, True),
)


def demo_user(email: str) -> User:
    return User.objects.get(email=email)


def load(*, rng: random.Random, scale: float) -> str:
    hashed = make_password(DEMO_PASSWORD)  # hashed once: the slow part of creating accounts
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(
                email=email,
                username=email,
                first_name=first,
                last_name=last,
                password=hashed,
                preferred_language="kk",
                is_staff=superuser,
                is_superuser=superuser,
                # The volunteer and the coordinator signed up themselves, consenting to the
                # processing of their data; staff accounts are made by an administrator.
                personal_data_consent_at=None if role or superuser else now,
            )
            for email, first, last, role, _region, superuser in DEMO_ACCOUNTS
        ]
    )
    by_email = {u.email: u for u in users}
    regions = {r.iso_code: r for r in Region.objects.all()}
    RoleGrant.objects.bulk_create(
        [
            RoleGrant(user=by_email[email], role=role, region=regions[region] if region else None)
            for email, _f, _l, role, region, _s in DEMO_ACCOUNTS
            if role
        ]
    )
    return f"{len(users)} demo sign-ins (password {DEMO_PASSWORD})"
