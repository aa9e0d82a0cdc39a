"""The site's own address follows where `make run` serves it, so absolute links
(e-mails, calendar files, sitemap, canonical) point where the site answers."""

import shutil
import subprocess
from pathlib import Path

import pytest

from config.settings.base import served_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8101"}, "http://127.0.0.1:8101"),
        ({"HOST": "localhost", "PORT": "8101"}, "http://localhost:8101"),
        ({"HOST": "0.0.0.0", "PORT": "9000"}, "http://127.0.0.1:9000"),  # noqa: S104
        ({"HOST": "::1", "PORT": "8101"}, "http://[::1]:8101"),
    ],
)
def test_base_url_defaults_to_the_served_host_and_port(environ, expected):
    assert served_url(environ) == expected


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_hands_its_port_to_the_demo_loader_and_the_server():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8101", "HOST=localhost"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    load = next(line for line in lines if "manage.py load_demo" in line)
    serve = next(line for line in lines if "manage.py runserver" in line)
    for line in (load, serve):
        assert "HOST=localhost" in line and "PORT=8101" in line, line
    assert serve.endswith("runserver localhost:8101")


def test_development_server_answers_on_the_host_make_run_serves(monkeypatch):
    import importlib

    import config.settings.dev as dev

    monkeypatch.setenv("HOST", "192.168.1.20")
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    assert "192.168.1.20" in importlib.reload(dev).ALLOWED_HOSTS
