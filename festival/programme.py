"""The programme as visitors browse it: filters, grouping, the day grid, the
live state and the "my programme" selection.

Everything here is a pure function over the list of `Session`s that
`festival.sessions.load_sessions` returns, so the programme views cost
the same queries however many sessions a festival has, and the rules are
tested without a database.

The day grid (`build_grid`) is a table of columns (rooms or tracks) × time
slots:

- The slot length is the largest of 60, 30, 20, 15, 10 or 5 minutes that every
  start and end time of the day falls on (10:00, 10:45 and 11:30 give 15
  minutes); times off that pattern (10:07) are rounded out to 5 minutes.
- A session spans its slots with `rowspan`.
- Two sessions that overlap in the same column (a room used twice, or two
  sessions of one track at once) each get a *lane*: the column header spans
  all its lanes (`colspan`), and each session keeps its own cell, length and
  link, so nothing is hidden or squeezed into one cell. Lanes are assigned
  greedily in start order, which uses as few lanes as the overlaps need.
- Every room (or track) of the festival is a column, also when it has no
  session that day, so the grid reads the same for every day; sessions
  without a room (or track) get one extra column at the end.
"""

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import groupby

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import SPOKEN_LANGUAGES
from events.schedule import to_local
from festival.models import SessionFormat
from home.params import int_list
from home.template_objects import ReadByName
from home.widgets import FilterMenu

LANGUAGE_NAMES = dict(SPOKEN_LANGUAGES)
SLOT_CHOICES = (60, 30, 20, 15, 10, 5)
MAX_SELECTED = 200
# Sessions per page of the programme list: a festival of 1,000 sessions on one
# page was 1.2 MB of HTML for a phone, and half a second to write.
LIST_PAGE_SIZE = 50


# -- Filters ------------------------------------------------------------------

MODE_CHOICES = [("", _("Online or on site")), ("onsite", _("On site")), ("online", _("Online"))]
PLACES_CHOICES = [("", _("All sessions")), ("available", _("With places left"))]


def _unique(pairs):
    seen = {}
    for key, label in pairs:
        seen.setdefault(key, label)
    return sorted(seen.items(), key=lambda item: str(item[1]).casefold())


def filter_choices(sessions, tracks=()):
    """The options each filter offers: only values some session has, so no
    filter leads to an empty list by itself. Tracks keep the festival's order."""
    track_order = {t.translation_key: n for n, t in enumerate(tracks)}
    session_tracks = {s.track.translation_key: s.track for s in sessions if s.track}
    ordered_tracks = sorted(
        session_tracks.values(), key=lambda t: (track_order.get(t.translation_key, 999), t.name)
    )
    formats = {s.session_format for s in sessions if s.session_format}
    codes = {code for s in sessions for code in s.language_codes}
    return {
        "track": [(t.slug, t.name) for t in ordered_tracks],
        "format": [(value, label) for value, label in SessionFormat.choices if value in formats],
        "language": [(code, name) for code, name in SPOKEN_LANGUAGES if code in codes],
        "theme": _unique((t.slug, t.name) for s in sessions for t in s.themes),
        "partner": _unique((o.slug, o.name) for s in sessions for o in s.organisers),
        "day": sorted({s.day for s in sessions}),
    }


class ProgrammeFilterForm(forms.Form):
    """The programme list's filters: GET parameters with values that are the
    same in every language (slugs and codes), so a filtered list is a link."""

    track = FilterMenu(_("Track"))
    format = FilterMenu(_("Format"))
    language = FilterMenu(_("Language spoken"))
    theme = FilterMenu(_("Theme"))
    partner = FilterMenu(_("Organiser"))
    mode = FilterMenu(_("Where"), MODE_CHOICES)
    places = FilterMenu(_("Places"), PLACES_CHOICES)
    day = FilterMenu(_("Day"))

    def __init__(self, data, choices, **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", _("All"))]
        for name in ("track", "format", "language", "theme", "partner"):
            self.fields[name].choices = everything + list(choices[name])
        self.fields["day"].choices = [("", _("All days"))] + [
            (day.isoformat(), day) for day in choices["day"]
        ]
        for name in ("track", "format", "language", "theme", "partner", "day"):
            if len(self.fields[name].choices) <= 2:
                # One value or none: a menu would not narrow anything.
                self.fields[name].widget = forms.HiddenInput()

    def filters(self):
        """The valid, non-empty filters; an unknown value is left out (and
        shown as an error on its field) rather than failing the page."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        result = {k: v for k, v in cleaned.items() if v}
        if "day" in result:
            result["day"] = date.fromisoformat(result["day"])
        return result


def filter_sessions(sessions, filters, now):
    """The sessions that match every filter.

    "With places left" keeps sessions that have not ended and either take
    registrations with a place free, or need no registration (walk in)."""
    now = to_local(now)
    result = []
    for s in sessions:
        if "track" in filters and (s.track is None or s.track.slug != filters["track"]):
            continue
        if "format" in filters and s.session_format != filters["format"]:
            continue
        if "language" in filters and filters["language"] not in s.language_codes:
            continue
        if "theme" in filters and not any(t.slug == filters["theme"] for t in s.themes):
            continue
        if "partner" in filters and not any(o.slug == filters["partner"] for o in s.organisers):
            continue
        if filters.get("mode") == "online" and not s.is_online:
            continue
        if filters.get("mode") == "onsite" and not s.is_onsite:
            continue
        if filters.get("places") == "available" and not has_places(s, now):
            continue
        if "day" in filters and s.day != filters["day"]:
            continue
        result.append(s)
    return result


def has_places(session, now):
    """Can a visitor still come? `now` is local wall-clock time."""
    if session.is_cancelled or session.end <= now:
        return False
    return session.places is None or session.places.code == "open"


# -- Grouping -----------------------------------------------------------------


@dataclass
class TimeGroup(ReadByName):
    start: datetime
    sessions: list


@dataclass
class DayGroup(ReadByName):
    day: date
    times: list = field(default_factory=list)

    @property
    def count(self):
        return sum(len(group.sessions) for group in self.times)


def group_by_day_and_time(sessions):
    """[DayGroup(day, [TimeGroup(start, sessions)])], in time order."""
    ordered = sorted(sessions, key=lambda s: s.start)
    days = []
    for day, in_day in groupby(ordered, key=lambda s: s.day):
        days.append(
            DayGroup(
                day,
                [
                    TimeGroup(start, list(items))
                    for start, items in groupby(in_day, lambda s: s.start)
                ],
            )
        )
    return days


# -- The day grid -------------------------------------------------------------


@dataclass
class Column(ReadByName):
    key: str | None
    label: str
    item: object = None
    lanes: int = 1


@dataclass
class Cell(ReadByName):
    column: Column
    session: object = None
    rowspan: int = 1
    lane: int = 0


@dataclass
class SlotRow(ReadByName):
    start: datetime
    end: datetime
    cells: list


@dataclass
class Grid(ReadByName):
    day: date
    columns: list
    rows: list
    slot_minutes: int

    @property
    def width(self):
        return sum(column.lanes for column in self.columns)


def _minute_of_day(value, day):
    return int((value - datetime.combine(day, datetime.min.time())).total_seconds() // 60)


def slot_minutes(sessions, day):
    """The longest slot that every start and end of the day falls on."""
    minutes = set()
    for s in sessions:
        minutes.add(_minute_of_day(s.start, day) % 60)
        minutes.add(_minute_of_day(_clipped_end(s, day), day) % 60)
    for slot in SLOT_CHOICES:
        if all(m % slot == 0 for m in minutes):
            return slot
    return SLOT_CHOICES[-1]


def _clipped_end(session, day):
    """A session that runs past midnight ends, in this day's grid, at midnight."""
    midnight = datetime.combine(day + timedelta(days=1), datetime.min.time())
    return min(max(session.end, session.start), midnight)


def _merge_free(slots):
    """A lane's slots with each run of free slots made one empty cell (None,
    span) that covers the rest of the run: a day of 5-minute rows had some
    2,000 empty cells, each a line across the empty space and a step of the
    template's loop."""
    merged = list(slots)
    row = 0
    while row < len(merged):
        if merged[row] is not None:
            row += 1
            continue
        end = row
        while end < len(merged) and merged[end] is None:
            end += 1
        merged[row] = (None, end - row)
        for covered in range(row + 1, end):
            merged[covered] = "covered"
        row = end
    return merged


def build_grid(sessions, day, columns, column_key, other_label=""):
    """The grid of `day`: `columns` ([Column]) in order, sessions placed by
    `column_key(session)`; sessions whose key is None or unknown go to an extra
    column labelled `other_label`. Returns a `Grid`, or None without sessions."""
    sessions = [s for s in sessions if s.day == day]
    if not sessions:
        return None
    columns = [Column(c.key, c.label, c.item) for c in columns]
    by_key = {c.key: c for c in columns}
    placed = {}
    other = None
    for s in sessions:
        key = column_key(s)
        column = by_key.get(key) if key is not None else None
        if column is None:
            if other is None:
                other = Column(None, other_label)
            column = other
        placed.setdefault(id(column), []).append(s)
    if other is not None:
        columns.append(other)

    slot = slot_minutes(sessions, day)
    first = min(_minute_of_day(s.start, day) for s in sessions)
    last = max(_minute_of_day(_clipped_end(s, day), day) for s in sessions)
    start_minute = first - first % slot
    end_minute = max(math.ceil(last / slot) * slot, start_minute + slot)
    count = (end_minute - start_minute) // slot
    origin = datetime.combine(day, datetime.min.time()) + timedelta(minutes=start_minute)

    # occupancy[column id][lane][row]: "covered" or (session, span), where a
    # run of free slots is one (None, span) (`_merge_free`)
    occupancy = {}
    for column in columns:
        lanes = []
        lane_ends = []
        for s in sorted(placed.get(id(column), []), key=lambda s: (s.start, s.end)):
            begin = (_minute_of_day(s.start, day) - start_minute) // slot
            finish = math.ceil((_minute_of_day(_clipped_end(s, day), day) - start_minute) / slot)
            span = max(finish - begin, 1)
            free = [n for n, lane_end in enumerate(lane_ends) if lane_end <= begin]
            if free:
                lane = free[0]
            else:
                lane = len(lane_ends)
                lane_ends.append(0)
                lanes.append([None] * count)
            lane_ends[lane] = begin + span
            lanes[lane][begin] = (s, span)
            for row in range(begin + 1, min(begin + span, count)):
                lanes[lane][row] = "covered"
        column.lanes = max(len(lanes), 1)
        occupancy[id(column)] = [_merge_free(slots) for slots in lanes or [[None] * count]]

    rows = []
    for row in range(count):
        cells = []
        for column in columns:
            for lane, slots in enumerate(occupancy[id(column)]):
                value = slots[row]
                if value == "covered":
                    continue
                cells.append(Cell(column, value[0], value[1], lane))
        start = origin + timedelta(minutes=row * slot)
        rows.append(SlotRow(start, start + timedelta(minutes=slot), cells))
    return Grid(day=day, columns=columns, rows=rows, slot_minutes=slot)


# -- Live state ---------------------------------------------------------------


@dataclass
class LiveState:
    """What the festival page says about right now.

    phase: "upcoming", "today" (a one-day festival on its day), "running" (a
    period festival between its first and last day) or "past".
    registration: "open" (some session still has places), "full" (sessions
    take registrations but none has a place: full or waiting list only) or "".
    """

    phase: str
    now_on: list
    next_up: list
    registration: str
    open_count: int = 0


def live_state(festival, sessions, now):
    local_now = to_local(now)
    today = local_now.date()
    if today > festival.last_day:
        phase = "past"
    elif today >= festival.start_date:
        phase = "today" if festival.is_one_day else "running"
    else:
        phase = "upcoming"
    active = [s for s in sessions if not s.is_cancelled]
    now_on = [s for s in active if s.start <= local_now < s.end]
    later = [s for s in active if s.start > local_now]
    next_up = [s for s in later if s.start == later[0].start] if later else []
    taking = [s for s in active if s.places is not None and s.end > local_now]
    open_count = sum(1 for s in taking if s.places.code == "open")
    if open_count:
        registration = "open"
    elif any(s.places.code in {"waiting", "full"} for s in taking):
        registration = "full"
    else:
        registration = ""
    if phase == "past":
        now_on, next_up, registration = [], [], ""
    return LiveState(phase, now_on, next_up, registration, open_count)


# -- My programme -------------------------------------------------------------


def parse_ids(value):
    """Occurrence ids from "12,15,x,12": numbers only, each once, in order;
    anything else is ignored (home.params.int_list)."""
    return int_list(value, limit=MAX_SELECTED)


def join_ids(ids):
    return ",".join(str(i) for i in ids)


def selected(sessions, ids):
    """The sessions whose date (occurrence) is among `ids`, in time order."""
    wanted = set(ids)
    return [s for s in sessions if s.occurrence.pk in wanted]
