"""
Django settings for the teamhub example project.

teamhub connects an engineering team's GitHub, Jira and Slack accounts and derives delivery
metrics from them. Everything here is development-only: DEBUG is on and the secret key is public.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get(
    "TEAMHUB_SECRET_KEY",
    "django-insecure-teamhub-example-key-0c5f3e9a7d1b4c2e8f6a9d0b3c7e1f4a",
)

DEBUG = os.environ.get("TEAMHUB_DEBUG", "1") == "1"

ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "apps.core",
    "apps.accounts",
    "apps.teams",
    "apps.integrations",
    "apps.metrics",
    "apps.notifications",
    "apps.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "teamhub.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "teamhub.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "/admin/login/"

# Tests must never reach GitHub, Jira or Slack: this runner blocks apps.core.http for the whole run.
TEST_RUNNER = "teamhub.test_runner.TeamhubTestRunner"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "apps": {"handlers": ["console"], "level": os.environ.get("TEAMHUB_LOG_LEVEL", "WARNING")},
    },
}

# --- teamhub ---------------------------------------------------------------------------------

TEAMHUB = {
    # How often a healthy integration is re-synced by the scheduler.
    "SYNC_INTERVAL_MINUTES": 30,
    # Credentials expiring within this many days show up on the dashboard.
    "CREDENTIAL_WARNING_DAYS": 14,
    # GitHub App used for installation tokens.
    "GITHUB_APP_ID": os.environ.get("TEAMHUB_GITHUB_APP_ID", "123456"),
    "GITHUB_API_URL": "https://api.github.com",
    "SLACK_API_URL": "https://slack.com/api",
}
