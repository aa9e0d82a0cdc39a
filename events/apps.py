from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    shown_on_pages = True  # saving its rows invalidates the page cache (home.cache)

    def ready(self):
        from events import routes, signals  # noqa: F401 - routes attach the pages' sub-pages

        signals.connect()
