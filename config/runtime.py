"""How a server process runs Python's garbage collector.

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
  little longer; a worker's memory stays flat (`make bench`, memory rows).
"""

import gc
import os

DEFAULT_THRESHOLD = 50_000


def tune_garbage_collector():
    """Apply the settings above to this process; call once the app is loaded."""
    threshold = int(os.environ.get("GC_THRESHOLD", DEFAULT_THRESHOLD))
    if threshold:
        _young, middle, old = gc.get_threshold()
        gc.set_threshold(threshold, max(middle, 20), max(old, 20))
    gc.freeze()
