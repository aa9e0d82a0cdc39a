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
