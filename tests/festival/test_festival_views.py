"""The festival's public pages: overview with live state, the filterable
programme, the day timetable, speakers, partner pages and "my programme",
in several languages, without JavaScript, and at a fixed number of queries."""

import re
from datetime import date, timedelta

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from events.models import EventPageOrganiser, Occurrence
from festival import programme as festival_programme
from festival.models import (
    FestivalPage,
    FestivalPartner,
    FestivalRoom,
    FestivalTrack,
    SessionPage,
    SessionSpeaker,
)
from home.models import Organisation, Person
from tests.conftest import built_once, fresh, pks, shared_tree_objects
from tests.events.conftest import local, make_venue
from tests.registration.registration_support import first_date, registration_on, sign_up

pytestmark = pytest.mark.django_db

ONLINE = "https://meet.example/festival"

# The programme list in each language ("programme/" before the words were translated).
PROGRAMME = {"nl": "programma", "de": "programm", "en": "programme"}


def make_organisations():
    knhm = Organisation.objects.create(
        name="KNHM Foundation", slug="knhm", kind="fund", description="Helpt dorpen vooruit."
    )
    doen = Organisation.objects.create(name="Stichting DOEN", slug="doen", kind="fund")
    nov = Organisation.objects.create(name="NOV", slug="nov", kind="network")
    return {"knhm": knhm, "doen": doen, "nov": nov}


def make_people(organisations):
    return {
        "anna": Person.objects.create(
            name="Anna de Vries", role="Dorpscoach", organisation=organisations["knhm"], bio="X"
        ),
        "bram": Person.objects.create(name="Bram Jansen", role="Onderzoeker"),
    }


def add_festival(parent, *, slug="festival", start=date(2022, 4, 9), end=None, **fields):
    page = FestivalPage(
        title=fields.pop("title", "We doen het samen! Festival"),
        slug=slug,
        edition=fields.pop("edition", "2022"),
        start_date=start,
        end_date=end,
        intro="Een dag vol ontmoetingen.",
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return FestivalPage.objects.get(pk=page.pk)


def add_session(
    festival,
    title,
    start,
    minutes=60,
    *,
    track=None,
    room=None,
    fmt="talk",
    languages="nl",
    online=False,
    venue=None,
    speakers=(),
    organisers=(),
    capacity=None,
):
    page = SessionPage(
        title=title,
        slug=slugify(title),
        start=start,
        end=start + timedelta(minutes=minutes),
        venue=venue,
        online_url=ONLINE if online else "",
        languages=languages,
        session_format=fmt,
        track=track,
        room=room,
        capacity=capacity,
        registration_settings=registration_on(enabled=capacity is not None),
    )
    festival.add_child(instance=page)
    for person in speakers:
        page.speaker_links.add(SessionSpeaker(person=person))
    for organisation in organisers:
        page.organiser_links.add(EventPageOrganiser(organisation=organisation))
    page.save_revision().publish()
    return SessionPage.objects.get(pk=page.pk)


@pytest.fixture(scope="module")
def built_festival(django_db_setup, django_db_blocker):
    """The festival below, built once for the module."""
    with built_once(django_db_blocker):
        organisations = make_organisations()
        built = build_festival(
            shared_tree_objects(), make_venue(), organisations, make_people(organisations)
        )
        built.pop("rooms")
        wonen, zorg = built.pop("tracks")
        yield pks({**built, "wonen": wonen, "zorg": zorg})


@pytest.fixture
def festival(built_festival, db):
    built = fresh(built_festival)
    page = built["page"]
    return {
        "page": page,
        "sessions": built["sessions"],
        "tracks": (built["wonen"], built["zorg"]),
        "rooms": page.rooms,
    }


def build_festival(site_tree, venue, organisations, people):
    """A one-day festival on 9 April 2022 with two tracks, three rooms (the
    garden has no session) and six sessions."""
    page = FestivalPage(
        title="We doen het samen! Festival",
        slug="festival",
        edition="2022",
        start_date=date(2022, 4, 9),
        venue=venue,
        intro="Een dag vol ontmoetingen.",
    )
    page.tracks.add(FestivalTrack(name="Wonen", slug="wonen", colour="#1b6e53"))
    page.tracks.add(FestivalTrack(name="Zorg", slug="zorg", colour="red;}"))
    page.rooms.add(FestivalRoom(name="Grote zaal", slug="grote-zaal", capacity=200))
    page.rooms.add(FestivalRoom(name="Kleine zaal", slug="kleine-zaal"))
    page.rooms.add(FestivalRoom(name="Tuin", slug="tuin"))
    page.partner_links.add(FestivalPartner(organisation=organisations["knhm"]))
    page.partner_links.add(FestivalPartner(organisation=organisations["doen"]))
    site_tree["home"].add_child(instance=page)
    page.save_revision().publish()
    page = FestivalPage.objects.get(pk=page.pk)
    wonen, zorg = page.tracks.all()
    grote, kleine, _tuin = page.rooms.all()
    day = (2022, 4, 9)
    sessions = {
        "opening": add_session(
            page,
            "Opening",
            local(*day, 10, 0),
            45,
            room=grote,
            track=wonen,
            speakers=[people["anna"]],
            organisers=[organisations["knhm"]],
        ),
        "wonen": add_session(
            page,
            "Samen wonen",
            local(*day, 11, 0),
            90,
            room=kleine,
            track=wonen,
            fmt="workshop",
            languages="nl,en",
            speakers=[people["anna"], people["bram"]],
            organisers=[organisations["doen"]],
            capacity=2,
        ),
        "zorg": add_session(
            page,
            "Zorg in het dorp",
            local(*day, 11, 30),
            60,
            room=kleine,
            track=zorg,
            languages="nl",
            organisers=[organisations["nov"]],
        ),
        "online": add_session(
            page,
            "Digital villages",
            local(*day, 13, 0),
            60,
            track=zorg,
            fmt="online",
            languages="en",
            online=True,
            capacity=10,
        ),
        "markt": add_session(
            page, "Initiatievenmarkt", local(*day, 13, 0), 120, room=grote, fmt="market"
        ),
        "online-nl": add_session(
            page, "Online dorpsgesprek", local(*day, 15, 0), 30, fmt="online", online=True
        ),
    }
    synchronise()
    return {"page": page, "sessions": sessions, "tracks": (wonen, zorg), "rooms": page.rooms}


def synchronise():
    """Give the German and English trees their aliases of new Dutch pages."""
    nl = Locale.objects.get(language_code="nl")
    for code in ("de", "en"):
        synchronize_tree(nl, Locale.objects.get(language_code=code))


def occurrence_id(event):
    return Occurrence.objects.get(event_key=event.translation_key).pk


def at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def titles(html):
    return re.findall(r'class="session__title"><a href="[^"]*">(?:<del>)?([^<]+)', html)


# -- Overview ----------------------------------------------------------------------


def test_overview_announces_the_three_exports_and_links_to_the_timetable(client, festival):
    page = festival["page"]
    html = client.get("/nl/festival/").content.decode()
    for kind, route in (
        ("text/calendar", "ical"),
        ("application/json", "json"),
        ("application/xml", "frab"),
    ):
        href = "http://testserver/nl/festival/" + page.reverse_subpage(route)
        assert re.search(
            rf'<link rel="alternate" type="{re.escape(kind)}"[^>]*href="{re.escape(href)}"', html
        ), kind
    # A one-day festival's programme button goes straight to the day's grid.
    assert 'class="button" href="/nl/festival/programma/2022-04-09/"' in html
    assert "KNHM Foundation" in html and 'href="/nl/festival/partners/knhm/"' in html


def test_every_festival_page_announces_the_schedule_for_conference_apps(client, festival):
    page = festival["page"]
    html = client.get("/nl/festival/" + page.reverse_subpage("speakers")).content.decode()
    href = "/nl/festival/" + page.reverse_subpage("json")
    assert re.search(
        rf'<link rel="alternate" type="application/json" title="[^"]*schedule.json\)" '
        rf'href="{re.escape(href)}"',
        html,
    )


def test_overview_of_a_past_edition_says_it_took_place(client, festival, monkeypatch):
    at(monkeypatch, local(2023, 1, 1, 12, 0))
    html = client.get("/en/festival/").content.decode()
    assert "festival-live--past" in html
    assert "festival-live__now" not in html
    assert "festival-live__registration" not in html


def test_overview_on_the_day_shows_what_is_on_now_and_next(client, festival, monkeypatch):
    at(monkeypatch, local(2022, 4, 9, 11, 45))
    html = client.get("/nl/festival/").content.decode()
    assert "festival-live--today" in html
    now_block = html.split("festival-live__now")[1]
    now_part, next_part = now_block.split("<h3>", 2)[1:]
    assert "Samen wonen" in now_part and "Zorg in het dorp" in now_part
    assert "Opening" not in now_part
    # Both 13:00 sessions are next.
    assert "Digital villages" in next_part and "Initiatievenmarkt" in next_part


def test_overview_says_registration_open_then_full(client, festival, monkeypatch):
    at(monkeypatch, local(2022, 3, 1, 12, 0))
    html = client.get("/nl/festival/").content.decode()
    assert "festival-live__registration" in html and "badge--open" in html
    for event in (festival["sessions"]["wonen"], festival["sessions"]["online"]):
        occurrence = first_date(event)
        for n in range(event.capacity):
            sign_up(occurrence, f"{event.pk}-{n}")
    html = client.get("/nl/festival/").content.decode()
    assert "badge--open" not in html
    assert "festival-live__registration" in html and "badge--cancelled" in html


def test_unsafe_track_colour_is_left_out_of_the_style(client, festival):
    html = client.get("/nl/festival/programma/").content.decode()
    assert ".track-wonen { --track-colour: #1b6e53; }" in html
    assert "red;}" not in html


# -- Programme list ------------------------------------------------------------------


def test_programme_lists_every_session_by_day_and_time(client, festival):
    html = client.get("/nl/festival/programma/").content.decode()
    assert titles(html) == [
        "Opening",
        "Samen wonen",
        "Zorg in het dorp",
        "Digital villages",  # without a room, before the rooms at the same time
        "Initiatievenmarkt",
        "Online dorpsgesprek",
    ]
    assert html.count('class="programme-time"') == 5  # 10:00, 11:00, 11:30, 13:00, 15:00
    # Each session: track, room, format, speakers, languages, places, no-JS star link.
    item = html.split(f'data-session="{occurrence_id(festival["sessions"]["wonen"])}"')[1]
    item = item.split("</li>")[0]
    assert "Wonen" in item and "Kleine zaal" in item and "Anna de Vries, Bram Jansen" in item
    assert "Workshop" in item and "Engels" in item
    assert "registration__state" in item
    assert (
        f'href="/nl/festival/mijn-programma/?sessions={occurrence_id(festival["sessions"]["wonen"])}"'
        in item
    )


def test_a_long_programme_comes_in_pages_that_keep_filters_and_selection(
    client, festival, monkeypatch
):
    monkeypatch.setattr(festival_programme, "LIST_PAGE_SIZE", 2)
    chosen = occurrence_id(festival["sessions"]["wonen"])
    url = f"/nl/festival/programma/?mode=onsite&sessions={chosen}"
    first = BeautifulSoup(client.get(url).content, "html.parser")
    assert titles(str(first)) == ["Opening", "Samen wonen"]
    # The count is of every session the filter keeps, not of the page.
    assert "4 sessies" in first.select_one(".search-count").get_text()
    assert "Pagina 1 van 2" in first.select_one("nav.pagination").get_text()
    following = first.select_one('nav.pagination a[rel="next"]')["href"]
    assert "mode=onsite" in following and f"sessions={chosen}" in following
    assert "page=2" in following
    second = client.get(f"/nl/festival/programma/{following}").content.decode()
    assert titles(second) == ["Zorg in het dorp", "Initiatievenmarkt"]
    # A page number that does not exist shows the last page; rubbish the first.
    assert titles(client.get(url + "&page=9").content.decode()) == titles(second)
    assert titles(client.get(url + "&page=x").content.decode()) == titles(str(first))
    # A programme that fits on one page has no page links.
    monkeypatch.setattr(festival_programme, "LIST_PAGE_SIZE", 50)
    assert "pagination" not in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mode=online&language=en", ["Digital villages"]),
        ("mode=onsite", ["Opening", "Samen wonen", "Zorg in het dorp", "Initiatievenmarkt"]),
        ("track=zorg", ["Zorg in het dorp", "Digital villages"]),
        ("format=workshop", ["Samen wonen"]),
        ("partner=doen", ["Samen wonen"]),
        ("language=en", ["Samen wonen", "Digital villages"]),
        ("day=2022-04-09&track=wonen", ["Opening", "Samen wonen"]),
    ],
)
def test_programme_filters_are_shareable_urls(client, festival, query, expected):
    response = client.get(f"/nl/festival/programma/?{query}")
    assert titles(response.content.decode()) == expected


def test_an_unknown_programme_filter_opens_the_fold_to_say_so(client, festival):
    # Folded, a phone would hide why the filter did nothing.
    html = BeautifulSoup(
        client.get("/nl/festival/programma/?format=bestaat-niet").content, "html.parser"
    )
    panel = html.select_one("details.filter-panel")
    assert panel.has_attr("open")
    assert "weggelaten" in panel.select_one(".form-errors").get_text()
    plain = BeautifulSoup(client.get("/nl/festival/programma/").content, "html.parser")
    assert not plain.select_one("details.filter-panel").has_attr("open")


def test_places_filter_leaves_out_full_and_past_sessions(client, festival, monkeypatch):
    at(monkeypatch, local(2022, 3, 1, 12, 0))
    event = festival["sessions"]["wonen"]
    for n in range(2):
        sign_up(first_date(event), n)
    shown = titles(client.get("/nl/festival/programma/?places=available").content.decode())
    assert "Samen wonen" not in shown
    assert "Digital villages" in shown and "Opening" in shown  # walk-in counts
    at(monkeypatch, local(2022, 4, 9, 14, 30))
    shown = titles(client.get("/nl/festival/programma/?places=available").content.decode())
    assert shown == ["Initiatievenmarkt", "Online dorpsgesprek"]  # the market runs till 15:00


def test_unknown_filter_values_are_ignored_with_a_message(client, festival):
    response = client.get("/nl/festival/programma/?track=nope&language=xx&day=2099-01-01&mode=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="form-errors"' in html
    assert len(titles(html)) == 6


def test_programme_in_german_shows_german_labels(client, festival):
    html = client.get("/de/festival/programm/?language=en").content.decode()
    assert "Sprachen" in html or "Gesprochene Sprachen" in html
    assert titles(html) == ["Samen wonen", "Digital villages"]


# -- Timetable --------------------------------------------------------------------------


def grid_table(html):
    return html.split('<table class="timetable">')[1].split("</table>")[0]


def test_timetable_has_headers_rowspans_and_empty_rooms(client, festival):
    html = client.get("/nl/festival/programma/2022-04-09/").content.decode()
    table = grid_table(html)
    assert "<caption" in table
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)', table)
    # Every room, the empty garden too, then the sessions without a room (online).
    assert headers == ["Tijd", "Grote zaal", "Kleine zaal", "Tuin", "Online"]
    # Slots of 15 minutes from 10:00 to 15:30.
    rows = re.findall(r'<th scope="row"><time[^>]*>([0-9:]+)', table)
    assert rows[0] == "10:00" and rows[-1] == "15:15" and len(rows) == 22
    # The 90-minute workshop spans six slots; the 45-minute opening three.
    assert re.search(
        rf'<td rowspan="6" [^>]*data-session="{occurrence_id(festival["sessions"]["wonen"])}"',
        table,
    )
    assert re.search(
        rf'<td rowspan="3" [^>]*data-session="{occurrence_id(festival["sessions"]["opening"])}"',
        table,
    )
    # Overlap in the small room (11:00–12:30 and 11:30–12:30): two lanes.
    assert '<th scope="col" colspan="2">Kleine zaal' in table
    # The phone list holds the same sessions, grouped by time.
    phone = html.split('class="festival-grid__list"')[1]
    assert len(re.findall(r'data-session="\d+"', phone)) == 6


def test_timetable_by_track(client, festival):
    html = client.get("/en/festival/programme/2022-04-09/?by=track").content.decode()
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)', grid_table(html))
    assert headers[1:] == ["Wonen", "Zorg", "Other sessions"]


def test_timetable_cells_escape_and_show_state_places_and_the_programme(client, site_tree):
    """The cells (written in festival/timetable.py) say what the phone list says."""
    page = add_festival(site_tree["home"], slug="cellen", start=date(2027, 5, 1))
    track = FestivalTrack.objects.create(page=page, name="Zorg & <wonen>", slug="zorg")
    room = FestivalRoom.objects.create(page=page, name="Zaal", slug="zaal")
    speaker = Person.objects.create(name='Anna "<b>" de Vries')
    odd = add_session(
        page,
        "Wonen & <script>alert(1)</script>",
        local(2027, 5, 1, 10, 0),
        90,
        track=track,
        room=room,
        speakers=[speaker],
        capacity=12,
    )
    gone = add_session(page, "Afgelast", local(2027, 5, 1, 11, 30), 30, room=room)
    Occurrence.objects.filter(event_key=gone.translation_key).update(
        status=Occurrence.Status.CANCELLED
    )
    odd_id, gone_id = occurrence_id(odd), occurrence_id(gone)
    html = client.get(f"/nl/cellen/programma/2027-05-01/?sessions={gone_id}").content.decode()
    table = grid_table(html)
    assert "<script>" not in table and "<b>" not in table
    cell = BeautifulSoup(table, "html.parser").find("td", attrs={"data-session": str(odd_id)})
    assert cell["rowspan"] == "3" and "track-zorg" in cell["class"]
    assert cell.find(class_="timetable__title").get_text() == "Wonen & <script>alert(1)</script>"
    assert cell.find(class_="timetable__meta").get_text() == (
        'Lezing · Zorg & <wonen> · Anna "<b>" de Vries'
    )
    assert cell.find(class_="timetable__places").get_text(" ", strip=True) == "nog 12 plaatsen vrij"
    add = cell.find(class_="session__add")
    assert add["href"].endswith(f"?sessions={gone_id},{odd_id}")
    assert add.get_text() == "Zet in mijn programma: Wonen & <script>alert(1)</script>"
    cell = BeautifulSoup(table, "html.parser").find("td", attrs={"data-session": str(gone_id)})
    assert "session--cancelled" in cell["class"] and cell.find("del").get_text() == "Afgelast"
    assert cell.find(class_="badge--cancelled").get_text() == "Geannuleerd"
    assert cell.find(class_="timetable__places") is None
    assert cell.find(class_="session__add").get_text() == "In mijn programma: Afgelast"
    # The same places text in the phone list, both from one rendering of the state.
    phone = html.split('class="festival-grid__list"')[1]
    assert phone.count("nog 12 plaatsen vrij") == 1 and table.count("nog 12 plaatsen vrij") == 1
    # English writes the same cells in its words.
    synchronise()
    html = client.get("/en/cellen/programme/2027-05-01/").content.decode()
    assert "12 places left" in grid_table(html) and "Add to my programme" in grid_table(html)


@pytest.mark.parametrize("day", ["2022-04-10", "2022-4-9", "tomorrow", "2022-13-40"])
def test_timetable_of_a_day_outside_the_festival_is_not_found(client, festival, day):
    response = client.get(f"/nl/festival/programma/{day}/")
    assert response.status_code == 404


def test_period_festival_shows_a_day_picker_and_a_day_without_sessions(client, site_tree):
    page = add_festival(
        site_tree["home"],
        slug="digitaal",
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        is_online=True,
        edition="digitaal 2026",
    )
    add_session(page, "Webinar een", local(2026, 2, 3, 19, 30), 60, online=True)
    add_session(page, "Webinar twee", local(2026, 3, 3, 19, 30), 60, online=True)
    synchronise()
    html = client.get("/nl/digitaal/").content.decode()
    assert 'class="button" href="/nl/digitaal/programma/"' in html
    assert 'href="/nl/digitaal/programma/2026-02-03/"' in html
    assert 'href="/nl/digitaal/programma/2026-03-03/"' in html
    html = client.get("/nl/digitaal/programma/2026-02-04/").content.decode()
    assert "<table" not in html and 'class="notice empty-state"' in html
    html = client.get("/nl/digitaal/programma/2026-02-03/").content.decode()
    # No rooms and no tracks: one column of online sessions.
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)', grid_table(html))
    assert headers == ["Tijd", "Online"]


# -- Speakers and partners ------------------------------------------------------------------


def test_speakers_with_role_organisation_and_sessions(client, festival):
    html = client.get("/nl/festival/sprekers/").content.decode()
    names = re.findall(r'class="speaker__name">([^<]+)', html)
    assert names == ["Anna de Vries", "Bram Jansen"]
    anna = html.split("Anna de Vries")[1].split('class="speaker"')[0]
    assert "Dorpscoach, KNHM Foundation" in anna
    assert "Opening" in anna and "Samen wonen" in anna


def test_speakers_show_their_photo_or_a_silhouette_and_their_bio(client, festival):
    anna = Person.objects.get(name="Anna de Vries")
    anna.photo = wagtail_factories.ImageFactory(title="Portret Anna")
    anna.bio = "Werkt twintig jaar met dorpen in Drenthe."
    anna.save()
    page = BeautifulSoup(client.get("/nl/festival/sprekers/").content, "html.parser")
    speakers = {
        s.select_one(".speaker__name").get_text(strip=True): s for s in page.select(".speaker")
    }
    photo = speakers["Anna de Vries"].select_one(".speaker__photo img")
    assert "speaker-placeholder" not in photo["src"] and photo["src"].endswith(".webp")
    assert speakers["Anna de Vries"].select_one(".speaker__bio").get_text(strip=True) == (
        "Werkt twintig jaar met dorpen in Drenthe."
    )
    # Without a photo: the same place holds a neutral silhouette, not an empty gutter.
    placeholder = speakers["Bram Jansen"].select_one(".speaker__photo img")
    assert placeholder["src"].endswith("festival/speaker-placeholder.svg")
    assert speakers["Bram Jansen"].select_one(".speaker__bio") is None
    # Both pictures are decorative: the name is the heading right beside them.
    assert photo["alt"] == "" and placeholder["alt"] == ""
    assert all(s.select_one(".speaker__photo + .speaker__body h2") for s in speakers.values())


def test_partner_page_lists_its_sessions(client, festival):
    html = client.get("/nl/festival/partners/knhm/").content.decode()
    assert "<h1>KNHM Foundation</h1>" in html and "Helpt dorpen vooruit." in html
    assert titles(html) == ["Opening"]
    # A session organiser that is not an organising partner has a page too.
    assert titles(client.get("/nl/festival/partners/nov/").content.decode()) == ["Zorg in het dorp"]


def test_unknown_partner_is_not_found(client, festival):
    assert client.get("/nl/festival/partners/unknown/").status_code == 404


# -- My programme -------------------------------------------------------------------------


def test_my_programme_lists_the_chosen_sessions_and_the_download(client, festival):
    ids = [occurrence_id(festival["sessions"][k]) for k in ("online", "opening")]
    html = client.get(
        f"/en/festival/my-programme/?sessions={ids[0]},x,{ids[1]},999999,{ids[0]}"
    ).content.decode()
    assert titles(html) == ["Opening", "Digital villages"]
    download = "/en/festival/" + festival["page"].reverse_subpage("my_programme_ical")
    assert f'href="{download}?sessions={ids[1]},{ids[0]}"' in html
    # Remove links keep the rest; the invalid ids are reported and dropped.
    assert f'href="/en/festival/my-programme/?sessions={ids[1]}"' in html
    assert f'href="/en/festival/my-programme/?sessions={ids[0]}"' in html
    assert "notice" in html
    # Add links on the list page carry the choice along (no JavaScript needed).
    listing = client.get(f"/en/festival/programme/?sessions={ids[0]}").content.decode()
    third = occurrence_id(festival["sessions"]["wonen"])
    assert f'href="/en/festival/my-programme/?sessions={ids[0]},{third}"' in listing
    assert "My programme <span data-my-programme-count>(1)</span>" in listing


def test_empty_my_programme_explains_how_to_choose(client, festival):
    html = client.get("/nl/festival/mijn-programma/").content.decode()
    assert festival["page"].reverse_subpage("my_programme_ical") not in html
    assert 'class="notice empty-state"' in html


@pytest.mark.parametrize(
    ("language", "address", "quoted"),
    [
        ("nl", "mijn-programma", "„{}”"),
        ("de", "mein-programm", "„{}“"),
        ("en", "my-programme", "“{}”"),
    ],
)
def test_my_programme_without_a_choice_is_the_same_for_everybody_and_names_the_button(
    client, festival, language, address, quoted
):
    response = client.get(f"/{language}/festival/{address}/")
    page = BeautifulSoup(response.content, "html.parser")
    # One page for every visitor (cacheable): the script shows the stored stars.
    assert Client().get(f"/{language}/festival/{address}/").content == response.content
    assert page.select_one("[data-my-programme-page]") is not None
    label = page.select_one("[data-star-label]")["data-star-label"]
    assert quoted.format(label) in page.select_one(".my-programme__help").get_text()
    # The same words as the link that adds a session without JavaScript.
    listing = client.get(f"/{language}/festival/{PROGRAMME[language]}/").content.decode()
    assert f'{label}<span class="visually-hidden">' in listing
    noscript = page.select_one(".empty-state noscript")
    assert noscript is not None and noscript.get_text(strip=True)


def test_removing_the_last_session_keeps_an_empty_choice_in_the_address(client, festival):
    only = occurrence_id(festival["sessions"]["online"])
    html = client.get(f"/en/festival/my-programme/?sessions={only}").content.decode()
    # Without `sessions=` the page would show the stars kept in the browser again.
    assert 'href="/en/festival/my-programme/?sessions="' in html
    keep = BeautifulSoup(html, "html.parser").select_one(".my-programme__keep a")
    assert keep["href"] == f"http://testserver/en/festival/my-programme/?sessions={only}"


# -- Session pages and languages -----------------------------------------------------------------


def test_session_page_links_back_to_its_festival(client, festival, calendar, make_event):
    html = client.get("/nl/festival/samen-wonen/").content.decode()
    assert 'class="festival-session-context' in html and 'href="/nl/festival/"' in html
    other = make_event(title="Repaircafé")
    html = client.get(other.url).content.decode()
    assert "festival-session-context" not in html


def test_every_festival_view_works_in_german_and_english(client, festival):
    anna = festival["sessions"]["opening"]
    words = {
        "de": ("programm", "referenten", "partner", "mein-programm"),
        "en": ("programme", "speakers", "partners", "my-programme"),
    }
    for language, (programme, speakers, partners, mine) in words.items():
        paths = [
            "",
            f"{programme}/",
            f"{programme}/2022-04-09/",
            f"{speakers}/",
            f"{partners}/doen/",
            f"{mine}/?sessions={occurrence_id(anna)}",
        ]
        for path in paths:
            response = client.get(f"/{language}/festival/{path}")
            assert response.status_code == 200, (language, path)
            html = response.content.decode()
            assert f'<html lang="{language}">' in html
            assert "festival-nav" in html


# -- Queries ---------------------------------------------------------------------------------


def add_more_sessions(festival, count):
    page = festival["page"]
    wonen, zorg = festival["tracks"]
    rooms = list(page.rooms.all())
    people = list(Person.objects.all())
    organisations = list(Organisation.objects.all())
    for n in range(count):
        add_session(
            page,
            f"Extra sessie {n}",
            local(2022, 4, 9, 10 + n % 6, 15 * (n % 4)),
            30 + 15 * (n % 3),
            room=rooms[n % 3] if n % 4 else None,
            track=(wonen, zorg)[n % 2],
            online=n % 4 == 0,
            languages=("nl", "nl,en", "de")[n % 3],
            speakers=people[: n % 3],
            organisers=organisations[n % 3 : n % 3 + 1],
            capacity=20 if n % 2 else None,
        )


URLS = [
    "/nl/festival/",
    "/nl/festival/programma/",
    "/nl/festival/programma/?mode=online&language=en&places=available",
    "/nl/festival/programma/2022-04-09/",
    "/nl/festival/programma/2022-04-09/?by=track",
    "/nl/festival/sprekers/",
    "/nl/festival/partners/knhm/",
    "/de/festival/programm/",
]


def measure(client, urls):
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_festival_views_cost_the_same_queries_for_6_and_30_sessions(
    client, festival, django_assert_max_num_queries
):
    ids = ",".join(str(o) for o in Occurrence.objects.values_list("pk", flat=True))
    urls = [*URLS, f"/nl/festival/mijn-programma/?sessions={ids}"]
    small = measure(client, urls)
    add_more_sessions(festival, 24)
    ids = ",".join(str(o) for o in Occurrence.objects.values_list("pk", flat=True))
    urls[-1] = f"/nl/festival/mijn-programma/?sessions={ids}"
    large = measure(client, urls)
    assert list(small.values()) == list(large.values()), (small, large)
    for url in urls:
        with django_assert_max_num_queries(40):
            client.get(url)


def test_my_programme_download_link_gives_exactly_the_chosen_sessions(client, festival):
    from icalendar import Calendar

    ids = [occurrence_id(festival["sessions"][k]) for k in ("online", "opening", "zorg")]
    html = client.get(f"/en/festival/my-programme/?sessions={','.join(map(str, ids))}")
    link = re.search(r'class="button" href="([^"]+)" download', html.content.decode()).group(1)
    response = client.get(link)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")} == {
        "Opening",
        "Zorg in het dorp",
        "Digital villages",
    }


# -- Addresses in each language -----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/nl/festival/programme/", "/nl/festival/programma/"),
        (
            "/nl/festival/programme/2022-04-09/?by=track",
            "/nl/festival/programma/2022-04-09/?by=track",
        ),
        ("/de/festival/programme/", "/de/festival/programm/"),
        ("/de/festival/speakers/", "/de/festival/referenten/"),
        ("/de/festival/partners/knhm/", "/de/festival/partner/knhm/"),
        ("/de/festival/my-programme/?sessions=1", "/de/festival/mein-programm/?sessions=1"),
        ("/nl/festival/my-programme/", "/nl/festival/mijn-programma/"),
    ],
)
def test_former_english_festival_addresses_redirect_permanently(client, festival, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_festival_files_keep_one_address_in_every_language(client, festival):
    only = occurrence_id(festival["sessions"]["online"])
    for language in ("nl", "de", "en"):
        for sub, kind in (
            ("ical/", "text/calendar"),
            ("json/", "application/json"),
            ("schedule/", "application/xml"),
            (f"my-programme/ical/?sessions={only}", "text/calendar"),
        ):
            response = client.get(f"/{language}/festival/{sub}")
            assert response.status_code == 200, (language, sub)
            assert response["Content-Type"].startswith(kind), (language, sub)


def test_festival_links_and_language_switch_use_each_languages_words(client, festival):
    page = BeautifulSoup(client.get("/de/festival/referenten/").content, "html.parser")
    nav = [a["href"] for a in page.select(".festival-nav a")]
    assert "/de/festival/programm/" in nav and "/de/festival/referenten/" in nav
    switcher = {
        li["lang"]: li.a["href"] for li in page.select(".language-switcher li[lang]") if li.a
    }
    assert switcher["nl"] == "/nl/festival/sprekers/"
    assert switcher["en"] == "/en/festival/speakers/"
