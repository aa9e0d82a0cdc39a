"""When followers hear about a page: on publish and unpublish of an event or
an article (any language: a new translation changes `nameMap`), on its
deletion, and when the events app reports changed dates (a cancelled or moved
date, `events.hooks.DATES_CHANGED`). The work runs in the task worker after
the transaction commits."""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from events.models import EventPage
from kennisbank.models import ArticlePage

FEDERATED = (EventPage, ArticlePage)


def _model_of(page):
    for model in FEDERATED:
        if isinstance(page, model):
            return model
    return None


def schedule_sync(page):
    model = _model_of(page)
    if model is None:
        return
    from federation.tasks import sync

    label, key = model._meta.label, str(page.translation_key)
    transaction.on_commit(lambda: sync.enqueue(label, key))


def _changed(sender, instance, **kwargs):
    schedule_sync(instance)


def connect():
    for model in FEDERATED:
        for subclass in [model, *model.__subclasses__()]:
            post_delete.connect(
                _changed, sender=subclass, dispatch_uid=f"federation-delete-{subclass._meta.label}"
            )
    # Connected after the events app's own receivers (INSTALLED_APPS order), so
    # an event's dates are regenerated before followers hear about them.
    page_published.connect(_changed, dispatch_uid="federation-published")
    page_unpublished.connect(_changed, dispatch_uid="federation-unpublished")
