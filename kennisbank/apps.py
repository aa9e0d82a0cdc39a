from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisbankConfig(AppConfig):
    name = "kennisbank"
    verbose_name = _("Knowledge base")

    def ready(self):
        from kennisbank import signals  # noqa: F401 - connects the receivers
