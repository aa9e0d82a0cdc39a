"""Fixtures for the event tests: a calendar in the trilingual site tree and a
helper that creates and publishes events as an editor would."""

from datetime import datetime, timedelta

import pytest
import recurrence
from wagtail.models import Locale

from demo.registry import translate
from events.models import EventPage, EventType
from events.schedule import site_zone
from home.models import Region, Theme, Venue


def local(*args):
    """An aware datetime in Europe/Amsterdam."""
    return datetime(*args, tzinfo=site_zone())


def series_text(item):
    """A row's series line, its no-break spaces (inside dates) read as spaces."""
    line = item.select_one(".event-item__series")
    return line.get_text().replace("\u00a0", " ") if line else ""


@pytest.fixture
def translate_page(django_capture_on_commit_callbacks):
    """wagtail-localize publishes a translated page on commit: run that in tests."""

    def run(page, code, strings):
        with django_capture_on_commit_callbacks(execute=True):
            return translate(page, code, strings)

    return run


@pytest.fixture
def calendar(site_tree):
    """The calendar of the shared tree (nl "agenda", de "veranstaltungen", en "events")."""
    return site_tree["calendar"]


@pytest.fixture
def venue(locales):
    return make_venue()


def make_venue():
    """The Dorpshuis in Kranenburg (Dorfhaus in German), in a region of its own;
    the one already there when a class- or module-scoped fixture made it."""
    existing = Venue.objects.filter(name="Dorpshuis", region__slug="nrw").first()
    if existing is not None:
        return existing
    region = Region.objects.create(
        name="Noordrijn-Westfalen", slug="nrw", kind=Region.Kind.STATE, country="DE"
    )
    place = Venue.objects.create(
        name="Dorpshuis",
        street="Dorpstraat 1",
        postcode="47559",
        city="Kranenburg",
        country="DE",
        region=region,
        latitude="51.789000",
        longitude="6.007000",
    )
    translate(place, "de", {"Dorpshuis": "Dorfhaus"})
    return place


@pytest.fixture
def theme(locales):
    value = Theme.objects.create(name="Lokaal voedsel", slug="lokaal-voedsel")
    translate(value, "de", {"Lokaal voedsel": "Lokale Lebensmittel"})
    return value


@pytest.fixture
def repair_type(locales):
    value = EventType.objects.create(name="Repaircafé", slug="repair-cafe")
    translate(value, "de", {"Repaircafé": "Repair-Café"})
    return value


@pytest.fixture
def make_event(calendar, venue):
    def make(title="Repaircafé", start=None, end=None, rule=None, publish=True, **fields):
        start = start or local(2026, 12, 12, 10, 0)
        end = end or start + timedelta(hours=3)
        fields.setdefault("venue", venue)
        page = EventPage(
            title=title,
            slug=fields.pop("slug", None) or title.lower().replace(" ", "-"),
            start=start,
            end=end,
            recurrence=recurrence.deserialize(rule) if isinstance(rule, str) else rule,
            **fields,
        )
        calendar.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return EventPage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def nl(locales):
    return Locale.objects.get(language_code="nl")
