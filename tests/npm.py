"""npm packages that tests run as real clients (ical.js, node-ical, the Nu Html
Checker), installed at test time into the git-ignored `tests/.node/` folder."""

import fcntl
import shutil
import subprocess
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parent / ".node"


def install(prefix, packages, *wanted, purpose):
    """Install `packages` with npm into `prefix` (below `tests/.node/`) unless every
    path in `wanted` is there; skip the test, saying `purpose`, where npm is missing
    or the install fails (no network on a first run). Each set of packages keeps its
    own prefix: npm removes packages that a later install into the same one does
    not name."""
    npm = shutil.which("npm")
    if not npm:
        pytest.skip(f"npm is needed {purpose}")
    prefix.mkdir(parents=True, exist_ok=True)
    with open(prefix / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel test workers install once
        if not all(path.exists() for path in wanted):
            result = subprocess.run(
                [npm, "install", "--prefix", str(prefix), "--no-save", "--no-audit", "--no-fund"]
                + ["--loglevel=error", *packages],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            if result.returncode != 0 or not all(path.exists() for path in wanted):
                pytest.skip(f"could not install {packages}: {result.stderr.strip()[-300:]}")
