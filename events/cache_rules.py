"""What the events' changes touch in the page cache (home.invalidation).

Every event list (the calendar and its filters, months, days, feeds and
iCal, "upcoming events" on the home page and beside articles) shows
`event-lists`; an event published, its dates changed, or a snippet the lists
name touches it. A single event's places are not in any list: what shows them
is told by `events.hooks.places_shown_on`."""

from events.models import EventIndexPage, EventPage, EventSchedule, EventType, Occurrence
from home import invalidation
from home.models import Organisation, Region, Theme, Venue

EVENT_LISTS = "event-lists"

invalidation.page_depends_on(EventIndexPage, EVENT_LISTS)


@invalidation.on_publish(EventPage)
def event_lists(pages):
    return invalidation.Touch(tags={EVENT_LISTS})


@invalidation.on_change(Occurrence, EventSchedule)
def dates_of_an_event(instance):
    events = list(EventPage.objects.filter(pk=instance.event_id, live=True).specific())
    return invalidation.Touch(published=events)


@invalidation.on_change(Theme, Region, Organisation, Venue)
def snippet_in_event_lists(instance):
    return invalidation.Touch(tags={EVENT_LISTS})


@invalidation.on_change(EventType)
def event_type(instance):
    return invalidation.republished(instance) | invalidation.Touch(tags={EVENT_LISTS})
