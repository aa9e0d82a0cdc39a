"""Keep occurrences in step with publishing: every publish or unpublish of an
event (in any language, festival sessions and other kinds of event included)
regenerates the dates of its source version."""

from wagtail.signals import page_published, page_unpublished

from events.models import EventPage
from events.services import regenerate_occurrences


def _regenerate(sender, instance, **kwargs):
    if isinstance(instance, EventPage):
        regenerate_occurrences(instance)


def connect():
    page_published.connect(_regenerate, dispatch_uid="events-published")
    page_unpublished.connect(_regenerate, dispatch_uid="events-unpublished")
