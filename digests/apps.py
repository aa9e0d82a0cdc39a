from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    """E-mail digests: subscribe (double opt-in) to themes, regions, event
    types or a partner section; a weekly or monthly e-mail of new articles and
    upcoming events. Sits above `partners`: it reads the knowledge base, the
    calendar and the partner sections, and none of them knows it."""

    name = "digests"
    verbose_name = _("E-mail digests")
    shown_on_pages = True  # saving its rows invalidates cached pages (home.invalidation)

    def ready(self):
        from digests import cache_rules, routes  # noqa: F401 - page-cache rules; routes attach sub-pages
