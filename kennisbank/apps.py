from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisbankConfig(AppConfig):
    name = "kennisbank"
    verbose_name = _("Knowledge base")
    shown_on_pages = True  # saving its rows invalidates the page cache (home.cache)

    def ready(self):
        from kennisbank import routes  # noqa: F401 - attaches the pages' sub-pages
