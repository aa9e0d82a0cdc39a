"""Travel together: entries, matching, asking, seats, sharing contact, the
public pages (nothing personal), deletion after the event and erasure."""

import re
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events.models import EventPage, Occurrence
from home import privacy
from tests.travel.conftest import at, mails_to, offer, ride
from travel import services
from travel.models import TravelEntry, TravelMatch

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]

Kind = TravelEntry.Kind


def test_offer_then_request_from_the_same_village_tells_both_in_their_languages(date, places):
    offer(date, places["kranenburg"], language="nl")
    mail.outbox.clear()
    ride(date, places["kranenburg"], language="de")

    (to_offerer,) = mails_to("anna@example.org")
    assert to_offerer.subject == "Iemand reist jouw kant op naar Dorpendag"
    assert "Kranenburg" in to_offerer.body
    (to_rider,) = mails_to("bernd@example.de")
    assert to_rider.subject == "Gemeinsam reisen zu Dorpendag: Ihr Eintrag"
    assert "Kranenburg" in to_rider.body
    # Neither learns the other's name, address or phone from these mails.
    assert "Anna" not in to_rider.body and "anna@" not in to_rider.body
    assert "06-11112222" not in to_rider.body
    assert "Bernd" not in to_offerer.body and "bernd@" not in to_offerer.body


def test_matching_prefers_the_same_place_then_nearby_within_the_set_distance(
    date, places, settings
):
    request = ride(date, places["groesbeek"])
    near = offer(date, places["berg-en-dal"], email="near@example.org")
    same = offer(date, places["groesbeek"], email="same@example.org")
    far = offer(date, places["winterswijk"], email="far@example.org")

    found = services.find_matches(request)
    assert [e.pk for e in found] == [same.pk, near.pk]
    assert far.pk not in [e.pk for e in found]
    assert 4 < found[1].distance_km < 6

    settings.TRAVEL_MATCH_KM = 3
    assert [e.pk for e in services.find_matches(request)] == [same.pk]


def test_ask_relays_the_message_without_addresses_and_seats_are_never_oversold(date, places):
    car = offer(date, places["groesbeek"], seats=2)
    family = ride(date, places["groesbeek"], people=2, email="familie@example.de", name="Familie")
    single = ride(date, places["groesbeek"], people=1, email="single@example.de", name="Solo")
    mail.outbox.clear()

    first = services.ask(family, car, "Wir kommen zu zweit, danke!")
    (relayed,) = mails_to("anna@example.org")
    assert "Wir kommen zu zweit, danke!" in relayed.body
    assert "Iemand uit Groesbeek (2 personen) vraagt met je mee te reizen." in relayed.body
    assert "familie@example.de" not in relayed.body + str(relayed.extra_headers)
    assert relayed.reply_to == []
    second = services.ask(single, car)

    services.accept(first)
    with pytest.raises(services.NotEnoughSeats):
        services.accept(second)
    assert services.seats_left(car) == 0
    second.refresh_from_db()
    assert second.status == TravelMatch.Status.ASKED
    # A full car takes no new questions either.
    third = ride(date, places["groesbeek"], email="third@example.de")
    with pytest.raises(services.NotEnoughSeats):
        services.ask(third, car)


def test_contact_is_revealed_only_after_both_agree(client, date, places):
    car = offer(date, places["groesbeek"])
    rider = ride(date, places["groesbeek"])
    match = services.accept(services.ask(rider, car))
    page = EventPage.objects.get(translation_key=date.event_key, locale__language_code="nl")
    rider_page = page.url + page.reverse_subpage(
        "travel_manage", kwargs={"token": services.manage_token(rider)}
    )
    mail.outbox.clear()

    response = client.post(rider_page, {"action": "share", "match": match.pk})
    assert response.status_code == 302
    assert not any("anna@example.org" in m.body for m in mail.outbox)
    assert "anna@example.org" not in client.get(rider_page).content.decode()

    services.share_contact(match, car)
    to_rider = [m for m in mails_to("bernd@example.de") if "anna@example.org" in m.body]
    to_driver = [m for m in mails_to("anna@example.org") if "bernd@example.de" in m.body]
    assert len(to_rider) == 1 and len(to_driver) == 1
    assert "06-11112222" in to_rider[0].body
    assert "anna@example.org" in client.get(rider_page).content.decode()


PRIVATE = [
    "Anna",
    "Autorijder",
    "anna@example.org",
    "06-11112222",
    "Bernd",
    "Mitfahrer",
    "bernd@example.de",
    "2826",
    "Rollator",
    "Bis gleich",
]


def assert_nothing_private(body, where, *secrets_):
    for secret in (*PRIVATE, *secrets_):
        assert secret not in body, (secret, where)


def test_the_public_pages_ical_and_json_ld_carry_no_personal_data(client, date, places):
    car = offer(date, places["groesbeek"], seats=3)
    rider = ride(date, places["kranenburg"], needs="Rollator im Kofferraum")
    match = services.accept(services.ask(rider, car, "Bis gleich"))
    services.share_contact(match, car)
    services.share_contact(match, rider)
    page = EventPage.objects.get(translation_key=date.event_key, locale__language_code="nl")
    calendar = page.get_parent().specific
    urls = [
        page.url,
        page.url + page.reverse_subpage("ical"),
        page.url + page.reverse_subpage("travel_date", kwargs={"date": date.pk}),
        calendar.url,
        calendar.url + calendar.reverse_subpage("feed"),
        "/api/v1/nl/events/",
        "/sitemap.xml",
    ]
    bodies = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        bodies[url] = response.content.decode()
        assert_nothing_private(bodies[url], url, car.secret, rider.secret)
    assert "Dorpendag" in bodies["/api/v1/nl/events/"]
    assert "BEGIN:VEVENT" in bodies[urls[1]] and "BEGIN:VEVENT" in bodies[urls[4]]
    # The event page's JSON-LD is part of the page searched above.
    soup = BeautifulSoup(bodies[page.url], "html.parser")
    assert soup.select_one('script[type="application/ld+json"]')
    assert "Groesbeek" in soup.select_one("#travel").get_text()
    # The page as a federated activity, for other servers.
    activity = client.get(page.url, HTTP_ACCEPT="application/activity+json")
    assert activity.status_code == 200 and "Dorpendag" in activity.content.decode()
    assert_nothing_private(activity.content.decode(), "activity")
    soup = BeautifulSoup(bodies[urls[2]], "html.parser")
    listed = [li.get_text(" ", strip=True) for li in soup.select(".travel__row")]
    assert listed == [
        "1 persoon zoekt een rit vanuit Kranenburg, 09:00",
        "2 stoelen vanuit Groesbeek, 09:15",
    ]


def test_the_cached_event_page_shows_new_counts_and_nothing_personal(
    client, date, places, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    page = EventPage.objects.get(translation_key=date.event_key, locale__language_code="nl")
    with django_capture_on_commit_callbacks(execute=True):
        offer(date, places["groesbeek"], seats=3)
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        rider = ride(date, places["kranenburg"], needs="Rollator im Kofferraum")

    fresh = client.get(page.url)
    assert fresh["X-Page-Cache"] == "miss"
    cached = client.get(page.url)
    assert cached["X-Page-Cache"] == "hit"
    body = cached.content.decode()
    assert "vanuit Kranenburg" in body
    assert_nothing_private(body, "cached page", rider.secret)


def test_purge_deletes_everything_some_days_after_the_date(date, places, monkeypatch, settings):
    car = offer(date, places["groesbeek"])
    services.ask(ride(date, places["groesbeek"]), car)
    settings.TRAVEL_RETENTION_DAYS = 7
    monkeypatch.setattr(timezone, "now", lambda: date.end + timedelta(days=6))
    call_command("purge_travel")
    assert TravelEntry.objects.count() == 2
    monkeypatch.setattr(timezone, "now", lambda: date.end + timedelta(days=8))
    call_command("purge_travel")
    assert TravelEntry.objects.count() == 0
    assert TravelMatch.objects.count() == 0


def test_erase_by_email_deletes_and_tells_whoever_was_matched(date, places):
    car = offer(date, places["groesbeek"])
    services.accept(services.ask(ride(date, places["groesbeek"], email="Bernd@Example.de"), car))
    assert privacy.export_all("bernd@example.de")["travel"][0]["name"] == "Bernd Mitfahrer"
    mail.outbox.clear()

    sentences = privacy.erase_all("BERND@example.de")

    assert any("1" in s for s in sentences)
    assert not TravelEntry.objects.filter(email_key="bernd@example.de").exists()
    (told,) = mails_to("anna@example.org")
    assert "Groesbeek" in told.body and "Bernd" not in told.body
    assert privacy.export_all("bernd@example.de")["travel"] == []


def form_url(date, name="travel_offer"):
    page = EventPage.objects.get(translation_key=date.event_key, locale__language_code="nl")
    return page.url + page.reverse_subpage(name, kwargs={"date": date.pk})


def valid_post(places, **changes):
    data = {
        "place": places["groesbeek"].pk,
        "departs": "09:15",
        "seats": "2",
        "languages": ["nl", "de"],
        "name": "Anna Autorijder",
        "email": "anna@example.org",
        "consent": "on",
    }
    data.update(changes)
    return data


def test_the_honeypot_stores_nothing(client, date, places):
    response = client.post(form_url(date), valid_post(places, website="http://spam.example"))
    assert response.status_code == 302
    assert TravelEntry.objects.count() == 0
    assert mail.outbox == []


def test_a_valid_offer_is_saved_and_leads_to_the_manage_page(client, date, places):
    response = client.post(form_url(date), valid_post(places))
    assert response.status_code == 302
    entry = TravelEntry.objects.get()
    assert (entry.kind, entry.seats, entry.languages) == (Kind.OFFER, 2, ["de", "nl"])
    assert timezone.localtime(entry.departs_at).strftime("%H:%M") == "09:15"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    (sent,) = mail.outbox
    assert "het aanbieden van 2 plaatsen vanuit Groesbeek naar Dorpendag" in sent.body
    token = re.search(r"/mijn/([\w-]+)/", sent.body).group(1)
    assert services.entry_for_token(token) == entry


def test_bad_input_gets_clear_messages_and_keeps_what_was_typed(client, date, places):
    response = client.post(
        form_url(date, "travel_request"),
        valid_post(places, place="999999", departs="halfnegen", people="0", consent=""),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies een plaats uit de lijst." in body
    assert "Geef een tijd zoals 18:30." in body
    assert 'value="Anna Autorijder"' in body
    assert TravelEntry.objects.count() == 0


def test_the_rate_limit_stops_a_flood(client, date, places, monkeypatch):
    from django.core.cache import cache

    from travel import views

    cache.clear()
    monkeypatch.setattr(views, "FORM_LIMIT", (2, 3600))
    for n in range(2):
        client.post(form_url(date), valid_post(places, email=f"a{n}@example.org"))
    response = client.post(form_url(date), valid_post(places, email="a9@example.org"))
    assert response.status_code == 400
    assert TravelEntry.objects.count() == 2


def test_a_bad_manage_link_is_one_plain_answer(client, date, places):
    entry = offer(date, places["groesbeek"])
    page = EventPage.objects.get(translation_key=date.event_key, locale__language_code="nl")
    good = page.url + page.reverse_subpage(
        "travel_manage", kwargs={"token": services.manage_token(entry)}
    )
    assert client.get(good).status_code == 200
    assert client.get(good[:-3] + "xyz/").status_code == 404
    services.cancel(entry)
    entry.secret = ""
    entry.save()
    assert client.get(good).status_code == 404


def test_cancelling_tells_the_matched_person(date, places):
    car = offer(date, places["groesbeek"])
    services.ask(ride(date, places["groesbeek"]), car)
    mail.outbox.clear()
    assert services.cancel(car) == 1
    (told,) = mails_to("bernd@example.de")
    assert "Groesbeek" in told.body


def test_report_mails_the_organiser(date, places):
    car = offer(date, places["groesbeek"])
    rider = ride(date, places["groesbeek"])
    mail.outbox.clear()
    services.report(car, rider, "Unfreundlich")
    (sent,) = mails_to("organisator@example.org")
    assert "Unfreundlich" in sent.body
    car.refresh_from_db()
    assert car.report_count == 1


def test_no_entry_for_a_cancelled_date(date, places):
    Occurrence.objects.filter(pk=date.pk).update(status=Occurrence.Status.CANCELLED)
    date.refresh_from_db()
    with pytest.raises(services.NotOpen):
        offer(date, places["groesbeek"])


def test_a_coordinator_enters_a_phone_request_and_pairs_it(date, places, django_user_model):
    coordinator = django_user_model.objects.create_user("coordinator", password="x")
    car = offer(date, places["groesbeek"], seats=1)
    phoned = services.create_entry(
        date,
        kind=Kind.REQUEST,
        place=places["groesbeek"],
        departs_at=at(date, 9),
        name="Mevrouw Jansen",
        phone="024-1234567",
        entered_by=coordinator,
    )
    match = services.pair(phoned, car, by=coordinator)
    assert match.status == TravelMatch.Status.ACCEPTED
    assert services.seats_left(car) == 0
    other = ride(date, places["groesbeek"])
    with pytest.raises(services.NotEnoughSeats):
        services.pair(other, car, by=coordinator)
    rows = services.counts_by_place(date)
    assert rows[0]["place"] == places["groesbeek"]
    assert rows[0]["requests"] == 2 and rows[0]["matched"] == 1


def test_a_cancelled_date_ends_the_entries_and_tells_everyone(date, places):
    from events.hooks import dates_changed
    from events.services import DateChange

    car = offer(date, places["groesbeek"])
    match = services.ask(ride(date, places["groesbeek"]), car)
    mail.outbox.clear()
    Occurrence.objects.filter(pk=date.pk).update(status=Occurrence.Status.CANCELLED)
    date.refresh_from_db()

    dates_changed(date.event, [DateChange(date, {}, {"cancelled"})])

    assert not services.active_entries(date).exists()
    match.refresh_from_db()
    assert match.status == TravelMatch.Status.CANCELLED
    assert {m.to[0] for m in mail.outbox} == {"anna@example.org", "bernd@example.de"}
    (german,) = mails_to("bernd@example.de")
    assert "abgesagt" in german.body
    assert german.subject.startswith("Abgesagt: gemeinsam reisen zu ")
    (dutch,) = mails_to("anna@example.org")
    assert dutch.subject.startswith("Afgelast: samen reizen naar ")


def test_registration_confirmation_links_to_travel_together(date, monkeypatch):
    from registration import emails as registration_emails
    from registration import services as registration_services
    from registration.models import RegistrationSettings

    monkeypatch.setattr(
        registration_emails, "transaction", SimpleNamespace(on_commit=lambda f, **kw: f())
    )
    RegistrationSettings.objects.create(page=date.event, enabled=True)
    registration_services.register(
        date, name="Carla", email="carla@example.org", places=1, language="nl"
    )
    (confirmation,) = mails_to("carla@example.org")
    page = EventPage.objects.get(pk=date.event_id)
    link = page.get_full_url() + page.reverse_subpage("travel_date", kwargs={"date": date.pk})
    assert "Samen reizen: bied plaatsen aan of zoek een rit" in confirmation.body
    assert link in confirmation.body


def test_the_event_page_reads_travel_in_a_fixed_number_of_queries(
    client, date, places, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    offer(date, places["groesbeek"])
    page = EventPage.objects.get(translation_key=date.event_key, locale__language_code="nl")
    with CaptureQueriesContext(connection) as first:
        assert client.get(page.url).status_code == 200
    for n, key in enumerate(["kranenburg", "berg-en-dal", "winterswijk", "groesbeek"]):
        ride(date, places[key], email=f"r{n}@example.de")
        offer(date, places[key], email=f"o{n}@example.org")
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(page.url)
    assert response.content.decode().count('class="travel__row') == 6


def manage_url(entry):
    page = EventPage.objects.get(translation_key=entry.event_key, locale__language_code="nl")
    return page.url + page.reverse_subpage(
        "travel_manage", kwargs={"token": services.manage_token(entry)}
    )


def test_the_manage_pages_forms_have_a_honeypot_too(client, date, places):
    car = offer(date, places["groesbeek"])
    rider = ride(date, places["groesbeek"])
    page = client.get(manage_url(rider)).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    (ask_form,) = [f for f in soup.select("form") if f.find("input", value="ask")]
    assert ask_form.find("input", attrs={"name": "website", "tabindex": "-1"})
    mail.outbox.clear()

    response = client.post(
        manage_url(rider),
        {"action": "ask", "offer": car.pk, "message": "Cheap pills", "website": "x"},
    )

    assert response.status_code == 302 and "done=asked" in response["Location"]
    assert not TravelMatch.objects.exists()
    assert mail.outbox == []
    match = services.ask(rider, car)
    response = client.post(
        manage_url(car), {"action": "report", "match": match.pk, "reason": "spam", "website": "x"}
    )
    assert "done=reported" in response["Location"]
    car.refresh_from_db()
    rider.refresh_from_db()
    assert (car.report_count, rider.report_count) == (0, 0)
    assert not mails_to("organisator@example.org")


def test_a_series_reminder_links_to_travel_together_on_the_date_it_reminds_of(
    make_event, monkeypatch, frozen_now
):
    from registration import emails as registration_emails
    from registration import services as registration_services
    from tests.events.conftest import local
    from tests.registration.registration_support import registration_on, sign_up

    monkeypatch.setattr(
        registration_emails, "transaction", SimpleNamespace(on_commit=lambda f, **kw: f())
    )
    event = make_event(
        title="Cursus",
        slug="cursus",
        start=local(2026, 11, 25, 19, 0),
        end=local(2026, 11, 25, 21, 0),
        rule="RRULE:FREQ=WEEKLY;COUNT=3",
        registration_settings=registration_on(scope="series"),
    )
    dates = list(Occurrence.objects.filter(event_key=event.translation_key).order_by("start"))
    person = sign_up(dates[0], 1)
    mail.outbox.clear()

    # A week on, the second date is due; the registration's row names the first.
    registration_services.send_reminders(now=frozen_now + timedelta(days=7))

    (reminder,) = mails_to(person.email)
    assert "Samen reizen: bied plaatsen aan of zoek een rit" in reminder.body
    assert re.findall(r"/samen-reizen/(\d+)/", reminder.body) == [str(dates[1].pk)]


def test_the_manage_pages_actions_are_rate_limited(client, date, places, monkeypatch):
    from django.core.cache import cache

    from travel import views

    cache.clear()
    monkeypatch.setattr(views, "ACTION_LIMIT", (1, 3600))
    car = offer(date, places["groesbeek"])
    rider = ride(date, places["groesbeek"])
    rider_page = manage_url(rider)
    assert client.post(rider_page, {"action": "ask", "offer": car.pk}).status_code == 302
    services.cancel_match(TravelMatch.objects.get(), rider)

    response = client.post(rider_page, {"action": "ask", "offer": car.pk})

    assert response.status_code == 400
    assert "Te veel handelingen vanaf je verbinding" in response.content.decode()
    assert TravelMatch.objects.get().status == TravelMatch.Status.CANCELLED


def test_a_place_given_in_unicode_digits_is_ignored_not_a_server_error(client, date, places):
    """`"²".isdigit()` is True, `int("²")` fails: the form opens without a place."""
    for value in ("²", "١٢x", "99999999999999999999999"):
        response = client.get(form_url(date) + "?from=" + quote(value))
        assert response.status_code == 200, value
    chosen = client.get(form_url(date) + f"?from={places['groesbeek'].pk}")
    assert chosen.context["form"].initial["place"] == places["groesbeek"]
