"""A gunicorn worker's memory under mixed traffic (`make bench`, throughput phase).

`worker_memory(server_pid, base, urls, headers)` sends rounds of 10,000
requests (BENCH_MEMORY_ROUNDS, 3 unless set) to a server with one worker, so
that a reading after 10,000 requests is that worker's after 10,000 of its
own. They are spread over many different addresses — cached and uncached
pages, filtered lists and their pages, searches for ever new words, calendar
files, addresses that do not exist. Each worker's resident memory (VmRSS in
/proc) is read after each round, once the workers are at rest (a worker
collects its garbage and hands the memory its allocator keeps free back to
the system a few seconds after it served, `config.runtime`; read before that,
a figure holds whatever the last requests happened to leave uncollected or
free). A worker that keeps something per request (a growing cache, a leak)
grows between the readings; one that is sound levels off once its caches are
warm."""

import http.client
import os
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from config.runtime import trim_seconds
from tests.bench.load import REQUESTS_PER_CONNECTION

ROUND = 10_000
THREADS = 8


def status(pid="self"):
    """The fields of /proc/<pid>/status ({} when the process is gone)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return {
        name: value.strip()
        for name, value in (line.split(":", 1) for line in text.splitlines() if ":" in line)
    }


def megabytes(fields, name):
    """A memory field of `status` (kB) in MB; 0 when absent."""
    return int(fields.get(name, "0 kB").split()[0]) / 1024


def worker_pids(server_pid):
    """The gunicorn master's children (its workers), from /proc."""
    return sorted(
        int(path.name)
        for path in Path("/proc").glob("[0-9]*")
        if status(path.name).get("PPid") == str(server_pid)
    )


def rss_mb(pid):
    return megabytes(status(pid), "VmRSS")


def mixed_paths(urls, count, offset=0):
    """`count` paths cycling through `urls` and through variants of them that
    make new cache keys and new work each time (page numbers, search words,
    unknown addresses)."""
    paths = []
    for n in range(offset, offset + count):
        kind = n % 6
        url = urls[n % len(urls)]
        if kind == 0:
            paths.append(url)
        elif kind == 1:
            paths.append(f"/nl/zoeken/?q=dorp{n % 997}")
        elif kind == 2:
            paths.append(f"/nl/bestaat-niet-{n}/")
        elif kind == 3:
            paths.append(f"{url}?page={n % 40 + 1}")
        elif kind == 4:
            paths.append(f"/de/suche/?q=Dorf+{n}")
        else:
            paths.append(url)
    return paths


def _send(host, port, paths, headers, counts, index):
    done = errors = 0
    conn = http.client.HTTPConnection(host, port, timeout=30)
    for number, path in enumerate(paths, start=1):
        if number % REQUESTS_PER_CONNECTION == 0:
            # A new connection now and then, as browsers make them: a kept
            # connection stays with one worker, and eight of them could all
            # land on the same one, leaving the other idle until the second
            # round (it then "grew" by what any worker needs to warm up).
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            done += 1
            errors += response.status >= 500
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.close()
    counts[index] = (done, errors)


def send_all(base, paths, headers):
    """Send every path once over THREADS keep-alive connections; (answered, errors)."""
    parts = urlsplit(base)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("load is only ever sent to loopback addresses")
    counts = [(0, 0)] * THREADS
    threads = [
        threading.Thread(
            target=_send,
            args=(parts.hostname, parts.port, paths[i::THREADS], headers, counts, i),
        )
        for i in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(c[0] for c in counts), sum(c[1] for c in counts)


def worker_memory(server_pid, base, urls, headers):
    """[(requests so far, {worker pid: RSS in MB}, server errors)] after each round."""
    readings = []
    # A third round shows whether what grew in the second keeps growing (a
    # leak) or was a cache filling up to its bound; BENCH_MEMORY_ROUNDS=10
    # follows a worker to 100,000 requests.
    for number in range(int(os.environ.get("BENCH_MEMORY_ROUNDS", "3"))):
        paths = mixed_paths(urls, ROUND, offset=number * ROUND)
        _answered, errors = send_all(base, paths, headers)
        # At rest: a worker trims after the interval it served in, then
        # collects and trims once more after the next.
        time.sleep(2 * trim_seconds() + 1)
        memory = {pid: round(rss_mb(pid), 1) for pid in worker_pids(server_pid)}
        readings.append(((number + 1) * ROUND, memory, errors))
    return readings
