"""Registration: places under a lock, the waiting list and its promotions, the
visitor's form and manage link, the e-mails, and the privacy rules."""

import re

import pytest
from django.core import mail
from django.utils import timezone, translation

from events.models import EventPage, Occurrence
from registration import services
from registration.models import Registration, RegistrationQuestion
from tests.events.conftest import local
from tests.registration.registration_support import first_date, registration_on, set_rules, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def workshop(make_event, translate_page):
    event = make_event(
        title="Workshop dorpsvisie",
        slug="workshop",
        capacity=3,
        online_url="https://meet.example/geheim",
        contact_email="team@example.org",
        registration_settings=registration_on(max_places=4, confirmation_text="Neem een pen mee."),
    )
    translate_page(
        event, "de", {"Workshop dorpsvisie": "Workshop Dorfvision", "workshop": "workshop"}
    )
    return EventPage.objects.get(pk=event.pk)


@pytest.fixture
def date(workshop):
    return first_date(workshop)


def statuses(occurrence):
    return list(
        Registration.objects.filter(occurrence=occurrence)
        .order_by("pk")
        .values_list("places", "status")
    )


# -- Allocation ---------------------------------------------------------------


def test_places_are_confirmed_until_full_then_visitors_join_the_waiting_list(date):
    sign_up(date, 1, places=2)
    sign_up(date, 2)
    third = sign_up(date, 3)
    assert third.status == Registration.Status.WAITING
    assert services.confirmed_places(date) == 3


def test_full_date_without_waiting_list_refuses_with_a_clear_error(workshop, date):
    set_rules(workshop, waiting_list=False)
    sign_up(date, 1, places=3)
    with pytest.raises(services.Full):
        sign_up(date, 2)
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("places", [0, -1, 5, 10**9])
def test_places_outside_the_allowed_range_are_refused(date, places):
    with pytest.raises(services.InvalidPlaces):
        sign_up(date, 1, places=places)


def test_same_email_twice_for_a_date_is_refused_whatever_its_case(date):
    sign_up(date, 1)
    with pytest.raises(services.AlreadyRegistered) as caught:
        services.register(date, name="X", email="BEZOEKER1@Example.org ")
    assert caught.value.registration.email_key == "bezoeker1@example.org"


def test_the_same_form_token_never_creates_a_second_registration_for_the_same_person(date):
    first = sign_up(date, 1, idempotency_key="a" * 32)
    again = services.register(
        date, name="Bezoeker 1", email="Bezoeker1@example.org", idempotency_key="a" * 32
    )
    assert again.created is False and again.registration.pk == first.pk
    other = services.register(date, name="Ander", email="other@x.org", idempotency_key="a" * 32)
    assert other.created is True and other.registration.pk != first.pk


def test_cancelled_closed_and_not_yet_open_dates_take_no_registrations(workshop, date, frozen_now):
    set_rules(workshop, closes=frozen_now)
    with pytest.raises(services.RegistrationClosed):
        sign_up(date, 1)
    set_rules(workshop, closes=None, opens=local(2026, 12, 1, 9, 0))
    with pytest.raises(services.NotYetOpen):
        sign_up(date, 1)
    Occurrence.objects.filter(pk=date.pk).update(status=Occurrence.Status.CANCELLED)
    with pytest.raises(services.DateCancelled):
        sign_up(date, 1)


def test_cancelling_promotes_the_first_waiting_people_who_fit(date):
    sign_up(date, 1, places=3)
    family = sign_up(date, 2, places=3)
    single = sign_up(date, 3, places=1)
    result = services.cancel(Registration.objects.get(email_key="bezoeker1@example.org"))
    assert [r.pk for r in result.promoted] == [family.pk]
    single.refresh_from_db()
    assert single.status == Registration.Status.WAITING


def test_a_larger_waiting_entry_does_not_block_a_smaller_one_behind_it(date):
    first = sign_up(date, 1, places=2)
    sign_up(date, 2, places=1)
    family = sign_up(date, 3, places=3)
    single = sign_up(date, 4, places=1)
    result = services.cancel(first)
    assert [r.pk for r in result.promoted] == [single.pk]
    family.refresh_from_db()
    assert family.is_waiting


def test_confirmed_registration_grows_only_into_free_places(date):
    mine = sign_up(date, 1, places=1)
    sign_up(date, 2, places=1)
    services.change_places(mine, 2)
    with pytest.raises(services.Full):
        services.change_places(mine, 3)
    mine.refresh_from_db()
    assert mine.places == 2


def test_shrinking_a_registration_promotes_the_waiting_list(date):
    mine = sign_up(date, 1, places=3)
    waiting = sign_up(date, 2, places=2)
    services.change_places(mine, 1)
    waiting.refresh_from_db()
    assert waiting.is_confirmed


def test_organiser_promotes_only_when_places_fit(date):
    sign_up(date, 1, places=3)
    waiting = sign_up(date, 2)
    with pytest.raises(services.Full):
        services.promote(waiting)
    waiting.refresh_from_db()
    assert waiting.is_waiting
    # One chair more (no page publish, so nobody is promoted by itself): now it fits.
    EventPage.objects.filter(pk=date.event_id).update(capacity=4)
    mail.outbox.clear()
    result = services.promote(waiting)
    waiting.refresh_from_db()
    assert result.registration.pk == waiting.pk and waiting.is_confirmed
    assert waiting.confirmed_at is not None
    assert len([m for m in mail.outbox if m.to == ["bezoeker2@example.org"]]) == 1


# -- E-mails ---------------------------------------------------------------------


def test_confirmation_is_in_the_visitors_language_with_calendar_file_and_online_link(date):
    mail.outbox.clear()
    sign_up(date, 1, language="de")
    [message] = [m for m in mail.outbox if m.to == ["bezoeker1@example.org"]]
    assert "Workshop Dorfvision" in message.subject
    assert "https://meet.example/geheim" in message.body
    assert "/de/veranstaltungen/workshop/anmeldung/" in message.body
    assert "Neem een pen mee." in message.body  # untranslated text falls back to Dutch
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    content = content if isinstance(content, bytes) else content.encode()
    assert b"BEGIN:VEVENT" in content and b"meet.example/geheim" in content


def test_waiting_list_mail_never_contains_the_online_link(date):
    sign_up(date, 1, places=3)
    mail.outbox.clear()
    sign_up(date, 2)
    [message] = mail.outbox
    assert "geheim" not in message.body
    assert not message.attachments


def test_promoted_person_gets_a_mail_with_the_link(date):
    first = sign_up(date, 1, places=3)
    sign_up(date, 2)
    mail.outbox.clear()
    services.cancel(first)
    promoted = [m for m in mail.outbox if m.to == ["bezoeker2@example.org"]]
    assert len(promoted) == 1 and "geheim" in promoted[0].body


def test_organiser_is_mailed_when_the_event_asks_for_it(workshop, date):
    set_rules(workshop, notify_organiser=True)
    mail.outbox.clear()
    sign_up(date, 1)
    assert any(m.to == ["team@example.org"] for m in mail.outbox)


def test_a_failing_mail_server_never_loses_the_registration(date, monkeypatch, caplog):
    def broken(self, *args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    registration = sign_up(date, 1)
    assert Registration.objects.filter(pk=registration.pk).exists()
    assert "bezoeker1" not in caplog.text
    assert "ConnectionRefusedError" in caplog.text


def test_failed_sends_are_retried_later_when_the_backend_can_defer(monkeypatch):
    from registration import tasks

    queued = []

    class Deferring:
        supports_defer = True

    class Later:
        def enqueue(self, *args):
            queued.append(args)

    class FakeTask:
        def get_backend(self):
            return Deferring()

        def using(self, **kwargs):
            assert kwargs["run_after"] > timezone.now()
            return Later()

    monkeypatch.setattr(tasks, "send_registration_email", FakeTask())
    assert tasks.retry(7, "confirmed", {}, 1) is True
    assert queued == [(7, "confirmed", {}, 2)]
    assert tasks.retry(7, "confirmed", {}, tasks.MAX_ATTEMPTS) is False


# -- The visitor's form ---------------------------------------------------------


def form_data(**overrides):
    data = {
        "name": "Anna de Vries",
        "email": "anna@example.org",
        "places": "1",
        "consent": "on",
        "website": "",
        "form_token": "t" * 32,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_event_page_shows_places_left_and_the_form(client, workshop, date):
    sign_up(date, 1)
    html = client.get("/nl/agenda/workshop/").content.decode()
    assert 'id="register"' in html and "nog 2 plaatsen vrij" in html
    assert "meet.example/geheim" not in html


def test_full_date_offers_the_waiting_list(client, date):
    sign_up(date, 1, places=3)
    html = client.get("/nl/agenda/workshop/").content.decode()
    assert "Vol — meld je aan voor de wachtlijst" in html


def test_registering_redirects_to_a_confirmation_page(client, date):
    response = client.post("/de/veranstaltungen/workshop/anmelden/", form_data(occurrence=date.pk))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.language == "de" and registration.is_confirmed
    page = client.get(response["Location"])
    assert page.status_code == 200 and "e-mail" in page.content.decode().lower()


def test_registration_addresses_are_in_the_pages_language_and_old_ones_lead_there(client, date):
    response = client.post("/de/veranstaltungen/workshop/anmelden/", form_data(occurrence=date.pk))
    assert "/de/veranstaltungen/workshop/anmelden/erhalten/" in response["Location"]
    token = re.search(r"/anmeldung/([\w-]+)/", mail.outbox[0].body).group(1)
    assert client.get(f"/de/veranstaltungen/workshop/anmeldung/{token}/").status_code == 200
    # A link from an e-mail sent before the words were translated still works.
    old = client.get(f"/de/veranstaltungen/workshop/registration/{token}/")
    assert old.status_code == 200 and "Ihre Anmeldung" in old.content.decode()
    # A form sent to the old address (a page opened before) is sent on with its data.
    posted = client.post("/nl/agenda/workshop/register/", form_data(occurrence=date.pk))
    assert posted.status_code == 308 and posted["Location"] == "/nl/agenda/workshop/aanmelden/"


@pytest.mark.usefixtures("still_signing_clock")
def test_double_submit_creates_one_registration(client, date):
    data = form_data(occurrence=date.pk)
    first = client.post("/nl/agenda/workshop/aanmelden/", data)
    second = client.post("/nl/agenda/workshop/aanmelden/", data)
    assert Registration.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_same_email_again_gets_the_same_answer_and_the_existing_link(client, date):
    client.post("/nl/agenda/workshop/aanmelden/", form_data(occurrence=date.pk))
    registration = Registration.objects.get()
    old = registration.secret
    mail.outbox.clear()
    response = client.post(
        "/nl/agenda/workshop/aanmelden/",
        form_data(occurrence=date.pk, form_token="u" * 32, email="ANNA@example.org"),
    )
    assert response.status_code == 302
    assert Registration.objects.count() == 1
    assert Registration.objects.get().secret == old  # the link they have keeps working
    assert "We hebben je een e-mail gestuurd" in client.get(response["Location"]).content.decode()
    token = re.search(
        r"/(?:aanmelding|anmeldung|registration)/([\w-]+)/", mail.outbox[0].body
    ).group(1)
    assert services.registration_for_token(token) == registration


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "x" * 101),
        ("name", "<script>alert(1)</script>"),
        ("name", ""),
        ("email", "not-an-address"),
        ("places", "-3"),
        ("places", "99999999999999999999999"),
        ("places", "twee"),
        ("consent", None),
    ],
)
def test_bad_input_is_answered_next_to_the_field_and_keeps_what_was_typed(
    client, date, field, value
):
    data = form_data(occurrence=date.pk, **{field: value})
    response = client.post("/de/veranstaltungen/workshop/anmelden/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and "error-summary" in html
    assert f'href="#reg-{field}"' in html
    if field != "email":
        assert "anna@example.org" in html
    assert Registration.objects.count() == 0


def test_errors_are_in_the_pages_language(client, date):
    html = client.post(
        "/de/veranstaltungen/workshop/anmelden/", form_data(occurrence=date.pk, email="")
    ).content.decode()
    assert "Dieses Feld muss ausgefüllt werden." in html


def test_required_extra_questions_are_asked_and_stored(client, workshop, date):
    page = workshop.get_latest_revision_as_object()
    page.registration_questions.add(RegistrationQuestion(label="Dorp", kind="short", required=True))
    page.registration_questions.add(
        RegistrationQuestion(label="Dieet", kind="checkboxes", choices="Vegetarisch\nVeganistisch")
    )
    page.save_revision().publish()
    questions = list(EventPage.objects.get(pk=workshop.pk).registration_questions.all())
    data = form_data(occurrence=date.pk)
    response = client.post("/nl/agenda/workshop/aanmelden/", data)
    assert response.status_code == 200 and "Dorp" in response.content.decode()
    data[f"q_{questions[0].pk}"] = "Kranenburg"
    data[f"q_{questions[1].pk}"] = ["Vegetarisch", "Veganistisch"]
    assert client.post("/nl/agenda/workshop/aanmelden/", data).status_code == 302
    answers = Registration.objects.get().answers
    assert [a["value"] for a in answers] == ["Kranenburg", "Vegetarisch, Veganistisch"]


def test_closed_date_is_answered_with_a_message_not_an_error_page(client, workshop, date):
    set_rules(workshop, closes=local(2026, 11, 1))
    html = client.get("/nl/agenda/workshop/").content.decode()
    assert "Aanmelden gesloten" in html
    response = client.post("/nl/agenda/workshop/aanmelden/", form_data(occurrence=date.pk))
    assert response.status_code == 200
    assert "closed" in response.content.decode()
    assert Registration.objects.count() == 0


def test_cancelled_date_is_not_offered(client, workshop, date):
    Occurrence.objects.filter(pk=date.pk).update(status=Occurrence.Status.CANCELLED)
    response = client.post("/nl/agenda/workshop/aanmelden/", form_data(occurrence=date.pk))
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_honeypot_pretends_success_and_stores_nothing(client, date):
    response = client.post(
        "/nl/agenda/workshop/aanmelden/", form_data(occurrence=date.pk, website="http://spam")
    )
    assert response.status_code == 302
    assert Registration.objects.count() == 0


def test_too_many_attempts_get_a_clear_message(client, date, settings):
    for _n in range(10):
        client.post("/nl/agenda/workshop/aanmelden/", form_data(occurrence=date.pk, name=""))
    response = client.post("/nl/agenda/workshop/aanmelden/", form_data(occurrence=date.pk))
    assert response.status_code == 429
    assert "te vaak" in response.content.decode()
    assert Registration.objects.count() == 0


def test_registration_needs_a_csrf_token(date):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/nl/agenda/workshop/aanmelden/", form_data(occurrence=date.pk))
    assert response.status_code == 403
    assert Registration.objects.count() == 0


# -- The manage link ------------------------------------------------------------


def manage_link(registration):
    return "/nl/agenda/workshop/aanmelding/" + services.manage_token(registration) + "/"


def test_manage_link_shows_the_registration_and_cancels_it(client, date):
    mine = sign_up(date, 1, places=3)
    waiting = sign_up(date, 2)
    page = client.get(manage_link(mine))
    assert page.status_code == 200 and "Bezoeker 1" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    response = client.post(manage_link(mine), {"action": "cancel"})
    assert response.status_code == 302
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == Registration.Status.CANCELLED and waiting.is_confirmed


def test_waiting_people_can_leave_the_list(client, date):
    sign_up(date, 1, places=3)
    waiting = sign_up(date, 2)
    html = client.get(manage_link(waiting)).content.decode()
    assert "geheim" not in html
    client.post(manage_link(waiting), {"action": "cancel"})
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CANCELLED


def test_manage_page_changes_places_within_the_limits(client, date):
    mine = sign_up(date, 1)
    assert client.post(manage_link(mine), {"action": "places", "places": "2"}).status_code == 302
    response = client.post(manage_link(mine), {"action": "places", "places": "-1"})
    assert response.status_code == 400
    mine.refresh_from_db()
    assert mine.places == 2


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "abc", lambda t: t + "a"])
def test_tampered_tokens_get_a_friendly_not_found_page(client, date, mangle):
    mine = sign_up(date, 1)
    token = services.manage_token(mine)
    response = client.get(f"/nl/agenda/workshop/aanmelding/{mangle(token)}/")
    assert response.status_code == 404
    assert "werkt niet" in response.content.decode()


def test_a_new_link_makes_the_old_one_stop_working(client, date):
    mine = sign_up(date, 1)
    old = manage_link(mine)
    services.send_new_link(mine)
    assert client.get(old).status_code == 404
    assert client.get(manage_link(mine)).status_code == 200


def test_manage_tokens_hold_no_sequential_ids_in_clear(date):
    mine = sign_up(date, 1)
    token = services.manage_token(mine)
    assert len(token) > 40 and not re.fullmatch(r"\d+", token)


# -- Privacy and reminders ------------------------------------------------------


def test_anonymisation_blanks_personal_data_after_the_retention_and_keeps_counts(
    date, frozen_now, monkeypatch
):
    from django.core.management import call_command

    sign_up(date, 1, places=2)
    call_command("anonymise_registrations")
    assert Registration.objects.get().name == "Bezoeker 1"  # the date has not passed
    later = date.end + timezone.timedelta(days=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("anonymise_registrations")
    call_command("anonymise_registrations")
    registration = Registration.objects.get()
    assert registration.name == registration.email == registration.secret == ""
    assert registration.places == 2 and registration.is_confirmed


def test_erasing_an_address_cancels_and_anonymises_and_moves_the_waiting_list(date):
    sign_up(date, 1, places=3)
    waiting = sign_up(date, 2)
    assert services.export_for_email("BEZOEKER1@example.org")[0]["places"] == 3
    assert services.erase_email("bezoeker1@example.org") == 1
    assert services.export_for_email("bezoeker1@example.org") == []
    waiting.refresh_from_db()
    assert waiting.is_confirmed


def test_reminders_go_out_once_within_the_window(date, monkeypatch):
    from django.core.management import call_command

    sign_up(date, 1)
    mail.outbox.clear()
    call_command("send_reminders")
    assert mail.outbox == []
    monkeypatch.setattr(timezone, "now", lambda: date.start - timezone.timedelta(hours=24))
    call_command("send_reminders")
    call_command("send_reminders")
    assert len(mail.outbox) == 1 and "Herinnering" in mail.outbox[0].subject


def test_public_ical_hides_the_online_link_of_an_event_with_registration(client, workshop):
    assert b"geheim" not in client.get("/nl/agenda/workshop/ical/").content


def test_event_page_with_registration_costs_the_same_queries_for_few_and_many_dates(
    client, make_event
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_event(
        title="Kort",
        slug="kort",
        rule="RRULE:FREQ=WEEKLY;COUNT=2",
        registration_settings=registration_on(),
        capacity=5,
    )
    make_event(
        title="Lang",
        slug="lang",
        rule="RRULE:FREQ=DAILY;COUNT=300",
        registration_settings=registration_on(),
        capacity=5,
    )
    counts = []
    for url in ("/nl/agenda/kort/", "/nl/agenda/lang/"):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_series_registration_belongs_to_the_first_date_and_covers_all(client, make_event):
    event = make_event(
        title="Expeditie",
        slug="expeditie",
        rule="RRULE:FREQ=WEEKLY;COUNT=16",
        registration_settings=registration_on(scope="series"),
        capacity=1,
    )
    anchor = first_date(event)
    mail.outbox.clear()
    response = client.post("/nl/agenda/expeditie/aanmelden/", form_data(occurrence=anchor.pk))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.occurrence_id == anchor.pk
    ics = mail.outbox[0].attachments[0][1]
    ics = ics if isinstance(ics, bytes) else ics.encode()
    assert ics.count(b"BEGIN:VEVENT") == 16
    html = client.get("/nl/agenda/expeditie/").content.decode()
    assert "Vol — meld je aan voor de wachtlijst" in html


def test_series_registrations_are_kept_until_the_series_has_ended(make_event, monkeypatch):
    event = make_event(
        title="Expeditie",
        slug="expeditie",
        rule="RRULE:FREQ=WEEKLY;COUNT=16",
        registration_settings=registration_on(scope="series"),
    )
    sign_up(first_date(event), 1)
    dates = Occurrence.objects.filter(event_key=event.translation_key).order_by("start")
    monkeypatch.setattr(timezone, "now", lambda: dates.first().end + timezone.timedelta(days=40))
    services.anonymise_past()
    assert Registration.objects.get().name == "Bezoeker 1"
    monkeypatch.setattr(timezone, "now", lambda: dates.last().end + timezone.timedelta(days=31))
    services.anonymise_past()
    assert Registration.objects.get().name == ""


def test_the_form_asks_the_same_rule_as_the_service(client, workshop, date):
    """Places above the event's maximum and a full date without a waiting list
    are refused by the form with the rule's own words; nothing is stored."""
    response = client.post(
        "/nl/agenda/workshop/aanmelden/", form_data(occurrence=date.pk, places="5")
    )
    assert response.status_code == 200
    assert "Kies een toegestaan aantal plaatsen." in response.content.decode()
    set_rules(workshop, waiting_list=False)
    sign_up(date, 1, places=3)
    response = client.post("/nl/agenda/workshop/aanmelden/", form_data(occurrence=date.pk))
    assert response.status_code == 200
    assert Registration.objects.count() == 1
    state = services.decide(workshop, date, confirmed=3, places=1)
    assert isinstance(state.error, services.Full)
    with translation.override("nl"):
        assert str(state.error.message) in response.content.decode()


def test_a_confirmed_registration_grows_only_into_free_places(workshop, date):
    first = sign_up(date, 1, places=2)
    rule = services.decide(workshop, date, confirmed=2, places=4, registration=first)
    assert isinstance(rule.error, services.Full)
    assert services.decide(workshop, date, confirmed=2, places=3, registration=first).outcome == (
        Registration.Status.CONFIRMED
    )
    with pytest.raises(services.Full):
        services.change_places(first, 4)
    assert services.change_places(first, 3).registration.places == 3
