"""Settings for Asar, fed by typed environment variables (12-factor).

With nothing set this is the embedded default: SQLite, DEBUG on, tasks run eagerly.
Production uses ``DJANGO_SETTINGS_MODULE=asar.settings.production``.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from asar.lib.env import env_bool, env_int, env_list, env_optional, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("ASAR_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
# The fallback key only ever serves the embedded default; production refuses to start without one.
SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-asar-key-change-me" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

ASAR_APPS = [
    "asar.core",
    "asar.geo",
    "asar.accounts",
    "asar.organizations",
    "asar.volunteers",
    "asar.opportunities",
    "asar.hours",
    "asar.passport",
    "asar.monitoring",
    "asar.reporting",
]

# Asar's apps come first: for a msgid translated in several catalogues the first app wins,
# and our wording (e.g. "Search" → "Іздеу") must beat the admin's.
INSTALLED_APPS = [
    *ASAR_APPS,
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "asar.core.middleware.RejectNulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "asar.core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "asar.urls"
WSGI_APPLICATION = "asar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "asar.core.context_processors.asar",
            ],
            "builtins": ["asar.core.templatetags.asar_tags"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'asar.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout make the embedded default usable with the dev server and Celery eager.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- i18n: Kazakh first, then Russian and English -------------------------------------
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
# Each domain app keeps its own catalogue in asar/<app>/locale (found through APP_DIRS),
# so domains can be translated and changed independently. asar/locale holds only what
# Django reads from LOCALE_PATHS and nowhere else: the admin's JavaScript strings in Kazakh.
LOCALE_PATHS: list[Path] = [BASE_DIR / "asar" / "locale"]
# Kazakh formats Django lacks (the admin calendar's week starts on Monday); pages format
# dates and numbers with Babel.
FORMAT_MODULE_PATH = ["asar.core.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"  # Kazakhstan is on one time zone (UTC+5) since March 2024

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- cache, Celery ------------------------------------------------------------------
REDIS_URL = env_optional("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env_optional("CELERY_RESULT_BACKEND") or REDIS_URL
# Without a broker the embedded default runs tasks in-process, so it works alone.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", REDIS_URL is None)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE

# --- e-mail -------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Asar <noreply@asar.kz>")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)

# --- Asar ---------------------------------------------------------------------------
ASAR_SITE_URL = env_str("ASAR_SITE_URL", "http://127.0.0.1:8000")
# Key for the keyed hash of IINs (never stored in clear); separate from SECRET_KEY so the
# session key can rotate without losing duplicate detection.
ASAR_IDENTIFIER_HASH_KEY = env_str("ASAR_IDENTIFIER_HASH_KEY", SECRET_KEY)
ASAR_SHARED_DATA_DIR = BASE_DIR / "asar" / "geo" / "data"
# Ed25519 key that signs volunteer certificates: base64 of the raw 32-byte seed (from env or
# ASAR_SIGNING_KEY_FILE). Generate one with:
#   python -c "import base64,os; print(base64.b64encode(os.urandom(32)).decode())"
# In DEBUG (development, tests) a stable dev key is derived from SECRET_KEY so certificates
# survive restarts; such certificates are worthless, and production refuses to start without it.
ASAR_SIGNING_KEY = env_optional("ASAR_SIGNING_KEY")
if ASAR_SIGNING_KEY is None:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("ASAR_SIGNING_KEY is required in production")
    import base64 as _b64
    import hashlib as _hashlib

    ASAR_SIGNING_KEY = _b64.b64encode(
        _hashlib.sha256(f"asar-dev-signing:{SECRET_KEY}".encode()).digest()
    ).decode()
# Volunteers log their own hours up to this many days back; older entries need a coordinator.
ASAR_HOURS_SELF_LOG_WINDOW_DAYS = env_int("ASAR_HOURS_SELF_LOG_WINDOW_DAYS", 90)
# Hours in a standard working month, to turn a monthly wage into an hourly one for the economic
# value of volunteer work (ILO replacement cost). 168 = 40 h a week (Labour Code, art. 68) ×
# 4.2 weeks a month (52 weeks / 12, rounded down); stated on the public method page.
ASAR_STANDARD_MONTHLY_HOURS = env_int("ASAR_STANDARD_MONTHLY_HOURS", 168)
# Hours a waiting-list volunteer has to take up a freed place before it passes to the next.
ASAR_OFFER_HOURS = env_int("ASAR_OFFER_HOURS", 72)
# Seconds the public dashboard of the national report stays cached (per language and year).
ASAR_DASHBOARD_CACHE_SECONDS = env_int("ASAR_DASHBOARD_CACHE_SECONDS", 300)
# Sign-in rate limiting (web and admin sign-in): after this many failed attempts for one e-mail
# from one client address, that pair is locked out for ASAR_LOGIN_LOCKOUT_SECONDS (counted in
# the cache, so Redis in production).
ASAR_LOGIN_MAX_FAILURES = env_int("ASAR_LOGIN_MAX_FAILURES", 5)
ASAR_LOGIN_LOCKOUT_SECONDS = env_int("ASAR_LOGIN_LOCKOUT_SECONDS", 900)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"pii": {"()": "asar.core.logging.RedactPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["pii"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
