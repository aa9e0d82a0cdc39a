"""Two workers sending the same period's digest at once, on PostgreSQL: the
conditional UPDATE that claims the period lets exactly one of them send."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from digests import emails, services
from digests.models import Subscription

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORKERS = 4


def test_concurrent_batches_send_one_digest(monkeypatch):
    assert connection.vendor == "postgresql"
    anna = Subscription.objects.create(email="anna@example.org", language="nl")
    Subscription.objects.filter(pk=anna.pk).update(confirmed_at=anna.created_at)
    sent = []

    def build(subscriptions, now=None):
        return {
            s.pk: services.Digest(s, [services.Line("A", "http://x/", "")], [])
            for s in subscriptions
        }

    def slow_send(digest):
        time.sleep(0.3)  # the claim is held while the mail goes out
        sent.append(digest.subscription.pk)

    monkeypatch.setattr(services, "build_digests", build)
    monkeypatch.setattr(emails, "send_digest", slow_send)
    barrier = threading.Barrier(WORKERS)

    def work(_n):
        try:
            barrier.wait()
            return services.send_batch([anna.pk], "2026-W50")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(work, range(WORKERS)))
    assert sorted(results) == [0] * (WORKERS - 1) + [1]
    assert sent == [anna.pk]
    assert Subscription.objects.get(pk=anna.pk).last_period == "2026-W50"
