"""Home page sections: links follow the visitor's language; the sections other apps
draw (articles, events, the festival when it is near, partners) fill whole rows;
the site's name once in the title; a fixed number of queries."""

from datetime import date, timedelta

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from demo import factories
from demo.registry import translate
from home.blocks import fill_rows
from home.models import SiteText, StandardPage
from partners.models import PartnerOrganisation

pytestmark = pytest.mark.django_db


def publish_home_sections(site_tree, featured):
    home = site_tree["home"]
    home.body = [
        ("featured_pages", {"heading": "Uitgelicht", "intro": "", "pages": featured}),
        (
            "call_to_action",
            {
                "heading": "Doe mee",
                "text": "",
                "page": site_tree["about"],
                "url": "",
                "button_label": "Lees",
            },
        ),
    ]
    home.hero_link = site_tree["about"]
    home.save_revision().publish()


def test_featured_pages_and_buttons_lead_to_the_pages_in_the_visitor_language(client, site_tree):
    publish_home_sections(site_tree, [site_tree["about"], site_tree["privacy"]])
    # What wagtail-localize's sync does: the German home gets the same sections,
    # whose page choices still point at the Dutch pages.
    home_de = site_tree["home_de"]
    home_de.body = site_tree["home"].body
    home_de.hero_link = site_tree["about"]
    home_de.save_revision().publish()
    page = BeautifulSoup(client.get("/de/").content, "html.parser")
    cards = [(a.get_text(strip=True), a["href"]) for a in page.select(".card__title a")]
    # The about page is translated; the privacy page exists only as a Dutch alias.
    assert cards == [
        ("Über uns", "/de/ueber-uns/"),
        ("Privacyverklaring", "/de/privacyverklaring/"),
    ]
    assert page.select_one(".cta a")["href"] == "/de/ueber-uns/"
    assert page.select_one(".hero a.button")["href"] == "/de/ueber-uns/"


def count_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def test_home_page_queries_do_not_grow_with_featured_pages(client, site_tree):
    publish_home_sections(site_tree, [site_tree["about"]])
    few = count_queries(client, "/nl/")
    extra = []
    for i in range(6):
        page = StandardPage(title=f"Voorbeeld {i}", slug=f"voorbeeld-{i}")
        site_tree["home"].add_child(instance=page)
        page.save_revision().publish()
        extra.append(page)
    publish_home_sections(site_tree, [site_tree["about"], *extra])
    assert count_queries(client, "/nl/") == few
    assert few <= 18


# -- The sections other apps draw: articles, events, the festival, partners ----------------


def publish_app_sections(home, count=3):
    home.body = [
        ("text_section", {"heading": "Waarvoor", "text": "<p>Voor dorpen.</p>"}),
        ("upcoming_events", {"heading": "Binnenkort", "count": count, "theme": None}),
        ("latest_articles", {"heading": "Nieuw in de kennisbank", "count": count, "theme": None}),
        ("coming_festival", {"heading": "Festival"}),
        ("partners", {"heading": "Partners over de grens"}),
    ]
    home.save_revision().publish()


def add_articles(tree, n, first=0):
    for i in range(first, first + n):
        factories.ArticlePageFactory(
            parent=tree["kennisbank"], title=f"Artikel {i}", slug=f"artikel-{i}",
            publication_date=date(2024, 1, 1) + timedelta(days=i),
        )  # fmt: skip


def add_events(tree, n, first=0):
    for i in range(first, first + n):
        start = timezone.now().replace(microsecond=0) + timedelta(days=3 + i)
        factories.EventPageFactory(
            parent=tree["calendar"], title=f"Bijeenkomst {i}", slug=f"bijeenkomst-{i}",
            start=start, end=start + timedelta(hours=2),
        )  # fmt: skip


def add_festival(tree, first_day_in, days=1, slug="festival"):
    first = timezone.localdate() + timedelta(days=first_day_in)
    return factories.FestivalPageFactory(
        parent=tree["home"], slug=slug, title=f"Festival {slug}", edition=slug,
        start_date=first, end_date=first + timedelta(days=days - 1) if days > 1 else None,
    )  # fmt: skip


def add_partners(tree, n, index=None):
    index = index or factories.PartnerIndexPageFactory(parent=tree["home"])
    for i in range(n):
        organisation = factories.OrganisationFactory(
            name=f"Dorpsnetwerk {i}", logo=wagtail_factories.ImageFactory(title=f"Logo {i}")
        )
        partner = factories.PartnerPageFactory.build(title=f"Partner {i}", slug=f"partner-{i}")
        partner.organisation_links.add(PartnerOrganisation(organisation=organisation))
        index.add_child(instance=partner)
        partner.save_revision().publish()
    return index


def sections(client, path="/nl/"):
    page = BeautifulSoup(client.get(path).content, "html.parser")
    return page, {s.find("h2").get_text(strip=True): s for s in page.select(".sections > section")}


def test_home_page_shows_articles_events_the_near_festival_and_partners(client, site_tree):
    add_articles(site_tree, 2)
    add_events(site_tree, 2)
    add_festival(site_tree, first_day_in=20)
    add_partners(site_tree, 2)
    publish_app_sections(site_tree["home"])
    page, found = sections(client)
    assert list(found) == [
        "Waarvoor", "Binnenkort", "Nieuw in de kennisbank", "Festival", "Partners over de grens",
    ]  # fmt: skip
    assert [a.get_text(strip=True) for a in found["Nieuw in de kennisbank"].select("h3 a")] == [
        "Artikel 1",
        "Artikel 0",
    ]
    assert len(found["Binnenkort"].select(".event-item")) == 2
    festival = found["Festival"]
    assert festival.select_one("h3 a").get_text(strip=True) == "Festival festival"
    assert festival.select_one(".badge").get_text(strip=True) == "over 20 dagen"
    partners = found["Partners over de grens"]
    assert [a.get_text(strip=True) for a in partners.select("h3 a")] == ["Partner 0", "Partner 1"]
    logos = partners.select(".home-partner__logo img")
    # The logo is decorative: the partner's name is the card's title next to it.
    assert len(logos) == 2 and all(img["alt"] == "" for img in logos)
    assert partners.select_one(".section__more a")["href"] == "/nl/partners/"


def test_pages_behind_a_view_restriction_leave_the_home_page_sections(client, site_tree):
    from wagtail.models import Page, PageViewRestriction

    add_articles(site_tree, 2)
    festival = add_festival(site_tree, first_day_in=20)
    index = add_partners(site_tree, 2)
    publish_app_sections(site_tree["home"])
    hidden = [
        Page.objects.get(slug="artikel-1"),
        Page.objects.child_of(index).get(slug="partner-1"),
        festival,
    ]
    for page in hidden:
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    _page, found = sections(client)
    assert "Festival" not in found
    assert [a.get_text(strip=True) for a in found["Nieuw in de kennisbank"].select("h3 a")] == [
        "Artikel 0"
    ]
    assert [a.get_text(strip=True) for a in found["Partners over de grens"].select("h3 a")] == [
        "Partner 0"
    ]


@pytest.mark.parametrize(
    ("first_day_in", "days", "badge"),
    [(0, 1, "vandaag"), (-2, 5, "nu bezig"), (60, 1, "over 60 dagen"), (1, 1, "over 1 dag")],
)
def test_festival_shows_from_sixty_days_before_until_its_last_day(
    client, site_tree, first_day_in, days, badge
):
    add_festival(site_tree, first_day_in=first_day_in, days=days)
    publish_app_sections(site_tree["home"])
    _page, found = sections(client)
    assert found["Festival"].select_one(".badge").get_text(strip=True) == badge


@pytest.mark.parametrize(("first_day_in", "days"), [(61, 1), (-1, 1), (-10, 5)])
def test_festival_far_off_or_over_leaves_no_empty_section(client, site_tree, first_day_in, days):
    add_festival(site_tree, first_day_in=first_day_in, days=days)
    publish_app_sections(site_tree["home"])
    page, found = sections(client)
    assert "Festival" not in found
    assert not page.select(".home-festival")


def test_festival_section_shows_the_visitors_language_version(client, site_tree, locales):
    festival = add_festival(site_tree, first_day_in=5)
    translate(festival, "de", {"Festival festival": "Festival auf Deutsch"})
    publish_app_sections(site_tree["home"])
    home_de = site_tree["home_de"]
    home_de.body = site_tree["home"].body
    home_de.save_revision().publish()
    _page, found = sections(client, "/de/")
    card = found["Festival"]
    assert card.select_one("h3 a").get_text(strip=True) == "Festival auf Deutsch"
    assert card.select_one("h3 a")["href"].startswith("/de/")
    assert card.select_one(".badge").get_text(strip=True) == "in 5 Tagen"


@pytest.mark.parametrize(("available", "shown"), [(1, 1), (2, 2), (3, 3), (4, 3), (5, 3), (6, 6)])
def test_cards_fill_whole_rows_of_three(client, site_tree, available, shown):
    add_articles(site_tree, available)
    add_events(site_tree, available)
    publish_app_sections(site_tree["home"], count=6)
    _page, found = sections(client)
    assert len(found["Nieuw in de kennisbank"].select(".kb-card")) == shown
    assert len(found["Binnenkort"].select(".event-item")) == shown


def test_fill_rows_keeps_a_short_list_and_cuts_a_long_one_to_whole_rows():
    assert fill_rows([]) == []
    assert fill_rows([1, 2]) == [1, 2]
    assert fill_rows(range(7)) == [0, 1, 2, 3, 4, 5]
    assert fill_rows(range(7), columns=4) == [0, 1, 2, 3]


def test_sections_no_app_can_fill_render_nothing(client, site_tree):
    publish_app_sections(site_tree["home"])
    page, found = sections(client)
    # No festival and no partners yet: no heading without content below it.
    assert "Festival" not in found and "Partners over de grens" not in found


def test_home_page_names_the_site_once_in_its_title_and_has_one_heading_one(client, site_tree):
    publish_app_sections(site_tree["home"])
    SiteText.objects.update_or_create(
        locale=site_tree["home"].locale, defaults={"organisation_name": site_tree["home"].title}
    )
    page = BeautifulSoup(client.get("/nl/").content, "html.parser")
    assert page.title.get_text(strip=True) == site_tree["home"].title
    assert len(page.find_all("h1")) == 1
    about = BeautifulSoup(client.get("/nl/over-ons/").content, "html.parser")
    assert about.title.get_text(strip=True).endswith(f" · {site_tree['home'].title}")


def test_home_page_queries_stay_the_same_with_more_content_in_every_section(
    client, site_tree, django_assert_max_num_queries
):
    add_articles(site_tree, 1)
    add_events(site_tree, 1)
    add_festival(site_tree, first_day_in=10)
    index = add_partners(site_tree, 1)
    publish_app_sections(site_tree["home"], count=12)
    client.get("/nl/")  # the core's caches, emptied by publishing, fill again
    few = count_queries(client, "/nl/")
    add_articles(site_tree, 8, first=1)
    add_events(site_tree, 8, first=1)
    for i in range(1, 5):
        organisation = factories.OrganisationFactory(
            name=f"Netwerk {i}", logo=wagtail_factories.ImageFactory(title=f"Beeld {i}")
        )
        partner = factories.PartnerPageFactory.build(title=f"Ander {i}", slug=f"ander-{i}")
        partner.organisation_links.add(PartnerOrganisation(organisation=organisation))
        index.add_child(instance=partner)
        partner.save_revision().publish()
    client.get("/nl/")  # renditions of the new logos are made once
    assert count_queries(client, "/nl/") == few
    # (Upcoming events take three of them: the dates under way, the next dates
    # read along the start index, the series' next dates; none sorts or
    # counts every date of the calendar.)
    with django_assert_max_num_queries(33):
        client.get("/nl/")
