"""The event engine on the shared synthetic calendars (`make bench AREAS=events`).

Loads ../shared/bench/events-1000.json (1,000 events, 200 recurring weekly or
monthly for 18 months; EVENTS_BENCH_FILE=events-100.json for the small one) into
a calendar of its own, then times full occurrence generation, a regeneration
with nothing changed, the calendar page, a filtered view, the month view, a
recurring event page and the whole-calendar iCal feed — server time through
Django's test client, median of 7 after a warm-up, as the published Wagtail CRX
figures were measured. Times in the file are local wall-clock times, read in
the site's zone; "now" is the file's anchor date, so the figures do not drift.
"""

import json
import os
from datetime import datetime
from pathlib import Path
from unittest import mock

import recurrence
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventIndexPage, EventPage, Occurrence
from events.schedule import site_zone
from events.services import extend_all_occurrences
from home.models import HomePage

BENCH_DIR = Path(
    os.environ.get("EVENTS_BENCH_DIR", Path(__file__).resolve().parents[3] / "shared" / "bench")
)
BENCH_FILE = os.environ.get("EVENTS_BENCH_FILE", "events-1000.json")
CRX = {  # Wagtail CRX 6.0.0 on the same data (../shared/bench/README.md)
    "calendar page": "CRX 1,083 ms / 2,046 q",
    "calendar iCal": "CRX 1,480 ms / 3,003 q",
    "event page (recurring)": "CRX 21 ms / 44 q",
}
TARGETS = {
    "calendar page": "< 50 ms, <= 15 q",
    "calendar iCal": "< 150 ms",
    "event page (recurring)": "<= 21 ms / 44 q",
}


def _local(text):
    return datetime.fromisoformat(text).replace(tzinfo=site_zone())


def _load(data):
    home = HomePage.objects.get(locale=Locale.objects.get(language_code="nl"), depth=2)
    calendar = EventIndexPage(title="Benchmark", slug="bench-agenda", per_page=20)
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


def run(bench):
    data = json.loads((BENCH_DIR / BENCH_FILE).read_text())
    anchor = datetime.fromisoformat(data["anchor"]).replace(hour=9, tzinfo=site_zone())
    with mock.patch.object(timezone, "now", lambda: anchor):
        bench.time(f"load {len(data['events'])} events ({BENCH_FILE})", lambda: _load(data))
        Occurrence.objects.all().delete()
        row = bench.time("generate all occurrences", extend_all_occurrences, target="< 5 s")
        row.note = f"{Occurrence.objects.count()} occurrences"
        bench.time("regenerate, nothing changed", extend_all_occurrences)
        recurring = EventPage.objects.filter(slug__startswith="recurring-weekly").first()
        for case, url in [
            ("calendar page", "/nl/bench-agenda/"),
            ("calendar page, every date", "/nl/bench-agenda/?dates=all"),
            ("filtered view", "/nl/bench-agenda/?when=month&mode=onsite&language=nl"),
            ("month view", f"/nl/bench-agenda/maand/{anchor.year}/{anchor.month}/"),
            ("event page (recurring)", recurring.url),
            ("calendar iCal", "/nl/bench-agenda/ical/"),
        ]:
            row = bench.render(case, url, target=TARGETS.get(case, ""))
            row.note = CRX.get(case, url)
    bench.throughput_urls += [
        ("calendar page", "/nl/bench-agenda/"),
        ("event page", recurring.url),
    ]
