"""Offer mode: close to the date, a freed place is offered to the next person
waiting (accept or decline by e-mail, until a deadline) instead of being given
to them; unanswered, it passes on. The offered place is held meanwhile."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from registration import services
from registration.models import Registration
from tests.events.conftest import local
from tests.registration.registration_support import first_date, registration_on, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]

# The clock stands at 24 November 09:00 (conftest); the date starts 25 hours later.
SOON = local(2026, 11, 25, 10, 0)


@pytest.fixture
def soon(make_event):
    """Capacity 2, both taken; three people waiting (de, en, nl); offers within
    48 hours of the date, 12 hours to answer."""
    event = make_event(
        title="Excursie",
        slug="excursie",
        start=SOON,
        capacity=2,
        registration_settings=registration_on(offer_hours=48, offer_reply_hours=12),
    )
    date = first_date(event)
    confirmed = [sign_up(date, n) for n in (1, 2)]
    waiting = [sign_up(date, n, language=lang) for n, lang in ((3, "de"), (4, "en"), (5, "nl"))]
    mail.outbox.clear()
    return date, confirmed, waiting


def fresh(registration):
    return Registration.objects.get(pk=registration.pk)


def mails_to(registration):
    return [m for m in mail.outbox if m.to == [registration.email]]


def link(message, step):
    [found] = re.findall(
        rf"https?://\S+/(?:aanmelding|anmeldung|registration)/\S+\?offer={step}", message.body
    )
    parts = urlsplit(found)
    return f"{parts.path}?{parts.query}"


def test_a_place_freed_inside_the_window_is_offered_and_held(soon, frozen_now):
    date, (first, _second), (next_up, later, _last) = soon

    result = services.cancel(first)

    assert result.promoted == [next_up]
    offered = fresh(next_up)
    assert offered.status == Registration.Status.OFFERED
    assert offered.offer_expires_at == frozen_now + timedelta(hours=12)
    assert fresh(later).is_waiting
    # The place is held: someone new goes on the waiting list.
    assert services.confirmed_places(date) == 2
    assert sign_up(date, 9).is_waiting
    [message] = mails_to(next_up)
    assert message.subject == "Ein Platz wird Ihnen angeboten: Excursie"
    assert "Dienstag, 24. November 2026, 21:00" in message.body
    assert link(message, "accept") and link(message, "decline")
    assert not message.attachments  # no calendar entry before they accept


def test_outside_the_window_waiting_people_still_move_up_at_once(make_event):
    event = make_event(
        title="Later",
        slug="later",
        capacity=1,
        registration_settings=registration_on(offer_hours=48),
    )
    date = first_date(event)
    first, waiting = sign_up(date, 1), sign_up(date, 2)

    services.cancel(first)

    assert fresh(waiting).is_confirmed and fresh(waiting).offer_expires_at is None


def test_accepting_through_the_link_asks_first_then_confirms(client, soon):
    _date, (first, _second), (next_up, *_rest) = soon
    services.cancel(first)
    accept = link(mails_to(next_up)[0], "accept")
    mail.outbox.clear()

    html = client.get(accept).content.decode()
    assert "Platz annehmen?" in html or "accept-offer" in html
    assert 'value="accept-offer"' in html
    assert fresh(next_up).is_offered  # opening the link (a mail scanner) accepts nothing

    response = client.post(accept, {"action": "accept-offer"})

    assert response.status_code == 302 and response["Location"].endswith("?done=accepted")
    accepted = fresh(next_up)
    assert accepted.is_confirmed and accepted.offer_expires_at is None
    [message] = mails_to(next_up)
    assert [name for name, _content, _type in message.attachments] == ["excursie.ics"]


def test_declining_passes_the_place_to_the_next_person_at_once(client, soon):
    _date, (first, _second), (next_up, later, last) = soon
    services.cancel(first)
    decline = link(mails_to(next_up)[0], "decline")
    assert fresh(next_up).is_offered
    mail.outbox.clear()

    html = client.get(decline).content.decode()
    assert 'value="decline-offer"' in html and fresh(next_up).is_offered

    response = client.post(decline, {"action": "decline-offer"})

    assert response["Location"].endswith("?done=declined")
    assert fresh(next_up).is_cancelled
    assert fresh(later).is_offered and fresh(last).is_waiting
    [offer] = mails_to(later)
    assert offer.subject == "A place is offered to you: Excursie"


def test_an_unanswered_offer_passes_on_when_its_deadline_passes(soon, frozen_now):
    date, (first, _second), (next_up, later, _last) = soon
    services.cancel(first)
    mail.outbox.clear()
    # Not yet: the offer stands until its deadline.
    assert services.expire_offers(now=frozen_now + timedelta(hours=11)) == 0
    assert fresh(next_up).is_offered

    lapsed = services.expire_offers(now=frozen_now + timedelta(hours=13))

    assert lapsed == 1
    gone = fresh(next_up)
    assert gone.is_cancelled and gone.cancelled_by == Registration.CancelledBy.LAPSED
    offered = fresh(later)
    # The next deadline is 12 hours on, but never after the start of the date.
    assert offered.is_offered and offered.offer_expires_at == SOON
    assert services.confirmed_places(date) == 2
    [told] = mails_to(next_up)
    assert "nicht rechtzeitig angenommen. Er wurde daher weitergegeben" in told.body
    assert len(mails_to(later)) == 1
    # Running it again changes nothing and tells nobody twice.
    mail.outbox.clear()
    assert services.expire_offers(now=frozen_now + timedelta(hours=13)) == 0
    assert not mail.outbox


def test_the_command_passes_on_lapsed_offers(soon, frozen_now, monkeypatch):
    _date, (first, _second), (next_up, later, _last) = soon
    services.cancel(first)
    monkeypatch.setattr(timezone, "now", lambda: frozen_now + timedelta(hours=13))

    call_command("expire_offers", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert fresh(next_up).is_cancelled and fresh(later).is_offered


def test_accepting_after_the_deadline_is_refused_and_the_place_passes_on(
    client, soon, frozen_now, monkeypatch
):
    _date, (first, _second), (next_up, later, _last) = soon
    services.cancel(first)
    accept = link(mails_to(next_up)[0], "accept")
    monkeypatch.setattr(timezone, "now", lambda: frozen_now + timedelta(hours=13))

    with pytest.raises(services.OfferLapsed):
        services.accept_offer(next_up)

    assert fresh(next_up).is_cancelled and fresh(later).is_offered
    # Through the link (the event has only its Dutch page): a clear message,
    # nothing to press.
    html = client.get(accept).content.decode()
    assert "Dit aanbod geldt niet meer" in html
    assert 'value="accept-offer"' not in html
    response = client.post(accept, {"action": "accept-offer"})
    assert response.status_code == 200
    assert "Dit aanbod geldt niet meer" in response.content.decode()
    assert fresh(next_up).is_cancelled


def test_someone_who_looks_after_the_deadline_passes_the_place_on(client, soon, monkeypatch):
    """Lazily: no periodic run needed for the place to move on."""
    _date, (first, _second), (next_up, later, _last) = soon
    services.cancel(first)
    manage = link(mails_to(next_up)[0], "accept").split("?")[0]
    monkeypatch.setattr(timezone, "now", lambda: local(2026, 11, 24, 22, 0))

    client.get(manage)

    assert fresh(next_up).is_cancelled and fresh(later).is_offered


def test_organisers_see_until_when_a_place_is_offered(client, admin_user, soon):
    date, (first, _second), (next_up, *_rest) = soon
    services.cancel(first)
    client.force_login(admin_user)

    html = client.get(f"/admin/registrations/?event={date.event_id}").content.decode()

    assert "Aangeboden tot dinsdag 24 november 2026, 21:00" in html
