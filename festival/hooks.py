"""The hooks (Wagtail's `hooks.register`) the festival offers to the apps above it.

- `FESTIVAL_PAGE_CONTEXT`: `fn(request, page, sessions) -> dict`, merged into
  the festival page's (the overview's) template context. `page` is the
  festival page asked for, `sessions` what `festival.sessions.load_sessions`
  read for it. The key `sections` lists templates the page includes below its
  programme links and day picker (travel adds "Travel together" per day).
  Keep the cost bounded: a fixed number of queries, whatever the programme.
"""

from home.hooks import page_sections

FESTIVAL_PAGE_CONTEXT = "festival_page_context"


def festival_page_context(request, page, sessions):
    """(context, section templates) from every app above."""
    return page_sections(FESTIVAL_PAGE_CONTEXT, request, page, sessions)
