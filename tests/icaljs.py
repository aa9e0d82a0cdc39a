"""ical.js, the iCalendar parser of Thunderbird and many web calendars, as a
real client for our .ics files.

`expand(ics)` installs ical.js 2 and node-ical with npm into `tests/.node/`
(git-ignored; once per checkout) and returns the dates ical.js would show: every series
expanded with its exceptions, cancelled dates left out. Tests that use it are
skipped when node or npm is missing, or when ical.js cannot be installed
(no network on the first run).
"""

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests import npm

ROOT = Path(__file__).resolve().parent
FOLDER = npm.FOLDER
LIBRARY = FOLDER / "node_modules" / "ical.js" / "dist" / "ical.js"
SCRIPT = ROOT / "events" / "calendar_clients.mjs"
UNTIL = datetime(2040, 12, 31, 23, 59, tzinfo=UTC)  # past 2038
NODE_ICAL = FOLDER / "node_modules" / "node-ical"
PACKAGES = ("ical.js@2", "node-ical@0.27.2")


def library():
    """The path of ical.js's module, installing it the first time."""
    if not shutil.which("node"):
        pytest.skip("node is needed to check .ics files with ical.js and node-ical")
    npm.install(
        FOLDER,
        PACKAGES,
        LIBRARY,
        NODE_ICAL,
        purpose="to check .ics files with ical.js and node-ical",
    )
    return LIBRARY


def node_dates(files, until):
    """{name: {"ical.js": [[uid, start]], "node-ical": [[uid, start]]}} for every
    file, from one node process: start is an ISO date for all-day dates, else the
    UTC time as `2026-12-01T08:00:00.000Z`; series expanded up to `until`."""
    result = subprocess.run(
        [shutil.which("node"), str(SCRIPT), str(library()), str(NODE_ICAL), until.isoformat()],
        input=json.dumps(
            {name: ics.decode() if isinstance(ics, bytes) else ics for name, ics in files.items()}
        ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "TZ": "UTC"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def expand(ics, until=UNTIL):
    """[(uid, start)] of the dates ical.js shows, sorted (see `node_dates`)."""
    return sorted(tuple(d) for d in node_dates({"file": ics}, until)["file"]["ical.js"])
