"""What a registration touches in the page cache (home.invalidation).

- The event's page in every language (its form, its places left).
- The places left that other pages show (a festival's programme) are live
  parts of those pages (`{% live_part "places" date.pk state.code %}` around
  `registration/state.html`, see home/cache.py): once the change is committed,
  each date's part is rendered again and pushed, so the programme stays
  cached through a registration rush and its counts stay exact.
- When a date's state changes (open → waiting list → full, and back), or no
  cached page holds its part (nobody knows what was shown), the pages that
  show the event's places (`events.hooks.places_shown_on`: a session's
  festival page) are invalidated: their filters ("with places left"), counts
  of open sessions and links to the form follow the state, not the count.

The calendar and the knowledge base show no places.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from events.hooks import places_shown_on
from events.models import EventPage, Occurrence
from home import invalidation
from home.cache import refresh_parts
from registration.models import (
    Registration,
    RegistrationQuestion,
    RegistrationSettings,
    Reminder,
    settings_of,
)
from registration.services import confirmed_by_occurrence, decide, settings_page

PLACES_PART = "places"


def place_states(event_key, now=None):
    """{date id: State} of the event's dates that have not ended."""
    now = now or timezone.now()
    dates = list(
        Occurrence.objects.filter(event_key=event_key, end__gte=now)
        .select_related("event")
        .order_by("start", "pk")
    )
    if not dates:
        return {}
    event = settings_page(dates[0])
    series = {o.pk: o.event_key for o in dates} if settings_of(event).is_series else None
    confirmed = confirmed_by_occurrence([o.pk for o in dates], series=series)
    return {o.pk: decide(event, o, confirmed=confirmed.get(o.pk, 0), now=now) for o in dates}


def refresh_places(event_key):
    """Push the places parts of the event's dates; when a state changed, the
    pages that show them are rendered again."""
    states = place_states(event_key)
    changed = refresh_parts(
        PLACES_PART,
        states,
        lambda pk: render_to_string("registration/state.html", {"state": states[pk]}),
        lambda pk: states[pk].code,
    )
    if changed:
        event = EventPage.objects.filter(translation_key=event_key).specific().first()
        if event is not None:
            invalidation.apply(invalidation.Touch(pages=places_shown_on(event)))


def _event_places(event_filter):
    events = list(EventPage.objects.filter(**event_filter).specific())
    for key in {event.translation_key for event in events}:
        transaction.on_commit(lambda key=key: refresh_places(key))
    return invalidation.Touch(pages=events)


@invalidation.on_change(Registration)
def registration_changed(registration):
    return _event_places({"translation_key": registration.event_key})


@invalidation.on_change(RegistrationSettings, RegistrationQuestion)
def registration_settings_changed(row):
    # Opening or closing registration, places, questions: the form and the counts.
    return _event_places({"pk": row.page_id})


# A reminder sent is bookkeeping of the mail worker: no page shows it.
invalidation.ignore(Reminder)
