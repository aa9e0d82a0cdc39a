"""Seats under load, on PostgreSQL: twenty riders accepted at once into a car
with three seats, and twenty riders asking and a coordinator pairing at once;
at a festival, riders going to other sessions of the car's day.
Proves the offer's row lock: without it more people than seats get a yes."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from travel import services
from travel.models import TravelEntry, TravelMatch

from .conftest import at

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RIDERS = 20
SEATS = 3
Kind = TravelEntry.Kind


def run_together(count, work):
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


def accept_all(asks):
    """Every driver's "yes" to every ask at the same moment: "yes" or "full"
    per ask, and the errors raised."""

    def accept(n):
        try:
            services.accept(asks[n])
            return "yes"
        except services.NotEnoughSeats:
            return "full"

    return run_together(len(asks), accept)


def entry(date, place, kind, n, **kw):
    return services.create_entry(
        date,
        kind=kind,
        place=place,
        departs_at=at(date, 9),
        name=f"Reiziger {n}",
        email=f"reiziger{n}@example.org",
        **kw,
    )


def test_concurrent_accepts_never_give_more_seats_than_the_car_has(date, places):
    assert connection.vendor == "postgresql"
    car = entry(date, places["groesbeek"], Kind.OFFER, 0, seats=SEATS)
    asks = [
        services.ask(entry(date, places["groesbeek"], Kind.REQUEST, n + 1), car)
        for n in range(RIDERS)
    ]

    results, errors = accept_all(asks)

    assert [e for e in errors if not isinstance(e, services.Busy)] == []
    assert results.count("yes") == SEATS
    assert (
        TravelMatch.objects.filter(offer=car, status=TravelMatch.Status.ACCEPTED).count() == SEATS
    )
    assert services.seats_left(car) == 0


def test_riders_asking_accepts_and_a_coordinators_pairing_at_once_never_oversell(
    date, places, django_user_model
):
    """Riders of one and of two people: half were asked and are accepted, the
    other half are paired by a coordinator, all at the same moment. The places
    given never pass the seats, counted in people, not in matches."""
    assert connection.vendor == "postgresql"
    coordinator = django_user_model.objects.create_user("coordinator", password="x")
    car = entry(date, places["groesbeek"], Kind.OFFER, 0, seats=SEATS)
    riders = [
        entry(date, places["groesbeek"], Kind.REQUEST, n + 1, people=1 + (n // 2) % 2)
        for n in range(RIDERS)
    ]
    asks = {n: services.ask(riders[n], car) for n in range(0, RIDERS, 2)}

    def answer(n):
        try:
            if n in asks:
                services.accept(asks[n])
            else:
                services.pair(riders[n], car, by=coordinator)
            return "yes"
        except services.NotEnoughSeats:
            return "full"

    results, errors = run_together(RIDERS, answer)

    assert [e for e in errors if not isinstance(e, services.Busy)] == []
    accepted = TravelMatch.objects.filter(offer=car, status=TravelMatch.Status.ACCEPTED)
    given = sum(m.places for m in accepted)
    assert given == SEATS
    assert results.count("yes") == accepted.count() >= 2
    assert services.seats_left(car) == 0


@pytest.mark.usefixtures("frozen_now")
def test_riders_of_other_festival_sessions_accepted_at_once_never_oversell(festival, places):
    """A car offered for the festival day's first session; riders going to the
    day's other session ask it and are all accepted at the same moment."""
    assert connection.vendor == "postgresql"
    car = entry(festival["morning"], places["kranenburg"], Kind.OFFER, 0, seats=SEATS)
    asks = [
        services.ask(entry(festival["afternoon"], places["groesbeek"], Kind.REQUEST, n + 1), car)
        for n in range(RIDERS)
    ]

    results, errors = accept_all(asks)

    assert [e for e in errors if not isinstance(e, services.Busy)] == []
    assert results.count("yes") == SEATS
    assert services.seats_left(car) == 0
