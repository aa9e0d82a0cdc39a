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
