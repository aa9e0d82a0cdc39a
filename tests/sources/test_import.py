"""Importing feeds served on loopback: create, update, move, cancel, delete
upstream (registrants told), editors' changes kept, translations untouched,
conditional requests, and broken feeds that change nothing."""

from datetime import date, datetime

import pytest
from django.core import mail
from django.core.management import call_command

from events.models import EventPage, Occurrence
from events.schedule import to_local
from registration.models import Registration, RegistrationSettings
from sources.models import CalendarSource, ImportedEvent, ImportRun
from sources.services import run_source
from tests.registration.registration_support import first_date, sign_up
from tests.sources import feeds

pytestmark = pytest.mark.django_db

WEEKLY = "repair-weekly@google.com"
SINGLE = "taalcafe-0410@google.com"


def page_for(source, uid):
    return ImportedEvent.objects.get(source=source, uid=uid).page.specific


def dates(page):
    return {
        to_local(o.original_start).date(): o
        for o in Occurrence.objects.filter(event_key=page.translation_key)
    }


def snapshot():
    return (
        list(EventPage.objects.order_by("pk").values_list("pk", "title", "start", "live")),
        list(Occurrence.objects.order_by("pk").values_list("pk", "start", "status")),
    )


@pytest.fixture
def google_source(feed_server, make_source):
    url = feed_server.serve("/google.ics", feeds.google())
    return make_source(url)


def test_first_run_creates_published_events_below_the_section(google_source, section):
    run = run_source(google_source)
    assert run.status == ImportRun.Status.OK, run.message
    assert (run.created, run.updated, run.cancelled, run.skipped) == (2, 0, 0, 0)
    weekly = page_for(google_source, WEEKLY)
    assert weekly.live and weekly.get_parent().pk == section.page.pk
    assert weekly.venue_id == section.venue.pk  # LOCATION matched the venue's name
    assert "https://mienthuus.example.org/repair" in weekly.intro
    by_day = dates(weekly)
    assert by_day[date(2027, 3, 30)].status == Occurrence.Status.MOVED
    assert to_local(by_day[date(2027, 3, 30)].start) == datetime(2027, 3, 31, 14, 0)
    assert by_day[date(2027, 4, 6)].status == Occurrence.Status.CANCELLED
    assert to_local(by_day[date(2027, 4, 20)].start) == datetime(2027, 4, 20, 10, 0)
    single = page_for(google_source, SINGLE)
    assert single.online_url == "https://meet.example.org/taalcafe"
    source = CalendarSource.objects.get(pk=google_source.pk)
    assert source.etag and source.last_status == "ok"


def test_drafts_when_the_source_does_not_publish(feed_server, make_source):
    source = make_source(feed_server.serve("/g.ics", feeds.google()), publish=False)
    run_source(source)
    weekly = page_for(source, WEEKLY)
    assert not weekly.live
    assert not Occurrence.objects.filter(event_key=weekly.translation_key).exists()


def test_unchanged_feed_is_a_304_and_writes_nothing(google_source, feed_server):
    run_source(google_source)
    google_source.refresh_from_db()
    before = snapshot()
    run = run_source(google_source)
    assert run.status == ImportRun.Status.NOT_MODIFIED
    assert feed_server.requests[-1]["headers"].get("If-None-Match") == google_source.etag
    assert "If-Modified-Since" in feed_server.requests[-1]["headers"]
    assert snapshot() == before


def test_same_feed_without_etag_counts_unchanged(google_source, django_assert_max_num_queries):
    run_source(google_source)
    CalendarSource.objects.filter(pk=google_source.pk).update(etag="", last_modified="")
    google_source.refresh_from_db()
    with django_assert_max_num_queries(40):
        run = run_source(google_source)
    assert (run.status, run.unchanged, run.updated, run.created) == ("ok", 2, 0, 0)


def test_second_version_updates_moves_and_cancels_what_was_dropped(
    google_source, feed_server, mail_on_commit
):
    run_source(google_source)
    single = page_for(google_source, SINGLE)
    RegistrationSettings.objects.create(page=single, enabled=True)
    registration = sign_up(first_date(single), 1)
    mail.outbox.clear()

    feed_server.serve(
        "/google.ics",
        feeds.google(title="Repaircafé Kranenburg (nieuw)", with_single=False, moved_13th=True),
    )
    run = run_source(google_source)
    assert run.status == "ok", run.message
    assert (run.updated, run.cancelled) == (1, 1)

    weekly = page_for(google_source, WEEKLY)
    assert weekly.title == "Repaircafé Kranenburg (nieuw)"
    moved = dates(weekly)[date(2027, 4, 13)]
    assert moved.status == Occurrence.Status.MOVED
    assert to_local(moved.start) == datetime(2027, 4, 13, 19, 0)

    # The dropped event is cancelled, not deleted, and its registrant is told.
    single = EventPage.objects.get(pk=single.pk)
    assert single.live
    assert all(o.is_cancelled for o in dates(single).values())
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert [m.to for m in mail.outbox] == [["bezoeker1@example.org"]]
    assert ImportedEvent.objects.get(uid=SINGLE).removed_at is not None

    # Running the same version again changes nothing and mails nobody.
    CalendarSource.objects.filter(pk=google_source.pk).update(etag="", last_modified="")
    google_source.refresh_from_db()
    again = run_source(google_source)
    assert (again.updated, again.cancelled, again.unchanged) == (0, 0, 1)
    assert len(mail.outbox) == 1


def test_an_editors_change_is_kept(google_source, feed_server):
    run_source(google_source)
    weekly = page_for(google_source, WEEKLY)
    weekly.title = "Repair Café in het Dorpshuis"
    weekly.save_revision().publish()

    feed_server.serve(
        "/google.ics", feeds.google(title="Repaircafé Kranenburg (nieuw)", moved_13th=True)
    )
    run = run_source(google_source)
    weekly = EventPage.objects.get(pk=weekly.pk)
    assert weekly.title == "Repair Café in het Dorpshuis"  # the editor's
    assert dates(weekly)[date(2027, 4, 13)].status == Occurrence.Status.MOVED  # the feed's
    assert {"uid": WEEKLY, "summary": "Repaircafé Kranenburg (nieuw)", "kept": ["title"]} in (
        run.details
    )


def test_the_order_the_database_returns_dates_in_is_no_editors_change(google_source, feed_server):
    """PostgreSQL returns rows in no set order: exceptions read back in another
    order than the feed listed them are still the feed's, not an editor's."""
    from events.models import OccurrenceException

    run_source(google_source)
    weekly = page_for(google_source, WEEKLY)
    stored = list(OccurrenceException.objects.filter(page=weekly).order_by("sort_order"))
    assert [e.sort_order for e in stored] == list(range(len(stored)))
    for number, exception in enumerate(reversed(stored)):
        OccurrenceException.objects.filter(pk=exception.pk).update(sort_order=number)

    feed_server.serve("/google.ics", feeds.google(moved_13th=True))
    run = run_source(google_source)
    assert dates(page_for(google_source, WEEKLY))[date(2027, 4, 13)].status == (
        Occurrence.Status.MOVED
    )
    assert not [item for item in run.details if item.get("kept")]


def test_an_editors_draft_is_not_published_by_an_import(google_source, feed_server):
    run_source(google_source)
    weekly = page_for(google_source, WEEKLY)
    draft = weekly.get_latest_revision_as_object()
    draft.intro = "Nog niet klaar."
    draft.save_revision()
    feed_server.serve("/google.ics", feeds.google(title="Nieuwe titel"))
    run_source(google_source)
    weekly = EventPage.objects.get(pk=weekly.pk)
    assert weekly.title == "Repaircafé Kranenburg"  # live stays as it was
    latest = weekly.get_latest_revision_as_object()
    assert (latest.title, latest.intro) == ("Nieuwe titel", "Nog niet klaar.")


def test_a_translation_survives_reimport(google_source, feed_server, translate_page):
    run_source(google_source)
    weekly = page_for(google_source, WEEKLY)
    german = translate_page(weekly, "de", {"Repaircafé Kranenburg": "Reparaturcafé Kranenburg"})
    assert german.title == "Reparaturcafé Kranenburg"
    feed_server.serve("/google.ics", feeds.google(title="Repaircafé (nieuw)", moved_13th=True))
    run_source(google_source)
    german = EventPage.objects.get(pk=german.pk)
    assert german.title == "Reparaturcafé Kranenburg"
    assert german.live
    assert EventPage.objects.get(pk=weekly.pk).title == "Repaircafé (nieuw)"
    # Dates are shared: the German page shows the moved date too.
    assert dates(german)[date(2027, 4, 13)].status == Occurrence.Status.MOVED


def test_outlook_and_nextcloud_feeds(feed_server, make_source, section):
    outlook = make_source(feed_server.serve("/outlook.ics", feeds.OUTLOOK))
    run = run_source(outlook)
    assert (run.status, run.created) == ("ok", 1), run.message
    (page,) = [link.page for link in outlook.events.all()]
    assert page.venue_id is None and "Gasthof zur Grenze" in page.intro
    assert sorted(dates(page)) == [date(2027, 9, 21), date(2027, 10, 5), date(2027, 11, 2)]

    nextcloud = make_source(feed_server.serve("/nextcloud.ics", feeds.NEXTCLOUD))
    run = run_source(nextcloud)
    assert (run.status, run.created, run.skipped) == ("ok", 3, 1)
    assert run.details[0]["reason"] == "no title (SUMMARY)"
    fest = page_for(nextcloud, "2b9d7e11-0000-4abc-8def-123456789abc")
    (day,) = dates(fest).values()
    assert day.all_day


@pytest.mark.parametrize(
    ("serve", "reason"),
    [
        (lambda s: s.serve("/x.ics", "oops", status=500), "answered 500"),
        (lambda s: s.serve("/x.ics", "<html>Kalender</html>", kind="text/html"), "not an iCal"),
        (lambda s: s.serve("/x.ics", feeds.google() + "X" * 5000), "larger than"),
        (lambda s: s.url("/missing.ics"), "answered 404"),
        (lambda s: "http://127.0.0.1:9/closed.ics", "could not be reached"),
        (lambda s: "file:///etc/passwd", "only http and https"),
    ],
)
def test_broken_feed_changes_nothing(google_source, feed_server, settings, serve, reason):
    run_source(google_source)
    before = snapshot()
    settings.SOURCES_MAX_BYTES = len(feeds.google()) + 100
    google_source.url = serve(feed_server)
    google_source.etag = ""
    google_source.save()
    run = run_source(google_source)
    assert run.status == ImportRun.Status.FAILED
    assert reason in run.message
    assert snapshot() == before
    assert CalendarSource.objects.get(pk=google_source.pk).last_status == "failed"


def test_a_huge_feed_without_a_length_is_cut_off_and_changes_nothing(
    google_source, feed_server, settings
):
    """A server that does not say how large its answer is (streamed) is read
    only up to the cap."""
    run_source(google_source)
    before = snapshot()
    settings.SOURCES_MAX_BYTES = 256 * 1024
    feed_server.send_length = False
    filler = "X-FILLER:" + "x" * 70 + "\r\n"
    huge = feeds.google(title="Repaircafé (nieuw)").replace(
        "END:VCALENDAR",
        filler * 5000 + "END:VCALENDAR",  # about 400 kB
    )
    feed_server.serve("/google.ics", huge)
    CalendarSource.objects.filter(pk=google_source.pk).update(etag="", last_modified="")
    google_source.refresh_from_db()
    run = run_source(google_source)
    assert run.status == ImportRun.Status.FAILED
    assert "larger than 0.25 MB" in run.message
    assert snapshot() == before


def test_an_event_the_feed_no_longer_reads_is_kept_not_cancelled(
    google_source, feed_server, mail_on_commit
):
    """An invalid line in one event (here its start) skips that event with the
    reason in the report; it is not taken for an event removed upstream, so
    its page, its dates and its registrants stay as they were. The others are
    still imported."""
    run_source(google_source)
    single = page_for(google_source, SINGLE)
    RegistrationSettings.objects.create(page=single, enabled=True)
    registration = sign_up(first_date(single), 1)
    weekly = page_for(google_source, WEEKLY)
    mail.outbox.clear()
    occurrences = dates(single)

    broken = feeds.google(title="Repaircafé (nieuw)").replace(
        "DTSTART:20270410T080000Z", "DTSTART:10-04-2027 10 uur"
    )
    feed_server.serve("/google.ics", broken)
    run = run_source(google_source)
    assert run.status == ImportRun.Status.OK, run.message
    assert (run.updated, run.cancelled, run.skipped) == (1, 0, 1)
    (skipped,) = [item for item in run.details if item.get("reason")]
    assert skipped["uid"] == SINGLE and "DTSTART" in skipped["reason"]
    assert EventPage.objects.get(pk=weekly.pk).title == "Repaircafé (nieuw)"
    assert dates(single) == occurrences
    assert not any(o.is_cancelled for o in dates(single).values())
    registration.refresh_from_db()
    assert registration.status != Registration.Status.CANCELLED
    assert mail.outbox == []
    assert ImportedEvent.objects.get(uid=SINGLE).removed_at is None


def test_a_moved_date_the_feed_no_longer_reads_stays_moved(google_source, feed_server):
    """The same for one changed date (RECURRENCE-ID) of a series: an unreadable
    instance keeps the series as it was, rather than undoing the move."""
    feed_server.serve("/google.ics", feeds.google(moved_13th=True))
    run_source(google_source)
    weekly = page_for(google_source, WEEKLY)
    assert dates(weekly)[date(2027, 4, 13)].status == Occurrence.Status.MOVED
    broken = feeds.google(title="Repaircafé (nieuw)", moved_13th=True).replace(
        "DTSTART;TZID=Europe/Amsterdam:20270413T190000", "DTSTART;TZID=Europe/Amsterdam:morgen"
    )
    feed_server.serve("/google.ics", broken)
    run = run_source(google_source)
    assert run.status == ImportRun.Status.OK, run.message
    assert run.skipped == 1
    weekly = EventPage.objects.get(pk=weekly.pk)
    assert dates(weekly)[date(2027, 4, 13)].status == Occurrence.Status.MOVED
    assert to_local(dates(weekly)[date(2027, 4, 13)].start) == datetime(2027, 4, 13, 19, 0)


def test_slow_feed_times_out(google_source, feed_server, settings):
    settings.SOURCES_FETCH_TIMEOUT = 0.3
    feed_server.delay = 1
    run = run_source(google_source)
    assert run.status == "failed" and "seconds" in run.message
    assert not EventPage.objects.filter(title__startswith="Repaircafé").exists()


def test_private_addresses_are_refused_in_production(google_source, settings):
    settings.SOURCES_ALLOW_PRIVATE_ADDRESSES = False
    run = run_source(google_source)
    assert run.status == "failed" and "private network" in run.message


def test_command_imports_active_sources(google_source, feed_server, make_source):
    inactive = make_source(feed_server.serve("/n.ics", feeds.NEXTCLOUD), active=False)
    call_command("import_calendars")
    assert ImportRun.objects.filter(source=google_source, status="ok").count() == 1
    assert not ImportRun.objects.filter(source=inactive).exists()


def test_the_worker_task_imports_every_active_source(google_source, feed_server, make_source):
    """The periodic task for a scheduler that enqueues tasks does what the
    command does."""
    from sources.tasks import import_all_sources

    inactive = make_source(feed_server.serve("/n.ics", feeds.NEXTCLOUD), active=False)
    import_all_sources.enqueue()
    run = ImportRun.objects.get(source=google_source)
    assert (run.status, run.created) == ("ok", 2)
    assert not ImportRun.objects.filter(source=inactive).exists()
