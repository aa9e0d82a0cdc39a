"""How a server process runs Python's garbage collector and gives memory back.

A page or a feed makes many short-lived objects (rows, models, dates, lines).
With Python's default threshold (a collection every 700 new objects, and now
and then one that scans every object alive, the loaded application included),
the calendar feed of 10,000 events spent a fifth of its time collecting. The
production server (`config.wsgi`, run before gunicorn forks its workers) and
`make bench` use the same settings:

- the objects of the loaded application are frozen (`gc.freeze`): collections
  no longer scan them, and forked workers keep sharing their memory pages;
- the youngest generation is collected after `GC_THRESHOLD` new objects
  (50,000; `0` keeps Python's defaults). Garbage in reference cycles waits a
  little longer: a worker holds a few MB more than with Python's 700.

A worker's Python objects stay the same size under mixed traffic once its
caches are full (tracemalloc over 30,000 requests), yet its resident memory
rose by about 1 MB every 10,000 requests: glibc's allocator keeps the memory
that requests freed (page bodies, query rows, in each thread's arena)
resident for reuse, and the peaks of four threads at once come rarer and
higher. `release_free_memory_now_and_then`, connected to every finished
request by `config.wsgi`, starts a thread in each worker that hands the free
pages back to the system with glibc's `malloc_trim`, every
`MALLOC_TRIM_SECONDS` (5; `0` never) in which the worker served a request,
and once more when it has come to rest, after a full garbage collection
(about 9 MB of a 146 MB worker the first time it was tried). A trim takes a
few milliseconds. What a worker's memory does over time is in the README
(`make bench`, memory rows). Where the C library has no such call (musl,
macOS) nothing happens.

glibc hands out blocks above its *mmap threshold* (128 KiB at the start) as
mappings of their own, returned to the system when freed. Left to itself it
raises that threshold to the size of each such block freed, up to 32 MiB,
and making an image rendition frees blocks of several MB (Pillow's image
memory). From then on everything below that size comes from the heap, where
blocks of a few hundred KB (page bodies, query results) end up between small
objects that live on, and the heap's pages stay resident: a worker that made
renditions stays tens of MB larger for good (figures in the README).
`tune_allocator` holds it at 128 KiB (glibc's own `MALLOC_MMAP_THRESHOLD_` or
`GLIBC_TUNABLES` set by the operator win).
"""

import ctypes
import functools
import gc
import os
import threading
import time

DEFAULT_THRESHOLD = 50_000
DEFAULT_TRIM_SECONDS = 5
MMAP_THRESHOLD = 128 * 1024  # glibc's starting value, held
M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)


def tune_garbage_collector():
    """Apply the settings above to this process; call once the app is loaded."""
    threshold = int(os.environ.get("GC_THRESHOLD", DEFAULT_THRESHOLD))
    if threshold:
        _young, middle, old = gc.get_threshold()
        gc.set_threshold(threshold, max(middle, 20), max(old, 20))
    gc.freeze()


def tune_allocator():
    """Hold glibc's mmap threshold (above); whether it was set here. Call
    first thing in a process, before the app loads."""
    if "MALLOC_MMAP_THRESHOLD_" in os.environ or "mmap_threshold" in os.environ.get(
        "GLIBC_TUNABLES", ""
    ):
        return False  # the operator's choice, applied by glibc at the start
    mallopt = _libc_function("mallopt")
    return bool(mallopt and mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))


@functools.cache
def _libc_function(name):
    """A function of the C library, or None where it has no such function.
    Looked up among the symbols the process has loaded already (the C library
    is one): `ctypes.util.find_library` would run `ldconfig` in a subprocess
    at every start of `manage.py`."""
    try:
        return getattr(ctypes.CDLL(None), name, None)
    except (OSError, TypeError):  # TypeError: no such lookup (Windows)
        return None


def _malloc_trim():
    """glibc's `malloc_trim`, or None where the C library has none."""
    return _libc_function("malloc_trim")


def release_free_memory():
    """Give the allocator's free pages back to the system; whether it could."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


# Whether a request finished since the last trim, and the process whose
# thread trims (a forked worker starts its own).
_served = threading.Event()
_trimming_in = {"pid": None}
_start_lock = threading.Lock()


def trim_seconds():
    """MALLOC_TRIM_SECONDS as a number; 0 where the C library cannot trim."""
    seconds = float(os.environ.get("MALLOC_TRIM_SECONDS", DEFAULT_TRIM_SECONDS))
    return seconds if _malloc_trim() is not None else 0


def release_free_memory_now_and_then(seconds, **_signal_kwargs):
    """A request_finished receiver (`functools.partial` with `seconds`): note
    the request and make sure this process has its trimming thread."""
    _served.set()
    if _trimming_in["pid"] != os.getpid():
        with _start_lock:
            if _trimming_in["pid"] != os.getpid():
                _trimming_in["pid"] = os.getpid()
                threading.Thread(
                    target=_trim_while_serving,
                    args=(seconds,),
                    name="release-free-memory",
                    daemon=True,
                ).start()


def _trim_while_serving(seconds):
    pid = os.getpid()
    collected = True  # nothing served since the last full collection
    while _trimming_in["pid"] == pid:
        time.sleep(seconds)
        if _served.is_set():
            _served.clear()
            collected = False
        elif collected:
            continue
        else:
            # At rest after serving: the garbage in reference cycles that
            # waits for a full collection (GC_THRESHOLD) goes first, so that
            # what it held is free to give back.
            gc.collect()
            collected = True
        release_free_memory()
