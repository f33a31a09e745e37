"""Django settings of OpenBuurt, every value read from the environment.

See ``docs/config.md`` (generated from the ``env_*`` calls below) for the full list. Defaults are production-safe:
DEBUG is off, cookies are secure, no host is allowed and a real secret key is required. ``make run`` sets what a
local demo needs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

import dj_database_url
import structlog

from openbuurt.core.config import ConfigError, env_bool, env_float, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent

TESTING = env_bool(
    "OPENBUURT_TESTING", False, "Set by the test suite; never set it in production.", group="Development"
)
DEBUG = env_bool(
    "OPENBUURT_DEBUG",
    False,
    "Django debug mode: detailed error pages. Only for local development.",
    group="Development",
)

DATA_DIR = Path(
    env_str(
        "OPENBUURT_DATA_DIR",
        str(Path.cwd() / "var"),
        "Folder for the SQLite database, the task queue, uploaded photos and trained models.",
        group="Storage",
        shown_default="./var",
    )
).resolve()
if TESTING and os.environ.get("PYTEST_XDIST_WORKER"):
    # Parallel test workers must not share the task queue file.
    DATA_DIR = DATA_DIR / os.environ["PYTEST_XDIST_WORKER"]
DATA_DIR.mkdir(parents=True, exist_ok=True)

# Security ------------------------------------------------------------------------------------------------------------
_PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "secret", "insecure", "django-insecure"}
SECRET_KEY = env_str(
    "OPENBUURT_SECRET_KEY",
    "",
    "Secret for signing sessions and links: at least 32 random characters. Required; `make run` generates one "
    "for the demo in var/secret_key.",
    group="Security",
)
if SECRET_KEY.lower() in _PLACEHOLDER_SECRETS or len(SECRET_KEY) < 32:
    raise ConfigError(
        "OPENBUURT_SECRET_KEY must be set to at least 32 random characters "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')."
    )

ALLOWED_HOSTS = env_list(
    "OPENBUURT_ALLOWED_HOSTS", [], "Host names this server answers to, comma-separated.", group="Security"
)
CSRF_TRUSTED_ORIGINS = env_list(
    "OPENBUURT_CSRF_TRUSTED_ORIGINS",
    [],
    "Origins (scheme://host) trusted for form posts when behind a proxy.",
    group="Security",
)
_SECURE_COOKIES = env_bool(
    "OPENBUURT_SECURE_COOKIES",
    True,
    "Send session and CSRF cookies over HTTPS only. Turn off only for plain-HTTP local demos.",
    group="Security",
)
SESSION_COOKIE_SECURE = _SECURE_COOKIES
CSRF_COOKIE_SECURE = _SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool(
    "OPENBUURT_SSL_REDIRECT", False, "Redirect plain HTTP to HTTPS (off when a proxy already does).", group="Security"
)
SECURE_HSTS_SECONDS = env_int(
    "OPENBUURT_HSTS_SECONDS", 0, "Strict-Transport-Security max-age in seconds (0 = header off).", group="Security"
)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env_bool("OPENBUURT_BEHIND_PROXY", False, "Trust X-Forwarded-Proto from the reverse proxy.", group="Security")
    else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Applications --------------------------------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "huey.contrib.djhuey",
    "csp",
    "openbuurt.core",
    "openbuurt.accounts",
    "openbuurt.places",
    "openbuurt.triage",
    "openbuurt.reports",
    "openbuurt.routing",
    "openbuurt.notifications",
    "openbuurt.open311",
    "openbuurt.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "openbuurt.urls"
WSGI_APPLICATION = "openbuurt.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "backoffice:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "openbuurt.core.context_processors.site",
            ],
        },
    },
]

# Database ------------------------------------------------------------------------------------------------------------
DATABASE_URL = env_str(
    "DATABASE_URL",
    "",
    "Database URL, e.g. postgres://user@127.0.0.1:5432/openbuurt. Empty: SQLite in OPENBUURT_DATA_DIR.",
    group="Storage",
)
SQLITE_SYNCHRONOUS = env_str(
    "OPENBUURT_SQLITE_SYNCHRONOUS",
    "FULL",
    "SQLite durability: FULL (every commit reaches the disk) or NORMAL (faster; a power cut may lose the last "
    "commits, an application crash loses nothing).",
    group="Storage",
).upper()
# Also the intake spools' durability (reports.intake_spool).
if SQLITE_SYNCHRONOUS not in ("FULL", "NORMAL"):
    raise ConfigError("OPENBUURT_SQLITE_SYNCHRONOUS must be FULL or NORMAL")
_CONN_MAX_AGE = env_int(
    "OPENBUURT_DB_CONN_MAX_AGE",
    600,
    "Seconds a server thread keeps its database connection for the next requests (0: a new connection per "
    "request). Opening a connection costs more than a simple query; a broken one is replaced before use.",
    group="Storage",
)
if DATABASE_URL:
    DATABASES: dict[str, Any] = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=_CONN_MAX_AGE, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            # Django's SQLite backend with writers queued in order (see openbuurt.core.sqlite_backend).
            "ENGINE": "openbuurt.core.sqlite_backend",
            "NAME": DATA_DIR / "openbuurt.sqlite3",
            "CONN_MAX_AGE": _CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
            # Said outright because the engine is not Django's own: tests run in memory, as with SQLite's default.
            "TEST": {"NAME": ":memory:"},
            # IMMEDIATE + WAL: the web server and the task worker write the same file without "database is locked".
            # synchronous=FULL: a report is on disk before the resident sees the confirmation, even if power fails.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous={SQLITE_SYNCHRONOUS};",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str(
    "REDIS_URL",
    "",
    "Redis URL, e.g. redis://127.0.0.1:6379/0. Set: task queue and cache use Redis. Empty: SQLite queue, "
    "local-memory cache.",
    group="Storage",
)
if REDIS_URL and TESTING and os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
    # Each parallel test worker gets its own Redis database: tests clear the cache and the queue.
    _worker = int(os.environ["PYTEST_XDIST_WORKER"][2:])
    REDIS_URL = urlsplit(REDIS_URL)._replace(path=f"/{1 + _worker % 15}").geturl()
if REDIS_URL:
    CACHES: dict[str, Any] = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

_HUEY_IMMEDIATE = TESTING or env_bool(
    "OPENBUURT_TASKS_IMMEDIATE",
    False,
    "Run background tasks inline in the web process instead of in the worker (debugging only).",
    group="Tasks",
)
if REDIS_URL:
    HUEY: dict[str, Any] = {
        "huey_class": "huey.RedisHuey",
        "name": "openbuurt",
        "url": REDIS_URL,
        "immediate": _HUEY_IMMEDIATE,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "openbuurt",
        "filename": str(DATA_DIR / "tasks.sqlite3"),
        # No fsync per enqueued task: events are made durable in the main database (core.PendingEvent) and a
        # periodic sweep delivers any whose task was lost, so the queue only has to be fast.
        "fsync": False,
        "immediate": _HUEY_IMMEDIATE,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

# Internationalisation ------------------------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Static files and uploads --------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns at start-up when the folder is missing
MEDIA_ROOT = DATA_DIR / "media"
# Photos are personal data: they are never served from a public media URL, only through views that check access.
MEDIA_URL = "/private-media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING or DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = TESTING or DEBUG
OPENBUURT_MAX_PHOTO_BYTES = (
    env_int(
        "OPENBUURT_MAX_PHOTO_MB", 15, "Largest photo a resident may upload, in megabytes.", group="Reports", minimum=1
    )
    * 1024
    * 1024
)
OPENBUURT_MAX_PHOTOS = env_int("OPENBUURT_MAX_PHOTOS", 5, "Most photos per report.", group="Reports", minimum=0)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Reports -------------------------------------------------------------------------------------------------------------
OPENBUURT_PUBLIC_BASE_URL = env_str(
    "OPENBUURT_PUBLIC_BASE_URL",
    "http://127.0.0.1:8000",
    "Public address of this site, used in tracking links and e-mails.",
    group="Reports",
)
OPENBUURT_DEFAULT_ORGANISATION = env_str(
    "OPENBUURT_DEFAULT_ORGANISATION",
    "groningen",
    "Slug of the municipality that receives reports on this site.",
    group="Reports",
)

OPENBUURT_RETENTION_CONTACT_DAYS = env_int(
    "OPENBUURT_RETENTION_CONTACT_DAYS",
    30,
    "Days after a report is closed before the reporter's contact details are anonymised.",
    group="Privacy",
)
OPENBUURT_RETENTION_REPORT_DAYS = env_int(
    "OPENBUURT_RETENTION_REPORT_DAYS",
    730,
    "Days after a report is closed before it is deleted (a deletion record is kept).",
    group="Privacy",
    minimum=1,
)
OPENBUURT_CLASSIFIER = env_str(
    "OPENBUURT_CLASSIFIER",
    "learned",
    "Category classifier plugin: learned (the site's active model, else the shipped default model) or keyword "
    "(taxonomy keywords only, no model).",
    group="Triage",
)
OPENBUURT_MODELS_DIR = Path(
    env_str(
        "OPENBUURT_MODELS_DIR",
        str(DATA_DIR / "models"),
        "Folder for trained triage model versions, the active-model pointer and the activation log.",
        group="Triage",
        shown_default="$OPENBUURT_DATA_DIR/models",
    )
)
OPENBUURT_AUTO_CATEGORY_THRESHOLD = env_float(
    "OPENBUURT_AUTO_CATEGORY_THRESHOLD",
    0.6,
    "Classifier confidence from which a report's category is set without a person looking at it.",
    group="Triage",
)

# Geocoding and maps --------------------------------------------------------------------------------------------------
OPENBUURT_GEOCODERS = env_list(
    "OPENBUURT_GEOCODERS",
    ["pdok", "gazetteer"],
    "Geocoders tried in order: pdok (PDOK Locatieserver, online), gazetteer (offline, local street and area names).",
    group="Geocoding",
)
OPENBUURT_PDOK_URL = env_str(
    "OPENBUURT_PDOK_URL",
    "https://api.pdok.nl/bzk/locatieserver/search/v3_1",
    "Base URL of the PDOK Locatieserver (free, no key).",
    group="Geocoding",
)
OPENBUURT_PDOK_MUNICIPALITY = env_str(
    "OPENBUURT_PDOK_MUNICIPALITY",
    "Groningen",
    "Municipality (gemeentenaam) that PDOK searches are limited to; empty = the whole country.",
    group="Geocoding",
)
OPENBUURT_GEOCODER_TIMEOUT = (
    env_int("OPENBUURT_GEOCODER_TIMEOUT_MS", 2500, "Time-out of one geocoder call, in milliseconds.", group="Geocoding")
    / 1000
)
OPENBUURT_MAP_TILE_URL = env_str(
    "OPENBUURT_MAP_TILE_URL",
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
    "Tile URL template of the background map (default: PDOK BRT-Achtergrondkaart). Empty: no tiles, areas only.",
    group="Geocoding",
)
OPENBUURT_MAP_ATTRIBUTION = env_str(
    "OPENBUURT_MAP_ATTRIBUTION",
    "Kaartgegevens &copy; Kadaster / PDOK",
    "Attribution shown under the map.",
    group="Geocoding",
)

OPENBUURT_OPEN311_ENDPOINT_TYPE = env_str(
    "OPENBUURT_OPEN311_ENDPOINT_TYPE",
    "production",
    "Open311 discovery endpoint type: production (submissions are acted upon) or test.",
    group="Open311",
)
if OPENBUURT_OPEN311_ENDPOINT_TYPE not in ("production", "test"):
    raise ConfigError("OPENBUURT_OPEN311_ENDPOINT_TYPE must be production or test")
OPENBUURT_OPEN311_KEY_CACHE_SECONDS = env_int(
    "OPENBUURT_OPEN311_KEY_CACHE_SECONDS",
    10,
    "Seconds a server process remembers an API key it found active. A key revoked in another process is refused "
    "there within this time (at once in the process that revoked it); 0 looks every key up on every request.",
    group="Open311",
)
OPENBUURT_OPEN311_QUEUED_INTAKE = env_bool(
    "OPENBUURT_OPEN311_QUEUED_INTAKE",
    True,
    "POST Service Request without uploaded photos: check the request, number it and commit it to the intake "
    "queue, answer with its service_request_id, and let the task worker make it into a report (usually within a "
    "second). A burst of app submissions then costs the API little. False: make the report before answering, as "
    "with photos.",
    group="Open311",
)
OPENBUURT_INTAKE_SPOOL = env_bool(
    "OPENBUURT_INTAKE_SPOOL",
    True,
    "With SQLite: each web server process commits the submissions it accepts into the intake queue (those without "
    "an idempotency key) to a SQLite file of its own in OPENBUURT_DATA_DIR/intake-spool, on disk before the answer "
    "as always, and the task worker moves them into the queue. The processes then no longer wait for each other's "
    "commits. Report numbers come from blocks each process reserves (OPENBUURT_INTAKE_NUMBER_BLOCK). Ignored with "
    "PostgreSQL, which takes concurrent writers.",
    group="Open311",
)
OPENBUURT_INTAKE_NUMBER_BLOCK = env_int(
    "OPENBUURT_INTAKE_NUMBER_BLOCK",
    20,
    "How many report numbers a web server process reserves at a time for the intake spool. Numbers of a block "
    "that a process did not use before it stopped are skipped, and the numbers of two processes interleave in "
    "time; a larger block means fewer reservations in the main database.",
    group="Open311",
    minimum=1,
)
INTAKE_SPOOL_DIR = DATA_DIR / "intake-spool"
OPENBUURT_INTAKE_BATCH_WINDOW_MS = env_int(
    "OPENBUURT_INTAKE_BATCH_WINDOW_MS",
    250,
    "Milliseconds in which a server process asks the task worker only once to process the intake queue; the "
    "worker keeps watching the queue that long, so no submission waits for the once-a-minute sweep.",
    group="Open311",
)

OPENBUURT_THREAD_SWITCH_INTERVAL_MS = env_float(
    "OPENBUURT_THREAD_SWITCH_INTERVAL_MS",
    5.0,
    "Milliseconds a thread of a web server process may run Python code before a waiting thread of the same process "
    "gets its turn (Python's switch interval; 5 is Python's own default). Shorter turns (0.5) let a thread that "
    "holds SQLite's write lock finish its transaction sooner while the other server processes wait for that lock, "
    "which helped when every accepted Open311 submission was committed to the main database; with the intake "
    "spools (OPENBUURT_INTAKE_SPOOL) the processes no longer wait for each other, and shorter turns only cost "
    "more switching (`make bench`).",
    group="Server",
)
if not 0 < OPENBUURT_THREAD_SWITCH_INTERVAL_MS <= 100:
    raise ConfigError("OPENBUURT_THREAD_SWITCH_INTERVAL_MS must be above 0 and at most 100")

# Content security policy: scripts and styles only from this site; map tiles from the tile server.
_TILE_ORIGIN = "/".join(OPENBUURT_MAP_TILE_URL.split("/")[:3]) if OPENBUURT_MAP_TILE_URL else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"] + ([_TILE_ORIGIN] if _TILE_ORIGIN else []),
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# API -----------------------------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_RATES": {
        "places_lookup": env_str(
            "OPENBUURT_PLACES_LOOKUP_RATE", "120/minute", "Address searches one address may make.", group="Geocoding"
        ),
        "anon_submit": env_str(
            "OPENBUURT_ANON_SUBMIT_RATE", "30/hour", "Reports one address may submit anonymously.", group="Reports"
        ),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OpenBuurt API",
    "DESCRIPTION": "Reports (meldingen) in public space for a municipality and the police. "
    "The Open311 GeoReport v2 API lives at /open311/v2/.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Authentication ------------------------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing dominates test time otherwise; production keeps Django's PBKDF2 default.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# E-mail --------------------------------------------------------------------------------------------------------------
EMAIL_HOST = env_str("OPENBUURT_SMTP_HOST", "localhost", "SMTP server for outgoing e-mail.", group="E-mail")
EMAIL_PORT = env_int("OPENBUURT_SMTP_PORT", 25, "SMTP port.", group="E-mail")
EMAIL_HOST_USER = env_str("OPENBUURT_SMTP_USER", "", "SMTP user name (empty: no authentication).", group="E-mail")
EMAIL_HOST_PASSWORD = env_str("OPENBUURT_SMTP_PASSWORD", "", "SMTP password.", group="E-mail")
EMAIL_USE_TLS = env_bool("OPENBUURT_SMTP_STARTTLS", False, "Upgrade the SMTP connection with STARTTLS.", group="E-mail")
EMAIL_USE_SSL = env_bool("OPENBUURT_SMTP_SSL", False, "Connect to the SMTP server over TLS (port 465).", group="E-mail")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ConfigError("Set at most one of OPENBUURT_SMTP_STARTTLS and OPENBUURT_SMTP_SSL.")
EMAIL_TIMEOUT = env_int(
    "OPENBUURT_SMTP_TIMEOUT", 15, "Seconds before an SMTP connection attempt gives up.", group="E-mail"
)
DEFAULT_FROM_EMAIL = env_str(
    "OPENBUURT_FROM_EMAIL", "meldingen@openbuurt.invalid", "Sender address of e-mails.", group="E-mail"
)

# Logging -------------------------------------------------------------------------------------------------------------
LOG_LEVEL = env_str("OPENBUURT_LOG_LEVEL", "INFO", "Log level: DEBUG, INFO, WARNING or ERROR.", group="Development")
structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        *(
            [structlog.dev.ConsoleRenderer()]
            if DEBUG or sys.stderr.isatty()
            # Production logs are JSON lines; tracebacks must be rendered into the record or they are lost.
            else [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
        ),
    ],
    logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
    wrapper_class=structlog.make_filtering_bound_logger(LOG_LEVEL.lower()),
    cache_logger_on_first_use=True,
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
