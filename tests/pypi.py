"""PyPI packages that tests run as independent programs (the bovine ActivityPub
peer), installed at test time into the git-ignored `tests/.pip/` folder, never
into the project's environment: they may need other versions of the libraries
the site uses. A program using them runs in its own process with
`PYTHONPATH=<folder>`."""

import fcntl
import subprocess
import sys
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parent / ".pip"


def install(name, packages, *, purpose):
    """The folder below `tests/.pip/` holding `packages` (pip requirement
    strings), installed with this interpreter's pip unless a previous run did;
    skip the test, saying `purpose`, where pip fails (no network on a first
    run). Each set keeps its own folder."""
    target = FOLDER / name
    ready = target / ".installed"
    wanted = "\n".join(packages)
    FOLDER.mkdir(parents=True, exist_ok=True)
    with open(FOLDER / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel test workers install once
        if not ready.exists() or ready.read_text() != wanted:
            result = subprocess.run(
                [sys.executable, "-m", "pip", "install", "--target", str(target)]
                + ["--upgrade", "--quiet", "--disable-pip-version-check", "--no-input"]
                + list(packages),
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            if result.returncode != 0:
                pytest.skip(f"pip could not install {packages} {purpose}: {result.stderr[-300:]}")
            ready.write_text(wanted)
    return target
