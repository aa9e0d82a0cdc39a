"""Visitor flows through the knowledge base, the directory and the calendar."""

import re

import pytest
from icalendar import Calendar

from tests.e2e.navigation import follow
from tests.e2e.site import ARTICLE, FUND, REPAIR_CAFE, UNTRANSLATED_ARTICLE

pytestmark = pytest.mark.e2e


def submit_filters(page):
    with page.expect_navigation():
        page.locator(
            "form.filters button[type=submit], form[method=get] button[type=submit]"
        ).first.click()


def test_german_visitor_finds_who_helps_with_money_in_drenthe(live_site, page_factory):
    page = page_factory(locale="de-DE")
    page.goto(live_site + "/de/wer-kann-helfen/")
    page.check('input[name="offer"][value="money"]')
    page.check('input[name="region"][value="drenthe"]')
    submit_filters(page)
    assert "offer=money" in page.url and "region=drenthe" in page.url
    follow(page, page.get_by_role("link", name=re.compile(FUND)).first)
    assert page.locator("h1").inner_text().startswith(FUND)
    assert page.locator("html").get_attribute("lang") == "de"


@pytest.mark.parametrize(("prefix", "index"), [("nl", "kennisbank"), ("de", "wissensdatenbank")])
def test_kennisbank_with_two_filters_and_a_search(live_site, page_factory, prefix, index):
    page = page_factory(locale=f"{prefix}-{prefix.upper()}")
    page.goto(f"{live_site}/{prefix}/{index}/")
    page.check('input[name="theme"][value="samenwerking"]')
    page.check('input[name="region"][value="drenthe"]')
    submit_filters(page)
    cards = page.locator(".article-card, .card")
    assert cards.count() == 1
    page.locator('input[name="q"]').fill("BOKD")
    submit_filters(page)
    assert "q=BOKD" in page.url and "theme=samenwerking" in page.url
    assert page.locator(".article-card, .card").count() == 1
    page.locator('input[name="q"]').fill("nothing-matches-this")
    submit_filters(page)
    assert page.locator(".article-card, .card").count() == 0


def test_switching_language_on_an_article_lands_on_its_translation(live_site, page_factory):
    page = page_factory()
    page.goto(live_site + ARTICLE[0])
    follow(page, page.locator('.language-switcher li[lang="de"] a'))
    assert page.url == live_site + ARTICLE[1]
    assert page.locator(".notice").count() == 0
    page.goto(live_site + UNTRANSLATED_ARTICLE)
    assert page.locator(".page-content").get_attribute("lang") == "nl"


@pytest.mark.parametrize("prefix", ["de", "en"])
def test_calendar_filtered_by_language_spoken_leads_to_a_recurring_event_and_its_ics(
    live_site, page_factory, prefix
):
    calendar = {"de": "veranstaltungen", "en": "events"}[prefix]
    page = page_factory(locale=f"{prefix}-{prefix.upper()}")
    page.goto(f"{live_site}/{prefix}/{calendar}/")
    page.select_option('select[name="language"]', "de")
    submit_filters(page)
    assert "language=de" in page.url
    follow(page, page.locator("a", has_text="Mienthuus").first)
    assert REPAIR_CAFE in page.url
    ics_link = page.locator('a[href$="ical/"]').first
    response = page.request.get(live_site + ics_link.get_attribute("href"))
    assert response.headers["content-type"].startswith("text/calendar")
    calendar_file = Calendar.from_ical(response.body())
    series = [c for c in calendar_file.walk("VEVENT") if "RRULE" in c]
    assert len(series) == 1
    assert series[0]["DTSTART"].dt.hour == 10
