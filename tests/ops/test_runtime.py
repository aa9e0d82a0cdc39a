"""The server process's garbage-collector and allocator settings and its giving
back of free memory (`config.runtime`)."""

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import runtime
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


TRIM_SCRIPT = """
import gc, json, os, time
import config.runtime, config.wsgi
from django.core.signals import request_finished

calls, full = [], []
config.runtime.release_free_memory = lambda: calls.append(time.monotonic())
gc.callbacks.append(lambda phase, info: phase == "start" and info["generation"] == 2 and full.append(1))
# Reads halfway between the trimming thread's wake-ups (every second), so
# that a busy machine's late wake-up does not change the count.
pause = float(os.environ["PAUSE"])
for _ in range(3):
    request_finished.send(sender=None)
time.sleep(1.5 * pause)
serving = (len(calls), len(full))
time.sleep(2 * pause)
rest = (len(calls), len(full))
request_finished.send(sender=None)
time.sleep(2 * pause)
print(json.dumps([serving, rest, len(calls)]))
"""


@pytest.mark.skipif(runtime._malloc_trim() is None, reason="the C library has no malloc_trim")
def test_a_worker_gives_free_memory_back_after_serving_and_once_more_at_rest():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    env["MALLOC_TRIM_SECONDS"] = env["PAUSE"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", TRIM_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    serving, rest, total = json.loads(result.stdout.strip().splitlines()[-1])
    # Three requests at once: one trim, no full collection yet; at rest, one
    # full collection and a trim, then nothing while idle; one request later:
    # the same two trims again.
    assert serving == [1, 0]
    assert rest[0] == 2 and rest[1] >= 1
    assert total == 4


def test_zero_seconds_never_trims():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    env["MALLOC_TRIM_SECONDS"], env["PAUSE"] = "0", "0.1"
    result = subprocess.run(
        [sys.executable, "-c", TRIM_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [[0, 0], [0, 0], 0]


@pytest.mark.skipif(runtime._malloc_trim() is None, reason="the C library has no malloc_trim")
def test_memory_freed_in_the_middle_of_the_heap_goes_back_to_the_system():
    """What glibc keeps resident after a fragmenting load (most of 80 MB freed
    between blocks still in use) leaves the process's resident memory."""
    script = """
import json
from config.runtime import release_free_memory

def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024

blocks = [bytes(2000) + str(n).encode() for n in range(40_000)]
kept = blocks[::10]
del blocks
before = rss()
assert release_free_memory()
print(json.dumps([before, rss(), len(kept)]))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    before, after, _kept = json.loads(result.stdout.strip().splitlines()[-1])
    assert before - after > 30, (before, after)


# How many bytes of a 1 MB block, made after a 16 MB one was freed (as making
# an image rendition does), glibc gave as a mapping of its own (mallinfo2).
MAPPED_SCRIPT = """
import ctypes, json
class MallInfo(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"
    ).split()]
libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo
big = bytearray(16 << 20)
del big
before = libc.mallinfo2().hblkhd
block = bytearray(1 << 20)
print(json.dumps(libc.mallinfo2().hblkhd - before))
"""
MANAGE_SHELL = [sys.executable, "manage.py", "shell", "--no-imports", "-c", MAPPED_SCRIPT]
needs_mallinfo2 = pytest.mark.skipif(
    runtime._libc_function("mallinfo2") is None, reason="the C library is not glibc ≥ 2.33"
)


def _mapped(command, **env):
    operators = ("GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_")
    base = {k: v for k, v in os.environ.items() if k not in operators}
    base["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    result = subprocess.run(command, cwd=ROOT, env={**base, **env}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@needs_mallinfo2
@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-c", "import config.wsgi\n" + MAPPED_SCRIPT],
        MANAGE_SHELL,
    ],
    ids=["web server", "manage.py"],
)
def test_a_large_block_freed_does_not_move_later_blocks_into_the_heap(command):
    """The web server's workers and every command (the task worker too)
    hold glibc's mmap threshold: a 1 MB block still gets a mapping of its
    own, returned to the system when freed."""
    assert _mapped(command) >= 1 << 20


@needs_mallinfo2
def test_left_to_itself_glibc_would_put_it_in_the_heap():
    """What the setting changes: without it, the same block comes from the heap."""
    assert _mapped([sys.executable, "-c", MAPPED_SCRIPT]) == 0


@needs_mallinfo2
def test_the_operators_own_threshold_wins():
    assert _mapped(MANAGE_SHELL, MALLOC_MMAP_THRESHOLD_=str(32 << 20)) == 0
    assert _mapped(MANAGE_SHELL, GLIBC_TUNABLES="glibc.malloc.mmap_threshold=33554432") == 0
