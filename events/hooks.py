"""The hooks (Wagtail's `hooks.register`) this app offers to the apps above it.

- `EVENT_PAGE_CONTEXT`: `fn(request, page, event, upcoming, **extra) -> dict`,
  merged into the event page's template context. `page` is the page asked for,
  `event` its source version (settings, dates), `upcoming` its next dates;
  `extra` is what a higher app's view passed to `events.views.event_detail`.
  The key `sections` lists templates the page includes below its body.
  Registration adds its form this way.
"""

EVENT_PAGE_CONTEXT = "events_event_page_context"
