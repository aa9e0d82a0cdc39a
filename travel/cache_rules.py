"""What travel touches in the page cache (home.invalidation): an entry or a
match changes the counts of the event's travel section, so the event's page
in every language; for a festival session also the festival page (its
section per day) and the festival's other sessions (theirs show the day's
entries too). Places change only the forms' lists: the same pages of
the events with entries from that place are not worth finding, a new
generation is rare enough (editors add places seldom)."""

from events.models import EventPage
from home import invalidation
from travel.destinations import festival_of, is_session
from travel.models import Place, TravelEntry, TravelMatch


def _event_pages(event_key):
    pages = list(EventPage.objects.filter(translation_key=event_key))
    festival = next((festival_of(p) for p in pages if is_session(p)), None)
    if festival is not None:
        pages += [festival, *EventPage.objects.child_of(festival)]
    return invalidation.Touch(pages=pages)


@invalidation.on_change(TravelEntry)
def entry_changed(entry):
    return _event_pages(entry.event_key)


@invalidation.on_change(TravelMatch)
def match_changed(match):
    return _event_pages(match.offer.event_key)


# The forms list the places: a new or renamed place renders the pages again.
invalidation.site_wide(Place)
