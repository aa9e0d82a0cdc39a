from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events import routes, signals  # noqa: F401 - routes attach the pages' sub-pages

        signals.connect()
