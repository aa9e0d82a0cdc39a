from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalConfig(AppConfig):
    """Festival programmes: a festival page, its tracks, rooms and sessions.
    Sits above `events`: sessions are events with a place in the programme."""

    name = "festival"
    verbose_name = _("Festivals")
    shown_on_pages = True  # saving its rows invalidates cached pages (home.invalidation)

    def ready(self):
        from festival import routes  # noqa: F401 - attaches the festival page's routes
