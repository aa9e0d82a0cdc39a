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
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.db.models import F
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import time as time_filter
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.timezone import template_localtime
from wagtail.models import Page

from events.models import (
    SPOKEN_LANGUAGES,
    EventPage,
    EventPageOrganiser,
    EventPageTheme,
    Occurrence,
)
from events.queries import (
    CELL_OCCURRENCE_FIELDS,
    CELL_PAGE_FIELDS,
    Row,
    for_listing,
    localise,
)
from events.schedule import site_zone, to_local
from festival.models import FestivalRoom, FestivalTrack, SessionFormat, SessionSpeaker
from home.cache import shown_states
from home.i18n import active_locale, localized
from home.template_objects import ReadByName
from registration.cache_rules import PLACES_PART
from registration.models import RegistrationSettings, settings_for
from registration.services import State, confirmed_by_occurrence, decide

LANGUAGE_NAMES = dict(SPOKEN_LANGUAGES)
FORMAT_LABELS = dict(SessionFormat.choices)

# The columns of an event page the programme and its exports read (its title,
# address, place in the tree, what the rows and the files show); the rest (the
# body above all) stays in the database. A field left out here would cost a
# query per session where it is read.
PAGE_FIELDS = (
    *CELL_PAGE_FIELDS,
    "last_published_at",
    "intro",
    "online_url",
    "languages",
    "capacity",
    "recurrence",
)


class _Texts:
    """The times and names a programme row shows, formatted once per value in
    the active language (the sessions share their starts, ends, formats and
    languages): the text of `{{ value|time }}`, `{{ value|date:"c" }}` and the
    translated labels, so a row's template only writes them out."""

    def __init__(self):
        self.memo = {}

    def time(self, value, fmt=None):
        key = (value, fmt)
        text = self.memo.get(key)
        if text is None:
            # As the template's filters do: an aware time in the current time zone.
            local = template_localtime(value)
            text = time_filter(local) if fmt is None else date_filter(local, fmt)
            self.memo[key] = text
        return text

    def places(self, state):
        """`registration/state.html` of `state`, rendered once per code and count."""
        key = ("places", state.code, state.places_left)
        html = self.memo.get(key)
        if html is None:
            html = self.memo[key] = render_to_string("registration/state.html", {"state": state})
        return html

    def name(self, names, key):
        """`names[key]` (a lazily translated label) as text, else the key."""
        memo_key = (id(names), key)
        text = self.memo.get(memo_key)
        if text is None:
            text = self.memo[memo_key] = str(names.get(key, key))
        return text


@dataclass
class Session(ReadByName):  # some fifty lookups per session in a programme
    """One date of one session."""

    row: Row
    track: FestivalTrack | None = None
    room: FestivalRoom | None = None
    speakers: list = field(default_factory=list)
    organisers: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    places: State | None = None
    places_html: str = ""  # `places` as `registration/state.html` writes it
    registration: RegistrationSettings | None = None
    session_format: str = ""
    # "My programme" sets the link that takes the session out of the choice.
    remove_url: str = ""
    # The texts of `load_sessions` (in the language active then): the times as
    # a row writes them and the names below are formatted when first read, so
    # a programme of 1,000 sessions formats only those of the page it shows.
    texts: _Texts = field(default_factory=_Texts, repr=False, compare=False)
    # What a row reads several times, read once from the row (`__post_init__`).
    id: int = field(init=False)  # the date's id: what "my programme" keeps
    id_text: str = field(init=False)  # as the row writes it (a number is localised)
    title: str = field(init=False)
    url: str | None = field(init=False)
    is_cancelled: bool = field(init=False)
    is_online: bool = field(init=False)
    is_onsite: bool = field(init=False)

    def __post_init__(self):
        occurrence = self.row.occurrence
        self.id = occurrence.pk
        self.id_text = str(occurrence.pk)
        self.title = self.row.page.title
        self.url = self.row.url
        self.is_cancelled = occurrence.is_cancelled
        self.is_online = bool(occurrence.event.online_url)
        self.is_onsite = self.row.venue is not None or self.room is not None

    @property
    def occurrence(self):
        return self.row.occurrence

    @cached_property
    def start_time(self):
        return self.texts.time(self.row.start)

    @cached_property
    def end_time(self):
        return self.texts.time(self.row.end)

    @cached_property
    def start_iso(self):
        return self.texts.time(self.row.occurrence.start, "c")

    @cached_property
    def end_iso(self):
        return self.texts.time(self.row.occurrence.end, "c")

    @cached_property
    def end_day(self):
        """The end's day when it is not the start's ("8 jun"), else ""."""
        if self.row.end.date() == self.row.start.date():
            return ""
        return self.texts.time(self.row.end, "SHORT_MONTH_DAY_FORMAT")

    @cached_property
    def format_label(self):
        return self.texts.name(FORMAT_LABELS, self.session_format)

    @cached_property
    def languages(self):
        """[(code, name)] of the languages spoken."""
        return [
            (code, self.texts.name(LANGUAGE_NAMES, code)) for code in self.source.language_codes
        ]

    @property
    def speaker_names(self):
        return ", ".join(person.name for person in self.speakers)

    @property
    def page(self):
        return self.row.page

    @property
    def source(self):
        """The version of the event its dates and settings come from."""
        return self.row.occurrence.event

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
    def language_codes(self):
        return self.source.language_codes

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
    """{source event id: [snippets in the active language]} for one link model,
    in one query (two when some snippets are in another language): the links
    with their snippet's columns, each snippet made into a model once however
    many sessions it is linked to."""
    model = link_model._meta.get_field(target).related_model
    names = [f.attname for f in model._meta.concrete_fields]
    rows = (
        link_model.objects.filter(page_id__in=event_ids)
        .order_by("page_id", "sort_order")
        .values_list("page_id", *(f"{target}__{name}" for name in names))
    )
    position = names.index(model._meta.pk.attname)
    snippets, pairs = {}, []
    for page_id, *values in rows:
        pk = values[position]
        if pk not in snippets:
            snippets[pk] = model.from_db(rows.db, names, values)
        pairs.append((page_id, pk))
    localised = localized(model, snippets.values(), locale=locale) if snippets else {}
    result = defaultdict(list)
    for page_id, pk in pairs:
        snippet = snippets[pk]
        result[page_id].append(localised.get(snippet.translation_key, snippet))
    return result


def session_dates(festival):
    """The dates (occurrences) of the festival's live sessions (a queryset)."""
    return Occurrence.objects.filter(event_key__in=session_keys(festival), event__live=True)


def session_days(festival):
    """The days on which sessions start, in order: what `{s.day for s in
    load_sessions(festival)}` gives, from one column."""
    starts = session_dates(festival).order_by().values_list("start", flat=True)
    return sorted({to_local(start).date() for start in starts})


def load_sessions(
    festival, request=None, *, locale=None, now=None, include_cancelled=True, day=None
):
    """Every date of every live session of `festival`, in start order (then by
    room order), in the active language; with `day`, only those that start on
    that day (the site's time)."""
    locale = locale or active_locale(request)
    now = now or timezone.now()
    dates = session_dates(festival)
    if day is not None:
        midnight = datetime.combine(day, time.min, tzinfo=site_zone())
        dates = dates.filter(start__gte=midnight, start__lt=midnight + timedelta(days=1))
    occurrences = (
        for_listing(dates)
        .only(*CELL_OCCURRENCE_FIELDS, *(f"event__{name}" for name in PAGE_FIELDS))
        # The session's place in the programme, as values: no model per session.
        .annotate(
            session_format=F("event__sessionpage__session_format"),
            track_key=F("event__sessionpage__track__translation_key"),
            room_key=F("event__sessionpage__room__translation_key"),
        )
    )
    if not include_cancelled:
        occurrences = occurrences.exclude(status=Occurrence.Status.CANCELLED)
    occurrences = list(occurrences.order_by("start", "pk"))
    if not occurrences:
        return []
    rows = localise(
        occurrences, request, locale, pages=EventPage.objects.filter(live=True).only(*PAGE_FIELDS)
    )
    events = {o.event_id: o.event for o in occurrences}
    # The festival's tracks and rooms in the reader's language (two small queries).
    tracks = localized(FestivalTrack, {o.track_key for o in occurrences} - {None}, locale=locale)
    rooms = localized(FestivalRoom, {o.room_key for o in occurrences} - {None}, locale=locale)
    # The source events as a subquery: a thousand ids as parameters cost more.
    sources = dates.values("event_id")
    speakers = _links(SessionSpeaker, "person", sources, locale)
    organisers = _links(EventPageOrganiser, "organisation", sources, locale)
    themes = _links(EventPageTheme, "theme", sources, locale)
    registration = settings_for(events.values(), enabled_only=True)
    with_registration = [o for o in occurrences if registration[o.event_id].enabled]
    # A session registered as a whole series counts the places of the series.
    series = {o.pk: o.event_key for o in with_registration if registration[o.event_id].is_series}
    confirmed = (
        confirmed_by_occurrence([o.pk for o in with_registration], series=series)
        if with_registration
        else {}
    )
    texts = _Texts()
    sessions = []
    for row in rows:
        occurrence = row.occurrence
        event = occurrence.event
        settings = registration[event.pk]
        session_format = occurrence.session_format or ""
        places = (
            decide(event, occurrence, confirmed=confirmed.get(occurrence.pk, 0), now=now)
            if settings.enabled
            else None
        )
        sessions.append(
            Session(
                row=row,
                track=tracks.get(occurrence.track_key) if occurrence.track_key else None,
                room=rooms.get(occurrence.room_key) if occurrence.room_key else None,
                speakers=speakers.get(event.pk, []),
                organisers=organisers.get(event.pk, []),
                themes=themes.get(event.pk, []),
                places=places,
                places_html=texts.places(places) if places else "",
                registration=settings,
                session_format=session_format,
                texts=texts,
            )
        )
    # The programme's counts and filters follow every session's state, also of
    # sessions it lists on another page: a registration that leaves them as
    # they were leaves the cached programme as it is (home.cache.refresh_parts).
    shown_states(PLACES_PART, {s.id: s.places.code for s in sessions if s.places is not None})
    room_order = {room.translation_key: room.sort_order or 0 for room in rooms.values()}
    sessions.sort(
        key=lambda s: (s.start, room_order.get(s.room.translation_key, 0) if s.room else -1)
    )
    return sessions
