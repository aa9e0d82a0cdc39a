"""Which dates people travel to together: a destination.

For an ordinary event a destination is one date (`events.Occurrence`). For a
festival it is the festival day: people going to the same festival on the same day, to
the same place, travel together whichever sessions they attend.

The data model stays as it is (the least disruption): a `TravelEntry` keeps
pointing at one date, the session date it was made for (the festival page's
"Travel together" section leads to the day's first session that is on), and
everything that compares entries compares their destinations instead of
their dates:

- a destination is every date of the festival's live sessions that starts on the
  same local day at the same venue (the date's venue, else the session's,
  else the festival's);
- matching, the "ask to join" lookup, pairing and reporting take any entry of
  the same destination;
- a destination is open while one of its dates is on and has not ended; a session
  cancelled on a day that goes on leaves the entries as they are (their
  people are told), the last date of the day cancelled ends them all
  (`travel.services.dates_changed`);
- entries are deleted a number of days after the destination's last date ended.

Travel reads the festival (it sits above it); the festival knows nothing of
travel and offers its page's context hook (`festival.hooks`) instead.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Occurrence
from events.schedule import site_zone, to_local
from festival.models import FestivalPage, SessionPage
from festival.sessions import session_dates


@dataclass
class Destination:
    """The dates one travel section covers (`ids`), with the festival and its
    day when it is a festival day."""

    ids: list
    festival: object = None
    day: object = None
    dates: list = field(default_factory=list)  # (id, start, end, status) of each date
    place: object = None  # a festival day's venue (translation key); None: online only

    @property
    def is_festival_day(self):
        return self.festival is not None

    def is_open(self, now=None):
        now = now or timezone.now()
        return any(
            status != Occurrence.Status.CANCELLED and end > now
            for _pk, _s, end, status in self.dates
        )

    @property
    def end(self):
        return max(end for _pk, _s, end, _st in self.dates)

    def first_on(self, now=None):
        """The id of the day's first date that is on and has not ended (where
        the festival page's section leads), else None."""
        now = now or timezone.now()
        for pk, _start, end, status in sorted(self.dates, key=lambda d: (d[1], d[0])):
            if status != Occurrence.Status.CANCELLED and end > now:
                return pk
        return None


def is_session(event):
    return event is not None and issubclass(event.specific_class or type(event), SessionPage)


def festival_of(event):
    """The festival a session belongs to (its source version's), or None."""
    if not is_session(event):
        return None
    return FestivalPage.objects.ancestor_of(event).first()


def _single(occurrence):
    return Destination(
        ids=[occurrence.pk],
        dates=[(occurrence.pk, occurrence.start, occurrence.end, occurrence.status)],
    )


def festival_dates(festival, day=None):
    """(id, start, end, status, place) of every date of the festival's live
    sessions (of `day` only, when given), in one query (two when a session
    has no venue: the festival's). `place` is the venue's translation key,
    the same in every language."""
    dates = session_dates(festival)
    if day is not None:
        midnight = datetime.combine(day, time.min, tzinfo=site_zone())
        dates = dates.filter(start__gte=midnight, start__lt=midnight + timedelta(days=1))
    rows = list(
        dates.annotate(
            place=Coalesce(F("venue__translation_key"), F("event__venue__translation_key"))
        )
        .order_by("start", "pk")
        .values_list("pk", "start", "end", "status", "place")
    )
    if any(row[4] is None for row in rows):
        own = festival.venue.translation_key if festival.venue_id else None
        rows = [(*row[:4], row[4] or own) for row in rows]
    return rows


def festival_days(festival):
    """The festival's destinations: [Destination] by day and venue, in time
    order (one query, two when a session has no venue)."""
    groups = {}
    for pk, start, end, status, place in festival_dates(festival):
        key = (to_local(start).date(), place)
        dest = groups.setdefault(
            key, Destination(ids=[], festival=festival, day=key[0], place=place)
        )
        dest.ids.append(pk)
        dest.dates.append((pk, start, end, status))
    return list(groups.values())


def destination_of(occurrence, event=None):
    """The destination `occurrence` belongs to. `event`: its source event
    when the caller has it (else `occurrence.event`). One date for an
    ordinary event (no query); for a festival session, two or three queries."""
    event = event or occurrence.event
    festival = festival_of(event)
    if festival is None:
        return _single(occurrence)
    rows = festival_dates(festival, to_local(occurrence.start).date())
    place = next((row[4] for row in rows if row[0] == occurrence.pk), None)
    if place is None and not any(row[0] == occurrence.pk for row in rows):
        # A session no longer live, or not below its festival: its own date.
        return _single(occurrence)
    dest = Destination(
        ids=[], festival=festival, day=to_local(occurrence.start).date(), place=place
    )
    for pk, start, end, status, venue in rows:
        if venue == place:
            dest.ids.append(pk)
            dest.dates.append((pk, start, end, status))
    return dest


def destinations_of(occurrences, event):
    """{occurrence id: Destination} for dates of one event (the event page's
    section): no query for an ordinary event; for a session, the same few
    queries however many dates it has."""
    festival = festival_of(event)
    if festival is None:
        return {o.pk: _single(o) for o in occurrences}
    by_date = {pk: dest for dest in festival_days(festival) for pk in dest.ids}
    return {o.pk: by_date.get(o.pk) or _single(o) for o in occurrences}
