"""Extend every event's materialised dates to the horizon (run daily from cron or
a periodic task; safe to run any time, any number of times)."""

from django.core.management.base import BaseCommand

from events.services import extend_all_occurrences


class Command(BaseCommand):
    help = "Generate occurrences of every live event up to the horizon setting."

    def handle(self, *args, **options):
        count = extend_all_occurrences()
        if options["verbosity"]:
            self.stdout.write(f"Occurrences brought up to date for {count} events.")
