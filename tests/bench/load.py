"""A bounded HTTP load generator for loopback benchmarks.

`hammer(url, seconds, connections, processes)` opens keep-alive connections
from separate processes (so the client is not the server's bottleneck through
one GIL) and counts completed 200 responses. It only ever talks to 127.0.0.1,
stops after `seconds`, and caps the number of requests.
"""

import http.client
import multiprocessing
import threading
import time
from urllib.parse import urlsplit

MAX_REQUESTS_PER_CONNECTION = 200_000


def _connection_loop(host, port, path, deadline, counts, index, headers):
    done = errors = 0
    conn = http.client.HTTPConnection(host, port, timeout=10)
    while time.monotonic() < deadline and done < MAX_REQUESTS_PER_CONNECTION:
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                done += 1
            else:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.close()
    counts[index] = (done, errors)


def _process(url, seconds, connections, queue, headers):
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("load is only ever sent to loopback addresses")
    deadline = time.monotonic() + seconds
    counts = [(0, 0)] * connections
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    threads = [
        threading.Thread(
            target=_connection_loop,
            args=(parts.hostname, parts.port, path, deadline, counts, i, headers),
        )
        for i in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put((sum(c[0] for c in counts), sum(c[1] for c in counts)))


def hammer(url, seconds=5.0, connections=4, processes=2, headers=None):
    """Requests per second of 200 responses (and the error count) for url."""
    queue = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(
            target=_process, args=(url, seconds, connections, queue, headers or {})
        )
        for _ in range(processes)
    ]
    start = time.monotonic()
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=seconds + 60) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
    elapsed = time.monotonic() - start
    ok = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    return ok / elapsed, errors
