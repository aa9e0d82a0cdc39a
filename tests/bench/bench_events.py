"""The event engine on the shared synthetic calendars (`make bench AREAS=events`).

Each data set of ../shared/bench/ named in EVENTS_BENCH_FILES (default
events-1000.json and events-10000.json) is loaded with `manage.py
load_bench_events` into a calendar of its own, then the bench times date
generation, a regeneration with nothing changed (first set only: it is the
daily cron job, one transaction per event), the calendar page, a filtered
view, the month view, a recurring event page, its .ics, and the calendar's
iCal feed — cold, again (the stored body) and as a conditional request (304)
— server time through Django's test client, as the published Wagtail CRX
figures were measured: the feeds median of 7 after a warm-up, the pages taken
in turns across the data sets (`_time_pages`), so that 1,000 and 10,000 events
are compared over the same minutes. "Now" is the file's anchor date, so the
figures do not drift.

The first set goes into the bench database itself (the throughput phase
serves its pages). The others get a database of their own, made once from the
bench database and kept for the next run: a file under `.bench-cache/` on
SQLite, a database named `<bench database>_<set>_<key>` on PostgreSQL. The key
covers the data set, the migrations and the loader, so a change to any of them
loads again.
"""

import contextlib
import hashlib
import io
import json
import os
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from events.models import EventPage, EventSchedule, Occurrence
from events.schedule import site_zone
from events.services import extend_all_occurrences
from home import invalidation
from tests.bench.harness import Row
from tests.bench.memory import megabytes, status

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(os.environ.get("EVENTS_BENCH_DIR", ROOT.parent / "shared" / "bench"))
BENCH_FILES = os.environ.get("EVENTS_BENCH_FILES", "events-1000.json events-10000.json").split()
CACHE_DIR = ROOT / ".bench-cache"
CRX = {  # Wagtail CRX 6.0.0 on events-1000.json (../shared/bench/README.md)
    "calendar page": "CRX 1,083 ms / 2,046 q",
    "calendar iCal, cold": "CRX 1,480 ms / 3,003 q",
    "event page (recurring)": "CRX 21 ms / 44 q",
    "event .ics": "CRX 7 ms / 3 q",
}
TARGETS = {
    "calendar page": "<= 50 ms, flat",
    "calendar page, every date": "<= 50 ms, flat",
    "filtered view": "<= 50 ms, flat",
    "month view": "<= 50 ms, flat",
    "month view, a full month": "<= 50 ms, flat",
    "event page (recurring)": "<= 50 ms, flat",
    "event .ics": "<= 7 ms, <= 5 q",
    "calendar iCal, cold": "<= 100 ms at 1,000; <= 600 at 10,000",
    "filtered iCal, cold": "<= 100 ms at 1,000; <= 600 at 10,000",
    "calendar iCal, stored body": "<= 20 ms",
    "calendar iCal, 304": "<= 5 ms",
}
LOADER_SOURCES = [
    ROOT / "events" / "management" / "commands" / "load_bench_events.py",
    ROOT / "events" / "services.py",
    ROOT / "events" / "schedule.py",
]


def _key(data_file):
    digest = hashlib.sha256(data_file.read_bytes())
    for path in sorted(ROOT.glob("*/migrations/*.py")) + LOADER_SOURCES:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _load(data_file):
    out = io.StringIO()
    call_command("load_bench_events", str(data_file), "--replace", stdout=out)
    return out.getvalue().strip()


def _switch(name):
    connection.close()
    connection.settings_dict["NAME"] = name
    cache.clear()


@contextlib.contextmanager
def _own_database(data_file):
    """Switch the default connection to a database holding the bench data plus
    `data_file`'s calendar (made and kept on first use); yields the loader's
    message, or None when the kept one was used."""
    home = connection.settings_dict["NAME"]
    key = _key(data_file)
    message = None
    if connection.vendor == "sqlite":
        CACHE_DIR.mkdir(exist_ok=True)
        kept = CACHE_DIR / f"{data_file.stem}-{key}.sqlite3"
        work = Path(tempfile.mkdtemp(prefix="bench-events-")) / "db.sqlite3"
        connection.close()
        if kept.exists():
            shutil.copyfile(kept, work)
            _switch(str(work))
        else:
            for old in CACHE_DIR.glob(f"{data_file.stem}-*.sqlite3"):
                old.unlink()
            shutil.copyfile(home, work)
            _switch(str(work))
            message = _load(data_file)
            connection.close()
            shutil.copyfile(work, kept)
        try:
            yield message
        finally:
            _switch(home)
            shutil.rmtree(work.parent, ignore_errors=True)
        return
    prefix = f"{home}_{data_file.stem.replace('-', '_')}_"[:50]
    name = prefix + key
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix + "%"])
        existing = [row[0] for row in cursor.fetchall()]
    connection.close()
    with connection._nodb_cursor() as cursor:
        for old in existing:
            if old != name:
                cursor.execute(f'DROP DATABASE "{old}"')
        if name not in existing:
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{home}"')
    _switch(name)
    if name not in existing:
        try:
            message = _load(data_file)
        except BaseException:
            _switch(home)
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE "{name}"')
            raise
    try:
        yield message
    finally:
        _switch(home)


def _calendar_path():
    return (
        EventPage.objects.filter(slug__startswith="recurring-").first().path[: -EventPage.steplen]
    )


# The pages are timed in turns across the data sets (ROUNDS rounds, each set
# warmed up and rendered PER_ROUND times per page in each round, the order of
# the sets reversed every other round): "flat" compares a page at 1,000 and at
# 10,000 events within 20 %, and the shared machine's speed drifts by more than
# that within minutes, so each set's figure is taken over the same stretch of
# time as the others' rather than minutes apart.
ROUNDS = 4
PER_ROUND = 3


@dataclass
class DataSet:
    label: str
    anchor: datetime
    database: str
    pages: list = field(default_factory=list)  # (url, Row to fill in)


def _prepare(bench, data, size, first):
    """Generate the set's dates (timed), then time its feeds; its pages are
    listed with rows to fill in (`_time_pages`). Returns (DataSet, recurring page)."""
    anchor = datetime.fromisoformat(data["anchor"]).replace(hour=9, tzinfo=site_zone())
    label = f"{size:,} events"
    dataset = DataSet(label, anchor, connection.settings_dict["NAME"])
    with mock.patch.object(timezone, "now", lambda: anchor):
        bench_events = EventPage.objects.filter(path__startswith=_calendar_path())
        # Emptied as a bulk job would, with the page cache's row-by-row rules
        # paused (100,000 deletions, each asking which pages show it).
        with invalidation.paused():
            Occurrence.objects.filter(event__in=bench_events).delete()
            EventSchedule.objects.filter(event__in=bench_events).delete()
        _reset_peak_memory()
        row = bench.time(
            f"generate all dates, {label}", extend_all_occurrences, target="<= 60 s, <= 500 MB"
        )
        row.note = f"{Occurrence.objects.count():,} dates; {_peak_memory()}"
        if first:
            bench.time(f"regenerate, nothing changed, {label}", extend_all_occurrences)
        _settle()
        recurring = EventPage.objects.filter(slug__startswith="recurring-weekly").first()
        ical = recurring.url + recurring.reverse_subpage("ical")
        full = (anchor.replace(day=1) + timedelta(days=31)).date()
        cases = [
            ("calendar page", "/nl/bench-agenda/"),
            ("calendar page, every date", "/nl/bench-agenda/?dates=all"),
            ("filtered view", "/nl/bench-agenda/?when=month&mode=onsite&language=nl"),
            ("month view", f"/nl/bench-agenda/maand/{anchor.year}/{anchor.month}/"),
            # The anchor's month holds its last week only; the next one is full.
            ("month view, a full month", f"/nl/bench-agenda/maand/{full.year}/{full.month}/"),
            ("event page (recurring)", recurring.url),
            ("event .ics", ical),
        ]
        for case, url in cases:
            row = Row(
                bench.area,
                f"{case}, {label}",
                0,
                None,
                0,
                CRX.get(case, url) if first else url,
                TARGETS.get(case, ""),
            )
            bench.add(row)
            dataset.pages.append((url, row))
        for case, url in [
            ("calendar iCal", "/nl/bench-agenda/ical/"),
            ("filtered iCal", "/nl/bench-agenda/ical/?mode=onsite&language=nl"),
        ]:
            _feed(bench, case, url, label, first)
    return dataset, recurring


def _time_pages(bench, datasets):
    """Fill in every set's page rows, timed in turns (see ROUNDS): server time
    through the test client, median of ROUNDS × PER_ROUND, each round after a
    warm-up (a switch of database empties the cache); for the sets after the
    first, the note says how each page compares with the first set's."""
    timings = {id(row): [] for dataset in datasets for _url, row in dataset.pages}
    for number in range(ROUNDS):
        for dataset in datasets if number % 2 == 0 else datasets[::-1]:
            _switch(dataset.database)
            with mock.patch.object(timezone, "now", lambda anchor=dataset.anchor: anchor):
                for url, row in dataset.pages:
                    bench.warm_up(url)
                    for _ in range(PER_ROUND):
                        elapsed, row.queries = bench.timed_get(url)
                        timings[id(row)].append(elapsed)
    first = datasets[0]
    for dataset in datasets:
        for (_url, row), (_, base) in zip(dataset.pages, first.pages, strict=True):
            row.median_ms = round(statistics.median(timings[id(row)]), 1)
            row.runs = len(timings[id(row)])
            if dataset is not first:
                row.note += f"; {row.median_ms / base.median_ms - 1:+.0%} against {first.label}"


def _reset_peak_memory():
    """Start the process's peak resident memory (VmHWM) again from what it
    holds now (Linux: `/proc/self/clear_refs`, 5)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_memory():
    """The process's peak resident memory since `_reset_peak_memory`. It is
    the bench's whole process (Django, the demo and the data sets it built),
    so more than a `manage.py` job doing the same would hold: an upper bound."""
    fields = status()
    if "VmHWM" not in fields:
        return "peak memory not measured (no /proc)"
    peak, now = megabytes(fields, "VmHWM"), megabytes(fields, "VmRSS")
    return f"peak RSS {peak:.0f} MB (the bench's process; {now:.0f} MB after)"


def _settle():
    """On PostgreSQL, what autovacuum does within a minute of 100,000 new
    dates (statistics, the visibility map), done before the pages are timed
    rather than in the middle of them, on the same two cores."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Occurrence, EventSchedule, EventPage):
            cursor.execute("VACUUM ANALYZE " + connection.ops.quote_name(model._meta.db_table))


def _feed(bench, case, url, label, first):
    """The feed cold (the stored body emptied before each run), again (the
    stored body, `home.conditional`), and to a client that has it (304) —
    with the page cache on, as in production (the cache answers before the
    session, locale and page lookup), and off (the view's own stored body and
    304, the path when the cache is down or skipped)."""
    timings = []
    for _ in range(5):
        cache.clear()
        start = time.perf_counter()
        response = bench.client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    note = f"{len(response.content) // 1024} KB" + (
        f"; {CRX[case + ', cold']}" if first and f"{case}, cold" in CRX else ""
    )
    bench.add(
        Row(
            bench.area,
            f"{case}, cold, {label}",
            round(timings[2], 1),
            None,
            5,
            note,
            TARGETS.get(f"{case}, cold", ""),
        )
    )
    for cached, seconds in (("page cache", 600), ("page cache off", 0)):
        with override_settings(PAGE_CACHE_SECONDS=seconds):
            # (Storing a page sets tag versions that a cleared cache lacked,
            # which the ETag holds: ask for it in each mode.)
            etag = bench.client.get(url)["ETag"]
            row = bench.render(
                f"{case}, stored body ({cached}), {label}",
                url,
                target=TARGETS["calendar iCal, stored body"],
            )
            row.note = url
            bench.client.defaults["HTTP_IF_NONE_MATCH"] = etag
            try:
                row = bench.render(
                    f"{case}, 304 ({cached}), {label}",
                    url,
                    target=TARGETS["calendar iCal, 304"],
                    expect_status=304,
                )
                row.note = url
            finally:
                bench.client.defaults.pop("HTTP_IF_NONE_MATCH", None)


def run(bench):
    recurring = None
    datasets = []
    home = connection.settings_dict["NAME"]
    with contextlib.ExitStack() as kept:
        for position, name in enumerate(BENCH_FILES):
            data_file = BENCH_DIR / name
            data = json.loads(data_file.read_text())
            size = len(data["events"])
            if position == 0:
                start = time.perf_counter()
                message = _load(data_file)
                bench.add(
                    Row(
                        bench.area,
                        f"load {size:,} events",
                        round((time.perf_counter() - start) * 1000),
                        None,
                        1,
                        message,
                    )
                )
                dataset, recurring = _prepare(bench, data, size, first=True)
            else:
                # Kept until every set's pages are timed, then removed.
                message = kept.enter_context(_own_database(data_file))
                note = message or f"kept database of an earlier run ({_key(data_file)})"
                bench.add(
                    Row(bench.area, f"load {size:,} events", 0, None, int(bool(message)), note)
                )
                dataset, _ = _prepare(bench, data, size, first=False)
                _switch(home)
            datasets.append(dataset)
        _time_pages(bench, datasets)
        _switch(home)
    if recurring is not None:
        bench.throughput_urls += [
            ("calendar page", "/nl/bench-agenda/"),
            ("event page", recurring.url),
        ]
