from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data: the who-can-help directory as Open Referral HSDS 3.0, a
    read-only JSON API of events, articles and organisations, and a calendar
    partner websites embed. No models: everything is read from the apps below."""

    name = "opendata"
    verbose_name = _("Open data")
    shown_on_pages = False

    def ready(self):
        from home.cache import understood_params
        from opendata import api, embed

        understood_params(*api.PARAMS, *embed.PARAMS)
