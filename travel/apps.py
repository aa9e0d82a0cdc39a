from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TravelConfig(AppConfig):
    """Travel together: per event date, people offer seats in a car, ask for a
    ride or invite others to go by public transport with them. Sits above
    `registration`: it adds a section to event pages (`events.hooks`) and a
    link to registration's e-mails (`registration.hooks`)."""

    name = "travel"
    verbose_name = _("Travel together")
    shown_on_pages = True  # saving its rows invalidates cached pages (home.invalidation)

    def ready(self):
        from travel import cache_rules, routes  # noqa: F401 - page-cache rules; routes attach sub-pages
