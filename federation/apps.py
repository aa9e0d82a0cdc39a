from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = _("Fediverse")
    # Its rows (keys, followers, deliveries) are never shown on a page.
    shown_on_pages = False

    def ready(self):
        from federation import cache_rules, signals  # noqa: F401 - page-cache rules

        signals.connect()
