"""Fixtures for the open-data tests: a small directory, knowledge base and
calendar built from the other apps' test helpers, with private data planted
(a contact person, the address a directory check was sent to, a hidden online
link) that no open-data answer may show."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from events.hooks import ONLINE_LINK_HIDDEN
from events.models import EventPageOrganiser, EventPageTheme
from home.models import Person
from kennisbank.models import OrganisationCheckRequest
from tests.events.conftest import calendar, make_event, make_venue, venue  # noqa: F401
from tests.kennisbank.conftest import (  # noqa: F401
    directory,
    kennisbank,
    make_article,
    make_organisation,
    taxonomy,
)

PRIVATE_EMAIL = "j.jansen.prive@example.org"
CHECK_EMAIL = "check-adres@example.net"
PERSON_NAME = "Jantje Verborgen"
HIDDEN_LINK = "https://meet.example.com/geheim-123"


@pytest.fixture
def directory_data(taxonomy):  # noqa: F811
    themes, regions = taxonomy["themes"], taxonomy["regions"]
    fonds = make_organisation(
        "Dorpsfonds Drenthe",
        "dorpsfonds-drenthe",
        regions=[regions["drenthe"]],
        themes=[themes["financiering"]],
        german={
            "Dorpsfonds Drenthe": "Dorpsfonds Drenthe",
            "Geld voor dorpen.": "Geld für Dörfer.",
        },
        description="Geld voor dorpen.",
        offers_money=True,
        offers_advice=True,
        website="https://dorpsfonds.example.nl",
        contact_email="info@dorpsfonds.example.nl",
        contact_phone="+31 592 123456",
        country="NL",
    )
    netwerk = make_organisation(
        "Netzwerk Grenzland",
        "netzwerk-grenzland",
        regions=[regions["limburg"]],
        themes=[themes["wonen"]],
        kind="network",
        description="Een netwerk over de grens.",
        offers_knowledge=True,
        offers_network=True,
        country="DE",
    )
    Person.objects.create(name=PERSON_NAME, role="Contact", organisation=fonds)
    OrganisationCheckRequest.objects.create(organisation=fonds, email=CHECK_EMAIL, language="nl")
    return {"fonds": fonds, "netwerk": netwerk, **taxonomy}


@pytest.fixture
def events_data(make_event, directory_data):  # noqa: F811
    soon = timezone.now() + timedelta(days=3)
    repair = make_event(
        "Repaircafe Emmen",
        start=soon,
        end=soon + timedelta(hours=2),
        languages="nl",
        contact_email=PRIVATE_EMAIL,
    )
    EventPageTheme.objects.create(page=repair, theme=directory_data["themes"]["financiering"])
    EventPageOrganiser.objects.create(page=repair, organisation=directory_data["fonds"])
    later = soon + timedelta(days=20)
    online = make_event(
        "Webinar Wohnen",
        start=later,
        end=later + timedelta(hours=1),
        venue=None,
        online_url=HIDDEN_LINK,
        languages="de",
    )
    EventPageTheme.objects.create(page=online, theme=directory_data["themes"]["wonen"])
    return {"repair": repair, "online": online, **directory_data}


@pytest.fixture
def hidden_online_links():
    """Every online link is for registrants only (as registration would say)."""
    with hooks.register_temporarily(ONLINE_LINK_HIDDEN, lambda events: {e.pk for e in events}):
        yield
