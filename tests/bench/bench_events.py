"""Benchmark of the event engine on the shared synthetic calendars.

Run: .venv/bin/pytest -s tests/bench/bench_events.py [--bench-file=events-100.json]
(named bench_*, so `make test` does not collect it).

Loads /work/shared/bench/events-1000.json (1,000 events, 200 recurring weekly or
monthly for 18 months), then times — median of 7 after a warm-up, server time
through Django's test client, like the published Wagtail CRX figures — full
occurrence generation, the calendar page, a filtered view, a recurring event page
and the whole-calendar iCal feed, and prints query counts. Times in the file are
local wall-clock times; they are read in the site's zone (Europe/Amsterdam).
"""

import json
import os
import statistics
import time
from datetime import datetime
from pathlib import Path

import pytest
import recurrence
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventIndexPage, EventPage, Occurrence
from events.schedule import site_zone
from events.services import extend_all_occurrences

BENCH_DIR = Path(os.environ.get("EVENTS_BENCH_DIR", "/work/shared/bench"))
BENCH_FILE = os.environ.get("EVENTS_BENCH_FILE", "events-1000.json")
CRX = {
    "calendar page": (1083, 2046),
    "calendar iCal": (1480, 3003),
    "event page (recurring)": (21, 44),
}


def _local(text):
    return datetime.fromisoformat(text).replace(tzinfo=site_zone())


def _load(site_tree, data):
    home = site_tree["home"]
    calendar = EventIndexPage(title="Agenda", slug="agenda", per_page=20)
    home.add_child(instance=calendar)
    calendar.save_revision().publish()
    for item in data["events"]:
        rule = ""
        if item["repeat"]:
            until = datetime.fromisoformat(item["repeat_until"]).strftime("%Y%m%dT235959")
            rule = f"{item['repeat']};UNTIL={until}"
        page = EventPage(
            title=item["title"],
            slug=item["slug"],
            start=_local(item["start"]),
            end=_local(item["end"]),
            recurrence=recurrence.deserialize(rule) if rule else None,
            languages="nl",
            live=True,
        )
        calendar.add_child(instance=page)  # no revision: generation is timed below
    return calendar


def _measure(client, url, runs=7):
    client.get(url)
    times, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
        queries.append(len(captured))
    return statistics.median(times), max(queries), response


@pytest.fixture
def tree_root(db):
    """Wagtail's root page (made by its migrations; missing with --nomigrations)."""
    from wagtail.models import Locale, Page

    if Page.get_first_root_node() is None:
        Locale.objects.get_or_create(language_code="nl")
        Page.add_root(title="Root", slug="root")


@pytest.mark.django_db(transaction=True)
def test_benchmark(tree_root, site_tree, client, monkeypatch):
    data = json.loads((BENCH_DIR / BENCH_FILE).read_text())
    anchor = datetime.fromisoformat(data["anchor"]).replace(hour=9, tzinfo=site_zone())
    monkeypatch.setattr(timezone, "now", lambda: anchor)
    started = time.perf_counter()
    _load(site_tree, data)
    load_s = time.perf_counter() - started

    Occurrence.objects.all().delete()
    started = time.perf_counter()
    count = extend_all_occurrences()
    generate_s = time.perf_counter() - started
    occurrences = Occurrence.objects.count()
    started = time.perf_counter()
    extend_all_occurrences()
    regenerate_s = time.perf_counter() - started

    recurring = EventPage.objects.filter(slug__startswith="recurring-weekly").first()
    rows = [
        ("calendar page", "/nl/agenda/"),
        ("filtered view", "/nl/agenda/?when=month&mode=onsite&language=nl"),
        ("month view", f"/nl/agenda/month/{anchor.year}/{anchor.month}/"),
        ("event page (recurring)", recurring.url),
        ("calendar iCal", "/nl/agenda/ical/"),
    ]
    print()
    print(f"Data: {BENCH_FILE}: {len(data['events'])} events; loaded in {load_s:.1f} s")
    print(
        f"Occurrence generation for {count} events: {generate_s:.2f} s "
        f"({occurrences} occurrences); regeneration with nothing changed: {regenerate_s:.2f} s"
    )
    print(f"{'view':28} {'median ms':>10} {'queries':>8}   CRX ms / queries")
    results = {}
    for name, url in rows:
        ms, queries, response = _measure(client, url)
        results[name] = (ms, queries, response)
        crx = CRX.get(name)
        crx_text = f"{crx[0]:,} / {crx[1]:,}" if crx else "–"
        print(f"{name:28} {ms:10.1f} {queries:8d}   {crx_text}")
    assert generate_s < 5
    feed = results["calendar iCal"][2].content
    assert feed.count(b"BEGIN:VEVENT") >= count // 2
