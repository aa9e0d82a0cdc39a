"""Background tasks of "Add your activity": its e-mails, and the daily purge of
contact data the retention rules no longer allow (`purge_submissions`)."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_submission_email(submission_id, kind):
    from submissions import emails

    try:
        return emails.send(submission_id, kind)
    except Exception as error:  # noqa: BLE001 - a mail failure is logged, never raised
        logger.warning(
            "Submission e-mail failed (submission %s, kind %s): %s",
            submission_id,
            kind,
            type(error).__name__,
        )
        return False


@task()
def purge_submissions():
    from submissions import services

    return services.purge()
