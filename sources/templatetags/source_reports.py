"""The import reports in the editor's language: reasons are stored as message
ids with their values (`sources.importer.Reason`), field names as our event
page's field names; both are translated here, when the report is read."""

from django import template
from django.utils.translation import gettext, gettext_lazy

register = template.Library()

# The fields an import fills (`sources.services.FIELDS`), as editors know them.
FIELD_LABELS = {
    "title": gettext_lazy("Title"),
    "intro": gettext_lazy("Introduction"),
    "start": gettext_lazy("Start"),
    "end": gettext_lazy("End"),
    "all_day": gettext_lazy("All day"),
    "recurrence": gettext_lazy("Repeats"),
    "venue": gettext_lazy("Venue"),
    "online_url": gettext_lazy("Online link"),
    "exceptions": gettext_lazy("Changed and cancelled dates"),
}


@register.simple_tag
def report_reason(parts, fallback=""):
    """A stored reason in the active language; the stored English text when it
    has no parts (reports from before) or its values do not fit."""
    if not parts or not parts.get("id"):
        return fallback
    message = gettext(parts["id"])
    params = parts.get("params") or {}
    try:
        return message % params if params else message
    except (KeyError, TypeError, ValueError):
        return fallback


@register.filter
def field_labels(names):
    """["title", "exceptions"] -> "Title, Changed and cancelled dates"."""
    return ", ".join(str(FIELD_LABELS.get(name, name)) for name in names or [])
