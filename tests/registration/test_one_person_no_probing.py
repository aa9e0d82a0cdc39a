"""One submission is one person, the form tells nobody who is registered, and
the rules hold at the server: nothing changes after the date or check-in, and
no title can break an e-mail header."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from events.models import EventPage, Occurrence
from registration import services
from registration.models import Registration
from tests.registration.registration_support import first_date, registration_on, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture(autouse=True)
def mail_on_commit(monkeypatch):
    from types import SimpleNamespace

    from django.core.cache import cache

    from registration import emails

    cache.clear()
    monkeypatch.setattr(emails, "transaction", SimpleNamespace(on_commit=lambda f, **kw: f()))


@pytest.fixture
def workshop(make_event):
    return make_event(
        title="Workshop",
        slug="workshop",
        capacity=20,
        rule="RRULE:FREQ=WEEKLY;COUNT=2",
        registration_settings=registration_on(max_places=4),
    )


def form_data(occurrence, **overrides):
    data = {
        "occurrence": str(occurrence.pk),
        "name": "Anna de Vries",
        "email": "anna@example.org",
        "places": "1",
        "consent": "on",
        "website": "",
        "form_token": "t" * 32,
    }
    data.update(overrides)
    return data


def test_a_different_person_on_a_reused_form_gets_a_registration_of_their_own(client, workshop):
    date = first_date(workshop)
    client.post("/nl/agenda/workshop/aanmelden/", form_data(date))
    # Back, another name and address, send again: the same form token.
    client.post(
        "/nl/agenda/workshop/aanmelden/", form_data(date, name="Bert", email="bert@example.org")
    )
    client.post(
        "/nl/agenda/workshop/aanmelden/", form_data(date, name="Bert", email="bert@example.org")
    )
    assert sorted(Registration.objects.values_list("email", flat=True)) == [
        "anna@example.org",
        "bert@example.org",
    ]
    assert {m.to[0] for m in mail.outbox} == {"anna@example.org", "bert@example.org"}


def test_one_form_sent_for_two_dates_stores_both(workshop):
    first, second = Occurrence.objects.filter(event_key=workshop.translation_key).order_by("start")
    for date in (first, second):
        for n in range(10):
            services.register(
                date,
                name=f"Bezoeker {n}",
                email=f"bezoeker{n}@example.org",
                idempotency_key="t" * 32,
            )
    assert Registration.objects.filter(occurrence=first).count() == 10
    assert Registration.objects.filter(occurrence=second).count() == 10


def test_the_form_answers_the_same_whether_or_not_the_address_is_registered(client, workshop):
    date = first_date(workshop)
    registered = sign_up(date, 1)
    secret = registered.secret
    mail.outbox.clear()
    answers = []
    for token, email in (("a" * 32, "nieuw@example.org"), ("b" * 32, "bezoeker1@example.org")):
        response = client.post(
            "/nl/agenda/workshop/aanmelden/", form_data(date, form_token=token, email=email)
        )
        page = client.get(response["Location"]).content.decode()
        # The receipt in the address is signed with the time: leave it out.
        receipt = response["Location"].rstrip("/").rsplit("/", 1)[-1]
        answers.append((response.status_code, page.replace(receipt, "").replace(email, "")))
    assert answers[0] == answers[1]
    assert "We hebben je een e-mail gestuurd" in answers[0][1]
    # The registered person gets their existing link again; it keeps working.
    registered.refresh_from_db()
    assert registered.secret == secret
    [resent] = [m for m in mail.outbox if m.to == ["bezoeker1@example.org"]]
    token = re.search(r"/(?:aanmelding|anmeldung|registration)/([\w-]+)/", resent.body).group(1)
    assert services.registration_for_token(token) == registered


def test_resending_the_link_is_throttled_per_address(workshop):
    registered = sign_up(first_date(workshop), 1)
    mail.outbox.clear()
    sent = [services.resend_link(registered) for _ in range(5)]
    assert sent == [True, True, True, False, False]
    assert len(mail.outbox) == 3


def test_nothing_changes_after_the_date_has_ended_or_after_check_in(client, workshop, monkeypatch):
    date = first_date(workshop)
    checked_in = sign_up(date, 1, places=2)
    services.set_attended(checked_in)
    with pytest.raises(services.Over):
        services.cancel(checked_in)
    with pytest.raises(services.Over):
        services.change_places(checked_in, 1)
    later = sign_up(date, 2, places=2)
    monkeypatch.setattr(timezone, "now", lambda: date.end + timezone.timedelta(minutes=1))
    link = "/nl/agenda/workshop/aanmelding/" + services.manage_token(later) + "/"
    response = client.post(link, {"action": "cancel"})
    assert response.status_code == 200
    assert "niet meer worden gewijzigd" in response.content.decode()
    client.post(link, {"action": "places", "places": "1"})
    later.refresh_from_db()
    assert later.status == "confirmed" and later.places == 2
    # The organiser still may (e.g. to record a no-show's cancellation).
    services.cancel(later, by=Registration.CancelledBy.ORGANISER)


@pytest.mark.parametrize("title", ["Workshop\rBcc: x@example.org", "Twee\nregels", "Tab\tu\x85"])
def test_any_title_makes_a_safe_subject(make_event, title):
    event = make_event(title="Veilig", slug="veilig", registration_settings=registration_on())
    EventPage.objects.filter(pk=event.pk).update(title=title)
    mail.outbox.clear()
    sign_up(first_date(event), 1)
    [message] = mail.outbox
    subject = message.message()["Subject"]
    assert "\r" not in subject and "\n" not in str(message.subject)
    assert message.subject.startswith("Aanmelding bevestigd: ")
