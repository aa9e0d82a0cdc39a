"""What benchmarks share: timing a page render with its query count, timing a
function, and collecting the rows of the report.

Each `bench_<area>.py` module in this folder has a `run(bench)` function that
builds its data and calls `bench.render(...)` / `bench.time(...)`; `run.py`
runs them all against a fresh database and prints one table.
"""

import statistics
import time
from dataclasses import asdict, dataclass, field

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass
class Row:
    area: str
    case: str
    median_ms: float
    queries: int | None = None
    runs: int = 0
    note: str = ""
    target: str = ""


@dataclass
class Bench:
    area: str = ""
    rows: list = field(default_factory=list)
    client: Client = field(default_factory=Client)

    def warm_up(self, url, expect_status=200):
        response = self.client.get(url)
        assert response.status_code == expect_status, (url, response.status_code)

    def timed_get(self, url):
        """(server time of GET url in ms, its query count)."""
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            self.client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
        return elapsed, len(captured)

    def render(self, case, url, runs=7, target="", expect_status=200):
        """Median server time of GET url (after one warm-up) and its query count."""
        self.warm_up(url, expect_status)
        timings = []
        queries = None
        for _ in range(runs):
            elapsed, queries = self.timed_get(url)
            timings.append(elapsed)
        row = Row(self.area, case, round(statistics.median(timings), 1), queries, runs, url, target)
        self.rows.append(row)
        return row

    def time(self, case, func, runs=1, target="", note=""):
        """Median wall time of func() in milliseconds."""
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            func()
            timings.append((time.perf_counter() - start) * 1000)
        row = Row(self.area, case, round(statistics.median(timings), 1), None, runs, note, target)
        self.rows.append(row)
        return row

    def add(self, row):
        self.rows.append(row)


def table(rows):
    headers = ["area", "case", "median ms", "queries", "runs", "target", "note"]
    lines = [
        [
            r.area,
            r.case,
            f"{r.median_ms:g}",
            "" if r.queries is None else str(r.queries),
            str(r.runs),
            r.target,
            r.note,
        ]
        for r in rows
    ]
    widths = [
        max(len(h), *(len(line[i]) for line in lines)) if lines else len(h)
        for i, h in enumerate(headers)
    ]
    out = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    out.append("-+-".join("-" * w for w in widths))
    out += [" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in lines]
    return "\n".join(out)


def as_json(rows):
    return [asdict(r) for r in rows]
