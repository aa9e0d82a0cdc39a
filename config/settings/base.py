"""Settings shared by every environment.

Everything that differs between machines comes from environment variables
(see the configuration table in README.md). The defaults here give the embedded
setup: SQLite, local-memory cache, local media, console e-mail, tasks run
immediately.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
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
    "travel",
    "sources",
    "submissions",
    "digests",
    "opendata",
    "federation",
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
    "axes",
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
    # The request's Wagtail Site without a query (once per cache generation).
    "home.sites.SiteMiddleware",
    # Turns away unusable query strings (NUL bytes, huge values) with a 400 page.
    "home.params.QueryGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers locked-out logins with its lockout page.
    "axes.middleware.AxesMiddleware",
]

# Brute force on the admin login (django-axes): after AXES_FAILURE_LIMIT wrong
# passwords from one address (whatever the accounts), that address is locked,
# and after as many for one account (from whatever addresses), that account:
# guessing one password from many addresses or many passwords across accounts
# from one both stop. Each for AXES_COOLOFF_TIME; a right password resets the
# counts of its account and address. Administrators unlock early in the admin
# (Settings, home/login_locks.py) or with `manage.py axes_reset_username <name>`
# (or axes_reset_ip, axes_reset).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
# The address as our trusted proxies saw it, the same rule as the rate limiter.
AXES_CLIENT_IP_CALLABLE = "home.ratelimit.client_ip"
AXES_VERBOSE = False

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
    DATABASES["default"]["OPTIONS"] = {
        # A transaction that writes takes the write lock when it begins, so
        # concurrent registrations wait their turn (up to `timeout` seconds)
        # instead of failing with "database is locked" when one of them
        # upgrades a read to a write; write-ahead logging lets pages be read
        # meanwhile.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's price of reading a page out of order: PostgreSQL's default
    # (4) is a spinning disk's. With the site's tables in memory or on an SSD,
    # 1.1 lets it look up the rows a list shows by key instead of reading a
    # whole table to hash it (the month view: 3 ms less at 10,000 events).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    if "random_page_cost" not in options.get("options", ""):  # DATABASE_URL's own wins
        cost = env.get("DATABASE_RANDOM_PAGE_COST", "1.1")
        options["options"] = f"{options.get('options', '')} -c random_page_cost={cost}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, process memory otherwise.
if env.get("REDIS_URL"):
    CACHES = {
        "default": {
            # django-redis with a circuit breaker: Redis down means pages
            # uncached, not pages failing (home/cache_backend.py).
            "BACKEND": "home.cache_backend.ResilientRedisCache",
            "LOCATION": env["REDIS_URL"],
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "samenverder"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Short: a cache that takes longer than this is worse than none.
                "SOCKET_CONNECT_TIMEOUT": float(env.get("REDIS_CONNECT_TIMEOUT", "0.25")),
                "SOCKET_TIMEOUT": float(env.get("REDIS_TIMEOUT", "0.5")),
                "BREAKER_SECONDS": float(env.get("REDIS_BREAKER_SECONDS", "5")),
                # Each process keeps the page cache's versions, Redis tells it
                # when one changes (home/cache_tracking.py; Redis 6 or newer).
                "TRACKING": env.get("REDIS_TRACKING", "1") != "0",
            },
        }
    }
    # Sessions (editors' logins) survive a cache flush and work across app servers.
    # Keys signed by the site, so the page cache tells a made-up cookie
    # without a look-up (home/sessions).
    SESSION_ENGINE = "home.sessions.cached_db"
else:
    SESSION_ENGINE = "home.sessions.db"
    CACHES = {
        "default": {
            "BACKEND": "home.cache_backend.LocalCache",
            # Full at 300 entries, it drops the 15 least recently used, not a
            # third of everything (Django's default): the pages read all the
            # time stay, and a worker's memory no longer swings by a third of
            # its cache between two moments (`make bench`, memory rows).
            "OPTIONS": {"MAX_ENTRIES": 300, "CULL_FREQUENCY": 20},
        }
    }

# How far ahead event dates are materialised (extended daily by
# `manage.py extend_occurrences`).
EVENTS_OCCURRENCE_HORIZON_DAYS = int(env.get("EVENTS_OCCURRENCE_HORIZON_DAYS", "548"))
# The month view shows at most this many dates a day, then "+ N more" (that day's list).
EVENTS_MONTH_DATES_PER_DAY = int(env.get("EVENTS_MONTH_DATES_PER_DAY", "4"))

# Registrations: personal data is anonymised this many days after the date
# (`manage.py anonymise_registrations`, daily); reminders go out this many hours
# before it (`manage.py send_reminders`, hourly).
REGISTRATION_RETENTION_DAYS = int(env.get("REGISTRATION_RETENTION_DAYS", "30"))
REGISTRATION_REMINDER_HOURS = int(env.get("REGISTRATION_REMINDER_HOURS", "48"))
# Submitted activities: contact data kept this many days after the activity's
# last date or after a decline (`purge_submissions`).
SUBMISSIONS_RETENTION_DAYS = int(env.get("SUBMISSIONS_RETENTION_DAYS", "30"))

# The directory's yearly check (kennisbank.checks): how long the link in the
# "are your details still correct?" e-mail works, and how long before an
# organisation that did not answer is asked again (`manage.py ask_organisations`, daily).
ORGANISATION_CHECK_LINK_DAYS = int(env.get("ORGANISATION_CHECK_LINK_DAYS", "60"))
ORGANISATION_ASK_INTERVAL_DAYS = int(env.get("ORGANISATION_ASK_INTERVAL_DAYS", "30"))

# How many reverse proxies in front of the app add to X-Forwarded-For: the
# rate limiter trusts exactly that many hops (home/ratelimit.py).
TRUSTED_PROXY_COUNT = int(env.get("TRUSTED_PROXY_COUNT", "0"))

# Whole pages for anonymous visitors (home/cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = int(env.get("PAGE_CACHE_SECONDS", "0"))
# Responses larger than this are never stored (a few huge pages must not crowd out the rest).
PAGE_CACHE_MAX_BYTES = int(env.get("PAGE_CACHE_MAX_BYTES", str(256 * 1024)))
# What all addresses with a query string (filters, page numbers, searches) may
# store together within PAGE_CACHE_SECONDS: their values are anybody's to make
# up, so beyond this they are served uncached until the window ends.
PAGE_CACHE_QUERY_BYTES = int(env.get("PAGE_CACHE_QUERY_BYTES", str(2 * 1024 * 1024)))
# With a shared cache (Redis), each process also keeps copies of the entries it
# served lately, up to this many bytes, so a hit reads only their versions from
# Redis (home/cache.py, `_near_hit`). Without one, the cache is in the process already.
PAGE_CACHE_NEAR_BYTES = int(
    env.get("PAGE_CACHE_NEAR_BYTES", str(4 * 1024 * 1024 if env.get("REDIS_URL") else 0))
)

# ActivityPub (federation): the site's actor is @<FEDERATION_SITE_USERNAME>@<host of
# BASE_URL>; deliveries and key fetches never go to private, loopback or
# link-local addresses unless FEDERATION_ALLOW_PRIVATE_ADDRESSES (tests only).
FEDERATION_SITE_USERNAME = env.get("FEDERATION_SITE_USERNAME", "netwerk")
FEDERATION_ALLOW_PRIVATE_ADDRESSES = False

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

# Calendar sources (sources app): how long one feed may take, how large it may
# be, and whether addresses on this machine or the private network may be
# fetched (never in production; tests serve their feeds on loopback).
SOURCES_FETCH_TIMEOUT = 10
SOURCES_MAX_BYTES = 5 * 1024 * 1024
SOURCES_ALLOW_PRIVATE_ADDRESSES = False

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
# How each language writes dates: named formats beside the translations
# (locales/formats/__init__.py lists them).
FORMAT_MODULE_PATH = ["locales.formats"]
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


def served_url(environ):
    """The address `make run` serves on (its HOST and PORT, which it passes to
    load_demo and runserver), for when BASE_URL is not set: absolute links in
    e-mails, calendar files, the sitemap and canonical links then point where
    the site really answers. A wildcard host is reached on 127.0.0.1."""
    return f"http://{served_host(environ)}:{environ.get('PORT') or '8000'}"


def served_host(environ):
    """HOST as a URL names it: a wildcard is reached on 127.0.0.1, IPv6 in brackets."""
    host = environ.get("HOST") or "127.0.0.1"
    if host in {"0.0.0.0", "::"}:  # noqa: S104 - a name to translate, not a bind
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return host


WAGTAILADMIN_BASE_URL = env.get("BASE_URL") or served_url(env)
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

# Content Security Policy for the public site: scripts only from our origin, as
# files (no inline scripts, so no nonces: a nonce in a page the page cache serves
# to everyone would be the same for all and no protection), no plugins, no
# framing by others. JSON-LD blocks are data, not scripts. The Wagtail admin sets
# its own needs (wagtail #1288) and is left out.
_MEDIA_HOSTS = [f"https://{env['AWS_S3_CUSTOM_DOMAIN']}"] if env.get("AWS_S3_CUSTOM_DOMAIN") else []
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
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
