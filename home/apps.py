from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")
    shown_on_pages = True  # saving its rows invalidates the page cache (home.cache)
