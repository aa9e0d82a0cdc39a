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
"""

from wagtail import hooks

EVENT_PAGE_CONTEXT = "events_event_page_context"
ONLINE_LINK_HIDDEN = "events_online_link_hidden"
DATES_CHANGED = "events_dates_changed"


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
