"""Volunteers registered before accounts recorded consent: the data migration gives their
account the consent of their profile, and leaves other accounts without one."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from asar.accounts.models import User
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_accounts_get_their_profiles_consent() -> None:
    migration = importlib.import_module(
        "asar.volunteers.migrations.0003_account_consent_from_profiles"
    )
    consent = timezone.now() - dt.timedelta(days=40)
    profile = f.VolunteerFactory(personal_data_consent_at=consent)
    staff = f.UserFactory()
    User.objects.filter(pk__in=[profile.user_id, staff.pk]).update(personal_data_consent_at=None)
    migration.copy_consent(apps, None)
    assert User.objects.get(pk=profile.user_id).personal_data_consent_at == consent
    assert User.objects.get(pk=staff.pk).personal_data_consent_at is None
