"""A visitor registers in German without JavaScript tricks: errors next to the
fields with what they typed kept, then the confirmation page; a full date puts
them on the waiting list. (Mail → manage link → cancel is proven in
tests/registration/test_registration.py with the in-memory outbox.)"""

import pytest

from tests.e2e.navigation import follow
from tests.e2e.site import FULL_WORKSHOP, REPAIR_CAFE

pytestmark = pytest.mark.e2e


def test_german_visitor_fixes_errors_and_registers(live_site, page_factory):
    page = page_factory(locale="de-DE", width=390)
    page.goto(f"{live_site}/de/veranstaltungen/{REPAIR_CAFE}/")
    form = page.locator(".registration__form")
    page.fill("#reg-name", "Klara Müller")
    page.fill("#reg-email", "klara-at-example")
    follow(page, form.locator("button[type=submit]"))
    assert page.locator("#reg-email").get_attribute("aria-invalid") == "true"
    assert page.locator("#reg-name").input_value() == "Klara Müller"
    assert page.locator(".error-summary a[href='#reg-email']").count() == 1
    page.fill("#reg-email", "klara@example.org")
    page.check("#reg-consent")
    follow(page, page.locator(".registration__form button[type=submit]"))
    assert "/anmelden/erhalten/" in page.url
    # The same answer whoever registers: the e-mail says whether there is a place.
    assert page.locator("h1").inner_text() == "Wir haben Ihnen eine E-Mail geschickt"
    assert page.locator(".registration-result").count() == 1
    page.reload()  # a reload of the result page never registers again
    assert page.locator(".registration-result").count() == 1


def test_full_date_puts_the_visitor_on_the_waiting_list(live_site, page_factory):
    page = page_factory(locale="de-DE")
    page.goto(f"{live_site}/de/veranstaltungen/{FULL_WORKSHOP}/")
    # Its one date is full: shown as such, and the form leads to the waiting list.
    assert page.locator(".registration__date--waiting").count() == 1
    page.fill("#reg-name", "Jonas Weber")
    page.fill("#reg-email", "jonas@example.org")
    page.check("#reg-consent")
    follow(page, page.locator(".registration__form button[type=submit]"))
    # The answer is the same as for a place (the e-mail tells which), so that
    # the form never reveals who is registered; the waiting list was announced above.
    assert "/anmelden/erhalten/" in page.url
    assert page.locator("h1").inner_text() == "Wir haben Ihnen eine E-Mail geschickt"
