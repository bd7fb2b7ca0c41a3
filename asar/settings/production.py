"""Production profile: ``manage.py check --deploy`` reports nothing with it.

Requires SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL), ASAR_SIGNING_KEY and a Celery
broker (REDIS_URL or CELERY_BROKER_URL) from the environment (or ``<NAME>_FILE``), and refuses
to start without them.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from asar.lib.env import env_bool, env_int, env_list, env_str
from asar.settings import *  # noqa: F403

# Importing this module imports its package first: the base settings above were evaluated with
# their development defaults (DEBUG on, a published SECRET_KEY, a signing key derived from it,
# local hosts, the embedded SQLite file). None of them may reach production, so what must come
# from the environment is read again here, without any default.
DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Environment variable ALLOWED_HOSTS is required")
env_str("DATABASE_URL")  # parsed by the base settings; required here
ASAR_IDENTIFIER_HASH_KEY = env_str("ASAR_IDENTIFIER_HASH_KEY", SECRET_KEY)
ASAR_SIGNING_KEY = env_str("ASAR_SIGNING_KEY")
if CELERY_BROKER_URL == "memory://":  # noqa: F405
    # Without a broker tasks run in the web process and the periodic ones (offers expiring,
    # reminders) never run at all.
    raise ImproperlyConfigured("Environment variable REDIS_URL (or CELERY_BROKER_URL) is required")
# Static files served by the application itself (no separate web server needed).
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
