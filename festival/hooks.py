"""The hooks (Wagtail's `hooks.register`) the festival offers to the apps above it.

- `FESTIVAL_PAGE_CONTEXT`: `fn(request, page, sessions) -> dict`, merged into
  the festival page's (the overview's) template context. `page` is the
  festival page asked for, `sessions` what `festival.sessions.load_sessions`
  read for it. The key `sections` lists templates the page includes below its
  programme links and day picker (travel adds "Travel together" per day).
  Keep the cost bounded: a fixed number of queries, whatever the programme.
"""

from wagtail import hooks

FESTIVAL_PAGE_CONTEXT = "festival_page_context"


def festival_page_context(request, page, sessions):
    """(context, section templates) from every app above."""
    context, sections = {}, []
    for fn in hooks.get_hooks(FESTIVAL_PAGE_CONTEXT):
        added = dict(fn(request, page, sessions) or {})
        sections.extend(added.pop("sections", ()))
        context.update(added)
    return context, sections
