"""Occurrences: generated from the rule in local time (right across DST),
with per-date exceptions, kept when they have history, and shared by every
translation of an event."""

from datetime import UTC, date, time, timedelta

import pytest
from django.utils import timezone

from demo.registry import translate
from events.models import EventSchedule, Occurrence, OccurrenceException
from events.schedule import site_zone, to_local
from events.services import add_exception, extend_all_occurrences, regenerate_occurrences
from tests.events.conftest import local

pytestmark = pytest.mark.django_db

SECOND_SATURDAY = "RRULE:FREQ=MONTHLY;BYDAY=2SA"


def local_starts(event, **filters):
    rows = Occurrence.objects.filter(event_key=event.translation_key, **filters).order_by("start")
    return [to_local(o.start) for o in rows]


def test_second_saturday_stays_at_ten_across_march_and_october_dst(make_event):
    event = make_event(start=local(2026, 12, 12, 10, 0), rule=SECOND_SATURDAY + ";COUNT=12")
    starts = local_starts(event)
    assert len(starts) == 12
    assert all(s.weekday() == 5 and 8 <= s.day <= 14 for s in starts)
    assert {(s.hour, s.minute) for s in starts} == {(10, 0)}
    # 14 March 2027 is winter time (+01:00), 10 April summer time (+02:00), and back in November.
    march = Occurrence.objects.get(event_key=event.translation_key, start__date=date(2027, 3, 13))
    april = Occurrence.objects.get(event_key=event.translation_key, start__date=date(2027, 4, 10))
    november = Occurrence.objects.get(
        event_key=event.translation_key, start__date=date(2027, 11, 13)
    )
    # In UTC the same wall-clock time is 09:00 in winter and 08:00 in summer.
    assert march.start.astimezone(UTC).hour == 9
    assert april.start.astimezone(UTC).hour == 8
    assert november.start.astimezone(UTC).hour == 9
    assert (april.start - march.start) == timedelta(days=28, hours=-1)
    assert to_local(november.start).time() == time(10, 0)
    assert to_local(november.end).time() == time(13, 0)


def test_weekly_event_keeps_wall_clock_on_the_october_switch(make_event):
    event = make_event(
        start=local(2027, 10, 23, 19, 30),
        end=local(2027, 10, 23, 21, 0),
        rule="RRULE:FREQ=WEEKLY;COUNT=3",
    )
    rows = list(Occurrence.objects.filter(event_key=event.translation_key).order_by("start"))
    assert [to_local(o.start).time() for o in rows] == [time(19, 30)] * 3
    zone = site_zone()
    # Summer time ends on 31 October 2027: the third date is at +01:00.
    assert [o.start.astimezone(zone).utcoffset() for o in rows] == [
        timedelta(hours=2),
        timedelta(hours=2),
        timedelta(hours=1),
    ]
    assert [to_local(o.start).date() for o in rows] == [
        date(2027, 10, 23),
        date(2027, 10, 30),
        date(2027, 11, 6),
    ]
    assert [(o.end - o.start) for o in rows] == [timedelta(minutes=90)] * 3


def test_all_day_event_does_not_shift(make_event):
    event = make_event(
        start=local(2027, 3, 27, 0, 0),
        end=local(2027, 3, 27, 0, 0),
        all_day=True,
        rule="RRULE:FREQ=DAILY;COUNT=3",
    )
    rows = list(Occurrence.objects.filter(event_key=event.translation_key).order_by("start"))
    assert [to_local(o.start) for o in rows] == [
        local(2027, 3, 27, 0, 0).replace(tzinfo=None),
        local(2027, 3, 28, 0, 0).replace(tzinfo=None),
        local(2027, 3, 29, 0, 0).replace(tzinfo=None),
    ]
    # Start to end covers whole local days, also over the night of the switch.
    assert to_local(rows[0].end) == to_local(rows[1].start)
    assert all(o.all_day for o in rows)


def test_exdate_saved_at_midnight_removes_that_days_occurrence(make_event):
    # The widget writes an EXDATE as local midnight in UTC (2026-12-25 23:00Z).
    event = make_event(
        start=local(2026, 12, 12, 10, 0),
        rule="RRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=4\nEXDATE:20261225T230000Z",
    )
    days = [s.date() for s in local_starts(event)]
    assert date(2026, 12, 26) not in days
    assert days == [date(2026, 12, 12), date(2026, 12, 19), date(2027, 1, 2)]


def test_dtend_is_not_an_occurrence_and_until_includes_its_day(make_event):
    event = make_event(
        start=local(2026, 12, 1, 19, 0),
        rule="DTSTART:20261201T180000Z\nDTEND:20261231T180000Z\n"
        "RRULE:FREQ=WEEKLY;UNTIL=20261214T230000Z",
    )
    days = [s.date() for s in local_starts(event)]
    assert days == [date(2026, 12, 1), date(2026, 12, 8), date(2026, 12, 15)]


def test_rdate_without_time_takes_the_series_time(make_event):
    event = make_event(
        start=local(2026, 12, 12, 10, 0),
        rule="RRULE:FREQ=MONTHLY;BYDAY=2SA;COUNT=2\nRDATE:20261229T230000Z",
    )
    assert local(2026, 12, 30, 10, 0).replace(tzinfo=None) in local_starts(event)


def _except(event, **fields):
    draft = event.get_latest_revision_as_object()
    draft.exceptions.add(OccurrenceException(**fields))
    draft.save_revision().publish()


def test_cancelled_date_keeps_its_place_with_a_reason(make_event):
    event = make_event(start=local(2026, 12, 12, 10, 0), rule=SECOND_SATURDAY + ";COUNT=3")
    _except(event, date=date(2027, 1, 9), action="cancel", reason="Zaal is dicht")
    cancelled = Occurrence.objects.get(event_key=event.translation_key, status="cancelled")
    assert to_local(cancelled.start).date() == date(2027, 1, 9)
    assert cancelled.note == "Zaal is dicht"
    assert Occurrence.objects.filter(event_key=event.translation_key).count() == 3


def test_moved_date_gets_new_time_and_venue(make_event, venue):
    event = make_event(start=local(2026, 12, 12, 10, 0), rule=SECOND_SATURDAY + ";COUNT=3")
    _except(
        event,
        date=date(2027, 1, 9),
        action="move",
        new_date=date(2027, 1, 16),
        new_start_time=time(14, 0),
        new_end_time=time(16, 30),
        venue=venue,
        reason="Verplaatst",
    )
    moved = Occurrence.objects.get(event_key=event.translation_key, status="moved")
    assert to_local(moved.start) == local(2027, 1, 16, 14, 0).replace(tzinfo=None)
    assert to_local(moved.end) == local(2027, 1, 16, 16, 30).replace(tzinfo=None)
    assert to_local(moved.original_start).date() == date(2027, 1, 9)
    assert moved.venue_id == venue.pk


def test_extra_date_is_added(make_event):
    event = make_event(start=local(2026, 12, 12, 10, 0), rule=SECOND_SATURDAY + ";COUNT=2")
    _except(event, date=date(2026, 12, 30), action="extra", new_start_time=time(19, 0))
    extra = Occurrence.objects.get(event_key=event.translation_key, origin="extra")
    assert to_local(extra.start) == local(2026, 12, 30, 19, 0).replace(tzinfo=None)
    assert extra.end - extra.start == timedelta(hours=3)


def test_changing_the_rule_keeps_a_date_with_history_as_cancelled(make_event):
    event = make_event(start=local(2026, 12, 12, 10, 0), rule=SECOND_SATURDAY + ";COUNT=3")
    _except(event, date=date(2027, 1, 9), action="move", new_start_time=time(11, 0))
    draft = event.get_latest_revision_as_object()
    draft.recurrence = __import__("recurrence").deserialize("RRULE:FREQ=MONTHLY;BYDAY=3SA;COUNT=3")
    draft.save_revision().publish()
    schedule = EventSchedule.objects.get(event_key=event.translation_key)
    kept = Occurrence.objects.get(event_key=event.translation_key, origin="kept")
    assert kept.status == "cancelled"
    assert to_local(kept.start).date() == date(2027, 1, 9)
    assert schedule.report["kept"] == ["2027-01-09T11:00"]
    # Dates without history went; the new rule's dates are there.
    days = [s.date() for s in local_starts(event, origin="rule")]
    assert date(2026, 12, 19) in days and date(2027, 2, 13) not in days


def test_regenerating_an_unchanged_event_writes_nothing_and_keeps_the_sequence(make_event):
    event = make_event(rule=SECOND_SATURDAY + ";COUNT=5")
    ids = set(Occurrence.objects.values_list("pk", flat=True))
    report = regenerate_occurrences(event)
    assert (report.created, report.updated, report.deleted) == (0, 0, 0)
    assert set(Occurrence.objects.values_list("pk", flat=True)) == ids
    assert report.sequence == 0


def test_sequence_goes_up_when_the_time_changes(make_event):
    event = make_event(rule=SECOND_SATURDAY + ";COUNT=5")
    draft = event.get_latest_revision_as_object()
    draft.start = local(2026, 12, 12, 11, 0)
    draft.end = local(2026, 12, 12, 14, 0)
    draft.save_revision().publish()
    assert EventSchedule.objects.get(event_key=event.translation_key).sequence == 1
    assert {to_local(s).hour for s in Occurrence.objects.values_list("start", flat=True)} == {11}


def test_unpublishing_removes_dates_without_history(make_event):
    event = make_event(rule=SECOND_SATURDAY + ";COUNT=3")
    _except(event, date=date(2027, 1, 9), action="cancel", reason="Ziek")
    event.refresh_from_db()
    event.unpublish()
    remaining = Occurrence.objects.filter(event_key=event.translation_key)
    assert [o.status for o in remaining] == ["cancelled"]


def test_horizon_limits_endless_rules_and_extend_command_is_idempotent(make_event, settings):
    settings.EVENTS_OCCURRENCE_HORIZON_DAYS = 60
    now = timezone.now()
    event = make_event(
        start=now + timedelta(days=1),
        end=now + timedelta(days=1, hours=1),
        rule="RRULE:FREQ=WEEKLY",
    )
    count = Occurrence.objects.filter(event_key=event.translation_key).count()
    assert 8 <= count <= 10
    settings.EVENTS_OCCURRENCE_HORIZON_DAYS = 120
    assert extend_all_occurrences() == 1
    longer = Occurrence.objects.filter(event_key=event.translation_key).count()
    assert longer > count + 7
    extend_all_occurrences()
    assert Occurrence.objects.filter(event_key=event.translation_key).count() == longer


def test_the_daily_extension_only_moves_the_horizon_of_events_with_nothing_new(
    make_event, settings, django_assert_max_num_queries
):
    """A single date, one past the horizon, a series that ends and an endless
    series: a day later only the endless one gets a date (and its schedule's
    change time, which feeds' ETags read); the others get a later horizon in
    one query, and their schedules do not count as changed. An event changed without its
    dates being regenerated (a bulk update) is regenerated."""
    settings.EVENTS_OCCURRENCE_HORIZON_DAYS = 60
    now = timezone.now().replace(microsecond=0)
    soon = now + timedelta(days=1)
    single = make_event(title="Lezing", start=soon, end=soon + timedelta(hours=1))
    far = soon + timedelta(days=400)  # past the horizon: its one date is there all the same
    ahead = make_event(title="Festival", start=far, end=far + timedelta(hours=8))
    ending = make_event(title="Cursus", start=soon, rule="RRULE:FREQ=WEEKLY;COUNT=3")
    endless = make_event(title="Koffie", start=soon, rule="RRULE:FREQ=DAILY")
    extend_all_occurrences(now=now)
    before = {s.event_key: s for s in EventSchedule.objects.all()}
    counts = {e.pk: len(local_starts(e)) for e in (single, ahead, ending, endless)}
    for n in range(3):  # more events of nothing new: no more queries
        make_event(title=f"Lezing {n}", start=soon, end=soon + timedelta(hours=1))
    extend_all_occurrences(now=now)
    with django_assert_max_num_queries(30):
        assert extend_all_occurrences(now=now + timedelta(days=1)) == 7
    after = {s.event_key: s for s in EventSchedule.objects.all()}
    assert {e.pk: len(local_starts(e)) for e in (single, ahead, ending, endless)} == {
        single.pk: counts[single.pk],
        ahead.pk: 1,
        ending.pk: counts[ending.pk],
        endless.pk: counts[endless.pk] + 1,
    }
    for event in (single, ahead, ending):
        key = event.translation_key
        assert after[key].updated_at == before[key].updated_at
        assert after[key].generated_until > before[key].generated_until
    assert after[endless.translation_key].updated_at > before[endless.translation_key].updated_at
    type(single).objects.filter(pk=single.pk).update(start=soon + timedelta(hours=2))
    extend_all_occurrences(now=now + timedelta(days=1))
    assert local_starts(single) == [to_local(soon + timedelta(hours=2))]


def test_translations_share_the_source_dates(make_event, locales):
    event = make_event(rule=SECOND_SATURDAY + ";COUNT=4")
    german = translate(event, "de", {"Repaircafé": "Reparatur-Café"})
    assert german.translation_key == event.translation_key
    assert german.start == event.start
    assert (
        str(german.recurrence)
        and german.recurrence.rrules[0].byday == event.recurrence.rrules[0].byday
    )
    # Publishing the translation does not duplicate dates.
    german.save_revision().publish()
    rows = Occurrence.objects.filter(event_key=event.translation_key)
    assert rows.count() == 4
    assert set(rows.values_list("event_id", flat=True)) == {event.pk}
    assert german.venue.locale.language_code == "de"


def test_add_exception_from_the_dates_view_publishes_a_revision(make_event, admin_user):
    event = make_event(rule=SECOND_SATURDAY + ";COUNT=3")
    _revision, published = add_exception(
        event, day=date(2027, 1, 9), action="cancel", reason="Storm", user=admin_user
    )
    assert published
    cancelled = Occurrence.objects.get(event_key=event.translation_key, status="cancelled")
    assert cancelled.note == "Storm"
    assert event.revisions.count() == 2
