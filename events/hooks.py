"""The hooks (Wagtail's `hooks.register`) this app offers to the apps above it.

- `EVENT_PAGE_CONTEXT`: `fn(request, page, event, upcoming, **extra) -> dict`,
  merged into the event page's template context. `page` is the page asked for,
  `event` its source version (settings, dates), `upcoming` its next dates;
  `extra` is what a higher app's view passed to `events.views.event_detail`.
  The key `sections` lists templates the page includes below its body.
  Registration adds its form this way.
- `ONLINE_LINK_HIDDEN`: `fn(events) -> set of event ids` whose online link
  only some visitors may have (registration: its confirmed registrants), so
  the event page, JSON-LD and iCal leave it out. `events` are source pages
  with an online link; one call for many events (a feed), so one query.
- `DATES_CHANGED`: `fn(event, changes)`, called by `regenerate_occurrences`
  inside its transaction after the dates were written, when dates people may
  have planned around changed: `event` is the source page, `changes` a list of
  `events.services.DateChange` (the date as it is now, what it was before and
  what changed: "cancelled", "time", "venue", "online"). Registration tells its
  registrants this way.
- `DATES_KEPT`: `fn(event) -> bool`: whether the dates a changed rule drops
  from `event` (a source page) must be kept as cancelled and reported through
  `DATES_CHANGED` rather than deleted, because people planned around every
  date of the series, not one (registration: active whole-series
  registrations). Asked only when an upcoming date is about to go.
- `EVENT_OFFERS`: `fn(event, occurrences) -> {occurrence id: offer}` for the
  JSON-LD `Offer` of each date, from the app that decides who may come
  (registration). An offer is a dict of schema.org `Offer` fields to set
  (`availability`, `validFrom`), or None for no offer at all. Dates no app
  answers for are open to all (`InStock`).
- `EVENT_PERFORMERS`: `fn(event) -> list of schema.org Person dicts`: who
  speaks or performs (festival: a session's speakers).
- `PLACES_SHOWN_ON`: `fn(event) -> pages` that show the event's places left
  besides its own page (festival: the session's festival page, whose programme
  and day views list them): their places left are live parts of the cached
  views, and a change of a date's state (full, open again) invalidates them.
- `CALENDAR_LINKS`: `fn(request, index) -> [(label, url)]`, links the
  calendar shows under its introduction (submissions: "Add your activity").
  The app keeps the calendar's cached pages fresh itself (`event-lists`).
"""

from wagtail import hooks

EVENT_PAGE_CONTEXT = "events_event_page_context"
ONLINE_LINK_HIDDEN = "events_online_link_hidden"
DATES_CHANGED = "events_dates_changed"
DATES_KEPT = "events_dates_kept"
EVENT_OFFERS = "events_event_offers"
EVENT_PERFORMERS = "events_event_performers"
PLACES_SHOWN_ON = "events_places_shown_on"
CALENDAR_LINKS = "events_calendar_links"


def hidden_online_links(events):
    """The ids of the events (source pages) whose online link is not public."""
    events = [event for event in events if event.online_url]
    hidden = set()
    if events:
        for fn in hooks.get_hooks(ONLINE_LINK_HIDDEN):
            hidden |= set(fn(events))
    return hidden


def dates_changed(event, changes):
    """Tell the apps above about changed dates (see `DATES_CHANGED`)."""
    if changes:
        for fn in hooks.get_hooks(DATES_CHANGED):
            fn(event, changes)


def dates_kept(event):
    """Whether an app above needs `event`'s dropped dates kept (`DATES_KEPT`)."""
    return any(fn(event) for fn in hooks.get_hooks(DATES_KEPT))


def event_offers(event, occurrences):
    """{occurrence id: offer fields or None} from every app that has a say."""
    offers = {}
    for fn in hooks.get_hooks(EVENT_OFFERS):
        offers.update(fn(event, occurrences) or {})
    return offers


def event_performers(event):
    """schema.org Person dicts of the event's speakers, from every app."""
    return [person for fn in hooks.get_hooks(EVENT_PERFORMERS) for person in fn(event) or ()]


def places_shown_on(event):
    """The pages besides `event`'s own that show its places left."""
    pages = []
    for fn in hooks.get_hooks(PLACES_SHOWN_ON):
        pages.extend(fn(event))
    return pages


def calendar_links(request, index):
    """[(label, url)] the apps above add to the calendar `index`."""
    return [link for fn in hooks.get_hooks(CALENDAR_LINKS) for link in fn(request, index) or ()]
