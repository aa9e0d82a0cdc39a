"""Background tasks of registration (Django's task framework, django-tasks):
the registration e-mails, and the periodic reminders and offer expiry.

Sending is retried: a failed send is enqueued again with `run_after` (5, 10,
20… minutes later) up to `MAX_ATTEMPTS` times when the backend can defer tasks
(the database backend in production). The immediate backend of development and
tests cannot, so there a failure is logged and given up. Until a mail goes out
its registration carries `unsent_email` (its kind), shown to organisers in the
registrations list. Logs name the
registration's id and the kind of e-mail, never an address or a name.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


@task()
def send_registration_email(registration_id, kind, extra=None, attempt=1):
    from registration import emails
    from registration.models import Registration

    try:
        sent = emails.send(registration_id, kind, extra or {})
    except Exception as error:  # noqa: BLE001 - any mail failure is retried, not raised
        # update(): no save signals, so a mail failure does not empty the page cache.
        Registration.objects.filter(pk=registration_id).update(unsent_email=kind)
        logger.warning(
            "Registration e-mail failed (registration %s, kind %s, attempt %s): %s",
            registration_id,
            kind,
            attempt,
            type(error).__name__,
        )
        retry(registration_id, kind, extra, attempt)
        return False
    Registration.objects.filter(pk=registration_id, unsent_email=kind).update(unsent_email="")
    return sent


def retry(registration_id, kind, extra, attempt):
    """Enqueue the send again later, if attempts are left and the backend defers."""
    if attempt >= MAX_ATTEMPTS:
        logger.error(
            "Registration e-mail given up (registration %s, kind %s)", registration_id, kind
        )
        return False
    if not send_registration_email.get_backend().supports_defer:
        logger.error(
            "Registration e-mail not retried: the task backend cannot defer "
            "(registration %s, kind %s)",
            registration_id,
            kind,
        )
        return False
    later = timezone.now() + timedelta(minutes=5 * 2 ** (attempt - 1))
    send_registration_email.using(run_after=later).enqueue(
        registration_id, kind, extra, attempt + 1
    )
    return True


@task()
def send_reminders():
    """The reminders due (`services.send_reminders`), for a scheduler that
    enqueues tasks instead of running the management command."""
    from registration import services

    return services.send_reminders()


@task()
def expire_offers():
    """Pass on offers that ran out (`services.expire_offers`); the same as the
    `expire_offers` management command."""
    from registration import services

    return services.expire_offers()
