"""The demo festivals: the 2022 edition in Amersfoort with its partners, tracks,
rooms and sessions, the year-long digital edition with registrations, both in
three languages, reachable from the menu, and nothing new on a second load.

One test, so the (slow) demo is loaded once and then a second time."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale

from demo.festival import PARTNERS
from events.models import EventPage, Occurrence
from events.schedule import to_local
from festival.models import FestivalPage, FestivalRoom, FestivalTrack
from home.models import Organisation, Person
from registration.models import Registration, settings_of

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            FestivalPage,
            FestivalTrack,
            FestivalRoom,
            EventPage,
            Occurrence,
            Registration,
            Person,
            Organisation,
            get_image_model(),
        )
    }


def sessions_of(festival):
    return [p.specific for p in festival.get_children().live()]


def test_demo_festivals(client):
    call_command("load_demo", verbosity=0)
    nl = Locale.objects.get(language_code="nl")

    # The 2022 edition: one day in Amersfoort, organised by the seven core partners.
    edition = FestivalPage.objects.get(locale=nl, slug="2022")
    assert edition.start_date == date(2022, 4, 9) and edition.is_one_day
    assert edition.venue.city == "Amersfoort" and not edition.is_online
    partners = [link.organisation for link in edition.partner_links.all()]
    assert {o.slug for o in partners} == set(PARTNERS)
    assert all(o.logo_id for o in partners)
    assert edition.tracks.count() == 4 and edition.rooms.count() == 5
    sessions = sessions_of(edition)
    assert len(sessions) >= 20
    assert all(s.track_id and s.session_format for s in sessions)
    organisers = {link.organisation.slug for s in sessions for link in s.organiser_links.all()}
    assert set(PARTNERS) <= organisers
    assert sum(1 for s in sessions if s.speaker_links.exists()) >= 15
    assert any(len(s.language_codes) > 1 for s in sessions)
    dates = Occurrence.objects.filter(event__in=sessions)
    assert {to_local(o.start).date() for o in dates} == {date(2022, 4, 9)}
    assert dates.filter(status=Occurrence.Status.CANCELLED).count() == 1
    # Two sessions share the market square at lunchtime; one lasts an hour and a half.
    by_room = {}
    for s in sessions:
        by_room.setdefault(s.room.slug if s.room else None, []).append(s)
    market = sorted(by_room["marktplein"], key=lambda s: s.start)
    assert market[0].end > market[1].start
    assert any(s.end - s.start == timedelta(minutes=90) for s in sessions)
    assert None in by_room  # the excursion has no room
    # Room C stands empty after half past two while the other rooms go on.
    last = max(s.end for s in by_room["zaal-c"])
    assert any(s.start >= last for s in by_room["zaal-a"])

    # The digital edition: a year, online, with registrations in several states.
    digital = FestivalPage.objects.get(locale=nl, slug="digitaal")
    today = to_local(timezone.now()).date()
    assert digital.is_online and abs((digital.start_date - today).days) <= 1
    assert 330 <= (digital.last_day - digital.start_date).days <= 366
    online = sessions_of(digital)
    assert len(online) >= 10 and all(s.online_url for s in online)
    months = {
        (to_local(o.start).year, to_local(o.start).month)
        for o in Occurrence.objects.filter(event__in=online)
    }
    assert len(months) >= 6
    languages = {code for s in online for code in s.language_codes}
    assert {"en", "de"} <= languages
    registrations = Registration.objects.filter(event_key__in=[s.translation_key for s in online])
    assert registrations.filter(status=Registration.Status.WAITING).exists()
    with_places = [s for s in online if settings_of(s).enabled and s.capacity]
    confirmed = {
        s.pk: registrations.filter(
            event_key=s.translation_key, status=Registration.Status.CONFIRMED
        ).count()
        for s in with_places
    }
    left = [s.capacity - confirmed[s.pk] for s in with_places]
    assert 0 in left and any(0 < n <= 2 for n in left)
    assert any(not settings_of(s).enabled for s in online)

    # Three languages: both festivals, their tracks and rooms, and some sessions.
    for code, title in {
        "de": "Festival „Wir machen das zusammen!“ 2022",
        "en": "We Do It Together! Festival 2022",
    }.items():
        translated = edition.get_translation(Locale.objects.get(language_code=code))
        assert translated.alias_of_id is None and translated.title == title
        assert translated.tracks.first().name != edition.tracks.first().name
        assert translated.rooms.get(slug="grote-zaal").name != "Grote zaal"
        real = [s for s in sessions_of(translated) if s.alias_of_id is None]
        assert len(real) >= 8
        assert digital.get_translation(Locale.objects.get(language_code=code)).alias_of_id is None

    # Reachable: the festival page is in the main menu and leads to both editions.
    hub = edition.get_parent().specific
    assert hub.show_in_menus and hub.get_parent().specific_class.__name__ == "HomePage"
    home = client.get("/en/").content.decode()
    assert 'href="/en/festival/"' in home
    page = client.get("/en/festival/").content.decode()
    assert 'href="/en/festival/online/"' in page and 'href="/en/festival/2022/"' in page
    assert client.get("/de/festival/2022/").status_code == 200

    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
