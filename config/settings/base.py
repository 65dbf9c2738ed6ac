"""Settings for Chỉ Tiêu, read from the environment (see config/env.py and the README)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_database, env_list, env_secret_key, env_time_zone

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("CHITIEU_VAR_DIR", BASE_DIR / "var"))

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_secret_key("SECRET_KEY", debug=DEBUG, fallback_file=VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "ninja",
    "chitieu.core",
    "chitieu.units",
    "chitieu.accounts",
    "chitieu.indicators",
    "chitieu.targets",
    "chitieu.actuals",
    "chitieu.evaluation",
    "chitieu.emulation",
    "chitieu.awards",
    "chitieu.reports",
    "chitieu.extraction",
    "chitieu.public",
    "chitieu.api",
    "chitieu.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "chitieu.api.errors.ApiErrorsMiddleware",  # JSON errors under /api/, 413 before reading
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "chitieu.core.middleware.VietnameseByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]
# -- gzip (issue 14) ----------------------------------------------------------------------------
# Every response is compressed (the overview of a province: 426 KB of HTML, 35 KB gzipped).
# BREACH: the secrets a page carries are the CSRF token, which Django masks anew on every
# response, and the session, which is a cookie (headers are not compressed); the middleware
# also pads each response with random bytes (Heal-the-BREACH). First in the list, so that it
# compresses what every other middleware produced. Static files are compressed by WhiteNoise.
MIDDLEWARE.insert(0, "chitieu.core.compression.GZipMiddleware")  # Django's, at level 3
# -- end gzip ----------------------------------------------------------------------------------

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "chitieu" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "chitieu.web.context_processors.navigation",
            ],
            "builtins": ["chitieu.core.templatetags.vn"],
        },
    }
]

DATABASES = {"default": env_database("DATABASE_URL", VAR_DIR / "chitieu.sqlite3")}
# The overview's tables, and each unit's evaluated results (chitieu.evaluation.store), are kept
# under data versions that every audited write changes (chitieu.core.versions): each process
# keeps its own copy by default; CACHE_URL (redis://…) shares one between the workers and
# servers.
CACHE_URL = os.environ.get("CACHE_URL", "").strip()


def _cache(prefix: str, entries: int) -> dict[str, object]:
    if CACHE_URL:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": prefix,
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": prefix,
        "OPTIONS": {"MAX_ENTRIES": entries},
    }


# A unit's stored results are about 16 KB (60 targets): 4,000 of them, some 64 MB per process.
CACHES: dict[str, dict[str, object]] = {
    "default": _cache("", 500),
    "evaluation": _cache("evaluation", 4000),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "chitieu" / "locale"]
USE_I18N = True
TIME_ZONE = env_time_zone("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "chitieu" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# No URL serves MEDIA_ROOT: a view checks access to the file's object, then hands the file to the
# proxy through X-Accel-Redirect to its `internal` location SENDFILE_URL (README, production).
SENDFILE_ROOT = str(MEDIA_ROOT)
SENDFILE_URL = "/protected-media"
SENDFILE_BACKEND = os.environ.get("SENDFILE_BACKEND", "").strip() or (
    "django_sendfile.backends.simple" if DEBUG else "django_sendfile.backends.nginx"
)
WHITENOISE_USE_FINDERS = DEBUG

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip()
# Without a broker the embedded default runs jobs in-process, at once.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind the province's TLS proxy: it sets X-Forwarded-Proto; HTTPS is then required.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Imports (the data-entry form, targets, award history): the largest a workbook may grow to
# once unzipped (an .xlsx is a zip; this refuses zip bombs). Its upload size is the WORKBOOK rule
# of chitieu/core/files.py.
IMPORT_WORKBOOK_MAX_UNZIPPED_BYTES = 60 * 1024 * 1024
# Background jobs: a running job whose heartbeat (each progress step) is older than this is
# dead (its worker was killed) and is marked failed; a queued job never started in this time
# too. Each job also has a time limit of its own kind (core/jobs.py register()).
JOB_HEARTBEAT_TIMEOUT_SECONDS = 5 * 60
# A failed job keeps this many problems (and the count of the others).
JOB_MAX_ERRORS = 200
# Uploads and outputs of jobs finished longer ago than this are deleted (the job row stays).
JOB_FILE_RETENTION_DAYS = 30
# The bulk API (POST /api/actuals, /api/actuals/csv, /api/actuals/dataValueSets) reads its body
# as a stream, so it may send more than DATA_UPLOAD_MAX_MEMORY_SIZE: up to BULK_MAX_BYTES
# (about 300,000 values as JSON). A call of more than BULK_SYNC_MAX_VALUES values, or a body
# over BULK_SYNC_MAX_BYTES, goes on as a background job (answer 202 with the job's address).
BULK_MAX_BYTES = int(os.environ.get("BULK_MAX_BYTES", 32 * 1024 * 1024))
BULK_SYNC_MAX_VALUES = int(os.environ.get("BULK_SYNC_MAX_VALUES", 20_000))
BULK_SYNC_MAX_BYTES = int(os.environ.get("BULK_SYNC_MAX_BYTES", 2 * 1024 * 1024))
# A refused call lists at most this many problems (and counts the others).
BULK_MAX_ERRORS = 1000
# A broker that does not answer gives its message quickly instead of hanging the upload.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = 3

# --- Accounts and browser hardening (issue 10, item 7) ------------------------------------------
# Failed logins are counted by django-axes on every form that calls authenticate() (the app's and
# the Django admin's): after AXES_FAILURE_LIMIT failures for one username the account is locked
# for AXES_COOLOFF_TIME, whatever the address (offices share one NAT address, so locking by
# address would lock out a whole office). An administrator unlocks at once with
# `chitieu axes_reset_username <name>` or by deleting the row under Admin › Axes › Access attempts.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for the address among the parameters. Locking the username alone cannot be
# bypassed by rotating addresses (or a forged X-Forwarded-For), and does not lock out a whole
# office behind one address because of one person's typos.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
# The Vietnamese page (429) for a locked account, on both login forms.
AXES_LOCKOUT_CALLABLE = "chitieu.accounts.views.locked_out"
# Numeric-only passwords are refused too; the demo password `chitieu2026` passes every rule.
AUTH_PASSWORD_VALIDATORS += [
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"}
]
# API tokens expire; the creator picks the lifetime, this is the default (days).
API_TOKEN_DEFAULT_DAYS = 90
# Content-Security-Policy (django-csp): nothing but the app's own files; inline scripts and
# styles only with the request's nonce (the templates carry none of either without it).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# AxesMiddleware turns a lockout into the Vietnamese page; it must come last.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# A password an administrator set is changed at the next login, before any other page.
MIDDLEWARE += ["chitieu.accounts.middleware.PasswordChangeRequiredMiddleware"]
# --- end of issue 10, item 7 ---------------------------------------------------------------------
