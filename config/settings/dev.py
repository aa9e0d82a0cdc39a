"""Development: debug on, a fixed local secret, the demo app installed."""

from .base import *  # noqa: F403
from .base import env, env_bool, env_list, served_host

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env.get("SECRET_KEY", "dev-only-not-secret-6Jq0b1kJ")  # noqa: S105
# `make run HOST=192.168.1.20` (to try the site on a phone) answers on that address too.
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", f"127.0.0.1,localhost,[::1],testserver,{served_host(env)}"
)
# The demo app (load_demo and its admin login) exists only here, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
