"""How volunteers are told things. E-mail today; SMS or a messenger later: anything with a
``send`` method can be configured as ``ASAR_NOTIFIER`` (dotted path to a class)."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from asar.accounts.models import User


class Notifier(Protocol):
    def send(self, *, user: User, subject: str, body: str) -> None: ...


class EmailNotifier:
    def send(self, *, user: User, subject: str, body: str) -> None:
        if user.email and user.is_active:
            send_mail(subject, body, None, [user.email])


def get_notifier() -> Notifier:
    dotted = getattr(settings, "ASAR_NOTIFIER", "asar.hours.notify.EmailNotifier")
    return import_string(dotted)()
