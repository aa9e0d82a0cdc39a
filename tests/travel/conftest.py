"""Travel tests: the event tests' fixtures (calendar, venue in Kranenburg,
`make_event`), a two-day festival, a clock frozen before the dates, mail sent at once instead of
after a commit that never comes, and a few places on both sides of the border."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.text import slugify

from events.models import Occurrence
from events.schedule import to_aware, to_local
from festival.models import FestivalPage, SessionPage
from tests.events.conftest import calendar, local, make_event, nl, translate_page, venue
from travel import services
from travel.models import Place, TravelEntry

__all__ = ["calendar", "make_event", "nl", "translate_page", "venue"]

Kind = TravelEntry.Kind


@pytest.fixture
def frozen_now(monkeypatch):
    now = local(2026, 11, 24, 9, 0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


@pytest.fixture
def mail_on_commit(monkeypatch):
    """Tests run inside a transaction that never commits: send queued mail at once."""
    from travel import emails

    monkeypatch.setattr(emails, "transaction", SimpleNamespace(on_commit=lambda f, **kw: f()))


def make_place(name, municipality, country, lat, lon):
    return Place.objects.get_or_create(
        name=name,
        municipality=municipality,
        country=country,
        defaults={"latitude": lat, "longitude": lon},
    )[0]


@pytest.fixture
def places(db):
    return {
        "groesbeek": make_place("Groesbeek", "Berg en Dal", "NL", 51.7767, 5.9361),
        "kranenburg": make_place("Kranenburg", "Kranenburg", "DE", 51.7894, 6.0072),
        "berg-en-dal": make_place("Berg en Dal", "Berg en Dal", "NL", 51.8222, 5.9167),
        "winterswijk": make_place("Winterswijk", "Winterswijk", "NL", 51.9725, 6.7194),
    }


@pytest.fixture
def date(make_event, contact="organisator@example.org"):
    event = make_event(title="Dorpendag", slug="dorpendag", contact_email=contact)
    return Occurrence.objects.filter(event_key=event.translation_key).order_by("start").first()


def at(occurrence, hour, minute=0):
    """A departure on the date's day, at local time."""
    return to_aware(to_local(occurrence.start).replace(hour=hour, minute=minute))


DAY_ONE = (2026, 12, 5)
DAY_TWO = (2026, 12, 6)


def add_session(festival, title, start, venue=None, minutes=60):
    page = SessionPage(
        title=title,
        slug=slugify(title),
        start=start,
        end=start + timedelta(minutes=minutes),
        venue=venue,
        languages="nl",
        session_format="talk",
    )
    festival.add_child(instance=page)
    page.save_revision().publish()
    return Occurrence.objects.get(event_key=page.translation_key)


@pytest.fixture
def festival(calendar, venue):
    page = FestivalPage(
        title="Dorpenfestival",
        slug="dorpenfestival",
        edition="2026",
        start_date=local(*DAY_ONE, 0, 0).date(),
        end_date=local(*DAY_TWO, 0, 0).date(),
        venue=venue,
    )
    calendar.add_child(instance=page)
    page.save_revision().publish()
    page = FestivalPage.objects.get(pk=page.pk)
    return {
        "page": page,
        # Two sessions the first day (one without a venue of its own: the
        # festival's), one the second day.
        "morning": add_session(page, "Opening", local(*DAY_ONE, 10, 0), venue=venue),
        "afternoon": add_session(page, "Werkplaats wonen", local(*DAY_ONE, 14, 0)),
        "sunday": add_session(page, "Zondagsgesprek", local(*DAY_TWO, 11, 0), venue=venue),
    }


def offer(date, place, *, seats=2, name="Anna Autorijder", email="anna@example.org", **kw):
    """A car with `seats` free seats to `date`, from `place` (departs 9:15
    unless `departs=(hour, minute)`)."""
    return _entry(date, place, Kind.OFFER, seats=seats, name=name, email=email, **kw)


def ride(date, place, *, people=1, name="Bernd Mitfahrer", email="bernd@example.de", **kw):
    """A request for a ride to `date` for `people`, from `place` (9:00 unless
    `departs=(hour, minute)`)."""
    kw.setdefault("language", "de")
    kw.setdefault("phone", "+49 2826 12345")
    kw.setdefault("departs", (9, 0))
    return _entry(date, place, Kind.REQUEST, people=people, name=name, email=email, **kw)


def _entry(date, place, kind, *, departs=(9, 15), **kw):
    kw.setdefault("language", "nl")
    kw.setdefault("phone", "06-11112222")
    return services.create_entry(date, kind=kind, place=place, departs_at=at(date, *departs), **kw)


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]
