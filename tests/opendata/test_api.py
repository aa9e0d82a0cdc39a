"""The JSON API: filters as the pages have them, languages, pagination, CORS,
conditional GET, constant query counts, and nothing private."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import EventPageTheme
from tests.opendata.conftest import CHECK_EMAIL, HIDDEN_LINK, PERSON_NAME, PRIVATE_EMAIL

pytestmark = pytest.mark.django_db


def titles(answer):
    assert answer.status_code == 200, answer.content
    return [item.get("title") or item.get("name") for item in answer.json()["results"]]


def test_events_filter_like_the_calendar(client, events_data):
    assert titles(client.get("/api/v1/nl/events/")) == ["Repaircafe Emmen", "Webinar Wohnen"]
    assert titles(client.get("/api/v1/nl/events/", {"theme": "wonen"})) == ["Webinar Wohnen"]
    assert titles(client.get("/api/v1/nl/events/", {"language": "nl"})) == ["Repaircafe Emmen"]
    assert titles(client.get("/api/v1/nl/events/", {"region": "nrw"})) == ["Repaircafe Emmen"]
    assert titles(client.get("/api/v1/nl/events/", {"mode": "online"})) == ["Webinar Wohnen"]
    fonds = events_data["fonds"].slug
    assert titles(client.get("/api/v1/nl/events/", {"organiser": fonds})) == ["Repaircafe Emmen"]
    until = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert titles(client.get("/api/v1/nl/events/", {"end": until})) == ["Repaircafe Emmen"]


def test_events_have_dates_with_offset_and_written_per_language(client, events_data):
    item = client.get("/api/v1/de/events/", {"theme": "financiering"}).json()["results"][0]
    assert item["start"][-6:] in ("+01:00", "+02:00")
    assert item["venue"]["name"] == "Dorfhaus"
    assert item["themes"] == ["financiering"]
    # Not translated: the Dutch page stands in (the site's fallback).
    assert item["url"] == "http://testserver/nl/agenda/repaircafe-emmen/"
    weekdays_de = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
    assert item["when"].startswith(weekdays_de)
    nl = client.get("/api/v1/nl/events/", {"theme": "financiering"}).json()["results"][0]
    assert nl["venue"]["name"] == "Dorpshuis"
    assert nl["event_id"] == item["event_id"]


def test_bad_filters_get_a_clear_400_in_the_language(client, events_data):
    answer = client.get("/api/v1/de/events/", {"start": "gestern", "theme": "nope"})
    assert answer.status_code == 400
    assert set(answer.json()) == {"start", "theme"}
    assert answer["Content-Language"] == "de"
    assert client.get("/api/v1/nl/events/", {"page": 9}).status_code == 404


def test_pagination(client, events_data):
    first = client.get("/api/v1/nl/events/", {"per_page": 1}).json()
    assert first["count"] == 2 and len(first["results"]) == 1
    assert first["next"].endswith("page=2&per_page=1")
    second = client.get(first["next"]).json()
    assert second["results"][0]["title"] == "Webinar Wohnen" and second["next"] is None


def test_cors_and_conditional_get(client, events_data):
    answer = client.get("/api/v1/nl/organisations/")
    assert answer["Access-Control-Allow-Origin"] == "*"
    assert "public" in answer["Cache-Control"]
    again = client.get("/api/v1/nl/organisations/", HTTP_IF_NONE_MATCH=answer["ETag"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.options("/api/v1/nl/events/")["Access-Control-Allow-Origin"] == "*"
    assert client.post("/api/v1/nl/events/").status_code in (403, 405)
    # Only the API allows every origin: the site's pages do not.
    assert "Access-Control-Allow-Origin" not in client.get("/nl/")


def test_articles_filter_and_language(client, make_article, directory_data):
    make_article("Wonen in het dorp", themes=["wonen"], regions=["drenthe"], kind="artikel")
    make_article(
        "Geld voor het dorpshuis",
        themes=["financiering"],
        organisations=[directory_data["fonds"]],
    )
    assert titles(client.get("/api/v1/nl/articles/", {"theme": "wonen"})) == ["Wonen in het dorp"]
    assert titles(client.get("/api/v1/nl/articles/", {"region": "drenthe"})) == [
        "Wonen in het dorp"
    ]
    assert titles(client.get("/api/v1/nl/articles/", {"kind": "artikel"})) == ["Wonen in het dorp"]
    fonds = directory_data["fonds"].slug
    assert titles(client.get("/api/v1/nl/articles/", {"organisation": fonds})) == [
        "Geld voor het dorpshuis"
    ]
    german = client.get("/api/v1/de/articles/").json()["results"]
    assert len(german) == 2
    assert all(item["url"].startswith("http://testserver/de/") for item in german)


def test_organisations_filter_like_the_directory(client, directory_data):
    assert titles(client.get("/api/v1/nl/organisations/", {"offer": "money"})) == [
        "Dorpsfonds Drenthe"
    ]
    assert titles(client.get("/api/v1/nl/organisations/", {"country": "DE"})) == [
        "Netzwerk Grenzland"
    ]
    assert titles(client.get("/api/v1/nl/organisations/", {"theme": "wonen"})) == [
        "Netzwerk Grenzland"
    ]
    assert titles(client.get("/api/v1/nl/organisations/", {"region": "drenthe"})) == [
        "Dorpsfonds Drenthe"
    ]
    de = client.get("/api/v1/de/organisations/", {"offer": "money"}).json()["results"][0]
    assert de["description"] == "Geld für Dörfer."
    assert de["offers"] == ["money", "advice"]


def test_query_counts_do_not_grow_with_the_data(
    client, events_data, make_event, make_article, django_assert_max_num_queries
):
    for n in range(4):
        start = timezone.now() + timedelta(days=5 + n)
        make_event(f"Extra {n}", start=start, end=start + timedelta(hours=1), slug=f"extra-{n}")
        make_article(f"Artikel {n}", themes=["wonen"])
    for url, budget in (
        ("/api/v1/de/events/", 14),
        ("/api/v1/de/articles/", 10),
        ("/api/v1/de/organisations/", 8),
        ("/open-data/hsds/services/", 6),
    ):
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200


def test_nothing_private_in_any_answer(client, events_data, hidden_online_links):
    urls = [
        "/api/v1/nl/events/",
        "/api/v1/de/events/",
        "/api/v1/nl/organisations/",
        "/api/v1/nl/articles/",
        "/open-data/hsds/organizations/",
        "/open-data/hsds/services/",
    ]
    body = b"".join(client.get(url).content for url in urls)
    for secret in (PRIVATE_EMAIL, CHECK_EMAIL, PERSON_NAME, HIDDEN_LINK):
        assert secret.encode() not in body
    online = client.get("/api/v1/nl/events/", {"mode": "online"}).json()["results"][0]
    assert online["online"] is True and online["online_url"] is None


def test_a_public_online_link_is_shown(client, events_data):
    online = client.get("/api/v1/nl/events/", {"mode": "online"}).json()["results"][0]
    assert online["online_url"] == HIDDEN_LINK


NASTY = ["²", "9999-12-31", "0001-01-01", "-1", str(10**30), "' OR 1=1 --", "𝟘", ""]


def test_nasty_parameters_never_cause_a_server_error(client, events_data):
    routes = [
        "/api/v1/nl/events/",
        "/api/v1/de/articles/",
        "/api/v1/en/organisations/",
        "/open-data/hsds/organizations/",
        "/open-data/hsds/services/",
        "/de/embed/calendar/",
    ]
    keys = ["page", "per_page", "start", "end", "when", "theme", "region", "partner", "limit"]
    keys += ["lang", "organization_id", "offer", "kind", "q"]
    for path in routes:
        for value in NASTY:
            answer = client.get(path, dict.fromkeys(keys, value))
            assert answer.status_code < 500, (path, value)


def test_every_date_of_a_series_carries_its_themes(client, events_data, make_event):
    soon = timezone.now() + timedelta(days=2)
    series = make_event(
        "Taalcafe", start=soon, end=soon + timedelta(hours=1), rule="RRULE:FREQ=WEEKLY;COUNT=3"
    )
    EventPageTheme.objects.create(page=series, theme=events_data["themes"]["wonen"])
    items = [
        item
        for item in client.get("/api/v1/nl/events/").json()["results"]
        if item["title"] == "Taalcafe"
    ]
    assert len(items) == 3
    assert all(item["themes"] == ["wonen"] for item in items)
