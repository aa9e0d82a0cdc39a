"""The end of a submitted activity's review, from Wagtail's signals: the page
published (through the workflow's approval or by an editor directly), the
workflow rejected ("Request changes", with the editor's comment), and the
draft deleted by an editor (declined without a reason: the submitter would
otherwise wait for an answer that never comes)."""

from django.db.models.signals import pre_delete
from wagtail.signals import page_published, workflow_rejected


def _published(sender, instance, **kwargs):
    from submissions import services

    services.approved(instance)


def _rejected(sender, instance, user=None, **kwargs):
    from submissions import services

    page_id = services.workflow_state_page_id(instance)
    if page_id is None:
        return
    task_state = instance.current_task_state
    services.declined(page_id, task_state.comment if task_state else "")


def _deleted(sender, instance, **kwargs):
    from submissions import services

    if not instance.live:
        services.declined(instance.pk, "")


def connect():
    from events.models import EventPage

    page_published.connect(_published, dispatch_uid="submissions-published")
    workflow_rejected.connect(_rejected, dispatch_uid="submissions-rejected")
    pre_delete.connect(_deleted, sender=EventPage, dispatch_uid="submissions-deleted")
