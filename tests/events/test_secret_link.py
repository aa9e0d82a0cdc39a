"""Secrets stay secret: the online link of an event that keeps it for registrants
appears in no public output — pages, JSON-LD, calendar files and feeds, the
festival's exports, the sitemap — and not in the mail to the waiting list. Only
a confirmed registrant's mail carries it (which proves the search can find it)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Occurrence
from tests.festival.test_festival_views import ONLINE, add_festival, add_session
from tests.registration.registration_support import first_date, registration_on, sign_up

pytestmark = pytest.mark.django_db

SECRET = "https://meet.example/geheim-9f3"


def test_a_hidden_online_link_leaves_no_public_output(
    client, make_event, calendar, django_capture_on_commit_callbacks
):
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    make_event(
        title="Webinar",
        slug="webinar",
        venue=None,
        online_url=SECRET,
        registration_settings=registration_on(),
        capacity=1,
        start=start,
        end=start + timedelta(hours=2),
    )
    festival = add_festival(calendar.get_parent(), slug="festival", start=start.date())
    add_session(festival, "Online sessie", start, 45, online=True, capacity=10)
    session_date = Occurrence.objects.get(event__title="Online sessie")
    month = f"{start.year}/{start.month}/"
    public = [
        "/nl/",
        "/sitemap.xml",
        "/nl/agenda/",
        "/nl/agenda/archief/",
        f"/nl/agenda/maand/{month}",
        "/nl/agenda/ical/",
        "/en/events/ical/",
        "/de/veranstaltungen/ical/",
        "/nl/agenda/webinar/",
        "/nl/agenda/webinar/ical/",
        "/nl/kennisbank/feed/",
        "/nl/festival/",
        "/nl/festival/programma/",
        "/nl/festival/ical/",
        "/nl/festival/json/",
        "/nl/festival/schedule/",
        "/nl/festival/online-sessie/",
        "/nl/festival/online-sessie/ical/",
        f"/nl/festival/mijn-programma/?sessions={session_date.pk}",
        f"/nl/festival/my-programme/ical/?sessions={session_date.pk}",
    ]
    webinar_page = Occurrence.objects.get(event__title="Webinar").event
    key = webinar_page.translation_key
    webinar_date = first_date(webinar_page)
    # The apps above the calendar: open data (API, embed) and ActivityPub.
    public += [
        "/api/v1/nl/events/",
        "/api/v1/en/events/",
        "/embed/calendar/",
        "/ap/actors/netwerk/outbox",
        "/ap/actors/netwerk/outbox?page=1",
        f"/ap/events/{key}",
    ]
    activity = {"HTTP_ACCEPT": "application/activity+json"}
    answers = {
        path: client.get(path, follow=True, **(activity if path.startswith("/ap/") else {}))
        for path in public
    }
    answers["/nl/agenda/webinar/ (ActivityPub)"] = client.get(
        "/nl/agenda/webinar/", HTTP_ACCEPT="application/activity+json"
    )
    public.append("/nl/agenda/webinar/ (ActivityPub)")
    assert {path: r.status_code for path, r in answers.items()} == dict.fromkeys(public, 200)
    assert b"Webinar" in answers["/api/v1/nl/events/"].content
    assert b"Webinar" in answers[f"/ap/events/{key}"].content
    leaks = [
        path
        for path, response in answers.items()
        if SECRET.encode() in response.content or ONLINE.encode() in response.content
    ]
    assert leaks == []
    # The event page does say it is online, in its JSON-LD too.
    assert b"VirtualLocation" in answers["/nl/agenda/webinar/"].content

    webinar = webinar_date
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(webinar, 1)
        sign_up(webinar, 2)  # full: the waiting list
    confirmed, waiting = mail.outbox
    assert SECRET in confirmed.body
    waiting_text = waiting.body + "".join(str(a) for a in waiting.attachments)
    assert "wachtlijst" in waiting.subject.lower() and SECRET not in waiting_text
