"""The request of a signed-in person, for views and API endpoints that only they reach.

(Not named ``http.py``: Celery puts the working directory on ``sys.path``, and
``makemessages`` runs inside the app's folder, where such a module hid the standard library's
``http`` package and the accounts catalogue silently stopped being updated.)"""

from __future__ import annotations

from django.http import HttpRequest

from asar.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """An ``HttpRequest`` whose ``user`` is a signed-in :class:`User`, never anonymous.

    Only an annotation (never instantiated): the request of a view behind ``login_required``,
    ``roles.require`` or another decorator that sends anonymous visitors to sign in, and of an
    API endpoint whose authentication is required (not ``OptionalAuth``). A view that anonymous
    visitors can reach takes a plain ``HttpRequest`` and checks ``request.user`` itself.
    """

    user: User
