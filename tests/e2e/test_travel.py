"""Travel together on a phone, in German, without JavaScript tricks: a visitor
in Kranenburg offers two seats to a festival in Amersfoort (from the festival
page's section for the day), a visitor in Groesbeek going to another session
of that day asks for a ride, sees the car and asks to join, the driver
accepts. The public pages show places and numbers only; axe finds nothing on
any of the travel pages. (Mails, relayed messages and sharing contact are proven in
tests/travel with the in-memory outbox.)"""

import pytest

from tests.e2e.axe import assert_no_wcag_violations
from tests.e2e.navigation import follow
from tests.e2e.site import TRAVEL_FESTIVAL

pytestmark = pytest.mark.e2e


FESTIVAL = f"/de/{TRAVEL_FESTIVAL}/"
SECOND_SESSION = f"{FESTIVAL}werkplaats-dorpsauto/"


def open_forms(page, live_site, path, choice, listed=None):
    """From the festival page (or a session's page) to the festival day's
    travel page (which lists `listed`), then to form `choice` (0: offer
    seats, 1: ask for a ride)."""
    page.goto(f"{live_site}{path}")
    assert_no_wcag_violations(page)
    follow(page, page.locator("#travel a.button").first)
    assert "Dörferfestival Amersfoort" in page.locator(".travel-page header").inner_text()
    if listed:
        assert listed in page.locator(".travel__list").inner_text()
    assert_no_wcag_violations(page)
    follow(page, page.locator(".travel__choices a").nth(choice))
    assert_no_wcag_violations(page)


def fill_common(page, place, name, email):
    page.select_option("#id_place", label=place)
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.check("#id_consent")


def test_kranenburg_offers_groesbeek_asks_to_join(live_site, page_factory):
    driver = page_factory(locale="de-DE", width=390, height=844)
    open_forms(driver, live_site, FESTIVAL, 0)
    # A mistake first: nothing typed is lost, the error is named.
    fill_common(driver, "Kranenburg (DE)", "Heike Fahrerin", "heike-at-example")
    driver.fill("#id_departs", "08:30")
    driver.fill("#id_seats", "2")
    follow(driver, driver.locator(".travel__form button[type=submit]"))
    assert driver.locator("#id_name").input_value() == "Heike Fahrerin"
    assert driver.locator(".error-summary a[href='#id_email']").count() == 1
    assert_no_wcag_violations(driver)
    driver.fill("#id_email", "heike@example.org")
    driver.check("#id_consent")
    follow(driver, driver.locator(".travel__form button[type=submit]"))
    assert "done=saved" in driver.url
    assert "Kranenburg" in driver.locator(".travel-summary").inner_text()
    assert_no_wcag_violations(driver)

    rider = page_factory(locale="de-DE", width=390, height=844)
    # The rider goes to the day's other session, and starts from its page.
    open_forms(rider, live_site, SECOND_SESSION, 1, listed="2 Plätze ab Kranenburg")
    fill_common(rider, "Groesbeek (Berg en Dal, NL)", "Jan Mitfahrer", "jan@example.org")
    rider.fill("#id_departs", "08:00")
    follow(rider, rider.locator(".travel__form button[type=submit]"))
    assert "done=saved" in rider.url
    suggestion = rider.locator(".travel__match", has_text="Kranenburg")
    assert suggestion.count() == 1
    assert_no_wcag_violations(rider)
    suggestion.locator("textarea").fill("Ich warte an der Kirche.")
    follow(rider, suggestion.locator("form button").first)
    assert "done=asked" in rider.url
    assert_no_wcag_violations(rider)

    driver.reload()
    follow(driver, driver.locator(".travel__match button[value=accept]"))
    assert "done=accepted" in driver.url
    assert_no_wcag_violations(driver)

    # The public pages: places and numbers, never who.
    visitor = page_factory(locale="de-DE", width=390, height=844)
    for path in (FESTIVAL, SECOND_SESSION):
        visitor.goto(f"{live_site}{path}")
        section = visitor.locator("#travel").inner_text()
        assert "Kranenburg" in section and "Groesbeek" in section, path
        for private in ("Heike", "Jan Mitfahrer", "example.org", "Kirche"):
            assert private not in visitor.content(), (path, private)
        assert_no_wcag_violations(visitor)
