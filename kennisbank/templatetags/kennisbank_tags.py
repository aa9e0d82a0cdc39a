"""Template tags of the knowledge base, for its own templates and for others'
(the home page's "latest articles" section)."""

from django import template
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import select_template

from kennisbank import services

register = template.Library()

# The events app's inclusion template for "upcoming events on these themes / by
# this organisation". Looked up by name so the knowledge base never imports
# the events app; without it the section is simply left out.
EVENTS_TEMPLATE = "events/components/upcoming_events.html"


@register.simple_tag(takes_context=True)
def latest_articles(context, count=3, theme=None):
    """Cards of the newest articles in the active language, optionally of one theme."""
    request = context.get("request")
    try:
        count = max(1, min(int(count), 12))
    except (TypeError, ValueError):
        count = 3
    return services.latest_articles(request, count=count, theme=theme)


@register.simple_tag
def kennisbank_page():
    return services.kennisbank_page()


@register.simple_tag(takes_context=True)
def upcoming_events_for(context, theme_keys=None, organisation_keys=None, limit=3, heading=None):
    """The events app's upcoming events for these snippet translation keys, or nothing."""
    try:
        tmpl = select_template([EVENTS_TEMPLATE])
    except TemplateDoesNotExist:
        return ""
    return tmpl.render(
        {
            "request": context.get("request"),
            "theme_keys": list(theme_keys or []),
            "organisation_keys": list(organisation_keys or []),
            "limit": limit,
            "heading": heading,
            "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        },
        context.get("request"),
    )


@register.filter
def without(values, value):
    """A list without one value (for 'remove this filter' links)."""
    return [v for v in values if v != value]
