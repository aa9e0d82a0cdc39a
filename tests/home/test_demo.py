"""The demo loads, and a second run changes nothing. The only test that runs
the demo: everything else builds its own data (demo.factories), the browser
tests too (tests/e2e/site.py)."""

import shutil
import sqlite3
import subprocess
import sys

from tests.support import ROOT, demo_site_env

CHECK = """
import django
django.setup()
from django.test import Client
from wagtail.models import Page
from home.models import HomePage
assert Page.find_problems() == ([], [], [], [], []), Page.find_problems()
assert sorted(HomePage.objects.values_list("locale__language_code", flat=True)) == ["de", "en", "nl"]
for prefix in ("nl", "de", "en"):
    status = Client().get(f"/{prefix}/").status_code
    assert status == 200, (prefix, status)
# The directory's check report shows a few organisations due (relative to
# the day the demo is loaded), some of which it can ask by e-mail.
from kennisbank.checks import due_organisations
due = list(due_organisations())
assert 0 < len(due) <= 5, [o.name for o in due]
assert any(o.contact_email for o in due), [o.name for o in due]
print("ok")
"""


def row_counts(database):
    with sqlite3.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608 - names from the schema
            for table in tables
        }


def test_load_demo_loads_a_trilingual_site_and_a_second_run_changes_nothing(demo_site, tmp_path):
    log = (demo_site / "load_demo.log").read_text()
    assert "Admin:" in log and "password: admin" in log
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    env = demo_site_env(site, 8000)
    first = row_counts(site / "e2e.sqlite3")
    assert first["wagtailcore_page"] > 100 and first["registration_registration"] > 10
    checked = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert checked.stdout.strip() == "ok", checked.stderr
    again = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "nothing changed" in again.stdout
    counts = row_counts(site / "e2e.sqlite3")
    # Sessions, search logs and image renditions grow by visiting; content may not.
    for table in (
        "django_session",
        "wagtailsearch_query",
        "wagtailsearch_querydailyhits",
        "wagtailimages_rendition",
    ):
        counts.pop(table, None)
        first.pop(table, None)
    assert counts == first


LANGUAGES_CHECK = """
import django
django.setup()
from django.test import Client
from wagtail.models import Page
from home.models import SiteSettings
from kennisbank.models import ArticlePage
from partners.models import PartnerPage

settings = SiteSettings.objects.get()
dutch = [
    *Page.objects.filter(depth=3, show_in_menus=True, locale__language_code="nl"),
    settings.privacy_page,
    settings.accessibility_page,
]
problems = []
for page in dutch:
    for code in ("de", "en"):
        version = Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=code
        ).first()
        if version is None or version.alias_of_id:
            problems.append(f"{page.url_path} has no {code} translation")
# The partner pages the menu's partner index lists: each one in every language.
for key in set(PartnerPage.objects.values_list("translation_key", flat=True)):
    for code in ("nl", "de", "en"):
        if not PartnerPage.objects.filter(
            translation_key=key, locale__language_code=code, alias_of__isnull=True
        ).exists():
            problems.append(f"partner page {key} has no {code} translation")
pages = [
    p
    for model in (ArticlePage, PartnerPage)
    for p in model.objects.live().filter(
        locale__language_code__in=("de", "en"), alias_of__isnull=True
    )
]
pages += [
    Page.objects.filter(translation_key=p.translation_key, locale__language_code=code).first()
    for p in dutch
    for code in ("de", "en")
]
client = Client()
for page in filter(None, pages):
    html = client.get(page.url).content.decode()
    for dutch_word in ("Feiten &amp; cijfers", "Illustratie", "Privacyverklaring"):
        if dutch_word in html:
            problems.append(f"{page.url}: {dutch_word}")
print("; ".join(problems) or "ok")
"""


def test_demo_menu_and_footer_pages_are_complete_in_german_and_english(demo_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    checked = subprocess.run(
        [sys.executable, "-c", LANGUAGES_CHECK],
        cwd=ROOT,
        env=demo_site_env(site, 8000),
        capture_output=True,
        text=True,
    )
    assert checked.stdout.strip() == "ok", checked.stdout + checked.stderr
