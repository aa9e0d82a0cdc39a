"""A festival's sessions as visitors read them, in the active language.

`load_sessions` is the one read every programme view and export starts from:
it resolves pages, venues, tracks, rooms, speakers, organisers, themes and
places left for all dates of all sessions in a fixed number of queries,
however many sessions the festival has.

A session's dates come from the shared `Occurrence` table (keyed by the
event's `translation_key`), so every language version of the festival shows
the same programme. Links (speakers, organisers, themes) are read from the
source version of each session and shown in the reader's language with
`home.i18n.localized` (and its one fallback).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from wagtail.models import Page

from events.models import SPOKEN_LANGUAGES, EventPageOrganiser, EventPageTheme, Occurrence
from events.queries import Row, for_listing, localise
from festival.models import FestivalRoom, FestivalTrack, SessionFormat, SessionSpeaker
from home.i18n import active_locale, localized
from registration.models import RegistrationSettings, settings_for
from registration.services import State, confirmed_by_occurrence, decide

LANGUAGE_NAMES = dict(SPOKEN_LANGUAGES)
FORMAT_LABELS = dict(SessionFormat.choices)


@dataclass
class Session:
    """One date of one session."""

    row: Row
    track: FestivalTrack | None = None
    room: FestivalRoom | None = None
    speakers: list = field(default_factory=list)
    organisers: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    places: State | None = None
    registration: RegistrationSettings | None = None

    @property
    def occurrence(self):
        return self.row.occurrence

    @property
    def page(self):
        return self.row.page

    @property
    def source(self):
        """The version of the event its dates and settings come from."""
        return self.row.occurrence.event

    @property
    def url(self):
        return self.row.url

    @property
    def title(self):
        return self.row.page.title

    @property
    def start(self) -> datetime:
        return self.row.start

    @property
    def end(self) -> datetime:
        return self.row.end

    @property
    def day(self) -> date:
        return self.row.start.date()

    @property
    def venue(self):
        return self.row.venue

    @property
    def is_cancelled(self):
        return self.row.occurrence.is_cancelled

    @property
    def is_online(self):
        return bool(self.source.online_url)

    @property
    def is_onsite(self):
        return self.row.venue is not None or self.room is not None

    @property
    def session_format(self):
        session = getattr(self.source, "sessionpage", None)
        return session.session_format if session else ""

    @property
    def format_label(self):
        return FORMAT_LABELS.get(self.session_format, "")

    @property
    def language_codes(self):
        return self.source.language_codes

    @property
    def languages(self):
        return [(code, LANGUAGE_NAMES.get(code, code)) for code in self.language_codes]

    @property
    def online_link_hidden(self):
        """With registration on, only confirmed registrants get the online link."""
        return bool(self.registration and self.registration.enabled)

    @property
    def places_left(self):
        return self.places.places_left if self.places else None

    @property
    def uid(self):
        """Stable across languages and regenerations: the event and its date."""
        return f"{self.occurrence.event_key}-{self.occurrence.original_start:%Y%m%dT%H%M%SZ}"


def session_keys(festival):
    """The translation keys of the festival's live sessions (a subquery)."""
    return Page.objects.child_of(festival).live().values("translation_key")


def _links(link_model, target, event_ids, locale):
    """{source event id: [snippets in the active language]} for one link model."""
    links = list(
        link_model.objects.filter(page_id__in=event_ids)
        .select_related(target)
        .order_by("page_id", "sort_order")
    )
    snippets = [getattr(link, target) for link in links]
    localised = localized(type(snippets[0]), snippets, locale=locale) if snippets else {}
    result = defaultdict(list)
    for link, snippet in zip(links, snippets, strict=True):
        result[link.page_id].append(localised.get(snippet.translation_key, snippet))
    return result


def load_sessions(festival, request=None, *, locale=None, now=None, include_cancelled=True):
    """Every date of every live session of `festival`, in start order (then by
    room order), in the active language."""
    locale = locale or active_locale(request)
    now = now or timezone.now()
    occurrences = for_listing(
        Occurrence.objects.filter(event_key__in=session_keys(festival), event__live=True)
    ).select_related("event__sessionpage__track", "event__sessionpage__room")
    if not include_cancelled:
        occurrences = occurrences.exclude(status=Occurrence.Status.CANCELLED)
    occurrences = list(occurrences.order_by("start", "pk"))
    if not occurrences:
        return []
    rows = localise(occurrences, request, locale)
    events = {o.event_id: o.event for o in occurrences}
    # The place in the programme (track, room) of each source session.
    placed = {pk: getattr(e, "sessionpage", None) for pk, e in events.items()}
    track_of = {pk: s.track if s else None for pk, s in placed.items()}
    room_of = {pk: s.room if s else None for pk, s in placed.items()}
    tracks = localized(FestivalTrack, track_of.values(), locale=locale)
    rooms = localized(FestivalRoom, room_of.values(), locale=locale)
    speakers = _links(SessionSpeaker, "person", events, locale)
    organisers = _links(EventPageOrganiser, "organisation", events, locale)
    themes = _links(EventPageTheme, "theme", events, locale)
    registration = settings_for([o.event for o in occurrences])
    with_registration = [o.pk for o in occurrences if registration[o.event_id].enabled]
    confirmed = confirmed_by_occurrence(with_registration) if with_registration else {}
    sessions = []
    for row in rows:
        event = row.occurrence.event
        sessions.append(
            Session(
                row=row,
                track=tracks.get(track_of[event.pk].translation_key)
                if track_of[event.pk]
                else None,
                room=rooms.get(room_of[event.pk].translation_key) if room_of[event.pk] else None,
                speakers=speakers.get(event.pk, []),
                organisers=organisers.get(event.pk, []),
                themes=themes.get(event.pk, []),
                places=(
                    decide(
                        event,
                        row.occurrence,
                        confirmed=confirmed.get(row.occurrence.pk, 0),
                        now=now,
                    )
                    if registration[event.pk].enabled
                    else None
                ),
                registration=registration[event.pk],
            )
        )
    room_order = {room.translation_key: room.sort_order or 0 for room in rooms.values()}
    sessions.sort(
        key=lambda s: (s.start, room_order.get(s.room.translation_key, 0) if s.room else -1)
    )
    return sessions
