"""Parsing and mapping, on strings: no database rows, no network."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from events.schedule import expand, to_local
from sources.importer import FeedError, parse
from tests.sources import feeds

pytestmark = pytest.mark.django_db  # django-recurrence reads settings only


def starts(values, until):
    slots = expand(values.start, values.end, values.all_day, values.recurrence, until)
    return [slot.start for slot in slots]


def test_google_weekly_rule_keeps_wall_clock_time_across_dst():
    feed = parse(feeds.google())
    weekly = feed.events["repair-weekly@google.com"]
    assert weekly.title == "Repaircafé Kranenburg"
    assert weekly.recurrence.rrules[0].until is None and weekly.recurrence.rrules[0].count is None
    # 10:00 before and after the switch on 28 March: 09:00 UTC, then 08:00 UTC.
    assert weekly.start.astimezone(UTC).hour == 9
    dates = starts(weekly, datetime(2027, 4, 7, tzinfo=UTC))
    assert [d.date() for d in dates] == [
        date(2027, 3, 16),
        date(2027, 3, 23),
        date(2027, 3, 30),
        date(2027, 4, 6),
    ]
    assert {d.time() for d in dates} == {time(10, 0)}


def test_google_instances_become_moved_and_cancelled_dates():
    weekly = parse(feeds.google()).events["repair-weekly@google.com"]
    moved, cancelled = weekly.changes
    assert (moved.date, moved.action, moved.new_date) == (
        date(2027, 3, 30),
        "move",
        date(2027, 3, 31),
    )
    assert (moved.new_start_time, moved.new_end_time) == (time(14, 0), time(17, 0))
    assert (cancelled.date, cancelled.action) == (date(2027, 4, 6), "cancel")


def test_utc_times_and_online_location():
    single = parse(feeds.google()).events["taalcafe-0410@google.com"]
    assert to_local(single.start) == datetime(2027, 4, 10, 10, 0)  # 08:00Z in summer time
    assert single.location.startswith("https://")
    assert single.recurrence is None


def test_outlook_windows_zone_with_exdate_and_until():
    feed = parse(feeds.OUTLOOK)
    (stammtisch,) = feed.events.values()
    assert to_local(stammtisch.start) == datetime(2027, 9, 21, 19, 0)
    assert stammtisch.location == "Gasthof zur Grenze, Kranenburg"
    dates = starts(stammtisch, datetime(2028, 1, 1, tzinfo=UTC))
    # Every other Tuesday until 2 November, without 19 October; 19:00 on both
    # sides of the switch back on 31 October.
    assert [d.date() for d in dates] == [
        date(2027, 9, 21),
        date(2027, 10, 5),
        date(2027, 11, 2),
    ]
    assert {d.time() for d in dates} == {time(19, 0)}


def test_nextcloud_count_all_day_floating_and_skipped():
    feed = parse(feeds.NEXTCLOUD)
    erzaehl = feed.events["8f1c9a52-3b7e-4c1d-9a44-1f2e3d4c5b6a"]
    dates = starts(erzaehl, datetime(2028, 1, 1, tzinfo=UTC))
    # COUNT=3 without the EXDATE of 30 October, with the RDATE of 20 November;
    # 14:00 on both sides of the switch back to winter time on 31 October.
    assert [d.date() for d in dates] == [date(2027, 10, 23), date(2027, 11, 6), date(2027, 11, 20)]
    assert {d.time() for d in dates} == {time(14, 0)}
    fest = feed.events["2b9d7e11-0000-4abc-8def-123456789abc"]
    # iCal's DTEND is the day after; ours is the last day.
    assert fest.all_day and to_local(fest.end).date() - to_local(fest.start).date() == timedelta(1)
    floating = feed.events["floating-1"]
    assert to_local(floating.start) == datetime(2027, 6, 12, 10, 0)
    assert feed.skipped == [
        {
            "uid": "no-title",
            "summary": "",
            "reason": "no title (SUMMARY)",
            "reason_parts": {"id": "no title (SUMMARY)", "params": {}},
        }
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>Not found</body></html>",
        b"",
        b"\x00\x01binary",
        "BEGIN:VCALENDAR\nBEGIN:VEVENT",
    ],
)
def test_not_ical_is_a_feed_error(data):
    with pytest.raises(FeedError):
        parse(data)


def test_instance_without_its_event_is_skipped():
    text = feeds.google().replace(
        "UID:repair-weekly@google.com\r\nRECURRENCE-ID", "UID:orphan\r\nRECURRENCE-ID"
    )
    feed = parse(text)
    assert any(item["uid"] == "orphan" for item in feed.skipped)


def test_zone_names_without_vtimezone():
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Zomeravond\r\n"
        "DTSTART;TZID=W. Europe Standard Time:20270712T100000\r\n"
        "DTEND;TZID=Europe/London:20270712T110000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    (values,) = parse(text).events.values()
    assert to_local(values.start) == datetime(2027, 7, 12, 10, 0)  # Windows name, mapped
    assert to_local(values.end) == datetime(2027, 7, 12, 12, 0)  # 11:00 in London


def test_a_zone_only_the_feeds_vtimezone_explains():
    """Older Outlook versions name the zone by its display name; the VTIMEZONE
    in the feed gives its offsets (here three hours ahead of UTC in winter,
    four in summer, so a mistake cannot pass for Amsterdam time)."""
    text = feeds.outlook_display_zone("(UTC+03:00) Testland, Nergens", "+0300", "+0400")
    feed = parse(text)
    assert feed.skipped == []
    (stammtisch,) = feed.events.values()
    assert stammtisch.start.astimezone(UTC) == datetime(2027, 9, 21, 15, 0, tzinfo=UTC)
    dates = starts(stammtisch, datetime(2028, 1, 1, tzinfo=UTC))
    # 19:00 there is 17:00 here, on both sides of the switch on 31 October
    # (the feed's zone switches on the same Sunday).
    assert [to_local(d) for d in dates] == [
        datetime(2027, 9, 21, 17, 0),
        datetime(2027, 10, 5, 17, 0),
        datetime(2027, 11, 2, 17, 0),
    ]


def test_two_feeds_with_one_made_up_zone_name_each_keep_their_own_offsets():
    """Outlook names a zone it cannot map "Customized Time Zone" in every feed.
    The iCal library remembers a zone by its name for the whole process, so
    the second feed's times were read with the first feed's offsets."""
    east = parse(feeds.outlook_display_zone("Customized Time Zone", "+0300", "+0400"))
    west = parse(feeds.outlook_display_zone("Customized Time Zone", "-0500", "-0400"))
    (first,) = east.events.values()
    (second,) = west.events.values()
    assert first.start.astimezone(UTC) == datetime(2027, 9, 21, 15, 0, tzinfo=UTC)
    assert second.start.astimezone(UTC) == datetime(2027, 9, 21, 23, 0, tzinfo=UTC)
