"""Languages: URL prefixes, the switcher, hreflang, fallback to Dutch, 404s."""

import re

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from wagtail.models import Locale, Page

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def switcher(response):
    """{language code: (href or None for the current language, marked untranslated)}."""
    links = {}
    for item in soup(response).select(".language-switcher li"):
        anchor = item.find("a")
        links[item["lang"]] = (
            anchor["href"] if anchor else None,
            bool(anchor and "language-switcher__untranslated" in anchor.get("class", [])),
        )
    return links


def hreflangs(response):
    return {
        link["hreflang"]: link["href"]
        for link in soup(response).select('link[rel="alternate"][hreflang]')
    }


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("de-DE,de;q=0.9", "/de/"), ("en-GB,en;q=0.8", "/en/"), ("fr-FR", "/nl/"), ("", "/nl/")],
)
def test_root_redirects_by_accept_language_with_dutch_fallback(
    client, site_tree, accept_language, expected
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    ("path", "lang", "title"),
    [("/nl/", "nl", "Thuis"), ("/de/", "de", "Startseite"), ("/en/", "en", "Home")],
)
def test_home_renders_in_each_language_with_switcher_and_hreflang(
    client, site_tree, path, lang, title
):
    response = client.get(path)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == lang
    assert page.find("h1").get_text(strip=True) == title
    assert switcher(response) == {
        "nl": (None if lang == "nl" else "/nl/", False),
        "de": (None if lang == "de" else "/de/", False),
        "en": (None if lang == "en" else "/en/", False),
    }
    assert hreflangs(response) == {
        "nl": "http://testserver/nl/",
        "de": "http://testserver/de/",
        "en": "http://testserver/en/",
        "x-default": "http://testserver/nl/",
    }
    assert page.select_one('link[rel="canonical"]')["href"] == f"http://testserver{path}"


def test_translated_page_has_its_own_slug_and_is_linked_from_the_dutch_page(client, site_tree):
    response = client.get("/de/ueber-uns/")
    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == "Über uns"
    dutch = client.get("/nl/over-ons/")
    assert switcher(dutch)["de"] == ("/de/ueber-uns/", False)
    assert switcher(dutch)["en"] == ("/en/about-us/", False)
    assert hreflangs(dutch)["de"] == "http://testserver/de/ueber-uns/"


def test_untranslated_page_shows_dutch_text_with_a_german_notice(client, site_tree):
    response = client.get("/de/privacyverklaring/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "de"
    notice = page.select_one(".notice").get_text(" ", strip=True)
    assert "noch nicht" in notice and "Niederländisch" in notice
    content = page.select_one(".page-content")
    assert content["lang"] == "nl"
    assert content.find("h1").get_text(strip=True) == "Privacyverklaring"
    # The alias repeats the Dutch text: it is not a German version to search engines.
    assert (
        page.select_one('link[rel="canonical"]')["href"]
        == "http://testserver/nl/privacyverklaring/"
    )
    assert "de" not in hreflangs(response)
    # The switcher on the Dutch page marks the German link as untranslated.
    assert switcher(client.get("/nl/privacyverklaring/"))["de"] == ("/de/privacyverklaring/", True)


def test_translated_page_shows_no_notice(client, site_tree):
    page = soup(client.get("/de/ueber-uns/"))
    assert page.select_one(".notice") is None
    assert not page.select_one(".page-content").has_attr("lang")


def test_switcher_falls_back_to_home_page_when_no_version_exists(client, site_tree):
    # A page added outside the admin is not synchronised: no German alias exists.
    extra = StandardPage(title="Alleen Nederlands", slug="alleen-nl")
    site_tree["home"].add_child(instance=extra)
    extra.save_revision().publish()
    response = client.get("/nl/alleen-nl/")
    assert switcher(response)["de"] == ("/de/", True)
    hidden = (
        soup(response).select_one('.language-switcher li[lang="de"] .visually-hidden').get_text()
    )
    assert "Startseite" in hidden


def test_page_not_found_is_in_the_requested_language(client, site_tree):
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == "de"
    assert page.find("h1").get_text(strip=True) == "Seite nicht gefunden"
    english = soup(client.get("/en/no-such-page/"))
    assert english.find("h1").get_text(strip=True) == "Page not found"


def test_unprefixed_unknown_path_lands_on_a_prefixed_404(client, site_tree):
    response = client.get("/gibt-es-nicht/", HTTP_ACCEPT_LANGUAGE="de", follow=True)
    assert response.status_code == 404
    assert soup(response).html["lang"] == "de"


def test_main_menu_comes_from_the_page_tree_of_the_current_language(client, site_tree):
    items = [a.get_text(strip=True) for a in soup(client.get("/de/")).select(".main-nav a")]
    assert "Über uns" in items
    assert "Over ons" not in items
    dutch = [a.get_text(strip=True) for a in soup(client.get("/nl/")).select(".main-nav a")]
    assert "Over ons" in dutch


def test_breadcrumbs_lead_home_in_the_page_language(client, site_tree):
    crumbs = soup(client.get("/de/ueber-uns/")).select(".breadcrumbs li")
    assert [c.get_text(strip=True) for c in crumbs] == ["Startseite", "Über uns"]
    assert crumbs[0].find("a")["href"] == "/de/"


def test_footer_site_text_is_in_the_page_language(client, site_tree):
    assert "Gemeinsam weiter" in soup(client.get("/de/")).select_one(".site-footer").get_text()
    assert "Samen Verder" in soup(client.get("/nl/")).select_one(".site-footer").get_text()
    # No English translation of the site text: English pages fall back to the Dutch one.
    assert "Samen Verder" in soup(client.get("/en/")).select_one(".site-footer").get_text()


def test_privacy_link_in_footer_follows_the_language(client, site_tree):
    links = soup(client.get("/de/")).select(".site-footer a")
    assert any(a["href"] == "/de/privacyverklaring/" for a in links)


def test_sitemap_lists_every_real_page_in_every_language_with_alternates(client, site_tree):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urlset = ElementTree.fromstring(response.content)
    locs = [loc.text for loc in urlset.findall("s:url/s:loc", ns)]
    for url in ["/nl/", "/de/", "/en/", "/nl/over-ons/", "/de/ueber-uns/", "/en/about-us/"]:
        assert f"http://testserver{url}" in locs
    assert "http://testserver/nl/privacyverklaring/" in locs
    # Aliases repeat Dutch text: they are not German or English pages.
    assert not any(re.search(r"/(de|en)/privacyverklaring/", loc) for loc in locs)
    about = next(
        u
        for u in urlset.findall("s:url", ns)
        if u.find("s:loc", ns).text.endswith("/de/ueber-uns/")
    )
    alternates = {link.get("hreflang"): link.get("href") for link in about.findall("x:link", ns)}
    assert alternates == {
        "nl": "http://testserver/nl/over-ons/",
        "de": "http://testserver/de/ueber-uns/",
        "en": "http://testserver/en/about-us/",
        "x-default": "http://testserver/nl/over-ons/",
    }


def test_sitemap_query_count_does_not_grow_with_pages(
    client, site_tree, django_assert_max_num_queries
):
    for i in range(20):
        page = StandardPage(title=f"Pagina {i}", slug=f"pagina-{i}")
        site_tree["home"].add_child(instance=page)
        page.save_revision().publish()
    # One query per routable page type and per sub-page list (themes,
    # organisations), none per page.
    with django_assert_max_num_queries(10):
        response = client.get("/sitemap.xml")
    assert response.content.count(b"<url>") >= 26


def test_page_query_count_does_not_grow_with_menu_items(
    client, site_tree, django_assert_max_num_queries
):
    for i in range(20):
        page = StandardPage(title=f"Thema {i}", slug=f"thema-{i}", show_in_menus=True)
        site_tree["home"].add_child(instance=page)
        page.save_revision().publish()
    client.get("/nl/")  # steady state: the per-change lookups are cached
    with django_assert_max_num_queries(12):
        response = client.get("/nl/")
    assert len(soup(response).select(".main-nav a")) == 22  # 21 pages + search
    client.get("/de/privacyverklaring/")
    with django_assert_max_num_queries(18):
        client.get("/de/privacyverklaring/")


def test_main_menu_follows_pages_published_unpublished_and_taken_out_of_it(client, site_tree):
    # The menu is read once per cache generation; a change at its level must show.
    def items():
        return [a.get_text(strip=True) for a in soup(client.get("/nl/")).select(".main-nav a")]

    assert "Werkplaats" not in items()
    page = StandardPage(title="Werkplaats", slug="werkplaats", show_in_menus=True)
    site_tree["home"].add_child(instance=page)
    page.save_revision().publish()
    assert "Werkplaats" in items()
    page.show_in_menus = False
    page.save_revision().publish()
    assert "Werkplaats" not in items()
    page.show_in_menus = True
    page.save_revision().publish()
    assert "Werkplaats" in items()
    page.unpublish()
    assert "Werkplaats" not in items()


def test_switcher_breadcrumbs_and_footer_follow_changes_after_a_first_visit(client, site_tree):
    """What every page shows around it is kept between requests (home.languages,
    home.templatetags.site_tags), and every change that alters it shows at once,
    also below the menu's level (where a change does not empty the whole cache)."""
    parent = StandardPage(title="Samen wonen", slug="samen-wonen")
    site_tree["about"].add_child(instance=parent)
    parent.save_revision().publish()
    child = StandardPage(title="Hofjes", slug="hofjes")
    parent.add_child(instance=child)
    child.save_revision().publish()
    address = "/nl/over-ons/samen-wonen/hofjes/"

    def crumbs():
        return [c.get_text(strip=True) for c in soup(client.get(address)).select(".breadcrumbs li")]

    assert crumbs() == ["Thuis", "Over ons", "Samen wonen", "Hofjes"]
    parent.title = "Samen wonen in het dorp"
    parent.save_revision().publish()
    assert crumbs() == ["Thuis", "Over ons", "Samen wonen in het dorp", "Hofjes"]

    assert switcher(client.get(address))["de"][1] is True  # no German version yet
    de = Locale.objects.get(language_code="de")
    parent.copy_for_translation(de).save_revision().publish()
    german = child.copy_for_translation(de)
    german.title, german.slug = "Hofjes auf Deutsch", "hoefe"
    german.save_revision().publish()
    link, untranslated = switcher(client.get(address))["de"]
    assert link.endswith("/hoefe/") and not untranslated
    Page.objects.get(pk=german.pk).specific.unpublish()
    link, _untranslated = switcher(client.get(address))["de"]
    assert not link.endswith("/hoefe/")

    footer = soup(client.get("/de/")).select(".site-footer a")
    assert any(a["href"] == "/de/privacyverklaring/" for a in footer)
    site_tree["privacy_de"].unpublish()
    footer = soup(client.get("/de/")).select(".site-footer a")
    assert not any(a["href"] == "/de/privacyverklaring/" for a in footer)
