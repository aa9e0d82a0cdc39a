"""Demo travel plans: on the next date of three demo events, people offer seats,
ask for a ride or invite others to take the train with them, from real
villages of the Achterhoek, around Nijmegen and around Kranenburg (the
"samenreisapp" of the seeds: people in small villages keep getting to places
by travelling together). Names are made up, addresses at example.org.

- The learning circle in Brakkenstein (Nijmegen): a car from Kranenburg,
  requests from Groesbeek (enough for "consider a minibus" on the
  coordinator's page), Beek and Ubbergen, one of them paired by hand.
- The repair café at Mienthuus in Kranenburg: cars from Groesbeek and
  Nütterden, a request from Wyler, one from Kleve.
- The buurtverbinders day in Utrecht: a car from Winterswijk, requests from
  Aalten and Lichtenvoorde, the train from Doetinchem.
- The festival's meeting day in Amersfoort (one festival day: everyone going
  travels together, whichever session): for the morning's opening a car from
  Kranenburg and the train from Winterswijk, for the afternoon's workshop
  requests from Groesbeek and Aalten.

Rows are made directly (no e-mails go out); once per date: a date that
already has travel entries is left alone.
"""

import secrets
from datetime import datetime, time

from django.contrib.auth import get_user_model

from demo.registry import ADMIN_USERNAME, demo_loader
from events.models import EventPage, Occurrence
from events.schedule import site_zone, to_local

# Per event slug: (kind, place, hh:mm, seats or people, name, language, extra).
PLANS = {
    "krachtige-leerkring-brakkenstein": [
        ("offer", "Kranenburg", "08:45", 3, "Heike Brandt", "de", {"languages": ["de", "nl"]}),
        ("request", "Groesbeek", "08:30", 1, "Truus Verheijen", "nl", {"walker": True}),
        ("request", "Groesbeek", "08:30", 2, "Jan en Riek Arts", "nl", {}),
        ("request", "Groesbeek", "08:45", 1, "Annie Hendriks", "nl", {}),
        ("request", "Groesbeek", "08:45", 1, "Piet Peters", "nl", {"phone": True}),
        ("request", "Beek", "08:50", 1, "Mieke Jansen", "nl", {}),
        ("transit", "Ubbergen", "08:40", 0, "Gerrit Willems", "nl", {"languages": ["nl"]}),
    ],
    "repaircafe-kranenburg": [
        ("offer", "Groesbeek", "09:30", 2, "Wim Gerritsen", "nl", {"languages": ["nl", "de"]}),
        ("offer", "Nütterden", "09:40", 3, "Monika Janssen", "de", {"wheelchair": True}),
        ("request", "Wyler", "09:30", 1, "Gisela Derksen", "de", {}),
        ("request", "Kleve", "09:30", 2, "Familie Hoffmann", "de", {"languages": ["de"]}),
    ],
    "buurtverbindersdag": [
        ("offer", "Winterswijk", "07:30", 3, "Henk ter Haar", "nl", {}),
        ("request", "Aalten", "07:15", 1, "Dinie Bosman", "nl", {}),
        ("request", "Lichtenvoorde", "07:20", 1, "Bennie Wolters", "nl", {}),
        ("transit", "Doetinchem", "07:05", 4, "Ria Klein Gunnewiek", "nl", {"languages": ["nl"]}),
    ],
    # Two sessions of one festival day: these match each other.
    "opening-van-de-ontmoetingsdag": [
        ("offer", "Kranenburg", "08:15", 2, "Ute Hermsen", "de", {"languages": ["de", "nl"]}),
        ("transit", "Winterswijk", "07:40", 3, "Gerda Wissink", "nl", {}),
    ],
    "werkplaats-samen-reizen": [
        ("request", "Groesbeek", "08:00", 1, "Toos Lamers", "nl", {}),
        ("request", "Aalten", "07:30", 2, "Jan en Dinie Hulshof", "nl", {"walker": True}),
    ],
}

# Pairs made by the coordinator: (event slug, request's name, offer's name).
PAIRS = [
    ("krachtige-leerkring-brakkenstein", "Mieke Jansen", "Heike Brandt"),
    ("repaircafe-kranenburg", "Gisela Derksen", "Wim Gerritsen"),
]


def _next_date(slug):
    page = EventPage.objects.filter(
        slug=slug, locale__language_code="nl", alias_of__isnull=True
    ).first()
    if page is None:
        return None
    return (
        Occurrence.objects.filter(event_key=page.translation_key, start__gte=_now())
        .exclude(status=Occurrence.Status.CANCELLED)
        .order_by("start", "pk")
        .first()
    )


def _now():
    from django.utils import timezone

    return timezone.now()


def _email(name):
    local = "".join(c for c in name.lower().replace(" ", ".") if c.isalnum() or c == ".")
    return f"{local}@example.org"


@demo_loader(order=45)
def load_travel(context):
    from travel.models import Place, TravelEntry, TravelMatch

    places = {p.name: p for p in Place.objects.filter(name__in=_place_names())}
    coordinator = get_user_model().objects.filter(username=ADMIN_USERNAME).first()
    for slug, plans in PLANS.items():
        date = _next_date(slug)
        if date is None or TravelEntry.objects.filter(occurrence=date).exists():
            continue
        day = to_local(date.start).date()
        made = {}
        for kind, place, hhmm, count, name, language, extra in plans:
            extra = dict(extra)
            by_phone = extra.pop("phone", False)
            made[name] = TravelEntry.objects.create(
                occurrence=date,
                event_key=date.event_key,
                kind=kind,
                place=places[place],
                departs_at=datetime.combine(day, time.fromisoformat(hhmm), tzinfo=site_zone()),
                seats=count if kind != "request" else 0,
                people=count if kind == "request" else 1,
                name=name,
                email="" if by_phone else _email(name),
                email_key="" if by_phone else _email(name),
                phone="024 000 00 00" if by_phone else "",
                language=language,
                secret=secrets.token_urlsafe(24),
                entered_by=coordinator if by_phone else None,
                **extra,
            )
        for pair_slug, request_name, offer_name in PAIRS:
            if pair_slug == slug:
                TravelMatch.objects.create(
                    request=made[request_name],
                    offer=made[offer_name],
                    status=TravelMatch.Status.ACCEPTED,
                    places=made[request_name].people,
                    paired_by=coordinator,
                    answered_at=_now(),
                )
        context.log(f"travel plans for {slug}")


def _place_names():
    return {plan[1] for plans in PLANS.values() for plan in plans}
