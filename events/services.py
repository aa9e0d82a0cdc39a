"""Rules with side effects for events: materialising occurrences, keeping a date's
history, per-date exceptions, and resolving an event's source page.

Views, signal handlers, admin views and the `extend_occurrences` command call
these functions; nothing else writes `Occurrence` or `EventSchedule` rows.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, timedelta

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from events.hooks import dates_changed, dates_kept
from events.models import EventPage, EventSchedule, Occurrence, OccurrenceException, horizon_days
from events.schedule import combine, expand, to_aware, to_local
from home.db_statistics import refresh_statistics
from home.i18n import source_version


def source_event(page):
    """The version of an event that its dates come from: `home.i18n.source_version`.

    Its translations share its `translation_key`; their start, end, recurrence
    and venue are synchronised from it, so generating from it alone gives every
    language the same dates."""
    return source_version(page, model=EventPage)


@dataclass
class RegenerationReport:
    """What a regeneration did, for the editor's message and the Occurrences view."""

    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept: list = field(default_factory=list)  # ISO datetimes kept as cancelled
    unmatched: list = field(default_factory=list)  # ISO dates of exceptions matching no date
    sequence: int = 0
    # What visitors were last shown, to notice a changed link or venue next time.
    online_url: str = ""
    venue_id: int | None = None

    def as_dict(self):
        return asdict(self)


@dataclass
class DateChange:
    """One date that changed in a way people who planned around it must hear
    about (`events.hooks.DATES_CHANGED`): `occurrence` as it is now, `before`
    its start, end, venue and status before, `what` a set of "cancelled",
    "time", "venue", "online"."""

    occurrence: Occurrence
    before: dict
    what: set = field(default_factory=set)


def _before(occurrence):
    return {
        "start": occurrence.start,
        "end": occurrence.end,
        "venue_id": occurrence.venue_id,
        "status": occurrence.status,
        # The key calendars knew the date by (it changes when the rule's time does).
        "original_start": occurrence.original_start,
    }


def _what_changed(before, after):
    what = set()
    if after.status == Occurrence.Status.CANCELLED:
        if before["status"] != Occurrence.Status.CANCELLED:
            what.add("cancelled")
        return what
    if before["start"] != after.start or before["end"] != after.end:
        what.add("time")
    if before["venue_id"] != after.venue_id:
        what.add("venue")
    return what


def occurrence_has_history(occurrence):
    """A date has history when an editor or a visitor did something with it: a
    note, a moved time or venue, a cancellation, or any row elsewhere that
    points to it (registrations, from the registration app). Such a date is
    never deleted by a changed rule."""
    if occurrence.note or occurrence.venue_id or occurrence.status != Occurrence.Status.SCHEDULED:
        return True
    if occurrence.start != occurrence.original_start:
        return True
    for relation in Occurrence._meta.related_objects:
        if relation.one_to_many or relation.one_to_one:
            manager = getattr(occurrence, relation.get_accessor_name(), None)
            if manager is not None and hasattr(manager, "exists") and manager.exists():
                return True
    return False


def _fingerprint(event, exceptions):
    data = {
        "start": event.start.astimezone(UTC).isoformat(),
        "end": event.end.astimezone(UTC).isoformat() if event.end else None,
        "all_day": event.all_day,
        "recurrence": _serialize(event.recurrence),
        "venue": event.venue_id,
        "online": event.online_url,
        "title": event.title,
        "exceptions": [
            [
                str(e.date),
                e.action,
                str(e.new_date),
                str(e.new_start_time),
                str(e.new_end_time),
                e.venue_id,
                e.reason,
            ]
            for e in exceptions
        ],
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _serialize(value):
    import recurrence

    try:
        return recurrence.serialize(value) if value else ""
    except Exception:  # noqa: BLE001 - an unserialisable rule only changes the fingerprint
        return repr(value)


def planned_dates(event, exceptions, until):
    """The dates the event should have up to `until`, as unsaved `Occurrence`s keyed
    by `original_start`, with the editor's exceptions applied; plus the dates of
    exceptions that match no date of the schedule."""
    slots = expand(event.start, event.end, event.all_day, event.recurrence, until)
    planned = {}
    by_day = {}
    for slot in slots:
        occurrence = Occurrence(
            event=event,
            event_key=event.translation_key,
            original_start=to_aware(slot.start),
            start=to_aware(slot.start),
            end=to_aware(slot.end),
            all_day=event.all_day,
        )
        planned[occurrence.original_start] = occurrence
        by_day.setdefault(slot.start.date(), occurrence)
    duration = (slots[0].end - slots[0].start) if slots else timedelta(hours=1)
    first_local = to_local(event.start)
    unmatched = []
    for exception in exceptions:
        if exception.action == OccurrenceException.Action.EXTRA:
            start_time = exception.new_start_time or first_local.time()
            start = combine(exception.date, start_time)
            end = (
                combine(exception.date, exception.new_end_time)
                if exception.new_end_time and not event.all_day
                else start + duration
            )
            occurrence = Occurrence(
                event=event,
                event_key=event.translation_key,
                original_start=to_aware(start),
                start=to_aware(start),
                end=to_aware(max(end, start)),
                all_day=event.all_day,
                origin=Occurrence.Origin.EXTRA,
                venue_id=exception.venue_id,
                note=exception.reason,
                exception_key=exception.translation_key,
            )
            planned[occurrence.original_start] = occurrence
            continue
        occurrence = by_day.get(exception.date)
        if occurrence is None:
            unmatched.append(exception.date.isoformat())
            continue
        if occurrence.status == Occurrence.Status.CANCELLED:
            continue  # a cancelled date stays cancelled, whatever came after
        occurrence.note = exception.reason
        occurrence.exception_key = exception.translation_key
        if exception.action == OccurrenceException.Action.CANCEL:
            occurrence.status = Occurrence.Status.CANCELLED
            continue
        old_start = to_local(occurrence.start)
        old_duration = to_local(occurrence.end) - old_start
        day = exception.new_date or old_start.date()
        new_start = combine(day, exception.new_start_time or old_start.time())
        if exception.new_end_time and not event.all_day:
            new_end = combine(day, exception.new_end_time)
            if new_end < new_start:
                new_end += timedelta(days=1)
        else:
            new_end = new_start + old_duration
        occurrence.status = Occurrence.Status.MOVED
        occurrence.start = to_aware(new_start)
        occurrence.end = to_aware(new_end)
        occurrence.venue_id = exception.venue_id
    return planned, unmatched


FIELDS = ("start", "end", "all_day", "status", "origin", "venue_id", "note", "exception_key")


def regenerate_occurrences(page, *, now=None):
    """Bring an event's `Occurrence` rows in line with its source page.

    Rules:
    - Dates come from the source version only (`source_event`), keyed by its
      `translation_key`; translations never have rows of their own.
    - Dates are generated from the first date up to now + the horizon setting
      (`EVENTS_OCCURRENCE_HORIZON_DAYS`, default 18 months).
    - An existing row for a planned date is updated in place (so anything that
      points to it keeps pointing to it); new dates are inserted.
    - A row the schedule no longer has is deleted, unless it has history
      (`occurrence_has_history`) or is upcoming in a series an app above needs
      whole (`events.hooks.DATES_KEPT`): then it is kept as cancelled and
      reported.
    - While the event is not live, no dates are planned: rows without history
      go, the others stay as they are (listings only show live events).
    - The iCal SEQUENCE goes up whenever the schedule's fingerprint changes.
    """
    now = now or timezone.now()
    event = source_event(page)
    if event is None:
        return RegenerationReport()
    report = RegenerationReport()
    with transaction.atomic():
        schedule, _created = EventSchedule.objects.select_for_update().get_or_create(
            event_key=event.translation_key, defaults={"event": event}
        )
        exceptions = list(event.exceptions.all())
        until = now + timedelta(days=horizon_days())
        if event.live:
            planned, report.unmatched = planned_dates(event, exceptions, until)
        else:
            planned = {}
        existing = {
            o.original_start: o for o in Occurrence.objects.filter(event_key=event.translation_key)
        }
        _keep_single_date(event, planned, existing)
        _keep_moved_dates(planned, existing)
        to_create, to_update, to_delete = [], [], []
        changes, matched = [], []
        for key, new in planned.items():
            old = existing.pop(key, None)
            if old is None:
                to_create.append(new)
                continue
            matched.append(old)
            changed = (
                old.event_id != event.pk
                or old.original_start != new.original_start
                or any(getattr(old, name) != getattr(new, name) for name in FIELDS)
            )
            if changed:
                before = _before(old)
                for name in FIELDS:
                    setattr(old, name, getattr(new, name))
                old.original_start = new.original_start
                old.event_id = event.pk
                to_update.append(old)
                what = _what_changed(before, old)
                if what and max(before["end"], old.end) >= now:
                    changes.append(DateChange(old, before, what))
        # Upcoming dates the rule drops stay, cancelled, when people planned
        # around every date of the series (whole-series registrations).
        keep_upcoming = (
            event.live and any(old.end >= now for old in existing.values()) and dates_kept(event)
        )
        for old in existing.values():
            if not event.live:
                if not occurrence_has_history(old):
                    to_delete.append(old.pk)
                continue
            if occurrence_has_history(old) or (keep_upcoming and old.end >= now):
                if (
                    old.status != Occurrence.Status.CANCELLED
                    or old.origin != Occurrence.Origin.KEPT
                ):
                    before = _before(old)
                    old.status = Occurrence.Status.CANCELLED
                    old.origin = Occurrence.Origin.KEPT
                    old.event_id = event.pk
                    to_update.append(old)
                    if before["status"] != Occurrence.Status.CANCELLED and old.end >= now:
                        changes.append(DateChange(old, before, {"cancelled"}))
                if old.end >= now:
                    report.kept.append(to_local(old.start).isoformat(timespec="minutes"))
            else:
                to_delete.append(old.pk)
        if to_delete:
            Occurrence.objects.filter(pk__in=to_delete).delete()
        Occurrence.objects.bulk_create(to_create, batch_size=500)
        Occurrence.objects.bulk_update(
            to_update, [*FIELDS, "original_start", "event_id"], batch_size=500
        )
        report.created, report.updated, report.deleted = (
            len(to_create),
            len(to_update),
            len(to_delete),
        )
        fingerprint = _fingerprint(event, exceptions) if event.live else "unpublished"
        if schedule.fingerprint and schedule.fingerprint != fingerprint:
            schedule.sequence += 1
        schedule.fingerprint = fingerprint
        schedule.event = event
        schedule.generated_until = until
        report.sequence = schedule.sequence
        if event.live:
            changes += _event_wide_changes(event, schedule.report, matched, changes, now)
            report.online_url, report.venue_id = event.online_url, event.venue_id
        else:
            report.online_url = schedule.report.get("online_url", "")
            report.venue_id = schedule.report.get("venue_id")
        schedule.report = report.as_dict()
        schedule.save()
        dates_changed(event, changes)
    return report


def _keep_single_date(event, planned, existing):
    """A single event whose time the editor changes keeps its one date row (and
    whatever points to it, such as registrations): the row is re-keyed to the
    new time instead of being replaced. Series keep their rows per date."""
    value = event.recurrence
    if value is not None and (value.rrules or value.rdates):
        return
    new_keys = [k for k, o in planned.items() if o.origin == Occurrence.Origin.RULE]
    old_keys = [k for k, o in existing.items() if o.origin != Occurrence.Origin.EXTRA]
    if len(new_keys) != 1 or len(old_keys) != 1 or new_keys[0] in existing:
        return
    existing[new_keys[0]] = existing.pop(old_keys[0])


def _keep_moved_dates(planned, existing):
    """A series whose time the editor changes (every Saturday at 10:30 instead
    of 10:00) keeps its date rows, and whatever points to them (registrations):
    a day that had exactly one date the schedule no longer has and now has
    exactly one new date is the same date, moved; its row is re-keyed to the
    new time instead of being kept as cancelled beside a new one. Dates kept
    from an earlier schedule and extra dates are left alone."""
    gone = [
        key
        for key, o in existing.items()
        if key not in planned and o.origin == Occurrence.Origin.RULE
    ]
    if not gone:
        return
    new = [key for key, o in planned.items() if key not in existing]
    by_day = {}
    for key in new:
        by_day.setdefault(to_local(key).date(), []).append(key)
    old_by_day = {}
    for key in gone:
        old_by_day.setdefault(to_local(key).date(), []).append(key)
    for day, old_keys in old_by_day.items():
        new_keys = by_day.get(day, [])
        if len(old_keys) == 1 and len(new_keys) == 1:
            existing[new_keys[0]] = existing.pop(old_keys[0])


def _event_wide_changes(event, previous, rows, changes, now):
    """Dates affected by a changed online link or venue of the whole event (what
    visitors were shown is remembered in the report of the last regeneration)."""
    if "online_url" not in previous:
        return []
    online = previous.get("online_url", "") != event.online_url
    venue = previous.get("venue_id") != event.venue_id
    if not (online or venue):
        return []
    seen = {change.occurrence.pk: change for change in changes}
    extra = []
    for occurrence in rows:
        if occurrence.end < now or occurrence.is_cancelled:
            continue
        what = {"online"} if online else set()
        if venue and not occurrence.venue_id:
            what.add("venue")
        if not what:
            continue
        if occurrence.pk in seen:
            seen[occurrence.pk].what |= what
            continue
        before = _before(occurrence)
        if "venue" in what:
            before["venue_id"] = previous.get("venue_id")
        extra.append(DateChange(occurrence, before, what))
    return extra


def _batches(items, size):
    items = list(items)
    for first in range(0, len(items), size):
        yield items[first : first + size]


def _exceptions_by_page(pages):
    """{page id: [OccurrenceException]} of `pages`, in the editor's order (one query)."""
    exceptions = {}
    for exception in OccurrenceException.objects.filter(page__in=pages).order_by(
        "sort_order", "pk"
    ):
        exceptions.setdefault(exception.page_id, []).append(exception)
    return exceptions


def generate_first_dates(events, *, now=None, batch_size=2000):
    """The fast path for events that never had dates (a bulk load, the first
    run after an import): what `regenerate_occurrences` would do for each of
    them, in a few queries per batch instead of a transaction per event.

    `events`: live source `EventPage`s. Events that already have an
    `EventSchedule` or dates are left to `regenerate_occurrences`; they are
    returned, the others are done. Nobody can have planned around a date that
    did not exist yet, so no `DATES_CHANGED` is sent."""
    now = now or timezone.now()
    until = now + timedelta(days=horizon_days())
    left = []
    for batch in _batches(events, batch_size):
        keys = [e.translation_key for e in batch]
        known = set(
            EventSchedule.objects.filter(event_key__in=keys).values_list("event_key", flat=True)
        )
        known.update(
            Occurrence.objects.filter(event_key__in=keys)
            .values_list("event_key", flat=True)
            .distinct()
        )
        new = [e for e in batch if e.translation_key not in known]
        left.extend(e for e in batch if e.translation_key in known)
        exceptions = _exceptions_by_page(new)
        occurrences, schedules = [], []
        for event in new:
            own = exceptions.get(event.pk, [])
            planned, unmatched = planned_dates(event, own, until)
            occurrences.extend(planned.values())
            report = RegenerationReport(
                created=len(planned),
                unmatched=unmatched,
                online_url=event.online_url,
                venue_id=event.venue_id,
            )
            schedules.append(
                EventSchedule(
                    event_key=event.translation_key,
                    event=event,
                    fingerprint=_fingerprint(event, own),
                    generated_until=until,
                    report=report.as_dict(),
                )
            )
        with transaction.atomic():
            Occurrence.objects.bulk_create(occurrences, batch_size=500)
            # A concurrent regeneration may have made a schedule meanwhile: it wins.
            EventSchedule.objects.bulk_create(schedules, batch_size=500, ignore_conflicts=True)
    return left


def extend_all_occurrences(*, now=None, stdout=None):
    """Regenerate every live source event, so occurrences reach the horizon.

    Idempotent and safe to run from cron: each event is one transaction, and an
    unchanged event writes nothing but its `generated_until`. Events that never
    had dates take the bulk path (`generate_first_dates`)."""
    keys = set()
    events, others = [], []
    sources = set(
        EventPage.objects.filter(alias_of__isnull=True)
        .values("translation_key")
        .annotate(first=Min("pk"))
        .values_list("first", flat=True)
    )
    for event in EventPage.objects.live().filter(alias_of__isnull=True).order_by("pk"):
        if event.translation_key in keys:
            continue
        keys.add(event.translation_key)
        # Only an event that is its own source takes the bulk path.
        (events if event.pk in sources else others).append(event)
    for event in only_extended([*generate_first_dates(events, now=now), *others], now=now):
        regenerate_occurrences(event, now=now)
    # The dates grew by a day's worth (or by all of them, the first time).
    refresh_statistics(Occurrence, EventSchedule)
    return len(keys)


def only_extended(events, *, now=None, batch_size=2000):
    """The daily extension's fast path: of `events` (live source pages), those
    whose schedule is as it was generated (same fingerprint, same page) and
    that have no date between the end of what was generated and the new
    horizon need nothing but a later `generated_until`; that is written for
    them in one query per batch. Returns the others, for
    `regenerate_occurrences`. Most events (single dates, series that end)
    take this path, so the daily run reads them in batches instead of a
    transaction each."""
    now = now or timezone.now()
    until = now + timedelta(days=horizon_days())
    left = []
    for batch in _batches(events, batch_size):
        schedules = {
            s.event_key: s
            for s in EventSchedule.objects.filter(
                event_key__in=[e.translation_key for e in batch]
            ).only("event_key", "event_id", "fingerprint", "generated_until")
        }
        exceptions = _exceptions_by_page(batch)
        extended = []
        for event in batch:
            schedule = schedules.get(event.translation_key)
            own = exceptions.get(event.pk, [])
            if _only_extended(event, schedule, own, until):
                extended.append(schedule.pk)
            else:
                left.append(event)
        # Not `save()`: nothing a feed shows changed, so `updated_at` (the feeds' ETag) stays.
        EventSchedule.objects.filter(pk__in=extended).update(generated_until=until)
    return left


def _only_extended(event, schedule, exceptions, until):
    if (
        schedule is None
        or schedule.event_id != event.pk
        or schedule.generated_until is None
        or until < schedule.generated_until  # a shorter horizon drops dates
        or schedule.fingerprint != _fingerprint(event, exceptions)
    ):
        return False
    since = to_local(schedule.generated_until)  # naive local, as the slots are
    # An exception near or past the end of what was generated may add or move
    # a date into the new stretch: regenerate to be sure.
    if any(
        max(e.date, e.new_date or e.date) >= since.date() - timedelta(days=1) for e in exceptions
    ):
        return False
    try:
        slots = expand(event.start, event.end, event.all_day, event.recurrence, until)
    except Exception:  # noqa: BLE001 - a broken rule is for `regenerate_occurrences` to report
        return False
    # The first date is always there, even past the horizon (a festival two
    # years ahead); every other date `expand` gives is within it.
    limit = to_local(until)
    return not any(since < slot.start <= limit for slot in slots)


def add_exception(page, *, day, action, reason="", user=None, publish=True, **changes):
    """Record a change to one date on the event's source page, as an editor would:
    a new revision with an extra `OccurrenceException` row (`changes`: its
    `new_date`, `new_start_time`, `new_end_time` for a move), published when the
    page was live without pending changes (otherwise left as a draft)."""
    event = source_event(page)
    # Other changes pending in a draft would be published along: leave it a draft then.
    can_publish = publish and event.live and not event.has_unpublished_changes
    draft = event.get_latest_revision_as_object()
    draft.exceptions.add(OccurrenceException(date=day, action=action, reason=reason, **changes))
    revision = draft.save_revision(user=user, log_action=True)
    if can_publish:
        revision.publish(user=user)
    return revision, can_publish
