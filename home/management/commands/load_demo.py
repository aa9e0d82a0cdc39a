"""Load the demo content of every app (development only; safe to run twice)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home import demo


class Command(BaseCommand):
    help = "Create the locales, demo pages in nl/de/en and a development admin user."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError(
                "Demo content is for development only (DEMO_CONTENT_ALLOWED is off in these settings)."
            )
        context = demo.run_loaders()
        if context.created:
            self.stdout.write("Created: " + ", ".join(context.created))
        else:
            self.stdout.write("Demo content was already there; nothing changed.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:8000/admin/  user: {demo.ADMIN_USERNAME}  "
                f"password: {demo.ADMIN_PASSWORD}"
            )
        )
