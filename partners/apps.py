from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Cross-border partner pages and their editor sections. Sits above the
    knowledge base and the events: a partner page composes both."""

    name = "partners"
    verbose_name = _("Partners")
    shown_on_pages = True  # saving its rows invalidates cached pages (home.invalidation)

    def ready(self):
        from events.cache_rules import EVENT_LISTS
        from events.models import EventPage
        from home.invalidation import page_depends_on
        from kennisbank.cache_rules import KB_LISTS
        from partners import signals  # noqa: F401 - connects the receivers
        from partners.models import PartnerIndexPage, PartnerPage

        # A partner's own events may live below its page.
        EventPage.allow_parent_types(PartnerPage)
        # Partner pages show articles and events of their organisations.
        page_depends_on(PartnerPage, KB_LISTS, EVENT_LISTS)
        page_depends_on(PartnerIndexPage, KB_LISTS, EVENT_LISTS)
