from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    """Calendar sources: partners' own iCal calendars imported as event pages.
    Sits above partners (a source belongs to a partner section)."""

    name = "sources"
    verbose_name = _("Calendar sources")

    def ready(self):
        from sources import cache_rules  # noqa: F401 - page-cache rules
