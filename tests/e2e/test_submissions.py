"""A village initiative adds its repair café on a phone, in German, without an
account: every 2nd Saturday of the month. A first try with the end before the
start comes back with the error next to the field and everything typed kept;
the second lands on "we sent you an e-mail". The visitor confirms with the
link from that mail (read from the site's console mail), an editor approves
the draft in the admin, and the visitor gets the public link and finds the
repair café there and in the calendar. (The same rules with the in-memory
outbox, declines and edits: tests/submissions/test_submissions.py.)"""

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest

from tests.e2e.axe import assert_no_wcag_violations
from tests.e2e.conftest import _serve
from tests.e2e.navigation import follow
from tests.e2e.site import SUBMIT_ACTIVITY

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site_with_mail(site_database, tmp_path_factory):
    """A private copy of the site (the review publishes a page) and the file
    its console mail goes to."""
    workdir = tmp_path_factory.mktemp("submissions")
    with _serve(site_database, workdir) as base:
        yield base, workdir / "server.log"


def last_link(log, pattern):
    """The last address in the site's console mail that matches `pattern`."""
    found = re.findall(r"(http://\S+)", log.read_text(encoding="utf-8"))
    return [url for url in found if re.search(pattern, url)][-1]


def second_saturday_after(day):
    """The first 2nd Saturday of a month after `day`."""
    month = date(day.year, day.month, 1)
    while True:
        first_saturday = month + timedelta(days=(5 - month.weekday()) % 7)
        second = first_saturday + timedelta(days=7)
        if second > day:
            return second
        month = (month + timedelta(days=32)).replace(day=1)


def test_a_village_initiative_submits_its_repair_cafe_on_a_phone(site_with_mail, page_factory):
    live_site, log = site_with_mail
    page = page_factory(locale="de-DE", width=390, height=844)
    page.goto(live_site + SUBMIT_ACTIVITY)
    assert page.locator("h1").inner_text() == "Aktivität melden"
    assert_no_wcag_violations(page)
    first = second_saturday_after(date.today() + timedelta(days=1))
    page.fill("#sub-title", "Repair-Café Wyler")
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
    assert page.locator("#sub-title").input_value() == "Repair-Café Wyler"
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

    # The confirmation link from the mail: a button, then the draft is in review.
    confirm = last_link(log, r"/aktivitaet-melden/bestaetigen/")
    page.goto(confirm)
    follow(page, page.locator("main form button[type=submit]"))
    assert "Redaktion" in page.locator("h1").inner_text()
    assert "/aktivitaet-melden/aendern/" in last_link(log, r"/aendern/")

    # Nothing public yet.
    calendar = page.goto(live_site + "/de/veranstaltungen/")
    assert "Repair-Café Wyler" not in calendar.text()

    # An editor approves it from the dashboard's list of pages to review.
    editor = page_factory(locale="nl-NL")
    editor.goto(live_site + "/admin/login/")
    editor.fill("#id_username", "admin")
    editor.fill("#id_password", "admin")
    follow(editor, editor.locator("button[type=submit]"))
    follow(editor, editor.get_by_role("link", name="Repair-Café Wyler").first)
    assert "klara@example.org" in editor.locator("main").inner_text()  # the submitter, for editors
    editor.locator("footer [data-w-dropdown-target='toggle']").last.click()
    follow(editor, editor.locator("footer button", has_text="Goedkeuren en publiceren").first)

    # The visitor's mail has the public link; the repair café is there.
    public = last_link(log, r"/repair-cafe-wyler[^/]*/$")
    page.goto(live_site + urlsplit(public).path)  # the small site's host is "testserver"
    assert page.locator("h1").inner_text() == "Repair-Café Wyler"
    assert "klara@example.org" not in page.content()
    calendar = page.goto(live_site + "/de/veranstaltungen/")
    assert "Repair-Café Wyler" in calendar.text()
