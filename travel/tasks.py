"""Background tasks of travel together (django-tasks): its e-mails and the
deletion after the event. Logs name entry ids and kinds, never a person."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_travel_email(entry_id, kind, extra=None):
    from travel import emails

    try:
        return emails.send(entry_id, kind, extra or {})
    except Exception as error:  # noqa: BLE001 - a mail failure must not undo the change
        logger.warning(
            "Travel e-mail failed (entry %s, kind %s): %s", entry_id, kind, type(error).__name__
        )
        return False


@task()
def purge_travel():
    """Delete travel entries of dates long past (`services.purge`), for a
    scheduler that enqueues tasks instead of running `manage.py purge_travel`."""
    from travel import services

    deleted = services.purge()
    logger.info("Travel entries deleted after their date: %s", deleted)
    return deleted
