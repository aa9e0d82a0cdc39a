from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Cross-border partner pages and their editor sections. Sits above the
    knowledge base and the events: a partner page composes both."""

    name = "partners"
    verbose_name = _("Partners")
    shown_on_pages = True  # saving its rows invalidates the page cache (home.cache)

    def ready(self):
        from events.models import EventPage
        from partners import signals  # noqa: F401 - connects the receivers
        from partners.models import PartnerPage

        # A partner's own events may live below its page.
        EventPage.allow_parent_types(PartnerPage)
