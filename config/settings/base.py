"""Settings shared by every environment.

Everything that differs between machines comes from environment variables
(see the configuration table in README.md). The defaults here give the embedded
setup: SQLite, local-memory cache, local media, console e-mail, tasks run
immediately.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = os.environ


def env_list(name, default=""):
    """A comma-separated environment variable as a list without blanks."""
    return [item.strip() for item in env.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = env.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = env.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The site's apps, lowest layer first (see README, "Layout").
    "home",
    "kennisbank",
    "events",
    "registration",
    "festival",
    "partners",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "recurrence",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in the project unless DATABASE_URL points elsewhere.
DATABASES = {
    "default": dj_database_url.parse(
        env.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing on SQLite and keep files open in tests.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, process memory otherwise.
if env.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env["REDIS_URL"],
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "samenverder"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    # Sessions (editors' logins) survive a cache flush and work across app servers.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# How far ahead event dates are materialised (extended daily by
# `manage.py extend_occurrences`).
EVENTS_OCCURRENCE_HORIZON_DAYS = int(env.get("EVENTS_OCCURRENCE_HORIZON_DAYS", "548"))

# Registrations: personal data is anonymised this many days after the date
# (`manage.py anonymise_registrations`, daily); reminders go out this many hours
# before it (`manage.py send_reminders`, hourly).
REGISTRATION_RETENTION_DAYS = int(env.get("REGISTRATION_RETENTION_DAYS", "30"))
REGISTRATION_REMINDER_HOURS = int(env.get("REGISTRATION_REMINDER_HOURS", "48"))

# How many reverse proxies in front of the app add to X-Forwarded-For: the
# rate limiter trusts exactly that many hops (home/ratelimit.py).
TRUSTED_PROXY_COUNT = int(env.get("TRUSTED_PROXY_COUNT", "0"))

# Whole pages for anonymous visitors (home/cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = int(env.get("PAGE_CACHE_SECONDS", "0"))

# E-mail: EMAIL_URL (smtp://user:pass@host:587/?tls=True), console otherwise.
if env.get("EMAIL_URL"):
    _email = dj_email_url.parse(env["EMAIL_URL"])
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "Samen Verder <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Tasks (e-mail and other background work): run in-process here; production
# queues them in the database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Dutch first, then German and English. Every URL carries its
# language (/nl/, /de/, /en/); "/" redirects by Accept-Language.
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Dutch")),
    ("de", _("German")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locales"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = env.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible object storage (AWS, MinIO, Scaleway, ...) for uploads.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": env.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": env.get("AWS_LOCATION", "media"),
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail.
WAGTAIL_SITE_NAME = "Samen Verder"
WAGTAILADMIN_BASE_URL = env.get("BASE_URL", "http://127.0.0.1:8000")
# Per-language stemming on PostgreSQL (see home/search_backend.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "home.search_backend", "SEARCH_CONFIG": "simple"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Machine translation in wagtail-localize's editor: DeepL when a key is set,
# otherwise the dummy translator (it reverses words, to show where it acts).
if env.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": env["DEEPL_API_KEY"]},
    }
else:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    }

# Content Security Policy for the public site: scripts only from our origin
# (or inline with the per-request nonce, `{{ request.csp_nonce }}`), no plugins, no framing by others. The Wagtail
# admin sets its own needs (wagtail #1288) and is left out.
_MEDIA_HOSTS = [f"https://{env['AWS_S3_CUSTOM_DOMAIN']}"] if env.get("AWS_S3_CUSTOM_DOMAIN") else []
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *_MEDIA_HOSTS],
        "media-src": ["'self'", *_MEDIA_HOSTS],
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Every page publish and task run is logged at INFO; keep the console readable.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
