"""Importing calendar sources: fetch a feed, then bring its event pages in line.

The admin's "Import now", the `import_calendars` command and the
`import_source` task all call `run_source` (or `run_all`).

Rules
-----
- Fetching (`fetch`): only http(s); in production never an address on this
  machine or the private network (`SOURCES_ALLOW_PRIVATE_ADDRESSES`), also not
  after a redirect; a conditional request with the last ETag/Last-Modified (a
  304 ends the run as "unchanged"); at most `SOURCES_FETCH_TIMEOUT` seconds
  (default 10) and `SOURCES_MAX_BYTES` (default 5 MB: reading stops there).
- Nothing is written before the whole feed is read and parsed
  (`sources.importer.parse`); the changes of one source are one transaction. A
  feed that cannot be fetched or read fails the run with its reason and leaves
  every event as it was (and the ETag too, so the next run fetches again).
- Events are matched on the feed's UID (`ImportedEvent`). A new UID becomes an
  event page in the source's language below `parent_for(source)`, with the
  source's event type, themes and organiser; published at once or left as a
  draft, as the source says.
- An editor's change wins: for every field we fill (`FIELDS`), the hash of the
  value we last imported is kept. On the next import a field whose current
  value (the page's latest revision, drafts included) no longer has that hash
  was changed by an editor and is left alone, and the report names it; the
  others take the feed's new value. The per-date changes count as one field:
  once an editor adds, edits or removes one, the feed no longer changes them.
- Changes are saved as a new revision; published when the source publishes at
  once and the page has no unpublished changes of an editor (otherwise the
  revision waits for the editor, like `events.services.add_exception`).
- An event of which the feed has a part that cannot be read (an invalid line,
  see `sources.importer`) is skipped with the reason and left as it was: an
  unreadable event is not an event removed upstream.
- An event gone from the feed (or marked STATUS:CANCELLED there) is cancelled
  here, never deleted: each of its coming dates gets a "cancel" date change and
  its rule ends at the dates already made, published so the usual path runs
  (`regenerate_occurrences` → `events.hooks.DATES_CHANGED` → registration
  calls off the registrations of those dates and mails each registrant). An
  editor's pending draft is not published along: the cancellation goes onto
  the live version, and the draft gets it too. If the event comes back in the
  feed, it is imported again over our cancellation.
- Translations are pages of their own (wagtail-localize): an import changes
  only the source-language page; an editor updates a translation with
  wagtail-localize's sync when they choose.
"""

import ipaddress
import logging
import socket
import time as clock
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, date, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from events.models import (
    EventIndexPage,
    EventPage,
    EventPageOrganiser,
    EventPageTheme,
    EventSchedule,
    Occurrence,
    OccurrenceException,
    horizon_days,
)
from events.schedule import to_local
from home.models import Venue
from home.params import ascii_int
from home.slugs import slugify
from sources.importer import FeedError, Reason, fingerprint, parse
from sources.models import CalendarSource, ImportedEvent, ImportRun

logger = logging.getLogger(__name__)

USER_AGENT = "SamenVerder-calendar-import/1.0"
FIELDS = (
    "title",
    "intro",
    "start",
    "end",
    "all_day",
    "recurrence",
    "venue",
    "online_url",
    "exceptions",
)


# -- Fetching ----------------------------------------------------------------------


@dataclass
class Fetched:
    data: bytes | None  # None: not modified (304)
    etag: str = ""
    last_modified: str = ""


def timeout_seconds():
    return float(getattr(settings, "SOURCES_FETCH_TIMEOUT", 10))


def max_bytes():
    return int(getattr(settings, "SOURCES_MAX_BYTES", 5 * 1024 * 1024))


def check_address(url):
    """Refuse what is not http(s), and (unless allowed) hosts that resolve to
    this machine or a private, link-local or reserved network."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError(gettext_noop("only http and https addresses can be imported"))
    if getattr(settings, "SOURCES_ALLOW_PRIVATE_ADDRESSES", False):
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FeedError(
            gettext_noop("the host is unknown (%(host)s)"), host=parts.hostname
        ) from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FeedError(
                gettext_noop("the address lies on a private network or on this machine")
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(source):
    """The feed's bytes, or `Fetched(data=None)` when it has not changed since
    the last run. Raises `FeedError` with the reason for the report."""
    check_address(source.url)
    request = urllib.request.Request(source.url, headers={"User-Agent": USER_AGENT})  # noqa: S310 - scheme checked
    if source.etag:
        request.add_header("If-None-Match", source.etag)
    if source.last_modified:
        request.add_header("If-Modified-Since", source.last_modified)
    opener = urllib.request.build_opener(_CheckedRedirects)
    limit, timeout = max_bytes(), timeout_seconds()
    started = clock.monotonic()
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if (ascii_int(length) or 0) > limit:
                raise _too_large(limit)
            chunks, size = [], 0
            while True:
                chunk = response.read(64 * 1024)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                if clock.monotonic() - started > timeout:
                    raise FeedError(
                        gettext_noop("no complete answer within %(seconds)s seconds"),
                        seconds=f"{timeout:g}",
                    )
                chunks.append(chunk)
            return Fetched(
                b"".join(chunks),
                etag=response.headers.get("ETag", "")[:300],
                last_modified=response.headers.get("Last-Modified", "")[:100],
            )
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(None, etag=source.etag, last_modified=source.last_modified)
        raise FeedError(gettext_noop("the server answered %(code)s"), code=error.code) from error
    except FeedError:
        raise
    except TimeoutError as error:
        raise FeedError(
            gettext_noop("no answer within %(seconds)s seconds"), seconds=f"{timeout:g}"
        ) from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise FeedError(
            gettext_noop("the calendar could not be reached (%(detail)s)"), detail=str(reason)[:300]
        ) from error


def _too_large(limit):
    return FeedError(gettext_noop("larger than %(size)s MB"), size=f"{limit / 1024 / 1024:g}")


# -- Running -----------------------------------------------------------------------


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    cancelled: int = 0
    unchanged: int = 0
    skipped: int = 0


def run_source(source, *, user=None, now=None):
    """Fetch and import one source; returns its `ImportRun` (the report)."""
    now = now or timezone.now()
    run = ImportRun.objects.create(source=source, started_at=now, triggered_by=user)
    try:
        fetched = fetch(source)
        if fetched.data is None:
            return _finish(run, ImportRun.Status.NOT_MODIFIED)
        feed = parse(fetched.data)
    except FeedError as error:
        return _finish(run, ImportRun.Status.FAILED, error)
    try:
        with transaction.atomic():
            CalendarSource.objects.select_for_update().filter(pk=source.pk).first()
            tally, details = apply(source, feed, now=now)
            source.etag, source.last_modified = fetched.etag, fetched.last_modified
            source.save(update_fields=["etag", "last_modified"])
    except FeedError as error:  # e.g. no page to create events below; rolled back
        return _finish(run, ImportRun.Status.FAILED, error)
    except Exception as error:  # noqa: BLE001 - reported; the transaction rolled back
        logger.exception("Calendar source %s could not be imported", source.pk)
        reason = FeedError(gettext_noop("could not be applied (%(detail)s)"), detail=str(error))
        return _finish(run, ImportRun.Status.FAILED, reason)
    for name, value in vars(tally).items():
        setattr(run, name, value)
    run.details = details
    return _finish(run, ImportRun.Status.OK)


def _finish(run, status, reason=None):
    """End the run with its status and, for a failure, the reason (a `FeedError`)."""
    run.status = status
    run.message = reason.reason[:500] if reason else ""
    run.message_parts = reason.parts() if reason else {}
    run.finished_at = timezone.now()
    run.save()
    CalendarSource.objects.filter(pk=run.source_id).update(
        last_run_at=run.finished_at, last_status=status, last_message=run.message
    )
    return run


def run_all(*, now=None):
    """Import every active source (the command and the periodic task)."""
    return [run_source(source, now=now) for source in CalendarSource.objects.filter(active=True)]


# -- Applying ----------------------------------------------------------------------


def parent_for(source):
    """Where new events go: the page chosen on the source; else the partner's
    page in the source's language (a real translation, not an alias); else the
    calendar of that language."""
    if source.parent_page_id:
        return source.parent_page.specific
    section = source.section.get_translation_or_none(source.locale)
    if section is not None and section.alias_of_id is None:
        return section
    calendar = EventIndexPage.objects.filter(locale=source.locale).order_by("path").first()
    if calendar is None:
        raise FeedError(gettext_noop("there is no calendar page in the source's language"))
    return calendar


def apply(source, feed, *, now):
    """Bring the source's event pages in line with a parsed feed. Returns the
    counts and the details for the report (skipped items, fields kept)."""
    tally, details = Tally(), list(feed.skipped)
    tally.skipped = len(feed.skipped)
    language = source.locale.language_code
    parent = None
    links = {link.uid: link for link in source.events.select_related("page")}
    for uid, values in feed.events.items():
        link = links.get(uid)
        if link is not None and uid in feed.unreadable:
            continue  # skipped and reported: stays as it was
        if values.cancelled:
            if link is not None and link.page_id and link.removed_at is None:
                _cancel(link, now=now, language=language)
                tally.cancelled += 1
            else:
                tally.unchanged += 1
            continue
        if link is not None and link.page_id is None:
            tally.skipped += 1
            reason = Reason(gettext_noop("its event page was deleted here"))
            details.append(
                {
                    "uid": uid,
                    "summary": values.title,
                    "reason": reason.reason,
                    "reason_parts": reason.parts(),
                }
            )
            continue
        wanted = _wanted(source, values, language)
        if link is None:
            parent = parent or parent_for(source)
            _create(source, parent, uid, values, wanted, language)
            tally.created += 1
            continue
        changed, kept = _update(source, link, values, wanted)
        if kept:
            details.append({"uid": uid, "summary": values.title, "kept": kept})
        if changed:
            tally.updated += 1
        else:
            tally.unchanged += 1
    for uid, link in links.items():
        if uid in feed.events or uid in feed.unreadable:
            continue
        if link.removed_at is not None or link.page_id is None:
            continue
        _cancel(link, now=now, language=language)
        tally.cancelled += 1
    return tally, details


def _wanted(source, values, language):
    """The feed's values as our page's field values."""
    venue = None
    online_url = ""
    lines = [values.intro] if values.intro else []
    location = values.location
    with translation.override(language):
        if location.startswith(("http://", "https://")):
            online_url = location[:200]
        elif location:
            name = location.split(",")[0].strip()
            venue = (
                Venue.objects.filter(locale=source.locale, name__iexact=location).first()
                or Venue.objects.filter(locale=source.locale, name__iexact=name).first()
            )
            if venue is None:
                lines.append(gettext("Place: %(place)s") % {"place": location})
        if values.url and values.url != online_url:
            lines.append(gettext("More information: %(url)s") % {"url": values.url})
    exceptions = _in_order(change.key() for change in values.changes)
    return {
        "title": values.title,
        "intro": "\n\n".join(lines),
        "start": values.start,
        "end": values.end,
        "all_day": values.all_day,
        "recurrence": values.recurrence,
        "venue": venue.pk if venue else None,
        "online_url": online_url,
        "exceptions": exceptions,
    }


def _exception_key(exception):
    return [
        exception.date.isoformat(),
        exception.action,
        exception.new_date.isoformat() if exception.new_date else None,
        exception.new_start_time.isoformat() if exception.new_start_time else None,
        exception.new_end_time.isoformat() if exception.new_end_time else None,
    ]


def _normal(name, value):
    """A field's value in the form its fingerprint is taken of."""
    if name in ("start", "end"):
        return value.astimezone(UTC).isoformat() if value else None
    if name == "recurrence":
        import recurrence

        try:
            return recurrence.serialize(value) if value else ""
        except Exception:  # noqa: BLE001 - an odd rule still has a fingerprint
            return repr(value)
    return value


def _current(page, name):
    if name == "venue":
        return page.venue_id
    if name == "exceptions":
        return _in_order(_exception_key(e) for e in page.exceptions.all() if e.action != "extra")
    return getattr(page, name)


def _in_order(keys):
    """Exception keys sorted, so their fingerprint does not depend on the order
    the database returns them in (PostgreSQL has none without a sort order)."""
    return sorted(keys, key=lambda key: [part or "" for part in key])


def _set(page, name, value):
    if name == "venue":
        page.venue_id = value
    elif name == "exceptions":
        kept = [e for e in page.exceptions.all() if e.action == "extra"]
        page.exceptions = [*kept, *(_exception(key) for key in value)]
        for number, exception in enumerate(page.exceptions.all()):
            exception.sort_order = number
    else:
        setattr(page, name, value)


def _exception(key):
    day, action, new_date, new_start, new_end = key
    return OccurrenceException(
        date=date.fromisoformat(day),
        action=action,
        new_date=date.fromisoformat(new_date) if new_date else None,
        new_start_time=time.fromisoformat(new_start) if new_start else None,
        new_end_time=time.fromisoformat(new_end) if new_end else None,
    )


def _prints(wanted):
    return {name: fingerprint(_normal(name, wanted[name])) for name in FIELDS}


def _unique_slug(parent, title, language):
    base = slugify(title, language)[:70] or "event"
    slug, number = base, 1
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _create(source, parent, uid, values, wanted, language):
    page = EventPage(
        slug=_unique_slug(parent, values.title, language),
        locale=source.locale,
        live=False,
        event_type=_localised(source.event_type, source.locale),
        languages=language,
    )
    for name in FIELDS:
        _set(page, name, wanted[name])
    page.theme_links = [
        EventPageTheme(theme=_localised(theme, source.locale)) for theme in source.themes.all()
    ]
    if source.organiser_id:
        page.organiser_links = [
            EventPageOrganiser(organisation=_localised(source.organiser, source.locale))
        ]
    parent.add_child(instance=page)
    revision = page.save_revision(log_action=True)
    if source.publish:
        revision.publish()
    ImportedEvent.objects.create(
        source=source, uid=uid, page=page, fingerprints=_prints(wanted), sequence=values.sequence
    )
    return page


def _localised(item, locale):
    if item is None:
        return None
    return item.get_translation_or_none(locale) or item


def _update(source, link, values, wanted):
    """Write the feed's new values into the fields no editor changed. Returns
    (whether a revision was saved, the names of the fields kept for an editor)."""
    page = link.page.specific
    draft = page.get_latest_revision_as_object()
    prints = dict(link.fingerprints)
    new_prints = _prints(wanted)
    changed, kept = [], []
    for name in FIELDS:
        current = fingerprint(_normal(name, _current(draft, name)))
        last = prints.get(name)
        if last is not None and current != last:
            kept.append(name)  # an editor's value: theirs stays
            continue
        if current != new_prints[name]:
            _set(draft, name, wanted[name])
            changed.append(name)
        prints[name] = new_prints[name]
    back = link.removed_at is not None
    if changed:
        _save(source, page, draft)
    link.fingerprints, link.sequence, link.removed_at = prints, values.sequence, None
    link.save()
    return bool(changed) or back, kept


def _save(source, page, draft):
    publish = source.publish and (
        not page.has_unpublished_changes or (not page.live and page.first_published_at is None)
    )
    revision = draft.save_revision(log_action=True)
    if publish:
        revision.publish()


def _cancel(link, *, now, language):
    """The event is gone from the feed: cancel its coming dates (see the module
    docstring). Its live version is published with the cancellations, so the
    registrants of those dates are told; a pending draft keeps its own changes
    and gets the cancellations too."""
    page = link.page.specific
    with translation.override(language):
        reason = gettext("Cancelled by the organiser.")
    schedule = EventSchedule.objects.filter(event_key=page.translation_key).first()
    until = (schedule.generated_until if schedule else None) or now + timedelta(days=horizon_days())
    coming = sorted(
        {
            to_local(o.original_start).date()
            for o in Occurrence.objects.filter(event_key=page.translation_key, end__gte=now)
            .exclude(status=Occurrence.Status.CANCELLED)
            .exclude(origin=Occurrence.Origin.KEPT)
        }
    )
    if page.live and not coming and page.end < now and not _repeats(page):
        link.removed_at = now
        link.save(update_fields=["removed_at", "updated_at"])
        return

    def cancel_on(version):
        days = set(coming)
        kept = [
            e
            for e in version.exceptions.all()
            if not (e.date in days and e.action != OccurrenceException.Action.EXTRA)
        ]
        version.exceptions = [
            *kept,
            *(
                OccurrenceException(
                    date=day, action=OccurrenceException.Action.CANCEL, reason=reason
                )
                for day in sorted(days)
            ),
        ]
        if version.recurrence is not None:
            for rule in version.recurrence.rrules:
                rule.count = None
                rule.until = until if rule.until is None else min(rule.until, until)

    pending = page.live and page.has_unpublished_changes
    draft = page.get_latest_revision_as_object() if (pending or not page.live) else None
    if page.live:
        live = EventPage.objects.get(pk=page.pk)
        cancel_on(live)
        live.save_revision(log_action=True).publish()
    if draft is not None:
        cancel_on(draft)
        draft.save_revision(log_action=True)
        latest = draft
    else:
        latest = EventPage.objects.get(pk=page.pk)
    prints = dict(link.fingerprints)
    for name in ("exceptions", "recurrence"):
        prints[name] = fingerprint(_normal(name, _current(latest, name)))
    link.fingerprints, link.removed_at = prints, now
    link.save()


def _repeats(page):
    return page.recurrence is not None and bool(page.recurrence.rrules or page.recurrence.rdates)
