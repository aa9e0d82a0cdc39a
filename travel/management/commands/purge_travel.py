from django.core.management.base import BaseCommand

from travel import services


class Command(BaseCommand):
    help = "Delete travel offers and requests of dates that ended TRAVEL_RETENTION_DAYS ago."

    def handle(self, *args, **options):
        deleted = services.purge()
        self.stdout.write(f"{deleted} travel entries deleted.")
