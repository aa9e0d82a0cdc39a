"""Keep occurrences in step with publishing: every publish or unpublish of an
event (in any language) regenerates the dates of its source version."""

from wagtail.signals import page_published, page_unpublished

from events.models import EventPage


def _regenerate(sender, instance, **kwargs):
    from events.services import regenerate_occurrences

    regenerate_occurrences(instance)


def connect():
    page_published.connect(_regenerate, sender=EventPage, dispatch_uid="events-published")
    page_unpublished.connect(_regenerate, sender=EventPage, dispatch_uid="events-unpublished")
