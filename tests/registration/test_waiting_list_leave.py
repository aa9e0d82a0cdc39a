"""Leaving the waiting list from the e-mail: every e-mail to someone waiting
has a "leave the waiting list" link; the link asks before it acts, so a mail
scanner that opens it takes nobody off the list."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from registration import services
from registration.models import Registration
from tests.registration.registration_support import first_date, registration_on, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]

QUESTION = "Van de wachtlijst af?"


@pytest.fixture
def date(make_event):
    event = make_event(
        title="Workshop", slug="workshop", capacity=1, registration_settings=registration_on()
    )
    return first_date(event)


def leave_link(message):
    """The "leave the waiting list" link of an e-mail, as a path for the client."""
    [link] = re.findall(
        r"https?://\S+/(?:aanmelding|anmeldung|registration)/\S+\?leave=1", message.body
    )
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"


def test_every_mail_to_someone_waiting_has_the_leave_link_and_it_asks_first(client, date):
    confirmed = sign_up(date, 1)
    mail.outbox.clear()
    waiting = sign_up(date, 2)
    [message] = mail.outbox
    link = leave_link(message)
    assert "Kun je toch niet? Meld je af voor de wachtlijst:" in message.body
    # Opening the link changes nothing: it asks.
    html = client.get(link).content.decode()
    assert QUESTION in html and html.count("Van de wachtlijst af") == 1
    waiting.refresh_from_db()
    assert waiting.is_waiting
    response = client.post(link, {"action": "cancel"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.is_cancelled
    assert (
        "Je staat niet meer op de wachtlijst." in client.get(response["Location"]).content.decode()
    )
    # A message to the waiting list carries the link too; confirmed people get none.
    other = sign_up(date, 3)
    mail.outbox.clear()
    services.message_all(date, subject="Let op", body="Andere zaal.", include_waiting=True)
    by_person = {m.to[0]: m for m in mail.outbox}
    assert leave_link(by_person[other.email])
    assert "?leave=1" not in by_person[confirmed.email].body


def test_the_leave_question_is_only_for_people_still_waiting(client, date):
    confirmed = sign_up(date, 1)
    mail.outbox.clear()
    sign_up(date, 2)
    link = leave_link(mail.outbox[0])
    client.post(link, {"action": "cancel"})
    assert QUESTION not in client.get(link).content.decode()  # already left
    token = services.manage_token(confirmed)
    html = client.get(f"/nl/agenda/workshop/aanmelding/{token}/?leave=1").content.decode()
    assert QUESTION not in html
    assert Registration.objects.get(pk=confirmed.pk).is_confirmed
