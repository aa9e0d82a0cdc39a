"""Registration under a crowd, on PostgreSQL (`make bench AREAS=registration`
with DATABASE_URL pointing at PostgreSQL).

One event with 50 places and a waiting list; 200 visitors load its page
through the production server (gunicorn, production settings), then all send
the form at the same moment, each from their own address behind the proxy.
Reports registrations per second and checks the outcome in the database:
50 confirmed, 150 on the waiting list, nobody lost, nobody twice.

On SQLite the row is reported as skipped: SQLite serialises all writers, so it
proves nothing about locking.
"""

from collections import Counter
from datetime import timedelta

from django.db import connection
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventIndexPage, EventPage
from registration.models import Registration, RegistrationSettings
from tests.bench.harness import Row
from tests.bench.load import crowd_register

VISITORS = 200
PLACES = 50


def _event():
    # The demo's Dutch calendar (the events bench adds a calendar of its own).
    calendar = (
        EventIndexPage.objects.filter(locale=Locale.objects.get(language_code="nl"))
        .exclude(slug__startswith="bench-")
        .order_by("path")
        .first()
    )
    start = (timezone.now() + timedelta(days=30)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    page = EventPage(
        title="Drukbezochte festivalworkshop",
        slug="bench-drukbezocht",
        start=start,
        end=start + timedelta(hours=2),
        online_url="https://meet.example.org/bench",
        capacity=PLACES,
        registration_settings=[RegistrationSettings(enabled=True, waiting_list=True)],
    )
    calendar.add_child(instance=page)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def run(bench):
    if connection.vendor != "postgresql":
        bench.add(
            Row(
                bench.area,
                f"{VISITORS} visitors for {PLACES} places",
                0,
                note="skipped: needs DATABASE_URL pointing at PostgreSQL",
            )
        )
        return
    page = _event()
    area = bench.area

    def crowd(base, headers):
        results = crowd_register(base + page.url, VISITORS, headers)
        seconds = max(elapsed for _, elapsed in results)
        registrations = Registration.objects.filter(event_key=page.translation_key)
        confirmed = registrations.filter(status=Registration.Status.CONFIRMED).count()
        waiting = registrations.filter(status=Registration.Status.WAITING).count()
        stored = list(registrations.values_list("email_key", flat=True))
        # Lost: told "you are registered" (a redirect to the receipt) but not stored.
        received = {
            f"crowd{n}@example.org" for n, (status, _) in enumerate(results) if status == 302
        }
        lost = len(received - set(stored))
        doubled = len(stored) - len(set(stored))
        failed = Counter(status for status, _ in results if status != 302)
        correct = (confirmed, waiting, lost, doubled) == (PLACES, VISITORS - PLACES, 0, 0)
        return [
            Row(
                area,
                f"{VISITORS} visitors for {PLACES} places",
                round(1000 * seconds / VISITORS, 2),
                None,
                VISITORS,
                f"{VISITORS / seconds:.0f} registrations/s; confirmed {confirmed}, "
                f"waiting {waiting}, lost {lost}, twice {doubled}"
                + (f", failed responses {dict(failed)}" if failed else "")
                + ("" if correct else " — WRONG"),
                f"confirmed {PLACES}, waiting {VISITORS - PLACES}, lost 0",
            )
        ]

    bench.server_checks.append(crowd)
