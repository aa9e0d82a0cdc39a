"""An editor logs in and translates a page to German with wagtail-localize."""

import re

import pytest

pytestmark = pytest.mark.e2e

PRIVACY_INTRO = "Wat wij met gegevens doen"  # demo.factories.site_tree


def log_in(page, editable_site):
    page.goto(editable_site + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "admin")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_editor_translates_a_page_with_machine_translation_and_publishes(
    editable_site, page_factory
):
    page = page_factory(locale="en-GB")
    log_in(page, editable_site)
    page.goto(editable_site + "/admin/pages/search/?q=Privacyverklaring")
    edit_link = page.locator("a[href*='/admin/pages/'][href$='/edit/']").first
    page_id = re.search(r"/admin/pages/(\d+)/edit/", edit_link.get_attribute("href")).group(1)
    page.goto(f"{editable_site}/admin/localize/submit/page/{page_id}/")
    page.get_by_label("German").check()
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("button", name=re.compile("Translate with")).first.click()
    page.get_by_text("Successfully translated").wait_for()
    page.get_by_role("button", name=re.compile("Publish in German")).click()
    page.wait_for_load_state("networkidle")
    visitor = page_factory(locale="de-DE")
    visitor.goto(editable_site + "/de/privacyverklaring/")
    # The dummy translator reverses word order: the German page has its own text, no notice.
    assert visitor.locator(".notice").count() == 0
    intro = visitor.locator(".lead").inner_text()
    assert intro.split() == list(reversed(PRIVACY_INTRO.split()))


def next_second_saturday(today):
    """The first 2nd Saturday of a month from tomorrow on (the repair café's rule)."""
    from datetime import timedelta

    day = today + timedelta(days=1)
    while not (day.weekday() == 5 and 8 <= day.day <= 14):
        day += timedelta(days=1)
    return day


def test_date_preview_follows_an_unsaved_cancellation(editable_site, page_factory):
    from django.utils import timezone
    from playwright.sync_api import expect

    from tests.e2e.site import REPAIR_CAFE

    page = page_factory(locale="en-GB")
    log_in(page, editable_site)
    page.goto(editable_site + "/admin/pages/search/?q=Repaircaf%C3%A9+Mienthuus")
    edit_link = page.locator("a[href*='/admin/pages/'][href$='/edit/']").first
    page.goto(editable_site + edit_link.get_attribute("href"))
    assert page.locator("[name=slug]").input_value() == REPAIR_CAFE
    dates = page.locator("[data-recurrence-dates] li")
    expect(dates.first).to_be_visible()
    expect(page.locator("[data-recurrence-dates] del")).to_have_count(0)

    day = next_second_saturday(timezone.localdate())
    page.get_by_role("button", name="Add date change").click()
    page.fill("[name='exceptions-0-date']", day.isoformat())
    page.select_option("[name='exceptions-0-action']", "cancel")
    page.fill("[name='exceptions-0-reason']", "Winterpauze")
    cancelled = page.locator("[data-recurrence-dates] li", has=page.locator("del"))
    expect(cancelled).to_have_count(1)
    expect(cancelled).to_contain_text("cancelled")
    expect(cancelled).to_contain_text("Winterpauze")
