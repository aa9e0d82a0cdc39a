"""A festival visitor on a phone in English and on a laptop in Dutch: open the
festival, filter to online sessions in English, star three, download them as
one calendar file and register for one. Then axe on the overview, the list and
the timetable in three languages, at phone and laptop widths.

The festival is part of the browser tests' site (tests/e2e/site.py): a coming
one-day festival with online and on-site sessions that take registrations."""

import re

import pytest

from tests.e2e.axe import assert_no_wcag_violations
from tests.e2e.navigation import follow
from tests.e2e.site import ENGLISH_ONLINE, FESTIVAL_SLUG

pytestmark = pytest.mark.e2e

# The festival's sub-pages, with their words in each language.
PROGRAMME = {"nl": "programma", "de": "programm", "en": "programme"}
SPEAKERS = {"nl": "sprekers", "de": "referenten", "en": "speakers"}
MY_PROGRAMME = {"nl": "mijn-programma", "de": "mein-programm", "en": "my-programme"}


@pytest.fixture(scope="module")
def festival_site(live_site):
    return live_site


def visitor_flow(page, base, language, labels):
    from icalendar import Calendar

    page.goto(f"{base}/{language}/{FESTIVAL_SLUG}/")
    follow(page, page.locator(".festival-nav a").nth(1))  # the programme list
    if not page.locator("#id_mode").is_visible():  # phones fold the filters
        page.locator(".festival-filters summary").click()
    page.select_option("#id_mode", "online")
    page.select_option("#id_language", "en")
    follow(page, page.locator(".event-filters button[type=submit]"))
    assert "mode=online" in page.url and "language=en" in page.url
    titles = page.locator(".session__title a").all_inner_texts()
    assert set(titles) == ENGLISH_ONLINE
    stars = page.locator("button.star-button")
    assert stars.count() == 3
    for n in range(3):
        stars.nth(n).click()
        assert stars.nth(n).get_attribute("aria-pressed") == "true"
    mine = page.locator("[data-my-programme-link]")
    assert "(3)" in mine.inner_text()
    # The choice survives a reload (stored in the browser).
    page.reload()
    assert page.locator("button.star-button[aria-pressed=true]").count() == 3
    follow(page, mine)
    assert set(page.locator(".session__title a").all_inner_texts()) == ENGLISH_ONLINE
    link = page.locator(".my-programme__actions a.button")
    assert link.get_attribute("download") is not None
    response = page.request.get(base + link.get_attribute("href"))  # what the download saves
    assert response.ok, response.status
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.body())
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert summaries == ENGLISH_ONLINE
    # Register for one of them on its own page.
    follow(page, page.locator(".session__title a").first)
    assert page.locator(".festival-session-context").count() == 1
    page.fill("#reg-name", labels["name"])
    page.fill("#reg-email", labels["email"])
    page.check("#reg-consent")
    follow(page, page.locator(".registration__form button[type=submit]"))
    # The result's address is in the page's language.
    assert re.search(r"/(aanmelden/ontvangen|anmelden/erhalten|register/done)/", page.url)
    # The same answer whoever registers (nobody learns who else is registered);
    # the e-mail says whether there is a place.
    assert page.locator(".registration-result").count() == 1


def test_english_visitor_on_a_phone(festival_site, page_factory):
    page = page_factory(locale="en-GB", width=390, height=844)
    visitor_flow(page, festival_site, "en", {"name": "Sam Taylor", "email": "sam@example.org"})


def test_dutch_visitor_on_a_laptop(festival_site, page_factory):
    page = page_factory(locale="nl-NL", width=1280)
    visitor_flow(page, festival_site, "nl", {"name": "Fenna de Boer", "email": "fenna@example.org"})


def test_without_javascript_the_star_links_build_my_programme(festival_site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{festival_site}/en/{FESTIVAL_SLUG}/programme/?mode=online&language=en")
        assert page.locator("button.star-button").count() == 0
        for _n in range(2):
            follow(page, page.locator(".session__add:has-text('Add to my programme')").first)
            follow(page, page.locator(".my-programme__back a"))
        follow(page, page.locator("[data-my-programme-link]"))
        assert len(page.locator(".session__title a").all_inner_texts()) == 2
        assert "my-programme/ical/?sessions=" in page.locator(
            ".my-programme__actions a.button"
        ).get_attribute("href")
        # Without JavaScript nothing is stored: the page says to bookmark its link.
        keep = page.locator(".my-programme__keep")
        assert "Bookmark this link to keep your programme" in keep.inner_text()
        assert keep.locator("a").get_attribute("href") == page.url
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["nl", "de", "en"])
def test_my_programme_opened_directly_shows_the_sessions_starred_in_this_browser(
    festival_site, page_factory, lang
):
    page = page_factory(locale=f"{lang}-NL" if lang == "nl" else lang, width=1280)
    mine = f"{festival_site}/{lang}/{FESTIVAL_SLUG}/{MY_PROGRAMME[lang]}/"
    page.goto(mine)  # nothing starred yet: the page explains how to choose
    help_text = page.locator(".my-programme__help").inner_text()
    page.goto(f"{festival_site}/{lang}/{FESTIVAL_SLUG}/{PROGRAMME[lang]}/")
    sessions = page.locator("[data-session]:has(button.star-button)")
    label = sessions.first.locator("button.star-button .star-button__label").inner_text()
    # The help text names the button by the label it has.
    assert re.search(rf"[„“\"]{re.escape(label)}[”“\"]", help_text), (label, help_text)
    chosen = []
    for n in range(2):
        sessions.nth(n).locator("button.star-button").click()
        chosen.append(sessions.nth(n).locator(".session__title a").inner_text())

    page.goto(mine)  # as a bookmark or the breadcrumb opens it: no choice in the address
    page.wait_for_url("**sessions=*")
    assert sorted(page.locator(".session__title a").all_inner_texts()) == sorted(chosen)
    share = page.locator(".my-programme__keep a").get_attribute("href")
    assert f"/{MY_PROGRAMME[lang]}/?sessions=" in share
    # "Back" leads to the programme, not to an empty "my programme".
    page.go_back()
    assert f"/{PROGRAMME[lang]}/" in page.url


def test_timetable_is_a_table_on_a_laptop_and_a_list_on_a_phone(festival_site, page_factory):
    for width, table, listing in ((1280, True, False), (390, False, True)):
        page = page_factory(width=width)
        page.goto(f"{festival_site}/en/{FESTIVAL_SLUG}/")
        follow(page, page.locator(".festival-live__links a.button"))
        assert "/programme/" in page.url
        assert page.locator(".timetable").is_visible() is table
        assert page.locator(".festival-grid__list").is_visible() is listing


AXE_PATHS = [
    "/{lang}/{festival}/",
    "/{lang}/{festival}/{programme}/?mode=online",
    "/{lang}/{festival}/{programme}/{day}/",
    "/{lang}/{festival}/{speakers}/",
]


@pytest.fixture(scope="module")
def festival_day(festival_site):
    """The festival's day as its overview page gives it (the day page's address)."""
    import urllib.request

    with urllib.request.urlopen(f"{festival_site}/nl/{FESTIVAL_SLUG}/") as response:  # noqa: S310
        html = response.read().decode()
    kicker = html[html.index("festival-header__kicker") :]
    return re.search(r'<time datetime="([0-9-]+)', kicker).group(1)


# Each page at both widths, each time in another language: every language is
# read at both widths and every page in two languages (the templates are the
# same in all three; the site-wide axe list covers the rest of each language).
LANGUAGES = ["nl", "de", "en"]
AXE_CASES = [
    (width, path, LANGUAGES[(n + w) % len(LANGUAGES)])
    for w, width in enumerate([390, 1280])
    for n, path in enumerate(AXE_PATHS)
]


@pytest.mark.parametrize(("width", "path", "lang"), AXE_CASES)
def test_festival_pages_have_no_wcag_a_or_aa_violations(
    festival_site, festival_day, reading_page, lang, path, width
):
    page = reading_page(width)
    address = path.format(
        lang=lang,
        festival=FESTIVAL_SLUG,
        day=festival_day,
        programme=PROGRAMME[lang],
        speakers=SPEAKERS[lang],
    )
    page.goto(festival_site + address)
    assert_no_wcag_violations(page)
