"""`manage.py load_bench_events`: a benchmark data set becomes a calendar whose
pages, tree and dates are the same as an editor's would be."""

import json
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from events.models import EventIndexPage, EventPage, EventSchedule, Occurrence
from events.schedule import site_zone
from events.services import regenerate_occurrences

DATA = {
    "anchor": "2026-11-24",
    "events": [
        {
            "slug": "single-1",
            "title": "Single 1",
            "start": "2026-12-01T10:00:00",
            "end": "2026-12-01T12:00:00",
            "repeat": "",
            "repeat_until": None,
        },
        {
            "slug": "weekly-1",
            "title": "Weekly 1",
            "start": "2026-12-02T19:00:00",
            "end": "2026-12-02T21:00:00",
            "repeat": "FREQ=WEEKLY",
            "repeat_until": "2027-01-31",
        },
    ],
}


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "events.json"
    path.write_text(json.dumps(DATA))
    return path


@pytest.mark.django_db
def test_loads_pages_and_dates(site_tree, data_file):
    out = StringIO()
    call_command("load_bench_events", str(data_file), stdout=out)
    assert "Loaded 2 events" in out.getvalue()
    calendar = EventIndexPage.objects.get(slug="bench-agenda")
    events = EventPage.objects.child_of(calendar).order_by("path")
    assert [e.slug for e in events] == ["single-1", "weekly-1"]
    assert Page.find_problems() == ([], [], [], [], [])
    weekly = events[1]
    starts = list(Occurrence.objects.filter(event=weekly).values_list("start", flat=True))
    assert len(starts) == 9  # 2 Dec 2026 to 27 Jan 2027, every Wednesday
    assert starts[0] == datetime(2026, 12, 2, 19, tzinfo=site_zone())
    # The bulk path leaves what a regeneration would: nothing more to do.
    now = datetime(2026, 11, 24, 9, tzinfo=site_zone())
    report = regenerate_occurrences(weekly, now=now)
    assert (report.created, report.updated, report.deleted) == (0, 0, 0)
    assert EventSchedule.objects.filter(event_key=weekly.translation_key).count() == 1
    # The pages answer.
    assert weekly.url.endswith("/bench-agenda/weekly-1/")


@pytest.mark.django_db
def test_loading_again_adds_nothing_and_replace_starts_over(site_tree, data_file):
    call_command("load_bench_events", str(data_file), stdout=StringIO())
    call_command("load_bench_events", str(data_file), stdout=StringIO())
    assert EventPage.objects.filter(slug="weekly-1").count() == 1
    call_command("load_bench_events", str(data_file), "--replace", stdout=StringIO())
    assert EventPage.objects.filter(slug__in=["single-1", "weekly-1"]).count() == 2
    assert Occurrence.objects.filter(event__slug="weekly-1").count() == 9
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_unreadable_file_is_a_clear_error(site_tree, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load_bench_events", str(bad), stdout=StringIO())
