"""Load the demo content of every app (development only; safe to run twice)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from demo import registry as demo


class Command(BaseCommand):
    help = "Create the locales, demo pages in nl/de/en and a development admin user."

    def handle(self, *args, **options):
        context = demo.run_loaders(progress=self._progress if options["verbosity"] else None)
        if context.created:
            self.stdout.write("Created: " + ", ".join(context.created))
        else:
            self.stdout.write("Demo content was already there; nothing changed.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {settings.WAGTAILADMIN_BASE_URL}/admin/  user: {demo.ADMIN_USERNAME}  "
                f"password: {demo.ADMIN_PASSWORD}"
            )
        )

    def _progress(self, line):
        self.stdout.write(line)
        self.stdout.flush()
