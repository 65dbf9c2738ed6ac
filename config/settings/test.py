"""Settings for the test suite: fast hashing, no secure cookies; the database still comes from
DATABASE_URL so that the same suite runs on SQLite and on PostgreSQL."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-secret-key-that-is-long-enough-for-checks-0123456789")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
CELERY_TASK_ALWAYS_EAGER = True
# The files are served by Django itself in tests (nginx's X-Accel-Redirect in production).
SENDFILE_BACKEND = "django_sendfile.backends.simple"
