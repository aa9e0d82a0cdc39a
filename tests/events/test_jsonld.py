"""The event page's JSON-LD says what the page says: the offer follows the
registration state (places, waiting list, opening, cancelled dates), the
series' rules as a schema.org `Schedule`, the picture shown, the speakers,
and on an untranslated (alias) page the canonical address."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from demo import factories
from events.models import Occurrence
from festival.models import SessionSpeaker
from tests.events.conftest import local
from tests.festival.test_festival_views import synchronise
from tests.registration.registration_support import first_date, registration_on, sign_up

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"


def jsonld(client, path):
    html = client.get(path).content.decode()
    data = json.loads(re.search(r'type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    return data if isinstance(data, list) else [data]


def availability(client, path="/nl/agenda/workshop/"):
    return jsonld(client, path)[0]["offers"]["availability"].removeprefix(SCHEMA)


def test_offer_follows_places_left_then_the_waiting_list(client, make_event):
    opens = timezone.now().replace(microsecond=0) - timedelta(days=1)
    event = make_event(
        title="Workshop",
        start=timezone.now() + timedelta(days=7),
        capacity=10,
        registration_settings=registration_on(max_places=10, waiting_list=True, opens=opens),
    )
    occurrence = first_date(event)
    offer = jsonld(client, "/nl/agenda/workshop/")[0]["offers"]
    assert offer["availability"] == SCHEMA + "InStock"
    assert offer["validFrom"] == timezone.localtime(opens).isoformat()
    sign_up(occurrence, 1, places=5)
    assert availability(client) == "LimitedAvailability"  # 5 left: few
    sign_up(occurrence, 2, places=5)
    assert availability(client) == "SoldOut"  # only the waiting list is open


def test_offer_before_registration_opens_is_a_pre_order(client, make_event):
    opens = timezone.now().replace(microsecond=0) + timedelta(days=2)
    make_event(
        title="Workshop",
        start=timezone.now() + timedelta(days=7),
        registration_settings=registration_on(opens=opens),
    )
    offer = jsonld(client, "/nl/agenda/workshop/")[0]["offers"]
    assert offer["availability"] == SCHEMA + "PreOrder"
    assert offer["validFrom"] == timezone.localtime(opens).isoformat()


def test_series_has_a_schedule_and_cancelled_dates_no_offer(client, make_event, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: local(2026, 11, 24, 9, 0))
    event = make_event(
        title="Repaircafé",
        slug="repaircafe",
        start=local(2026, 12, 1, 19, 0),
        end=local(2026, 12, 1, 21, 30),
        rule="RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=5\nEXDATE:20261215T180000Z",
    )
    second = Occurrence.objects.filter(event_key=event.translation_key).order_by("start")[1]
    Occurrence.objects.filter(pk=second.pk).update(status=Occurrence.Status.CANCELLED)

    data = jsonld(client, "/nl/agenda/repaircafe/")
    assert [d["startDate"][:10] for d in data] == [
        "2026-12-01",
        "2026-12-29",
        "2027-01-12",
        "2027-01-26",
    ]
    assert "offers" not in data[1] and data[1]["eventStatus"] == SCHEMA + "EventCancelled"
    assert data[0]["offers"]["availability"] == SCHEMA + "InStock"
    assert data[0]["eventSchedule"] == {
        "@type": "Schedule",
        "repeatFrequency": "P2W",
        "byDay": [SCHEMA + "Tuesday"],
        "startDate": "2026-12-01",
        "startTime": "19:00:00",
        "endTime": "21:30:00",
        "repeatCount": 5,
        "exceptDate": ["2026-12-15", "2026-12-29"],
        "scheduleTimezone": "Europe/Amsterdam",
    }


def test_image_speakers_organiser_and_canonical_url_on_an_alias(client, site_tree):
    image = get_image_model().objects.create(title="Zaal", file=get_test_image_file())
    organisation = factories.OrganisationFactory(name="Dorpsraad", website="https://dorp.example")
    festival = factories.FestivalPageFactory(parent=site_tree["home"])
    session = factories.SessionPageFactory(
        parent=festival,
        slug="opening",
        venue=factories.VenueFactory(),
        image=image,
        start=timezone.now() + timedelta(days=3),
        end=timezone.now() + timedelta(days=3, hours=1),
    )
    SessionSpeaker.objects.create(page=session, person=factories.PersonFactory(name="Anna"))
    session.organiser_links.create(organisation=organisation)
    session.save_revision().publish()
    synchronise()

    nl = jsonld(client, "/nl/festival/opening/")[0]
    assert re.fullmatch(r"http://testserver/\S+fill-960x540\S*\.webp", nl["image"])
    assert nl["performer"] == [{"@type": "Person", "name": "Anna"}]
    assert nl["organizer"] == {
        "@type": "Organization",
        "name": "Dorpsraad",
        "url": "https://dorp.example",
    }
    assert nl["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Dorpstraat 1",
        "postalCode": "47559",
        "addressLocality": "Kranenburg",
        "addressCountry": "DE",
    }
    # Not translated: the German address shows the Dutch page, which is canonical.
    de = jsonld(client, "/de/festival/opening/")[0]
    assert de["url"] == nl["url"] == "http://testserver/nl/festival/opening/"
    assert de["offers"]["url"] == "http://testserver/nl/festival/opening/"
