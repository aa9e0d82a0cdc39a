"""Send the fediverse deliveries whose time has come (new ones the worker
could not send, failed ones whose backoff is over). Run it from cron every
few minutes (docs/deploy.md)."""

from django.core.management.base import BaseCommand

from federation.services import deliver_due


class Command(BaseCommand):
    help = "Send due ActivityPub deliveries, retrying failed ones with backoff."

    def handle(self, *args, **options):
        sent, failed = deliver_due()
        if options["verbosity"] > 0:
            self.stdout.write(f"{sent} delivered, {failed} to retry later")
