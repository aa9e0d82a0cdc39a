"""The sitemap (`/sitemap.xml`), built with `wagtail.contrib.sitemaps`.

Every live, public, real (non-alias) page of every language, and the sub-pages
of routable pages that a crawler can reach and may index (theme and
organisation pages, the festival's programme, days, speakers and partners).
Each entry carries its hreflang alternates: the same address under each real
translation, plus x-default.

Wagtail's own `Sitemap` only lists the request's site tree, which is the
default language's (wagtail #12420); aliases are left out because they repeat
another language's text and point to it as canonical.

A page type says which sub-pages it has through `get_sitemap_urls()`; routable
pages (`home.routing.AttachedRoutesMixin`) collect the sub-paths that the apps
attaching their routes declare with `attach_sitemap_paths`, so the app that
serves a sub-page also lists it.
"""

from django.conf import settings
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from home.languages import real_translations, sub_path_in

_LANGUAGE_ORDER = [code for code, _name in settings.LANGUAGES]


def _alternates(page, request, sub_path):
    translations = real_translations(page)
    if len(translations) < 2:
        return []
    codes = sorted(
        translations,
        key=lambda c: _LANGUAGE_ORDER.index(c) if c in _LANGUAGE_ORDER else len(_LANGUAGE_ORDER),
    )
    links = [
        {
            "lang_code": code,
            "location": translations[code].get_full_url(request)
            + sub_path_in(page, sub_path, code),
        }
        for code in codes
    ]
    default = translations.get(settings.LANGUAGE_CODE) or min(
        translations.values(), key=lambda p: p.pk
    )
    default_path = sub_path_in(page, sub_path, default.locale.language_code)
    links.append(
        {"lang_code": "x-default", "location": default.get_full_url(request) + default_path}
    )
    return links


def sitemap_urls(page, request, sub_paths=("",)):
    """Sitemap entries for `page` and its sub-pages (paths relative to the
    page's own URL, "" for the page itself), each with its alternates."""
    url = page.get_full_url(request)
    if not url:
        return []
    lastmod = page.last_published_at or page.latest_revision_created_at
    return [
        {
            "location": url + sub_path,
            "lastmod": lastmod,
            "alternates": _alternates(page, request, sub_path),
        }
        for sub_path in dict.fromkeys(sub_paths)
    ]


def _with_sub_pages(pages):
    """{pk: specific page} of the pages whose type lists more than itself
    (overrides `get_sitemap_urls`): one query per such type, none for the rest."""
    ids_by_class = {}
    for page in pages:
        cls = page.specific_class
        if cls is not None and cls.get_sitemap_urls is not Page.get_sitemap_urls:
            ids_by_class.setdefault(cls, []).append(page.pk)
    return {
        specific.pk: specific
        for cls, ids in ids_by_class.items()
        for specific in cls.objects.filter(pk__in=ids).defer_streamfields()
    }


class SiteSitemap(Sitemap):
    """Every language's pages, with one query for all their translations."""

    limit = 5000

    def items(self):
        return (
            Page.objects.live()
            .public()
            .filter(depth__gt=1, alias_of__isnull=True)
            .select_related("locale")
            .order_by("path")
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        # Every real translation is in this list (live, public, not an alias):
        # give each page its versions so hreflang needs no query per page.
        by_key = {}
        for item in pages:
            by_key.setdefault(item.translation_key, []).append(item)
        listing = _with_sub_pages(pages)
        urls = []
        for item in pages:
            item._versions_cache = by_key[item.translation_key]
            specific = listing.get(item.pk)
            if specific is None:
                urls.extend(sitemap_urls(item, self.request))
            else:
                specific.locale = item.locale
                specific._versions_cache = item._versions_cache
                urls.extend(specific.get_sitemap_urls(self.request))
        lastmods = [entry.get("lastmod") for entry in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
