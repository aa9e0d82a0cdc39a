"""Load a benchmark calendar (the format of the shared `events-*.json` data
sets: `anchor`, `events` with `slug`, `title`, `start`, `end`, `repeat`,
`repeat_until`) as a calendar page with its events and their dates, quickly:
pages are inserted in bulk (no revisions, no search indexing), dates take the
bulk path of `events.services.generate_first_dates`, and the page cache is
emptied once at the end (`home.invalidation.paused`).

    manage.py load_bench_events events-1000.json [--slug bench-agenda] [--replace]

Times in the file are local wall-clock times, read in the site's zone. The
dates are generated as of the file's `anchor` (09:00), so a data set gives the
same dates whenever it is loaded. Prints how long each step took.
"""

import json
import time
from datetime import datetime
from pathlib import Path

import recurrence
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from events.models import EventIndexPage, EventPage, EventSchedule, Occurrence
from events.schedule import site_zone
from events.services import generate_first_dates
from home import invalidation
from home.bulk_pages import bulk_add_pages
from home.db_statistics import refresh_statistics
from home.models import HomePage


def _local(text):
    return datetime.fromisoformat(text).replace(tzinfo=site_zone())


def _rule(item):
    if not item.get("repeat"):
        return None
    rule = item["repeat"]
    if not rule.upper().startswith("RRULE"):
        rule = f"RRULE:{rule}"
    if item.get("repeat_until"):
        until = datetime.fromisoformat(item["repeat_until"]).strftime("%Y%m%dT235959")
        rule = f"{rule};UNTIL={until}"
    return recurrence.deserialize(rule)


def _calendar(parent, slug, replace):
    calendar = EventIndexPage.objects.child_of(parent).filter(slug=slug).first()
    if calendar is not None and replace:
        keys = list(EventPage.objects.child_of(calendar).values_list("translation_key", flat=True))
        calendar.delete()
        # Deleting a live event unpublishes it first, which regenerates its
        # dates while the rows are still there: remove what that left behind.
        Occurrence.objects.filter(event_key__in=keys).delete()
        EventSchedule.objects.filter(event_key__in=keys).delete()
        parent.refresh_from_db()
        calendar = None
    if calendar is None:
        calendar = EventIndexPage(title="Benchmark", slug=slug, per_page=20)
        parent.add_child(instance=calendar)
        calendar.save_revision().publish()
    return calendar


def bulk_add_events(calendar, items, now):
    """Insert `EventPage`s below `calendar` in bulk (`home.bulk_pages`).
    Returns the new events."""
    events = []
    for item in items:
        start = _local(item["start"])
        events.append(
            EventPage(
                title=item["title"],
                slug=item["slug"],
                start=start,
                end=_local(item["end"]) if item.get("end") else start,
                recurrence=_rule(item),
                languages="nl",
            )
        )
    return bulk_add_pages(calendar, events, now)


class Command(BaseCommand):
    help = "Load a benchmark data set of events (events-*.json) into a calendar of its own."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A data set such as ../shared/bench/events-1000.json")
        parser.add_argument("--slug", default="bench-agenda", help="The calendar's slug.")
        parser.add_argument(
            "--replace", action="store_true", help="Delete that calendar first if it exists."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = json.loads(path.read_text())
            items = data["events"]
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        anchor = data.get("anchor")
        now = (
            datetime.fromisoformat(anchor).replace(hour=9, tzinfo=site_zone())
            if anchor
            else timezone.now()
        )
        parent = HomePage.objects.filter(locale=Locale.get_default()).order_by("depth").first()
        if parent is None:
            raise CommandError("No home page in the default language: load the site first.")
        started = time.perf_counter()
        with invalidation.paused(), transaction.atomic():
            calendar = _calendar(parent, options["slug"], options["replace"])
            taken = set(EventPage.objects.child_of(calendar).values_list("slug", flat=True))
            items = [item for item in items if item["slug"] not in taken]
            events = bulk_add_events(calendar, items, now)
            pages_done = time.perf_counter()
            generate_first_dates(events, now=now)
        refresh_statistics(Page, EventPage, Occurrence, EventSchedule)
        done = time.perf_counter()
        if options["verbosity"]:
            self.stdout.write(
                f"Loaded {len(events)} events into {calendar.url_path} in "
                f"{done - started:.1f} s (pages {pages_done - started:.1f} s, "
                f"dates {done - pages_done:.1f} s)."
            )
