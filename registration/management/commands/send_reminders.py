"""Queue reminder e-mails for dates starting within REGISTRATION_REMINDER_HOURS.

Idempotent (each registration is reminded once), so run it from cron as often
as you like, e.g. every hour.
"""

from django.core.management.base import BaseCommand

from registration.services import send_reminders


class Command(BaseCommand):
    help = "Send reminder e-mails to confirmed registrations of upcoming dates."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"Queued {count} reminder(s).")
