"""The site-wide words (organisation name, tagline, footer) in the reader's language."""

from django.db.models import Subquery
from django.utils.translation import get_language

from home.cache import per_generation
from home.models import SiteSettings, SiteText


def site_text_for(request):
    """The SiteText in the active language, falling back to the one linked in settings."""
    if request is None:
        return None
    cache_key = f"_site_text_{get_language()}"
    if hasattr(request, cache_key):
        return getattr(request, cache_key)
    settings = SiteSettings.for_request(request)
    text = None
    if settings.site_text_id:
        language = get_language()

        def localized_text():
            # The linked text and its translations share a key: one query finds
            # the active language's version, or the linked one as a fallback.
            same_key = SiteText.objects.filter(pk=settings.site_text_id).values("translation_key")
            versions = SiteText.objects.filter(translation_key=Subquery(same_key))
            by_code = {v.locale.language_code: v for v in versions.select_related("locale")}
            linked = next((v for v in by_code.values() if v.pk == settings.site_text_id), None)
            return by_code.get(language, linked)

        text = per_generation(f"site-text:{settings.site_text_id}:{language}", localized_text)
    setattr(request, cache_key, text)
    return text
