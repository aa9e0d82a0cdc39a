"""A festival programme of 200 sessions, and one of 1,000 (`make bench AREAS=festival`).

Builds a two-day festival of its own under the Dutch home page: ten rooms, five
tracks, 200 sessions of 30 to 90 minutes between 09:00 and 18:00 (some
overlapping in a room), 60 speakers, registration on every fourth session.
Then times the festival page, the filterable programme, a filtered view, the
day grid (by room and by track) and the three exports — server time through
Django's test client, median of 7 after a warm-up, with the query count, which
must not depend on the number of sessions.

After those rows, a second festival of the same shape over ten days (1,000
sessions, a hundred a day as in the first) times the programme list and the
day grid again: the list shows five times as many sessions, the grid the same
day's hundred out of five times as many loaded.

With the production server up, the rush: readers (as many connections as the
static file's measurement) load the overview, the programme and a filtered
programme while 50 people register for its sessions (one after another,
spread over 20 s); reports the readers' rate as a share of the static file's,
the share of their requests the page cache answered, and the registrations'
p99. A registration pushes its session's new places left into the cached
programme pages (live parts, home/cache.py) instead of invalidating them; only
a session's state changing (full) renders them again.
"""

import random
from collections import Counter
from datetime import date, datetime, time, timedelta

from wagtail.models import Locale, Page

from events.models import EventPage, EventPageOrganiser, Occurrence
from events.schedule import site_zone
from events.services import regenerate_occurrences
from festival.models import FestivalPage, FestivalRoom, FestivalTrack, SessionPage, SessionSpeaker
from home.db_statistics import refresh_statistics
from home.models import HomePage, Organisation, Person
from registration.models import Registration, RegistrationSettings
from tests.bench.harness import Row
from tests.bench.load import rush

SESSIONS = 200
ROOMS = 10
DAYS = (date(2030, 6, 7), date(2030, 6, 8))
# The larger festival: the same hundred sessions a day, on ten days.
LARGE_SESSIONS = 1000
LARGE_DAYS = tuple(date(2030, 6, 14) + timedelta(days=n) for n in range(10))
RUSH_REGISTRATIONS = 50
RUSH_SECONDS = 20.0
FORMATS = ["workshop", "talk", "market", "excursion", "online"]
TARGETS = {
    "overview": "< 100 ms, <= 30 q",
    "programme list": "≤ 100 ms, <= 30 q",
    "day grid (rooms)": "≤ 100 ms, <= 30 q",
    "programme.ics": "< 200 ms, <= 30 q",
    "schedule.json": "< 150 ms, <= 30 q",
    "schedule.xml": "< 150 ms, <= 30 q",
}
LARGE_TARGETS = {
    "programme list": "≤ 250 ms, <= 30 q",
    "day grid (rooms)": "≤ 250 ms, <= 30 q",
}


def _festival(slug="bench-festival", title="Benchmarkfestival", days=DAYS, count=SESSIONS):
    nl = Locale.objects.get(language_code="nl")
    home = HomePage.objects.get(locale=nl, depth=2)
    existing = FestivalPage.objects.filter(slug=slug, locale=nl).first()
    if existing is not None:
        return existing
    page = FestivalPage(
        title=title,
        slug=slug,
        edition="2030",
        start_date=days[0],
        end_date=days[-1],
        intro=f"{count} sessies in {len(days)} dagen.",
    )
    for n in range(5):
        page.tracks.add(FestivalTrack(name=f"Track {n + 1}", slug=f"track-{n + 1}"))
    for n in range(ROOMS):
        page.rooms.add(FestivalRoom(name=f"Zaal {n + 1}", slug=f"zaal-{n + 1}", capacity=80))
    home.add_child(instance=page)
    page.save_revision().publish()
    return FestivalPage.objects.get(pk=page.pk)


def _sessions(festival, count=SESSIONS, days=DAYS):
    rng = random.Random(200)  # noqa: S311 - test data
    nl = festival.locale
    organisations = list(Organisation.objects.filter(locale=nl)[:7]) or [
        Organisation.objects.create(name="Benchfonds", slug="benchfonds", kind="fund", locale=nl)
    ]
    people = [
        Person.objects.get_or_create(name=f"Spreker {n}", locale=nl, defaults={"role": "spreker"})[
            0
        ]
        for n in range(60)
    ]
    tracks = list(festival.tracks.all())
    rooms = list(festival.rooms.all())
    made = 0
    slot = 0
    while made < count:
        day = days[slot % len(days)]
        room = rooms[(slot // len(days)) % ROOMS]
        minute = 9 * 60 + ((slot // (len(days) * ROOMS)) * 55) % (8 * 60)
        start = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=site_zone())
        length = rng.choice([30, 45, 60, 90])
        page = SessionPage(
            title=f"Sessie {made + 1}",
            slug=f"sessie-{made + 1}",
            start=start,
            end=start + timedelta(minutes=length),
            languages=rng.choice(["nl", "nl,en", "de", "en"]),
            session_format=rng.choice(FORMATS),
            track=tracks[made % len(tracks)],
            room=room if made % 9 else None,
            online_url="https://meet.example.org/bench" if made % 5 == 0 else "",
            registration_settings=[RegistrationSettings(enabled=made % 4 == 0)],
            capacity=30 if made % 4 == 0 else None,
            live=True,
        )
        for person in rng.sample(people, rng.choice([1, 2])):
            page.speaker_links.add(SessionSpeaker(person=person))
        page.organiser_links.add(EventPageOrganiser(organisation=rng.choice(organisations)))
        festival.add_child(instance=page)
        regenerate_occurrences(page)
        made += 1
        slot += 1
    # What autovacuum does soon after so many new rows, done before measuring
    # (a server may run with it off, as a test machine's did, and then plans
    # for the sizes it saw before them).
    refresh_statistics(
        Page,
        EventPage,
        SessionPage,
        Occurrence,
        SessionSpeaker,
        EventPageOrganiser,
        RegistrationSettings,
        Registration,
    )


def run(bench):
    festival = _festival()
    if not festival.get_children().exists():
        bench.time(f"build {SESSIONS} sessions", lambda: _sessions(festival))
    base = festival.url

    def sub(name, **kwargs):
        return base + festival.reverse_subpage(name, kwargs=kwargs or None)

    cases = [
        ("overview", base),
        ("programme list", sub("programme")),
        ("programme list, filtered", sub("programme") + "?format=workshop&language=en"),
        ("day grid (rooms)", sub("programme_day", day=DAYS[0].isoformat())),
        ("day grid (tracks)", sub("programme_day", day=DAYS[0].isoformat()) + "?by=track"),
        ("programme.ics", sub("ical")),
        ("schedule.json", sub("json")),
        ("schedule.xml", sub("frab")),
    ]
    for case, url in cases:
        status = bench.client.get(url).status_code
        if status != 200:
            bench.time(case, lambda: None, note=f"skipped: {url} answers {status}")
            continue
        row = bench.render(case, url, target=TARGETS.get(case, ""))
        row.note = f"{SESSIONS} sessions; {url}"
    bench.throughput_urls += [("festival programme", sub("programme"))]
    # (The day grid of 100 sessions is larger than PAGE_CACHE_MAX_BYTES: never cached.)
    read = [base, sub("programme"), sub("programme") + "?format=workshop"]
    open_sessions = [
        page.url
        for page in SessionPage.objects.child_of(festival).live().filter(capacity__isnull=False)
    ]
    bench.server_checks.append(_rush_check(bench, festival, read, open_sessions))
    _large(bench)


def _large(bench):
    """The programme list and the day grid of the festival of 1,000 sessions."""
    festival = _festival(
        "bench-festival-1000", "Groot benchmarkfestival", LARGE_DAYS, LARGE_SESSIONS
    )
    if not festival.get_children().exists():
        bench.time(
            f"build {LARGE_SESSIONS} sessions",
            lambda: _sessions(festival, LARGE_SESSIONS, LARGE_DAYS),
        )
    base = festival.url

    def sub(name, **kwargs):
        return base + festival.reverse_subpage(name, kwargs=kwargs or None)

    day = LARGE_DAYS[0].isoformat()
    cases = [
        ("programme list", sub("programme")),
        ("programme list, filtered", sub("programme") + "?format=workshop&language=en"),
        ("day grid (rooms)", sub("programme_day", day=day)),
        ("day grid (tracks)", sub("programme_day", day=day) + "?by=track"),
    ]
    for case, url in cases:
        row = bench.render(
            f"{case}, {LARGE_SESSIONS} sessions", url, target=LARGE_TARGETS.get(case, "")
        )
        row.note = f"{LARGE_SESSIONS} sessions; {url}"


def _rush_check(bench, festival, read, sessions):
    area = bench.area

    def check(base, headers):
        # Warm the cache as visitors before the rush would.
        for url in read:
            for _ in range(2):
                rush([base + url], [], 0, seconds=0.5, readers=2, headers=headers)
        answers, _, results = rush(
            [base + url for url in read],
            [base + url for url in sessions],
            RUSH_REGISTRATIONS,
            seconds=RUSH_SECONDS,
            readers=8,  # as many connections as the static file's measurement
            headers=headers,
        )
        served = sum(answers.values())
        hits = answers.get("hit", 0)
        received = sum(1 for status, _ in results if status == 302)
        # Anything but the redirect to the receipt: {status: count} (0: no answer).
        failed = Counter(status for status, _ in results if status != 302)
        stored = Registration.objects.filter(
            event_key__in=SessionPage.objects.child_of(festival).values("translation_key"),
            email_key__startswith="crowd",
        ).count()
        times = sorted(elapsed for _, elapsed in results)
        p99 = times[min(len(times) - 1, round(0.99 * len(times)))] if times else 0
        rate = served / RUSH_SECONDS
        static_rps = getattr(bench, "static_rps", None)
        return [
            Row(
                area,
                f"rush: programme pages while {RUSH_REGISTRATIONS} register",
                round(1000 * RUSH_SECONDS / max(served, 1), 2),
                None,
                served,
                f"{rate:.0f} req/s"
                + (f" = {rate / static_rps:.0%} of static" if static_rps else "")
                + f"; {hits / max(served, 1):.0%} cache hits ({answers}); "
                f"registrations received {received}, stored {stored}, p99 {p99 * 1000:.0f} ms"
                + (f"; other answers {dict(failed)}" if failed else ""),
                ">= 60% of static, registration p99 <= 1 s",
            )
        ]

    return check
