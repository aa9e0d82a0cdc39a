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
import uuid
from datetime import datetime
from pathlib import Path

import recurrence
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models.sql import InsertQuery
from django.utils import timezone
from wagtail.models import Locale, Page

from events.models import EventIndexPage, EventPage, EventSchedule, Occurrence
from events.schedule import site_zone
from events.services import generate_first_dates
from home import invalidation
from home.db_statistics import refresh_statistics
from home.models import HomePage

BATCH = 500


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
    """Insert `EventPage`s below `calendar` in bulk: the tree's paths are
    computed here, the page rows and the event rows are two bulk inserts per
    batch. Returns the new events."""
    calendar.refresh_from_db()
    content_type = ContentType.objects.get_for_model(EventPage)
    position = calendar.numchild
    last = calendar.get_last_child()
    if last is not None:
        position = int(last.path[-Page.steplen :], 36)
    events = []
    for item in items:
        position += 1
        start = _local(item["start"])
        events.append(
            EventPage(
                title=item["title"],
                draft_title=item["title"],
                slug=item["slug"],
                path=Page._get_path(calendar.path, calendar.depth + 1, position),
                depth=calendar.depth + 1,
                numchild=0,
                url_path=f"{calendar.url_path}{item['slug']}/",
                locale_id=calendar.locale_id,
                translation_key=uuid.uuid4(),
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                start=start,
                end=_local(item["end"]) if item.get("end") else start,
                recurrence=_rule(item),
                languages="nl",
            )
        )
    for first in range(0, len(events), BATCH):
        batch = events[first : first + BATCH]
        # Multi-table inheritance: Django's bulk_create refuses, so the page rows
        # go in through Page and the event rows through an insert of their own.
        bases = Page.objects.bulk_create([_base(event) for event in batch])
        for event, base in zip(batch, bases, strict=True):
            event.pk = event.page_ptr_id = base.pk
            event.id = base.pk
        query = InsertQuery(EventPage)
        query.insert_values(EventPage._meta.local_concrete_fields, batch)
        query.get_compiler(connection=connection).execute_sql()
    Page.objects.filter(pk=calendar.pk).update(numchild=position)
    return events


def _base(event):
    values = {f.attname: getattr(event, f.attname) for f in Page._meta.concrete_fields}
    values.pop("id", None)
    return Page(**values)


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
