from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")
    shown_on_pages = True  # saving its rows invalidates cached pages (home.invalidation)

    def ready(self):
        from django.db.models import Field, ForeignObject
        from wagtail.images.models import AbstractImage, AbstractRendition
        from wagtail.models import Locale, PageViewRestriction, Site

        from home import db_datetimes, invalidation, search_names, visibility
        from home.idsets import InIds
        from home.models import Organisation, Person, Region, SiteSettings, SiteText, Theme, Venue

        # The footer, the menu's settings, languages and who may see what: everywhere.
        invalidation.site_wide(SiteSettings, SiteText, Site, Locale, PageViewRestriction)
        # Shared snippets and images: the pages that refer to them.
        invalidation.on_change(Theme, Region, Organisation, Person, Venue, AbstractImage)(
            invalidation.republished
        )
        invalidation.ignore(AbstractRendition)
        invalidation.connect()
        search_names.connect()
        visibility.read_restrictions_once()
        _transliterate_translated_slugs()
        # field__in_ids=[…]: ids as one parameter.
        Field.register_lookup(InIds)
        ForeignObject.register_lookup(InIds)
        db_datetimes.connect()


def _transliterate_translated_slugs():
    """Give translated pages slugs as their language writes them.

    wagtail-localize copies the translated slug onto the page and then passes it
    through Django's `slugify`, which drops umlauts ("Eröffnung" → "eroffnung").
    It offers no hook for that step, so the slug is written out in the target
    language (`home.slugs`) right after the translated text is put in and
    before its own `slugify` runs, which then finds nothing left to drop.
    """
    from wagtail_localize import models as localize_models

    from home.slugs import slugify

    ingest = localize_models.ingest_segments
    if getattr(ingest, "transliterates_slugs", False):
        return

    def ingest_segments(original_obj, translated_obj, src_locale, tgt_locale, segments):
        ingest(original_obj, translated_obj, src_locale, tgt_locale, segments)
        slug = getattr(translated_obj, "slug", None)
        if slug and hasattr(translated_obj, "get_parent"):
            translated_obj.slug = slugify(slug, tgt_locale.language_code) or slug

    ingest_segments.transliterates_slugs = True
    localize_models.ingest_segments = ingest_segments
