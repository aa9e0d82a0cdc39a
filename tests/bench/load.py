"""A bounded HTTP load generator for loopback benchmarks.

`hammer(url, seconds, connections, processes)` opens keep-alive connections
from separate processes (so the client is not the server's bottleneck through
one GIL) and counts completed 200 responses. It only ever talks to 127.0.0.1,
stops after `seconds`, and caps the number of requests.

`crowd_register(url, visitors)` sends a crowd of visitors at one registration
form at the same moment, each from its own address behind the proxy.

`rush(read_urls, register_urls, registrations, seconds)` has readers load
pages while people register one after another, and counts how the readers
were served (the page cache's `X-Page-Cache` answers).
"""

import http.client
import multiprocessing
import re
import threading
import time
from urllib.parse import urlencode, urlsplit

MAX_REQUESTS_PER_CONNECTION = 200_000
# Each connection is closed and opened again after this many requests (here
# and in `memory.py`). A keep-alive connection stays with the server worker
# that accepted it: kept for a whole round, the round's rate depended on how
# its eight connections happened to be split between the two workers (8–0
# runs on one core), and the same server's static file measured 1,485 req/s in
# one round and 3,747 in the next. Fifty requests a connection average that
# out at the cost of one loopback connect in fifty.
REQUESTS_PER_CONNECTION = 50


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
            if (done + errors) % REQUESTS_PER_CONNECTION == 0:
                conn.close()
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
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


def _visitor(host, port, path, n, barrier, results, headers):
    """One visitor: open the event page (cookie and form), wait for everyone,
    send the form. Records (HTTP status, seconds from the start signal)."""
    address = {"X-Forwarded-For": f"10.{n // 250}.{n % 250}.{n % 7 + 1}"}
    conn = http.client.HTTPConnection(host, port, timeout=120)
    try:
        conn.request("GET", path, headers={**headers, **address})
        response = conn.getresponse()
        page = response.read().decode()
        cookies = "; ".join(
            value.split(";", 1)[0]
            for name, value in response.getheaders()
            if name.lower() == "set-cookie"
        )
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
        fields.update({"name": f"Bezoeker {n}", "email": f"crowd{n}@example.org", "consent": "on"})
        origin = f"https://{host}:{port}"
        post_headers = {
            **headers,
            **address,
            "Cookie": cookies,
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + path,
        }
        body = urlencode(fields)
        # The form's own address (its words are in the page's language).
        action = re.search(r'<form[^>]*class="registration__form[^"]*"[^>]*action="([^"]+)"', page)
        target = action.group(1).split("#")[0] if action else path + "register/"
    except Exception:  # noqa: BLE001 - a visitor who never got the form counts as lost
        if barrier is not None:
            barrier.abort()
        raise
    finally:
        conn.close()
    if barrier is not None:
        barrier.wait()
    # A new connection, as a browser would open after the server closed the idle one.
    conn = http.client.HTTPConnection(host, port, timeout=120)
    start = time.monotonic()
    try:
        conn.request("POST", target, body=body, headers=post_headers)
        response = conn.getresponse()
        response.read()
        results[n] = (response.status, time.monotonic() - start)
    except (OSError, http.client.HTTPException):
        results[n] = (0, time.monotonic() - start)
    finally:
        conn.close()


def _crowd(url, visitors, queue, headers):
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("load is only ever sent to loopback addresses")
    barrier = threading.Barrier(visitors, timeout=120)
    results = [(0, 0.0)] * visitors
    threads = [
        threading.Thread(
            target=_visitor,
            args=(parts.hostname, parts.port, parts.path, n, barrier, results, headers),
        )
        for n in range(visitors)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(results)


def crowd_register(url, visitors=200, headers=None):
    """`visitors` people each load the event page at `url`, then all send the
    registration form at the same moment, from a separate process. Returns the
    list of (status, seconds) per visitor; a redirect (302) is a registration
    received, anything else a failure."""
    queue = multiprocessing.Queue()
    worker = multiprocessing.Process(target=_crowd, args=(url, visitors, queue, headers or {}))
    worker.start()
    results = queue.get(timeout=300)
    worker.join(timeout=10)
    return results


def _reader_loop(host, port, paths, deadline, tallies, index, headers):
    tally = {}
    conn = http.client.HTTPConnection(host, port, timeout=10)
    n = index
    while time.monotonic() < deadline and n < MAX_REQUESTS_PER_CONNECTION:
        path = paths[n % len(paths)]
        n += 1
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            answer = (
                response.getheader("X-Page-Cache", "none")
                if response.status == 200
                else f"status {response.status}"
            )
            if (n - index) % REQUESTS_PER_CONNECTION == 0:
                conn.close()
        except (OSError, http.client.HTTPException):
            answer = "error"
            conn.close()
        tally[answer] = tally.get(answer, 0) + 1
    conn.close()
    tallies[index] = tally


def _readers(urls, seconds, connections, queue, headers):
    parts = [urlsplit(url) for url in urls]
    if any(p.hostname not in ("127.0.0.1", "localhost", "::1") for p in parts):
        raise ValueError("load is only ever sent to loopback addresses")
    paths = [p.path + (f"?{p.query}" if p.query else "") for p in parts]
    deadline = time.monotonic() + seconds
    tallies = [{}] * connections
    threads = [
        threading.Thread(
            target=_reader_loop,
            args=(parts[0].hostname, parts[0].port, paths, deadline, tallies, i, headers),
        )
        for i in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = {}
    for tally in tallies:
        for answer, count in tally.items():
            total[answer] = total.get(answer, 0) + count
    queue.put(total)


def rush(read_urls, register_urls, registrations, seconds=10.0, readers=8, headers=None):
    """Readers (`readers` connections in 2 processes) load `read_urls` in turn
    for `seconds` while `registrations` people register, spread evenly over
    that time, in turn for the events at `register_urls`, each from their own
    address. Returns ({X-Page-Cache answer: count}, seconds elapsed,
    [(status, seconds) per registration])."""
    headers = headers or {}
    queue = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(
            target=_readers, args=(read_urls, seconds, readers // 2, queue, headers)
        )
        for _ in range(2)
    ]
    start = time.monotonic()
    for worker in workers:
        worker.start()
    results = [(0, 0.0)] * registrations
    threads = []
    for n in range(registrations):
        parts = urlsplit(register_urls[n % len(register_urls)])
        thread = threading.Thread(
            target=_visitor,
            args=(parts.hostname, parts.port, parts.path, n, None, results, headers),
        )
        threads.append(thread)
        thread.start()
        time.sleep(seconds * 0.9 / registrations)
    for thread in threads:
        thread.join()
    answers = {}
    for _ in workers:
        for answer, count in queue.get(timeout=seconds + 60).items():
            answers[answer] = answers.get(answer, 0) + count
    for worker in workers:
        worker.join(timeout=10)
    return answers, time.monotonic() - start, results
