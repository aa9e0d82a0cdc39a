"""Run daily (docs/deploy.md): deletes unconfirmed subscriptions that ran out
and enqueues a task per batch of subscribers whose digest is due today."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from digests import services
from digests.tasks import send_digest_batch


class Command(BaseCommand):
    help = "Send the e-mail digests due today (weekly and monthly) by the task worker."

    def handle(self, *args, **options):
        purged = services.purge_unconfirmed()
        batches = services.due_batches(timezone.localdate())
        for period, ids in batches:
            send_digest_batch.enqueue(ids, period)
        count = sum(len(ids) for _period, ids in batches)
        self.stdout.write(
            f"{count} subscribers due in {len(batches)} batches; {purged} unconfirmed deleted."
        )
