"""The restore drill (docs/deploy.md, "Backups and the restore drill"): a
`pg_dump` of a filled database, restored into a new database with
`pg_restore` and migrated, serves the same pages and the same registrations.

Runs the site's own `manage.py` against two PostgreSQL databases of its own
(named with RESTORE_DRILL_DB_PREFIX and the process id; dropped afterwards).
Needs PostgreSQL on 127.0.0.1 and its client programs; skipped otherwise.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import port_answers

ROOT = Path(__file__).resolve().parents[2]
PREFIX = os.environ.get("RESTORE_DRILL_DB_PREFIX", "restore_drill")
SOURCE = f"{PREFIX}_source_{os.getpid()}"
COPY = f"{PREFIX}_copy_{os.getpid()}"
SERVER = ["-h", "127.0.0.1", "-U", "postgres"]

pytestmark = pytest.mark.postgres


def psql(sql, check=True):
    subprocess.run(["psql", *SERVER, "-q", "-c", sql], check=check, capture_output=True)


def manage(database, media, *args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "MEDIA_ROOT": str(media),
        "PAGE_CACHE_SECONDS": "0",
    }
    env.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def snapshot(database, media):
    out = manage(
        database,
        media,
        "shell",
        "-c",
        "from tests.ops.restore_drill_data import snapshot; snapshot()",
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("SNAPSHOT "))
    return json.loads(line.removeprefix("SNAPSHOT "))


@pytest.fixture(scope="module")
def drill(tmp_path_factory):
    if not port_answers(5432) or not all(shutil.which(p) for p in ("pg_dump", "pg_restore")):
        pytest.skip("needs PostgreSQL on 127.0.0.1 and pg_dump / pg_restore")
    work = tmp_path_factory.mktemp("restore-drill")
    media = work / "media"
    for database in (SOURCE, COPY):
        psql(f"DROP DATABASE IF EXISTS {database}")
    try:
        psql(f"CREATE DATABASE {SOURCE}")
        manage(SOURCE, media, "migrate", "--no-input", "-v0")
        manage(
            SOURCE, media, "shell", "-c", "from tests.ops.restore_drill_data import fill; fill()"
        )
        before = snapshot(SOURCE, media)
        dump = work / "site.dump"
        subprocess.run(
            ["pg_dump", *SERVER, "--format=custom", "--no-owner", "-f", str(dump), SOURCE],
            check=True,
        )
        psql(f"CREATE DATABASE {COPY}")
        subprocess.run(
            ["pg_restore", *SERVER, "--no-owner", "--exit-on-error", "-d", COPY, str(dump)],
            check=True,
        )
        migrate = manage(COPY, media, "migrate", "--no-input")
        after = snapshot(COPY, media)
        yield {"before": before, "after": after, "migrate": migrate.stdout}
    finally:
        for database in (SOURCE, COPY):
            psql(f"DROP DATABASE IF EXISTS {database}", check=False)


def test_the_restored_site_serves_the_same_pages(drill):
    before, after = drill["before"]["pages"], drill["after"]["pages"]
    assert set(before) == set(after)
    for url, page in before.items():
        assert page["status"] == 200, url
        assert after[url] == page, url
    assert "Het dorpshuis" in before["/nl/kennisbank/"]["body"]
    assert "Repaircafé" in before["/nl/agenda/"]["body"]


def test_the_restored_site_has_the_same_registrations_and_their_links_work(drill):
    before, after = drill["before"], drill["after"]
    assert after["registrations"] == before["registrations"]
    assert after["counts"] == before["counts"] == {"events": 1, "articles": 1, "images": 1}
    statuses = {r["name"]: r["status"] for r in after["registrations"]}
    assert statuses == {
        "Anna": "confirmed",
        "Bernd": "confirmed",
        "Claire": "confirmed",
        "Dirk": "cancelled",
    }
    for registration in after["registrations"]:
        assert registration["manage"] == 200, registration
        assert registration["manage_names_them"], registration


def test_migrate_after_a_restore_finds_nothing_to_do(drill):
    assert "No migrations to apply" in drill["migrate"]
