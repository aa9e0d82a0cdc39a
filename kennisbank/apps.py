from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisbankConfig(AppConfig):
    name = "kennisbank"
    verbose_name = _("Knowledge base")
    shown_on_pages = True  # saving its rows invalidates cached pages (home.invalidation)

    def ready(self):
        from kennisbank import cache_rules, routes  # noqa: F401 - page-cache rules; routes attach sub-pages
