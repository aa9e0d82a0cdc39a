"""The e-mail digest: its subscription page, and building one batch of
digests for 200 subscribers over the demo's articles and events (the work a
worker does per `send_digest_batch` task, sending left out). The batch's query
count stays the same for 3 or 200 subscribers (tests/digests checks that)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digests import services
from digests.models import DigestPage, Subscription
from events.models import EventType
from home.models import Theme

SUBSCRIBERS = 200


def _subscribers():
    themes = [str(k) for k in Theme.objects.values_list("translation_key", flat=True).distinct()]
    types = [str(k) for k in EventType.objects.values_list("translation_key", flat=True).distinct()]
    now = timezone.now()
    Subscription.objects.bulk_create(
        Subscription(
            email=f"bench{i}@example.org",
            language=["nl", "de", "en"][i % 3],
            confirmed_at=now,
            frequency=["weekly", "monthly"][i % 2],
            theme_keys=[themes[i % len(themes)]] if themes and i % 2 else [],
            event_type_keys=[types[i % len(types)]] if types and i % 3 == 1 else [],
        )
        for i in range(SUBSCRIBERS)
    )
    return list(Subscription.objects.filter(email__startswith="bench").order_by("pk"))


def run(bench):
    page = DigestPage.objects.live().filter(locale__language_code="de").first()
    if page is not None:
        bench.render("subscription page (de)", page.url, target="< 150 ms")
    subscribers = _subscribers()
    services.build_digests(subscribers[:1])  # warm-up
    with CaptureQueriesContext(connection) as captured:
        row = bench.time(
            f"build a batch of {SUBSCRIBERS} digests",
            lambda: services.build_digests(subscribers),
            runs=3,
            target="< 2000 ms",
        )
    row.queries = len(captured) // 3
    Subscription.objects.filter(email__startswith="bench").delete()
