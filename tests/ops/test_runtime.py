"""The server process's garbage-collector settings (`config.runtime`)."""

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.runtime import DEFAULT_THRESHOLD, tune_garbage_collector

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def gc_state():
    """Put the test process's collector back as it was."""
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


def test_the_young_generation_waits_for_more_objects_and_the_app_is_frozen(gc_state, monkeypatch):
    monkeypatch.delenv("GC_THRESHOLD", raising=False)
    gc.unfreeze()
    tune_garbage_collector()
    young, middle, old = gc.get_threshold()
    assert young == DEFAULT_THRESHOLD
    assert middle >= 20 and old >= 20
    assert gc.get_freeze_count() > 0


def test_zero_keeps_pythons_thresholds(gc_state, monkeypatch):
    monkeypatch.setenv("GC_THRESHOLD", "0")
    gc.set_threshold(700, 10, 10)
    tune_garbage_collector()
    assert gc.get_threshold() == (700, 10, 10)


def test_the_wsgi_application_runs_with_these_settings():
    """What gunicorn loads (before it forks its workers) applies them."""
    script = (
        "import gc, json, config.wsgi; "
        "print(json.dumps([gc.get_threshold()[0], gc.get_freeze_count()]))"
    )
    env = {k: v for k, v in os.environ.items() if k != "GC_THRESHOLD"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    threshold, frozen = json.loads(result.stdout.strip().splitlines()[-1])
    assert threshold == DEFAULT_THRESHOLD
    assert frozen > 10_000
