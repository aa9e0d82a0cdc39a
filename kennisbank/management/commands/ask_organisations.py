"""E-mail every organisation due for its yearly check a link to confirm or
correct its entry (`kennisbank.checks.send_yearly_reminders`).

Idempotent (nobody is asked twice within ORGANISATION_ASK_INTERVAL_DAYS), so
run it from cron daily.
"""

from django.core.management.base import BaseCommand

from kennisbank.checks import send_yearly_reminders


class Command(BaseCommand):
    help = "Ask organisations due for a check to confirm or correct their directory entry."

    def handle(self, *args, **options):
        count = send_yearly_reminders()
        self.stdout.write(f"Asked {count} organisation(s).")
