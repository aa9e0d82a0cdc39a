"""A village initiative adds its repair café on a phone, in German, without an
account: every 2nd Saturday of the month. A first try with the end before the
start comes back with the error next to the field and everything typed kept;
the second lands on "we sent you an e-mail". (The mail's confirmation link,
the draft in the workflow and the editor's approval are proven in
tests/submissions/test_submissions.py with the in-memory outbox.)"""

from datetime import date, timedelta

import pytest

from tests.e2e.axe import assert_no_wcag_violations
from tests.e2e.navigation import follow
from tests.e2e.site import SUBMIT_ACTIVITY

pytestmark = pytest.mark.e2e


def second_saturday_after(day):
    """The first 2nd Saturday of a month after `day`."""
    month = date(day.year, day.month, 1)
    while True:
        first_saturday = month + timedelta(days=(5 - month.weekday()) % 7)
        second = first_saturday + timedelta(days=7)
        if second > day:
            return second
        month = (month + timedelta(days=32)).replace(day=1)


def test_a_village_initiative_submits_its_repair_cafe_on_a_phone(live_site, page_factory):
    page = page_factory(locale="de-DE", width=390, height=844)
    page.goto(live_site + SUBMIT_ACTIVITY)
    assert page.locator("h1").inner_text() == "Aktivität melden"
    assert_no_wcag_violations(page)
    first = second_saturday_after(date.today() + timedelta(days=1))
    page.fill("#sub-title", "Repair-Café Kranenburg")
    page.fill("#sub-description", "Wir reparieren gemeinsam, was kaputt ist. Kaffee gibt es auch.")
    page.get_by_label("Zusammenarbeit").check()
    page.get_by_label("Deutsch", exact=True).check()
    page.get_by_label("Wiederholt sich regelmäßig").check()
    page.fill("#sub-date", first.isoformat())
    page.fill("#sub-start_time", "14:00")
    page.fill("#sub-end_time", "10:00")  # a slip: the end before the start
    page.locator("summary", has_text="Wiederholt sich regelmäßig").click()
    page.select_option("#sub-repeat", "monthly")
    page.select_option("#sub-repeat_nth", "2")
    page.select_option("#sub-repeat_weekday", "5")
    page.fill("#sub-repeat_until", (first + timedelta(days=180)).isoformat())
    page.fill("#sub-venue_name", "Dorfhaus")
    page.fill("#sub-city", "Kranenburg")
    page.select_option("#sub-country", "DE")
    page.select_option("#sub-region", label="Drenthe")
    page.fill("#sub-contact_name", "Klara Müller")
    page.fill("#sub-contact_email", "klara@example.org")
    page.check("#sub-consent")
    follow(page, page.locator(".submission-form button[type=submit]"))
    assert page.locator("#sub-end_time").get_attribute("aria-invalid") == "true"
    assert "Das Ende liegt vor dem Beginn." in page.locator("#sub-end_time-error").inner_text()
    assert page.locator("#sub-title").input_value() == "Repair-Café Kranenburg"
    assert page.locator("#sub-repeat_nth").input_value() == "2"
    assert page.locator(".error-summary a[href='#sub-end_time']").count() == 1
    assert_no_wcag_violations(page)
    # No sideways scrolling on the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.fill("#sub-end_time", "17:00")
    page.check("#sub-consent")
    follow(page, page.locator(".submission-form button[type=submit]"))
    assert page.locator("h1").inner_text() == "Wir haben Ihnen eine E-Mail geschickt"
    assert_no_wcag_violations(page)
