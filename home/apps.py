from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")
    shown_on_pages = True  # saving its rows invalidates cached pages (home.invalidation)

    def ready(self):
        from wagtail.images.models import AbstractImage, AbstractRendition
        from wagtail.models import Locale, PageViewRestriction, Site

        from home import invalidation
        from home.models import Organisation, Person, Region, SiteSettings, SiteText, Theme, Venue

        # The footer, the menu's settings, languages and who may see what: everywhere.
        invalidation.site_wide(SiteSettings, SiteText, Site, Locale, PageViewRestriction)
        # Shared snippets and images: the pages that refer to them.
        invalidation.on_change(Theme, Region, Organisation, Person, Venue, AbstractImage)(
            invalidation.republished
        )
        invalidation.ignore(AbstractRendition)
        invalidation.connect()
