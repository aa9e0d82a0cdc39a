"""What a registration touches in the page cache (home.invalidation): the
event's page in every language (its places left, its form) and the pages that
list its places (`events.hooks.places_shown_on`: a session's festival
programme). Nothing else: the calendar and the knowledge base show no places."""

from events.hooks import places_shown_on
from events.models import EventPage
from home import invalidation
from registration.models import (
    Registration,
    RegistrationQuestion,
    RegistrationSettings,
    Reminder,
)


def _event_places(event_filter):
    events = list(EventPage.objects.filter(**event_filter).specific())
    pages = list(events)
    for event in events[:1]:  # every language shows the same places
        pages.extend(places_shown_on(event))
    return invalidation.Touch(pages=pages)


@invalidation.on_change(Registration)
def registration_changed(registration):
    return _event_places({"translation_key": registration.event_key})


@invalidation.on_change(RegistrationSettings, RegistrationQuestion)
def registration_settings_changed(row):
    # Opening or closing registration, places, questions: the form and the counts.
    return _event_places({"pk": row.page_id})


# A reminder sent is bookkeeping of the mail worker: no page shows it.
invalidation.ignore(Reminder)
