"""WSGI entry point (gunicorn config.wsgi)."""

import functools
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

from config.runtime import (
    release_free_memory_now_and_then,
    trim_seconds,
    tune_allocator,
    tune_garbage_collector,
)

tune_allocator()  # before the app loads: everything it allocates then follows
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

application = get_wsgi_application()
tune_garbage_collector()
seconds = trim_seconds()  # read now: a wrong MALLOC_TRIM_SECONDS stops the start
if seconds:
    request_finished.connect(
        functools.partial(release_free_memory_now_and_then, seconds),
        weak=False,
        dispatch_uid="release-free-memory",
    )
