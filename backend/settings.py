"""Pathways settings: one file, read from the environment.

With nothing set, a fresh checkout runs embedded: SQLite, in-memory channel layer, Celery tasks in-process.
DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis (broker, results, cache, channel layer).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from backend.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
_INSECURE_DEV_KEY = "django-insecure-dev-only-never-use-in-production-0123456789abcdef"
SECRET_KEY = env_str("SECRET_KEY", _INSECURE_DEV_KEY)
if not DEBUG and SECRET_KEY == _INSECURE_DEV_KEY and env_bool("REQUIRE_SECRET_KEY", False):
    raise RuntimeError("SECRET_KEY must be set in production")
# `check --deploy` reports an Error while this key is in use (backend/core/security.py), so a
# production deploy that runs the check refuses it, while tests and `make run` keep working.
INSECURE_DEV_SECRET_KEY = _INSECURE_DEV_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "channels",
    # Locks sign-in after repeated failures (web form and token API), per email and IP.
    "axes",
    "backend.core",
    "backend.accounts",
    "backend.profiles",
    "backend.catalog",
    "impact",
    "demand",
    "matching",
    "mentoring",
    "events",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "backend.core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "backend.core.db_unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a lockout noticed during sign-in into the 429 response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backend.urls"
WSGI_APPLICATION = "backend.wsgi.application"
ASGI_APPLICATION = "backend.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "backend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data stores -------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A dropped connection is noticed before use instead of failing the request.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if env_bool("DB_POOL", default=True):
        # Under ASGI each request and each chat write runs in a thread of its own, so persistent
        # connections meant one per thread: the 200-user load test ran PostgreSQL out of them.
        # A pool per process bounds them; with CONN_HEALTH_CHECKS Django has the pool check each
        # one as it is handed out, so one dropped by a restart is replaced, not used.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        # A request waits at most DB_POOL_TIMEOUT seconds for a connection, then gets a clean 503
        # with Retry-After (backend/core/db_unavailable.py) rather than hanging. The pool stops
        # retrying after as long: its retries back off (1, 2, 4, 8 s...), so after an outage the
        # next try could come seconds after PostgreSQL was back; once it has given up, the next
        # request starts a fresh attempt at once.
        _pool_timeout = env_int("DB_POOL_TIMEOUT", 5)
        DATABASES["default"]["OPTIONS"] = {
            "pool": {
                "min_size": 2,
                "max_size": env_int("DB_POOL_MAX_SIZE", 20),
                "timeout": _pool_timeout,
                "reconnect_timeout": _pool_timeout,
            }
        }
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

REDIS_URL = env_str("REDIS_URL", "")

if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # pubsub (default): one PUBLISH per group message and one subscription per process; in the
    # chat bench it held p99 at 36 ms for 200 members where the list-based core layer (a blocking
    # pop and a clean-up per delivery) reached 200 ms. core stays selectable.
    _channel_prefix = env_str("CHANNEL_PREFIX", "pathways")
    CHANNEL_LAYERS = {
        "default": (
            {
                "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
                # redis-py's pool refuses (does not wait) past 100 connections, and a daphne process
                # with hundreds of busy sockets publishes more at once than that.
                "CONFIG": {
                    "hosts": [{"address": REDIS_URL, "max_connections": 1000}],
                    "prefix": _channel_prefix,
                },
            }
            if env_str("CHANNEL_LAYER", "pubsub") == "pubsub"
            else {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {
                    # redis-py reads with a 5 s socket timeout, the 5 s channels_redis blocks in
                    # BZPOPMIN: on a busy loop the read timed out and sockets closed with 1011.
                    "hosts": [
                        {"address": REDIS_URL, "socket_timeout": 15, "max_connections": 1000}
                    ],
                    "prefix": _channel_prefix,
                    # One inbox per process: the default 100 filled after seconds of lag under
                    # the load test, and group_send then dropped messages (logged at INFO only).
                    "capacity": env_int("CHANNEL_CAPACITY", 1000),
                },
            }
        )
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Celery ------------------------------------------------------------------------------------------
# Without Redis, tasks run in-process (eagerly) so the embedded default needs no broker or worker.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# A task killed midway is redelivered to the next worker rather than lost; tasks are idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
# First match wins: notifications never wait behind CPU-heavy encoding on the matching queue.
CELERY_TASK_ROUTES = {
    "matching.tasks.notify_*": {"queue": "notifications"},
    "*.notify_*": {"queue": "notifications"},
    "matching.tasks.*": {"queue": "matching"},
    # Demand groups encode and cluster profiles: CPU-heavy like matching.
    "demand.tasks.*": {"queue": "matching"},
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "expire-stale-mentorship-requests": {
        "task": "mentoring.tasks.expire_stale_requests",
        "schedule": 3600.0,
    },
    "send-fair-reminders": {"task": "events.tasks.send_fair_reminders", "schedule": 900.0},
    "demand-recompute-nightly": {
        "task": "demand.tasks.demand_recompute",
        "schedule": crontab(hour=2, minute=30),
    },
}

# --- Auth --------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "backend.core.security.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# 5 failures for one email from one IP lock that pair for 15 minutes; a success resets the count.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "backend.core.security.axes_username"
AXES_LOCKOUT_CALLABLE = "backend.core.security.lockout_response"
# X-Forwarded-For is trusted only when proxies are declared: a client could otherwise send a new
# fake address with every guess and never be locked out.
_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_IPWARE_PROXY_COUNT = _TRUSTED_PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if _TRUSTED_PROXY_COUNT else ["REMOTE_ADDR"]
)
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# --- Email -------------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Pathways <no-reply@pathways.local>")

# --- i18n --------------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
# Her interface language is remembered for a year, not only for the browser session.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGES = [("en", "English"), ("fr", "Français"), ("ar", "العربية"), ("uk", "Українська")]
LOCALE_PATHS = [BASE_DIR / "backend" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static ------------------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "backend" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without collectstatic (embedded run, tests) whitenoise serves straight from the finders.
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- REST API ----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated API call then gets 401 with WWW-Authenticate, not 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        # Applies the "auth" rate to the views that declare throttle_scope = "auth" (token, register).
        "rest_framework.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("THROTTLE_ANON", "120/minute"),
        "user": env_str("THROTTLE_USER", "1200/minute"),
        "auth": env_str("THROTTLE_AUTH", "20/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pathways API",
    "DESCRIPTION": "Profiles, catalogue, matches, mentoring and job fairs for migrant women.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "DigitalLevelEnum": "backend.core.choices.DigitalLevel",
        "AudienceEnum": "backend.core.choices.Audience",
    },
}

# --- Matching ----------------------------------------------------------------------------------------
EMBEDDING_MODEL = env_str("EMBEDDING_MODEL", "default")
MATCHES_KEPT_PER_KIND = env_int("MATCHES_KEPT_PER_KIND", 50)
# "auto" uses pgvector when the database is PostgreSQL with the extension, else the in-process index.
VECTOR_INDEX = env_str("VECTOR_INDEX", "auto")
# Output of `manage.py fit_weights`; empty = the weights shipped in matching/engine/weights.json.
MATCHING_WEIGHTS_PATH = env_str("MATCHING_WEIGHTS_PATH", "")
MATCH_NOTIFY_MIN_SCORE = float(env_str("MATCH_NOTIFY_MIN_SCORE", "0.7"))
MATCH_RECOMPUTE_BATCH = env_int("MATCH_RECOMPUTE_BATCH", 200)
MATCH_RETRIEVE_TOP_N = env_int("MATCH_RETRIEVE_TOP_N", 200)
# HNSW search breadth: 100 measured recall@10 0.986 vs 0.965 at 40, at the same latency.
VECTOR_EF_SEARCH = env_int("VECTOR_EF_SEARCH", 100)

# --- Mentoring chat ---------------------------------------------------------------------------------
CHAT_RATE_LIMIT = env_int("CHAT_RATE_LIMIT", 20)  # messages per user per window
CHAT_RATE_WINDOW = env_int("CHAT_RATE_WINDOW", 10)  # seconds
CHAT_NOTIFY_DELAY = env_int("CHAT_NOTIFY_DELAY", 300)  # seconds before an unread-messages email
MENTORSHIP_REQUEST_EXPIRY_DAYS = env_int("MENTORSHIP_REQUEST_EXPIRY_DAYS", 14)
MENTORSHIP_MAX_PENDING = env_int("MENTORSHIP_MAX_PENDING", 3)

# --- Security (production is DEBUG off behind TLS) ---------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# backend/core/security.py: scripts and styles from our own origin only, no inline code.
CONTENT_SECURITY_POLICY = env_str("CONTENT_SECURITY_POLICY", "") or None
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
