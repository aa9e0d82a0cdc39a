from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    shown_on_pages = True  # saving its rows invalidates cached pages (home.invalidation)

    def ready(self):
        from events import cache_rules, routes, signals  # noqa: F401 - page-cache rules; routes attach sub-pages

        signals.connect()
