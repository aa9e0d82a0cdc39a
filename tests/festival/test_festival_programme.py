"""The programme's pure rules: the day grid (slots, spans, overlaps, empty
rooms), filters, grouping, live state and the "my programme" ids. No database:
sessions are plain stand-ins with the attributes `Session` has."""

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from events.schedule import site_zone
from festival import programme
from festival.programme import Column, build_grid, parse_ids, slot_minutes

DAY = date(2022, 4, 9)


def at(hour, minute=0, day=DAY):
    return datetime(day.year, day.month, day.day, hour, minute)


def session(
    title,
    start,
    end,
    *,
    room=None,
    track=None,
    fmt="talk",
    languages=("nl",),
    online=False,
    places=None,
    cancelled=False,
    themes=(),
    organisers=(),
    pk=None,
):
    return SimpleNamespace(
        title=title,
        start=start,
        end=end,
        day=start.date(),
        room=SimpleNamespace(translation_key=room, slug=room, name=room) if room else None,
        track=SimpleNamespace(translation_key=track, slug=track, name=track.title())
        if track
        else None,
        session_format=fmt,
        language_codes=list(languages),
        is_online=online,
        is_onsite=room is not None,
        places=SimpleNamespace(code=places) if places else None,
        is_cancelled=cancelled,
        themes=[SimpleNamespace(slug=t, name=t) for t in themes],
        organisers=[SimpleNamespace(slug=o, name=o.upper()) for o in organisers],
        occurrence=SimpleNamespace(pk=pk or abs(hash(title)) % 10_000),
    )


ROOMS = [Column("zaal", "Zaal"), Column("kamer", "Kamer"), Column("tuin", "Tuin")]


def by_room(s):
    return s.room.translation_key if s.room else None


def layout(grid):
    """{title: (row index, rowspan, column key, lane)} of every session cell."""
    result = {}
    for index, row in enumerate(grid.rows):
        for cell in row.cells:
            if cell.session is not None:
                result[cell.session.title] = (index, cell.rowspan, cell.column.key, cell.lane)
    return result


# -- Slots ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        ([(10, 0, 11, 0), (11, 0, 12, 0)], 60),
        ([(10, 0, 10, 30)], 30),
        ([(10, 0, 10, 45), (11, 30, 12, 0)], 15),
        ([(9, 40, 10, 20)], 20),
        ([(10, 7, 10, 50)], 5),
    ],
)
def test_slot_is_the_longest_that_every_time_falls_on(times, expected):
    sessions = [session(str(t), at(t[0], t[1]), at(t[2], t[3])) for t in times]
    assert slot_minutes(sessions, DAY) == expected


# -- Grid -----------------------------------------------------------------------


def test_session_spans_its_slots_and_rows_cover_the_day():
    grid = build_grid(
        [
            session("Opening", at(10), at(10, 45), room="zaal"),
            session("Workshop", at(11), at(12, 30), room="kamer"),
        ],
        DAY,
        ROOMS,
        by_room,
    )
    assert grid.slot_minutes == 15
    assert [r.start.strftime("%H:%M") for r in grid.rows][0] == "10:00"
    assert grid.rows[-1].end == at(12, 30)
    assert len(grid.rows) == 10
    assert layout(grid) == {"Opening": (0, 3, "zaal", 0), "Workshop": (4, 6, "kamer", 0)}


def test_empty_rooms_are_columns_and_every_row_has_a_cell_per_free_column():
    grid = build_grid([session("Workshop", at(11), at(12), room="kamer")], DAY, ROOMS, by_room)
    assert [c.key for c in grid.columns] == ["zaal", "kamer", "tuin"]
    assert grid.width == 3
    # One slot of 60 minutes; every column has a cell.
    assert [len(row.cells) for row in grid.rows] == [3]


def assert_every_row_adds_up_to_the_width(grid):
    """A row's cells and the cells of earlier rows that span into it (sessions
    and runs of free slots alike) fill the grid's width: no gap, no overlap."""
    for index, row in enumerate(grid.rows):
        spanning = sum(
            1
            for j, earlier in enumerate(grid.rows[:index])
            for cell in earlier.cells
            if j + cell.rowspan > index
        )
        assert len(row.cells) + spanning == grid.width


def long_and_short():
    return build_grid(
        [
            session("Long", at(10), at(12), room="zaal"),
            session("Short", at(11), at(11, 30), room="kamer"),
        ],
        DAY,
        ROOMS,
        by_room,
    )


def test_covered_slots_have_no_cell_so_every_row_adds_up_to_the_width():
    assert_every_row_adds_up_to_the_width(long_and_short())


def test_a_run_of_free_slots_is_one_empty_cell():
    grid = long_and_short()
    assert grid.slot_minutes == 30 and len(grid.rows) == 4

    def cells(key):
        return [
            (index, cell.session.title if cell.session else None, cell.rowspan)
            for index, row in enumerate(grid.rows)
            for cell in row.cells
            if cell.column.key == key
        ]

    assert cells("zaal") == [(0, "Long", 4)]
    # Free before and after the short session: one empty cell each.
    assert cells("kamer") == [(0, None, 2), (2, "Short", 1), (3, None, 1)]
    assert cells("tuin") == [(0, None, 4)]


def test_overlapping_sessions_in_one_room_get_lanes():
    grid = build_grid(
        [
            session("A", at(10), at(11, 30), room="kamer"),
            session("B", at(10, 30), at(11), room="kamer"),
            session("C", at(11), at(12), room="kamer"),  # fits beside A, after B
            session("D", at(10), at(11), room="zaal"),
        ],
        DAY,
        ROOMS,
        by_room,
    )
    kamer = next(c for c in grid.columns if c.key == "kamer")
    assert kamer.lanes == 2
    assert grid.width == 4
    cells = layout(grid)
    assert cells["A"] == (0, 3, "kamer", 0)
    assert cells["B"] == (1, 1, "kamer", 1)
    assert cells["C"] == (2, 2, "kamer", 1)
    assert_every_row_adds_up_to_the_width(grid)


def test_sessions_without_a_room_get_an_extra_column():
    grid = build_grid(
        [
            session("Online", at(13), at(14), online=True),
            session("Zaal", at(13), at(14), room="zaal"),
            session("Unknown room", at(14), at(15), room="gone"),
        ],
        DAY,
        ROOMS,
        by_room,
        other_label="Elders",
    )
    assert [c.label for c in grid.columns] == ["Zaal", "Kamer", "Tuin", "Elders"]
    assert layout(grid)["Online"][2] is None
    assert layout(grid)["Unknown room"][2] is None


def test_a_session_past_midnight_ends_at_midnight_in_the_grid():
    grid = build_grid(
        [session("Night", at(22), datetime(2022, 4, 10, 2, 0), room="zaal")],
        DAY,
        ROOMS,
        by_room,
    )
    assert grid.rows[-1].end == datetime(2022, 4, 10, 0, 0)
    assert layout(grid)["Night"] == (0, 2, "zaal", 0)


def test_a_day_without_sessions_has_no_grid():
    other = session("Later", at(10, day=date(2022, 4, 10)), at(11, day=date(2022, 4, 10)))
    assert build_grid([other], DAY, ROOMS, by_room) is None


def test_zero_length_session_still_gets_one_slot():
    grid = build_grid([session("Moment", at(10), at(10), room="zaal")], DAY, ROOMS, by_room)
    assert layout(grid)["Moment"] == (0, 1, "zaal", 0)


# -- Filters --------------------------------------------------------------------

SESSIONS = [
    session(
        "Talk", at(10), at(11), room="zaal", track="wonen", themes=["zorg"], organisers=["knhm"]
    ),
    session(
        "Webinar",
        at(13),
        at(14),
        track="zorg",
        fmt="online",
        languages=("en",),
        online=True,
        places="open",
    ),
    session("Full", at(14), at(15), room="kamer", places="waiting", languages=("nl", "en")),
    session("Cancelled", at(15), at(16), room="kamer", cancelled=True),
]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Talk", "Webinar", "Full", "Cancelled"]),
        ({"mode": "online", "language": "en"}, ["Webinar"]),
        ({"mode": "onsite"}, ["Talk", "Full", "Cancelled"]),
        ({"track": "wonen"}, ["Talk"]),
        ({"format": "online"}, ["Webinar"]),
        ({"theme": "zorg"}, ["Talk"]),
        ({"partner": "knhm"}, ["Talk"]),
        ({"places": "available"}, ["Talk", "Webinar"]),
        ({"day": DAY}, ["Talk", "Webinar", "Full", "Cancelled"]),
        ({"day": date(2022, 4, 10)}, []),
    ],
)
def test_filters(filters, expected):
    now = datetime(2022, 4, 1, 12, 0, tzinfo=site_zone())
    assert [s.title for s in programme.filter_sessions(SESSIONS, filters, now)] == expected


def test_filter_choices_offer_only_values_sessions_have():
    choices = programme.filter_choices(SESSIONS)
    assert [code for code, _name in choices["language"]] == ["nl", "en"]
    assert [value for value, _label in choices["format"]] == ["talk", "online"]
    assert choices["partner"] == [("knhm", "KNHM")]
    assert choices["day"] == [DAY]


def test_filter_form_keeps_valid_filters_and_drops_unknown_ones():
    choices = programme.filter_choices(SESSIONS)
    form = programme.ProgrammeFilterForm(
        {"language": "en", "track": "nope", "day": DAY.isoformat()}, choices
    )
    assert form.filters() == {"language": "en", "day": DAY}
    assert "track" in form.errors


def test_grouping_by_day_and_time():
    groups = programme.group_by_day_and_time(
        [SESSIONS[1], SESSIONS[0], session("Also ten", at(10), at(10, 30))]
    )
    assert len(groups) == 1 and groups[0].count == 3
    assert [[s.title for s in g.sessions] for g in groups[0].times] == [
        ["Talk", "Also ten"],
        ["Webinar"],
    ]


# -- Live state --------------------------------------------------------------------


def festival(start=DAY, end=None):
    return SimpleNamespace(
        start_date=start,
        last_day=end or start,
        is_one_day=end is None or end == start,
    )


def aware(hour, minute=0, day=DAY):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=site_zone())


def test_live_state_on_the_day_shows_now_and_next():
    state = programme.live_state(festival(), SESSIONS, aware(10, 30))
    assert state.phase == "today"
    assert [s.title for s in state.now_on] == ["Talk"]
    assert [s.title for s in state.next_up] == ["Webinar"]
    assert state.registration == "open" and state.open_count == 1


def test_live_state_registration_full_when_no_session_has_places():
    state = programme.live_state(festival(), SESSIONS, aware(14, 30))
    assert state.registration == "full"
    assert [s.title for s in state.now_on] == ["Full"]
    assert state.next_up == []  # the cancelled session is never next


def test_live_state_before_and_after():
    assert programme.live_state(festival(), SESSIONS, aware(9, day=date(2022, 3, 1))).phase == (
        "upcoming"
    )
    past = programme.live_state(festival(), SESSIONS, aware(9, day=date(2022, 4, 10)))
    assert past.phase == "past" and past.now_on == [] and past.registration == ""


def test_live_state_of_a_period_festival_is_running():
    period = festival(date(2022, 1, 1), date(2022, 12, 31))
    assert programme.live_state(period, SESSIONS, aware(9, day=date(2022, 2, 1))).phase == (
        "running"
    )


# -- My programme ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12,15,9", [12, 15, 9]),
        ("12, x,15,12,,-3,1.5", [12, 15]),
        ("", []),
        (None, []),
        ("9" * 40, []),
    ],
)
def test_parse_ids_ignores_anything_but_numbers(value, expected):
    assert parse_ids(value) == expected


def test_parse_ids_has_a_ceiling():
    assert len(parse_ids(",".join(str(n) for n in range(1000)))) == programme.MAX_SELECTED


def test_selected_keeps_time_order():
    a, b, c = (
        session(t, at(h), at(h + 1), pk=n)
        for n, (t, h) in enumerate([("A", 10), ("B", 11), ("C", 12)], start=1)
    )
    assert [s.title for s in programme.selected([a, b, c], [3, 1, 99])] == ["A", "C"]
