"""The federation tests use the event tests' fixtures (a calendar in the
shared tree, a venue, `make_event`, `translate_page`), a loopback peer
(`tests/federation/peer.py`) and our site actor's key as the peer reads it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.events.conftest import calendar, make_event, nl, translate_page, venue
from tests.federation.peer import Peer

__all__ = ["calendar", "make_event", "nl", "translate_page", "venue"]


@pytest.fixture
def peer():
    with Peer() as running:
        yield running


@pytest.fixture
def soon():
    """Ten days from now at 10:00 local time: an upcoming date whatever the day."""
    from events.schedule import site_zone

    day = (timezone.now() + timedelta(days=10)).astimezone(site_zone())
    return day.replace(hour=10, minute=0, second=0, microsecond=0)


@pytest.fixture
def our_key(client):
    """The public key of one of our actors, read as a remote server would."""

    def read(key_id):
        path = key_id.split("#", 1)[0].removeprefix("http://testserver")
        response = client.get(path, HTTP_ACCEPT="application/activity+json")
        assert response.status_code == 200
        document = response.json()
        assert document["publicKey"]["id"] == key_id
        return document["publicKey"]["publicKeyPem"]

    return read
