"""Background tasks of the digest (django-tasks): one e-mail about a
subscription, and one batch of digests (`services.send_batch`), enqueued by
the `send_digests` command."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_subscription_email(subscription_id, kind):
    from digests import emails

    try:
        return emails.send_subscription_email(subscription_id, kind)
    except Exception as error:  # noqa: BLE001 - logged; the visitor can ask again
        logger.warning(
            "Digest e-mail failed (subscription %s, kind %s): %s",
            subscription_id,
            kind,
            type(error).__name__,
        )
        return False


@task()
def send_digest_batch(ids, period):
    from digests import services

    return services.send_batch(ids, period)
