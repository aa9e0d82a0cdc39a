"""Import every active calendar source (run hourly from cron or a timer; see
docs/deploy.md). Prints one line per source: its status and counts."""

from django.core.management.base import BaseCommand

from sources.models import CalendarSource
from sources.services import run_source


class Command(BaseCommand):
    help = "Import the events of every active calendar source (iCal feeds)."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, help="Only the source with this id.")

    def handle(self, *args, source=None, **options):
        sources = CalendarSource.objects.filter(active=True)
        if source is not None:
            sources = CalendarSource.objects.filter(pk=source)
        failed = 0
        for item in sources:
            run = run_source(item)
            failed += run.status == run.Status.FAILED
            self.stdout.write(
                f"{item.pk} {item.name}: {run.status} {run.message} "
                f"created={run.created} updated={run.updated} cancelled={run.cancelled} "
                f"unchanged={run.unchanged} skipped={run.skipped}"
            )
        if failed:
            self.stderr.write(f"{failed} source(s) failed")
