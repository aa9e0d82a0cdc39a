"""gunicorn settings for production: `gunicorn config.wsgi` reads this file.

Every value can be changed from the environment without editing the file.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never grows without bound. Not
# often: a new worker starts with an empty process cache (the page cache itself
# without Redis, the per-generation values), and its first pages are misses. A
# worker's memory stays flat once its caches are full (`make bench`, which
# runs without replacement and reads a worker's memory three times).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
# The reverse proxy in front sets X-Forwarded-For/-Proto; trust only it.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
preload_app = True
