from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisbankConfig(AppConfig):
    name = "kennisbank"
    verbose_name = _("Knowledge base")

    def ready(self):
        from kennisbank import routes  # noqa: F401 - attaches the pages' sub-pages
