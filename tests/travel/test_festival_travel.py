"""Travel together to a festival: everyone going to the same festival on the
same day, at the same place, travels together whichever sessions they attend.
The festival page has a section per day (counts only); a session's own
section and travel page show the day's entries; matching, asking, pairing,
cancelling and deletion treat the day as one."""

from datetime import timedelta
from functools import partial
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.hooks import dates_changed
from events.models import EventPage, Occurrence
from events.services import DateChange
from tests.events.conftest import local
from tests.travel import conftest as travel_support
from tests.travel.conftest import DAY_ONE, mails_to
from travel import services
from travel.models import TravelEntry, TravelMatch

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "mail_on_commit")]

Kind = TravelEntry.Kind


# The two people of these tests: a driver from Germany, a rider from the Netherlands.
offer = partial(
    travel_support.offer,
    name="Heike Fahrerin",
    email="heike@example.de",
    phone="+49 2826 5555",
    language="de",
    departs=(8, 30),
)
ride = partial(
    travel_support.ride,
    name="Jan Meerijder",
    email="jan@example.org",
    phone="06-99998888",
    language="nl",
    departs=(8, 0),
)


def page_of(date, code="nl"):
    return EventPage.objects.get(translation_key=date.event_key, locale__language_code=code)


def test_people_going_to_different_sessions_of_one_festival_day_match(festival, places):
    car = offer(festival["morning"], places["kranenburg"])
    mail.outbox.clear()
    request = ride(festival["afternoon"], places["groesbeek"])

    assert [e.pk for e in services.find_matches(request)] == [car.pk]
    assert [e.pk for e in services.find_matches(car)] == [request.pk]
    # Both told, each in their language.
    (german,) = mails_to("heike@example.de")
    assert "Groesbeek" in german.body and "Jan" not in german.body
    # The mails name the festival and its day, not the session the entry came from.
    assert german.subject == "Jemand fährt Ihre Strecke zu Dorpenfestival"
    assert "Opening" not in german.body
    (dutch,) = mails_to("jan@example.org")
    assert "Kranenburg" in dutch.body and "Heike" not in dutch.body
    assert "naar Dorpenfestival, zaterdag 5 december 2026, is" in dutch.body

    # Asking, accepting and the seats work across the sessions.
    mail.outbox.clear()
    match = services.accept(services.ask(request, car, "Ik sta bij de kerk."))
    assert match.status == TravelMatch.Status.ACCEPTED
    (accepted,) = mails_to("jan@example.org")
    assert "Dorpenfestival" in accepted.subject
    assert services.seats_left(car) == 1


def test_different_days_of_a_festival_do_not_match(festival, places):
    car = offer(festival["morning"], places["kranenburg"])
    request = ride(festival["sunday"], places["kranenburg"])
    assert services.find_matches(request) == []
    assert services.find_matches(car) == []
    with pytest.raises(services.NotAllowed):
        services.ask(request, car)


def test_an_ordinary_event_on_the_same_day_is_not_part_of_the_festival_day(
    festival, places, make_event
):
    event = make_event(title="Markt", slug="markt", start=local(*DAY_ONE, 13, 0))
    market = Occurrence.objects.get(event_key=event.translation_key)
    offer(festival["morning"], places["kranenburg"])
    assert services.find_matches(ride(market, places["kranenburg"])) == []


def test_the_manage_page_suggests_and_asks_an_offer_of_another_session(client, festival, places):
    car = offer(festival["morning"], places["kranenburg"])
    request = ride(festival["afternoon"], places["groesbeek"])
    page = page_of(festival["afternoon"])
    url = page.url + page.reverse_subpage(
        "travel_manage", kwargs={"token": services.manage_token(request)}
    )
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    (suggestion,) = soup.select(".travel__match")
    assert "Kranenburg" in suggestion.get_text()

    response = client.post(url, {"action": "ask", "offer": car.pk, "message": "Tot dan"})
    assert response.status_code == 302 and "done=asked" in response["Location"]
    assert TravelMatch.objects.get(request=request, offer=car).status == "asked"


def test_the_festival_page_shows_each_day_with_counts_only(client, festival, places):
    car = offer(festival["morning"], places["kranenburg"])
    request = ride(festival["afternoon"], places["groesbeek"], people=2)
    services.accept(services.ask(request, car, "Ik sta bij de kerk."))
    offer(festival["sunday"], places["winterswijk"], seats=3, email="w@example.org")
    festival_page = festival["page"]

    body = client.get(festival_page.url).content.decode()
    soup = BeautifulSoup(body, "html.parser")
    section = soup.select_one("#travel")
    days = section.select(".travel__date")
    assert [d.select_one("h3").get_text() for d in days] == [
        "zaterdag 5 december 2026",
        "zondag 6 december 2026",
    ]
    assert [li.get_text(" ", strip=True) for li in days[0].select(".travel__row")] == [
        "2 personen zoeken een rit vanuit Groesbeek, 08:00",
        "0 stoelen vanuit Kranenburg, 08:30",
    ]
    assert "Winterswijk" in days[1].get_text() and "Winterswijk" not in days[0].get_text()
    for secret in (
        "Heike",
        "Jan Meerijder",
        "example",
        "2826",
        "06-9999",
        "kerk",
        car.secret,
        request.secret,
    ):
        assert secret not in body, secret

    # The day's link leads to the travel page of its first session, which
    # shows everyone going that day.
    link = days[0].select_one("a.button")["href"]
    morning = page_of(festival["morning"])
    expected = morning.url + morning.reverse_subpage(
        "travel_date", kwargs={"date": festival["morning"].pk}
    )
    assert urlparse(link).path == urlparse(expected).path
    day_page = BeautifulSoup(client.get(link).content, "html.parser")
    listed = day_page.get_text(" ", strip=True)
    assert "Groesbeek" in listed and "Kranenburg" in listed and "Winterswijk" not in listed
    assert "Dorpenfestival" in day_page.select_one(".travel-page header").get_text()
    assert "zaterdag 5 december 2026" in day_page.select_one(".travel-page header").get_text()


def test_the_festival_page_in_german_words_each_day_as_german_does(
    client, festival, places, translate_page
):
    offer(festival["morning"], places["kranenburg"])
    german = translate_page(festival["page"], "de", {"Dorpenfestival": "Dörferfestival"})
    for session in ("morning", "afternoon", "sunday"):
        translate_page(page_of(festival[session]).specific, "de", {})
    soup = BeautifulSoup(client.get(german.url).content, "html.parser")
    section = soup.select_one("#travel")
    assert section.select_one("h2").get_text() == "Gemeinsam reisen"
    assert section.select_one("h3").get_text() == "Samstag, 5. Dezember 2026"
    assert "2 Plätze ab Kranenburg, 08:30" in section.get_text(" ", strip=True)
    assert "/de/" in section.select_one("a.button")["href"]


def test_a_sessions_own_section_shows_the_whole_festival_day(client, festival, places):
    offer(festival["morning"], places["kranenburg"])
    soup = BeautifulSoup(client.get(page_of(festival["afternoon"]).url).content, "html.parser")
    section = soup.select_one("#travel")
    assert "Kranenburg" in section.get_text()
    assert "Dorpenfestival" in section.select_one(".travel__festival").get_text()
    sunday = BeautifulSoup(client.get(page_of(festival["sunday"]).url).content, "html.parser")
    assert "Kranenburg" not in sunday.select_one("#travel").get_text()


def test_the_festival_page_reads_travel_in_a_fixed_number_of_queries(
    client, festival, places, django_assert_max_num_queries
):
    url = festival["page"].url
    offer(festival["morning"], places["groesbeek"], email="first@example.org")
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    for n, key in enumerate(["kranenburg", "berg-en-dal", "winterswijk"]):
        for date in (festival["morning"], festival["afternoon"], festival["sunday"]):
            ride(date, places[key], email=f"r{n}-{date.pk}@example.org")
            offer(date, places[key], email=f"o{n}-{date.pk}@example.org")
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('class="travel__row') == 12


def cancel(date):
    Occurrence.objects.filter(pk=date.pk).update(status=Occurrence.Status.CANCELLED)
    date.refresh_from_db()
    dates_changed(date.event, [DateChange(date, {}, {"cancelled"})])


def test_a_cancelled_session_keeps_the_day_the_last_one_ends_it(festival, places):
    car = offer(festival["morning"], places["kranenburg"])
    request = ride(festival["afternoon"], places["groesbeek"])
    match = services.ask(request, car)
    sunday = offer(festival["sunday"], places["kranenburg"], email="sunday@example.org")
    mail.outbox.clear()

    cancel(festival["morning"])
    # The day goes on: nothing ends, the driver of the cancelled session is told.
    assert TravelEntry.objects.filter(cancelled_at__isnull=True).count() == 3
    (told,) = mail.outbox
    assert told.to == ["heike@example.de"]
    assert "Dorpenfestival" in told.body
    assert "geht weiter" in told.body
    services.accept(match)  # still possible: the day is on
    mail.outbox.clear()

    cancel(festival["afternoon"])
    # The whole day is cancelled: every entry of the day ends, everyone is told.
    car.refresh_from_db()
    request.refresh_from_db()
    match.refresh_from_db()
    assert car.cancelled_at and request.cancelled_at
    assert match.status == TravelMatch.Status.CANCELLED
    assert {m.to[0] for m in mail.outbox} == {"heike@example.de", "jan@example.org"}
    assert "afgelast" in mails_to("jan@example.org")[0].body
    # The other day is not touched.
    sunday.refresh_from_db()
    assert sunday.cancelled_at is None
    with pytest.raises(services.NotOpen):
        ride(festival["afternoon"], places["groesbeek"], email="late@example.org")


def test_the_festival_days_entries_are_deleted_after_its_last_session(
    festival, places, monkeypatch, settings
):
    settings.TRAVEL_RETENTION_DAYS = 7
    car = offer(festival["morning"], places["kranenburg"])
    services.ask(ride(festival["afternoon"], places["groesbeek"]), car)
    # Seven days after the morning session, not yet seven after the afternoon's.
    monkeypatch.setattr(
        timezone, "now", lambda: festival["morning"].end + timedelta(days=7, hours=1)
    )
    assert services.purge() == 0
    monkeypatch.setattr(
        timezone, "now", lambda: festival["afternoon"].end + timedelta(days=7, minutes=1)
    )
    assert services.purge() == 2
    assert not TravelMatch.objects.exists()


def test_export_and_erase_cover_festival_entries(festival, places):
    from home import privacy

    car = offer(festival["morning"], places["kranenburg"])
    services.ask(ride(festival["afternoon"], places["groesbeek"]), car)
    (exported,) = privacy.export_all("heike@example.de")["travel"]
    assert exported["from"].startswith("Kranenburg") and exported["matches"]
    mail.outbox.clear()
    privacy.erase_all("heike@example.de")
    assert not TravelEntry.objects.filter(email_key="heike@example.de").exists()
    assert mails_to("jan@example.org")


def test_the_cached_festival_and_session_pages_show_new_counts(
    client, festival, places, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    urls = [festival["page"].url, page_of(festival["afternoon"]).url]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        offer(festival["morning"], places["kranenburg"])

    for url in urls:
        fresh = client.get(url)
        assert fresh["X-Page-Cache"] == "miss", url
        assert (
            "Kranenburg" in BeautifulSoup(fresh.content, "html.parser").select_one("#travel").text
        )


def test_a_coordinator_pairs_across_the_sessions_of_the_day(client, admin_user, festival, places):
    car = offer(festival["morning"], places["kranenburg"])
    request = ride(festival["afternoon"], places["groesbeek"])
    sunday = offer(festival["sunday"], places["groesbeek"], email="sunday@example.org")
    client.force_login(admin_user)
    url = f"/admin/travel/{page_of(festival['afternoon']).pk}/"
    form = BeautifulSoup(client.get(url).content, "html.parser")
    offers = {o["value"] for o in form.select("select[name=offer] option") if o.get("value")}
    assert str(car.pk) in offers and str(sunday.pk) not in offers

    mail.outbox.clear()
    response = client.post(
        url,
        {
            "action": "pair",
            "date": festival["afternoon"].pk,
            "request": request.pk,
            "offer": car.pk,
        },
    )
    assert response.status_code == 302
    match = TravelMatch.objects.get(request=request, offer=car)
    assert (match.status, match.paired_by) == ("accepted", admin_user)
    assert {m.to[0] for m in mail.outbox} == {"heike@example.de", "jan@example.org"}


def test_an_online_festival_has_no_travel_section(client, festival, places):
    FestivalPage = type(festival["page"])
    festival["page"].is_online = True
    festival["page"].save_revision().publish()
    soup = BeautifulSoup(
        client.get(FestivalPage.objects.get(pk=festival["page"].pk).url).content, "html.parser"
    )
    assert soup.select_one(".festival-live") is not None
    assert soup.select_one("#travel") is None
