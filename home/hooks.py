"""The hooks (Wagtail's `hooks.register`) the core offers to the apps above it,
so that it can show their content without knowing them.

- `HOME_LISTING_TEMPLATES`: `fn() -> {block name: template}`. The home page
  offers listing sections (`home.blocks.ListingSectionBlock`: "latest
  articles", "upcoming events"); the app that owns the content says which of
  its templates draws the section. A section no app draws renders nothing.
- `RELATED_SECTIONS`: `fn(context, *, theme_keys, organisation_keys, limit,
  heading) -> str`, HTML for a page about themes or organisations (an article,
  a theme page): the events app adds the upcoming events on those themes.
  Keys are the snippets' translation keys.
- `HEALTH_CHECKS`: `fn() -> {name: "ok" | "error"}`, more parts for `/healthz`
  to report (registration adds "mail": unsent e-mail waiting for a retry). A
  failing part makes the answer "degraded" (200), never 503: only a database
  that does not answer means this server cannot serve.
- `PERSONAL_DATA`: `fn() -> home.privacy.PersonalData`, an app's part of the
  personal data kept per e-mail address, for the admin's export and erase.
- `FOOTER_LINKS`: `fn(request) -> [(label, url)]`, more links in the site
  footer's "More" list, in the reader's language (the digest app adds its
  subscription page). Every page shows the footer: an app whose links change
  must start a new page-cache generation when they do (home.invalidation).
- `HEAD_LINKS`: `fn(request, page) -> [(rel, type, href)]`, more `<link>`s in
  the head of a page (federation: `alternate` `application/activity+json` on
  events and articles). Called once per rendered page; keep it query-free.
"""

from django.utils.safestring import mark_safe
from wagtail import hooks

HOME_LISTING_TEMPLATES = "home_listing_templates"
RELATED_SECTIONS = "related_sections"
HEALTH_CHECKS = "health_checks"
PERSONAL_DATA = "personal_data"
FOOTER_LINKS = "footer_links"
HEAD_LINKS = "head_links"


def listing_template(name):
    """The template that draws the home page's listing section `name`, or None."""
    for templates in hooks.get_hooks(HOME_LISTING_TEMPLATES):
        template = templates().get(name)
        if template:
            return template
    return None


def related_sections(context, **keys):
    """Every app's sections for these themes / organisations, as one HTML string."""
    return mark_safe("".join(fn(context, **keys) for fn in hooks.get_hooks(RELATED_SECTIONS)))  # noqa: S308 - each part is a rendered template


def health_checks():
    """The extra parts /healthz reports, from every app's HEALTH_CHECKS hook."""
    checks = {}
    for fn in hooks.get_hooks(HEALTH_CHECKS):
        try:
            checks.update(fn())
        except Exception:  # noqa: BLE001 - a failing check is an "error", not a 500
            checks[getattr(fn, "health_name", fn.__name__)] = "error"
    return checks


def footer_links(request):
    """[(label, url)] from every app's FOOTER_LINKS hook."""
    return [link for fn in hooks.get_hooks(FOOTER_LINKS) for link in fn(request)]


def head_links(request, page):
    """Every app's extra `<link>`s for a page's head, as (rel, type, href)."""
    return [link for fn in hooks.get_hooks(HEAD_LINKS) for link in fn(request, page) or ()]


def page_sections(hook_name, *args, **kwargs):
    """The sections the apps above add to a page through a page-context hook
    (`events.hooks.EVENT_PAGE_CONTEXT`, `festival.hooks.FESTIVAL_PAGE_CONTEXT`):
    each function returns context to merge, with the templates to include
    under "sections". Returns (context, section templates)."""
    context, sections = {}, []
    for fn in hooks.get_hooks(hook_name):
        added = dict(fn(*args, **kwargs) or {})
        sections.extend(added.pop("sections", ()))
        context.update(added)
    return context, sections
