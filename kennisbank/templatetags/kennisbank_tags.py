"""Template tags of the knowledge base, for its own templates and for others'
(the home page's "latest articles" section)."""

from django import template

from home.cache import depends_on
from home.hooks import related_sections
from kennisbank import services
from kennisbank.cache_rules import KB_LISTS

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_articles(context, count=3, theme=None):
    """Cards of the newest articles in the active language, optionally of one theme."""
    request = context.get("request")
    depends_on(KB_LISTS)
    try:
        count = max(1, min(int(count), 12))
    except (TypeError, ValueError):
        count = 3
    return services.latest_articles(request, count=count, theme=theme)


@register.simple_tag
def kennisbank_page():
    return services.kennisbank_page()


@register.simple_tag(takes_context=True)
def related_sections_for(context, theme_keys=None, organisation_keys=None, limit=3, heading=None):
    """What other apps show for these snippet translation keys (the events app:
    upcoming events), through the core's `RELATED_SECTIONS` hook; or nothing."""
    return related_sections(
        context,
        theme_keys=list(theme_keys or []),
        organisation_keys=list(organisation_keys or []),
        limit=limit,
        heading=heading,
    )


@register.filter
def without(values, value):
    """A list without one value (for 'remove this filter' links)."""
    return [v for v in values if v != value]


@register.filter
def theme_url(index, slug):
    """The address of a theme's page in the knowledge base `index`, with the
    route's word in the index's language ("thema/…", en "theme/…")."""
    if index is None:
        return ""
    if not hasattr(index, "reverse_subpage"):
        index = index.specific_deferred
    return (index.url or "") + index.reverse_subpage("theme_view", kwargs={"slug": slug})
