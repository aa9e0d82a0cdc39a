"""`make bench`: render times, query counts and throughput, in one table.

1. A fresh SQLite database (in a temporary folder) gets the demo content
   (`load_demo` in its own process, then once more: its CPU seconds are rows).
2. Every `bench_<area>.py` module here builds its own data and measures its
   pages with Django's test client (median of 7 after a warm-up, DEBUG off).
3. The same database is then served by gunicorn with production settings and
   the page cache on, and a separate load process measures requests/second on
   loopback for the pages the modules listed, each as a ratio of a static
   file's rate (the practical ceiling), the two measured in turns, and runs
   the modules' checks that need the real server (a crowd registering at once).

Results are printed and written to bench-results.json in the project root.
Set DATABASE_URL to run against PostgreSQL instead of SQLite, and REDIS_URL to
share the page cache between the server's workers through Redis, as in
production (`DATABASE_URL=postgres://… REDIS_URL=redis://… make bench`).
"""

import importlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="bench-"))
ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    "DEBUG": "false",
    "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{WORKDIR / 'bench.sqlite3'}"),
    "MEDIA_ROOT": str(WORKDIR / "media"),
    "STATIC_ROOT": str(WORKDIR / "static"),
    # PostgreSQL and Redis when given (the production setup), else SQLite and
    # each process's own memory.
    "REDIS_URL": os.environ.get("REDIS_URL", ""),
    "CACHE_KEY_PREFIX": f"bench-{os.getpid()}",
}
os.environ.update(ENV)


def load_demo(bench):
    """`load_demo` into the fresh database, then again with nothing to change,
    each in its own process as a developer runs it; the row's figure is the
    process's CPU time (user + sys, as `/usr/bin/time` counts it)."""
    from tests.bench.harness import Row

    bench.area = "demo"
    for case, target in (
        ("load_demo, fresh database", "<= 20 CPU-s"),
        ("load_demo again, nothing to change", "<= 5 CPU-s"),
    ):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "load_demo", "-v0"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        note = f"{cpu:.1f} CPU-s, {wall:.1f} s wall"
        bench.add(Row("demo", case, round(cpu * 1000), None, 1, note, target))
        print(f"… {case}: {note}", flush=True)


def render_benchmarks():
    import django

    from config.runtime import tune_allocator, tune_garbage_collector

    # As the production server runs (config.wsgi).
    tune_allocator()
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    tune_garbage_collector()

    from tests.bench.harness import Bench

    call_command("migrate", "--no-input", verbosity=0)
    bench = Bench()
    load_demo(bench)
    if connection.vendor == "postgresql":
        # Statistics of the demo's tables, as autovacuum would have them soon
        # (a server may run with it off); each bench does the same after its
        # own data.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    bench.throughput_urls = []
    bench.server_checks = []  # functions(base_url, headers) -> rows, run with the server up
    only = set(sys.argv[1:])
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        area = path.stem.removeprefix("bench_")
        if only and area not in only:
            continue
        module = importlib.import_module(f"tests.bench.{path.stem}")
        bench.area = area
        print(f"… {area}", flush=True)
        module.run(bench)
    return bench


@contextmanager
def served(workers):
    """The bench's database served by gunicorn with production settings and
    `workers` worker processes; yields its base URL and the master's pid."""
    from tests.support import free_port, port_answers

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-" + "x9Kq2Lm7Np4Rt1Vw8Yb5Cd3Fg6Hj0Zs" * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "PAGE_CACHE_SECONDS": "600",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": "4",
        # No worker is replaced during the run: a new one starts cold, and its
        # warming up would read as growth between the memory readings (and a
        # leak could hide behind the replacements).
        "GUNICORN_MAX_REQUESTS": "0",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-c",
            "gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not port_answers(port):
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.3)
        base = f"http://127.0.0.1:{port}"
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=20)


THROUGHPUT_ROUNDS = 4


def throughput(bench, seconds=5.0):
    from django.db import connection

    from tests.bench.harness import Row
    from tests.bench.load import hammer

    if connection.vendor == "postgresql":
        # What autovacuum would do after the benches' imports, done now rather
        # than in the middle of a throughput measurement.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    # The browser-facing headers a proxy would add; HTTPS is terminated in front.
    headers = {"X-Forwarded-Proto": "https"}
    with served(workers=2) as (base, _server_pid):
        from django.templatetags.static import static

        static_url = base + static("css/site.css")
        rates = []

        def static_rate(seconds=seconds):
            """The static file's rate now, the ceiling of what follows."""
            rate, _ = hammer(static_url, seconds, headers=headers)
            rates.append(rate)
            bench.static_rps = rate  # the server checks' ceiling too
            return rate

        for case, url in bench.throughput_urls:
            hammer(base + url, 1.0, headers=headers)  # fill the page cache
            # The shared machine's speed drifts within seconds (a vacuum, a
            # neighbour): the page and the static file take turns, and each
            # round's ratio compares two neighbouring measurements.
            rounds = []
            for _ in range(THROUGHPUT_ROUNDS):
                static_rps = static_rate(seconds / THROUGHPUT_ROUNDS * 2)
                rps, errors = hammer(base + url, seconds / THROUGHPUT_ROUNDS * 2, headers=headers)
                rounds.append((rps / static_rps, rps, static_rps, errors))
            # The lower middle of the rounds: of two middle values, the worse.
            ratio, rps, static_rps, _ = sorted(rounds)[(len(rounds) - 1) // 2]
            errors = sum(r[3] for r in rounds)
            note = (
                f"{rps:.0f} req/s = {ratio:.0%} of static ({static_rps:.0f}), median of "
                f"{THROUGHPUT_ROUNDS} alternating rounds ("
                + ", ".join(f"{r[0]:.0%}" for r in rounds)
                + ")"
                + (f", {errors} errors" if errors else "")
            )
            bench.add(
                Row(
                    "throughput",
                    f"{case} (cached)",
                    round(1000 / rps, 2),
                    None,
                    0,
                    note,
                    ">= 80% of static",
                )
            )
        for check in bench.server_checks:
            static_rate()
            for row in check(base, headers):
                bench.add(row)
        if rates:
            bench.add(
                Row(
                    "throughput",
                    "static file (whitenoise), measured in turns with the above",
                    round(1000 / (sum(rates) / len(rates)), 2),
                    None,
                    len(rates),
                    f"{min(rates):.0f}–{max(rates):.0f} req/s",
                    "ceiling",
                )
            )
    # A reading "after 10,000 requests" is a worker's after 10,000 of its own:
    # one worker serves them all. With the two above, each had served about
    # half, and a reading called 20,000 was a worker's after 10,000.
    with served(workers=1) as (base, server_pid):
        _memory(bench, server_pid, base, headers)


def _memory(bench, server_pid, base, headers):
    """The worker's resident memory after 10,000, 20,000 and 30,000 mixed requests."""
    from tests.bench.harness import Row
    from tests.bench.memory import worker_memory

    urls = [url for _case, url in bench.throughput_urls] or ["/nl/"]
    readings = worker_memory(server_pid, base, urls, headers)
    for requests, memory, errors in readings:
        largest = max(memory.values(), default=0.0)
        note = ", ".join(f"{mb:.0f} MB" for mb in memory.values()) + (
            f"; {errors} server errors" if errors else ""
        )
        bench.add(
            Row("memory", f"worker RSS after {requests:,} mixed requests", largest, None, 0, note)
        )
    for (before_count, before, _), (after_count, after, _) in pairwise(readings):
        growth = max((after[pid] - before.get(pid, after[pid]) for pid in after), default=0.0)
        bench.add(
            Row(
                "memory",
                f"growth from {before_count:,} to {after_count:,} requests",
                round(growth, 1),
                None,
                0,
                "MB, one worker (4 threads) serving every request",
                "no growth",
            )
        )


def main():
    from tests.bench.harness import as_json, table

    bench = render_benchmarks()
    if os.environ.get("BENCH_SKIP_THROUGHPUT") != "1":
        throughput(bench)
    print()
    print(table(bench.rows))
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "database": os.environ["DATABASE_URL"].split(":", 1)[0],
        "cache": "redis" if os.environ.get("REDIS_URL") else "process memory",
        "rows": as_json(bench.rows),
    }
    (ROOT / "bench-results.json").write_text(json.dumps(result, indent=2))
    print(f"\nWritten to {ROOT / 'bench-results.json'}")


if __name__ == "__main__":
    main()
