"""Blank the personal data of registrations some days after their date.

Safe to run from cron (daily): it only touches registrations not yet
anonymised, and keeps status, places and attendance for the statistics.
"""

from django.core.management.base import BaseCommand

from registration.services import anonymise_past, retention_days


class Command(BaseCommand):
    help = "Anonymise registrations whose date ended more than REGISTRATION_RETENTION_DAYS ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the setting.")

    def handle(self, *args, days=None, **options):
        days = retention_days() if days is None else days
        count = anonymise_past(days=days)
        self.stdout.write(f"Anonymised {count} registration(s) older than {days} days.")
