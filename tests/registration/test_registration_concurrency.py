"""Places under load, on PostgreSQL: 60 visitors at once for 10 places, then
concurrent cancellations. Proves the row lock, not the test's luck: without
`select_for_update` these fail within a few runs."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from events.models import EventPage
from registration import services
from registration.models import Registration
from tests.registration.registration_support import first_date, registration_on

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VISITORS = 60
PLACES = 10


@pytest.fixture(autouse=True)
def _patient_locks(monkeypatch):
    """Sixty transactions queue for one row, one after another. The site's
    lock timeout (a visitor waits 5 s, then is told to try again) would make
    these tests measure the machine's load: on a busy 2-core machine the last
    in the queue waited longer and were told "busy". Here they wait; what is
    tested is that nobody is lost or overbooked."""
    monkeypatch.setattr(services, "LOCK_TIMEOUT_MS", 120_000)


@pytest.fixture
def date(make_event):
    event = make_event(
        title="Druk bezochte workshop",
        slug="druk",
        capacity=PLACES,
        registration_settings=registration_on(max_places=3),
    )
    assert EventPage.objects.get(pk=event.pk).capacity == PLACES
    return first_date(event)


def run_together(count, work):
    """Start `count` calls of work(n) at the same moment, each with its own connection."""
    barrier = threading.Barrier(count)
    errors = []

    def call(n):
        try:
            barrier.wait()
            return work(n)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
            return None
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        results = list(pool.map(call, range(count)))
    return results, errors


def test_concurrent_registrations_confirm_exactly_the_places_and_lose_nobody(date):
    assert connection.vendor == "postgresql"

    def register(n):
        return services.register(
            date, name=f"Bezoeker {n}", email=f"b{n}@example.org", places=1, language="nl"
        ).registration.pk

    results, errors = run_together(VISITORS, register)
    assert errors == []
    assert len(set(results)) == VISITORS
    registrations = Registration.objects.filter(occurrence=date)
    assert registrations.count() == VISITORS
    assert registrations.filter(status="confirmed").count() == PLACES
    assert registrations.filter(status="waiting").count() == VISITORS - PLACES
    assert registrations.values("email_key").distinct().count() == VISITORS

    # Five confirmed people cancel at the same moment: exactly the first five
    # waiting people move up, none twice, and the date is full again.
    confirmed = list(registrations.filter(status="confirmed").order_by("pk")[:5])
    first_waiting = list(registrations.filter(status="waiting").order_by("created_at", "pk")[:5])
    _results, errors = run_together(5, lambda n: services.cancel(confirmed[n]))
    assert errors == []
    assert services.confirmed_places(date) == PLACES
    promoted = set(registrations.filter(pk__in=[r.pk for r in first_waiting], status="confirmed"))
    assert len(promoted) == 5
    assert registrations.filter(status="waiting").count() == VISITORS - PLACES - 5


def test_concurrent_same_form_token_and_same_email_make_one_registration(date):
    def register(n):
        return services.register(
            date, name="Dubbel", email="dubbel@example.org", idempotency_key="k" * 32
        ).registration.pk

    results, errors = run_together(20, register)
    assert errors == []
    assert len(set(results)) == 1
    assert Registration.objects.filter(occurrence=date).count() == 1


def test_concurrent_mixed_group_sizes_never_exceed_the_capacity(date):
    def register(n):
        return services.register(
            date, name=f"Groep {n}", email=f"g{n}@example.org", places=1 + n % 3
        ).registration.pk

    _results, errors = run_together(50, register)
    assert errors == []
    assert services.confirmed_places(date) <= PLACES
    assert Registration.objects.filter(occurrence=date).count() == 50


def test_a_visitor_who_waits_too_long_for_the_places_is_told_to_try_again(date, monkeypatch):
    """While another transaction holds the date's places longer than the lock
    timeout, a registration answers `Busy` (the form says "very busy, try
    again") and stores nothing, instead of hanging the request."""
    from django.db import transaction

    monkeypatch.setattr(services, "LOCK_TIMEOUT_MS", 200)
    holding, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                services.lock_occurrence(date.pk)
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)
        with pytest.raises(services.Busy):
            services.register(
                date, name="Geduld", email="geduld@example.org", places=1, language="nl"
            )
    finally:
        release.set()
        holder.join()
    assert not Registration.objects.filter(email="geduld@example.org").exists()
