"""Pass on offered places whose deadline has passed (offer mode): the person is
told, and the place is offered to the next one on the waiting list.

Idempotent, and also done whenever someone looks at the places, so run it from
cron every few minutes (or enqueue `registration.tasks.expire_offers`).
"""

from django.core.management.base import BaseCommand

from registration.services import expire_offers


class Command(BaseCommand):
    help = "Pass on offered places that were not accepted in time."

    def handle(self, *args, **options):
        count = expire_offers()
        self.stdout.write(f"{count} offer(s) passed on.")
