from django.core.management.base import BaseCommand

from submissions import services


class Command(BaseCommand):
    help = (
        "Erase submitted activities' contact data after the retention period "
        "(SUBMISSIONS_RETENTION_DAYS after the last date or a decline; unconfirmed after a week)."
    )

    def handle(self, *args, **options):
        count = services.purge()
        self.stdout.write(f"{count} submitted activities erased.")
