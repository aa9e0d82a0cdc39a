"""Language helpers: which languages the site has and how a page relates to
its translations.

A page is "translated" into a language when a non-alias page with the same
translation_key is live in that locale. wagtail-localize's synchronised trees
create alias pages for the rest: they show the source page's content in the
other locale's tree. Those aliases are never counted as translations, so
hreflang, the sitemap and the language switcher only promise real ones.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404
from django.utils.translation import get_language, get_language_info, override
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from home.cache import per_generation
from home.i18n import source_version
from home.visibility import public_only

LEGACY = "__was"  # suffix of the route name of a sub-page's former address (home.routing)


def language_choices():
    return list(settings.LANGUAGES)


def language_name(code):
    """The language's name in the active language ("Duits" on a Dutch page)."""
    return dict(settings.LANGUAGES).get(code, code)


def language_name_local(code):
    """The language's name in that language ("Deutsch"), as a switcher shows it."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


def page_versions(page):
    """All live, public pages that share `page`'s translation key, with their locales.

    Translations and aliases all share the key, so this one query answers every
    language question about a page; it is kept on the page object for the
    rest of the request.
    """
    cached = getattr(page, "_versions_cache", None)
    if cached is None:
        # Kept while no version of the page is published, unpublished or
        # deleted: each of those raises every version's `page:` tag.
        cached = per_generation(
            f"page-versions:{page.translation_key}",
            lambda: public_only(
                Page.objects.live()
                .filter(translation_key=page.translation_key)
                .select_related("locale")
                .order_by("pk")
            ),
            tags=[f"page:{page.path}"],
        )
        page._versions_cache = cached
    return cached


def _version(page, pk):
    return next((v for v in page_versions(page) if v.pk == pk), None)


def page_language(page):
    """The language code of the page's locale (its tree), without an extra query."""
    own = _version(page, page.pk)
    return own.locale.language_code if own else page.locale.language_code


def content_source(page):
    """The page whose content `page` shows: itself, or the end of its alias chain."""
    seen = set()
    while page.alias_of_id and page.pk not in seen:
        seen.add(page.pk)
        page = _version(page, page.alias_of_id) or page.alias_of
    return page


def content_language(page):
    """The language the page's text is written in (the source's, for an alias)."""
    return page_language(content_source(page))


def original_version(page):
    """The version the page was first written in (`home.i18n.source_version`'s
    rule), among its live public versions. Usually the Dutch one; a page written
    in German or English first was created in that tree and translated into
    Dutch from it. No extra query: the versions are already loaded for the
    language switcher.
    """
    return source_version(page, versions=page_versions(page)) or content_source(page)


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    # False when the link leads to an untranslated page (an alias showing the
    # text in another language) or to the language's home page instead.
    is_translated: bool
    is_home_fallback: bool = False


def _site_root_translations(request):
    """{language_code: home page} for the request's site, cached on the request."""
    cached = getattr(request, "_home_pages_by_language", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    homes = {}
    if site is not None:
        # A home page published or moved starts a new cache generation.
        homes = per_generation(
            f"home-pages:{site.root_page.translation_key}",
            lambda: {
                home.locale.language_code: home
                for home in Page.objects.filter(translation_key=site.root_page.translation_key)
                .live()
                .select_related("locale")
            },
        )
    request._home_pages_by_language = homes
    return homes


def home_page_for(request, language_code=None):
    """The home page in the given (or the active) language, falling back to the site root."""
    homes = _site_root_translations(request)
    code = language_code or get_language()
    if code in homes:
        return homes[code]
    site = Site.find_for_request(request)
    return site.root_page if site else None


def real_translations(page, versions=None):
    """{language_code: page} of the live translations that are not aliases."""
    versions = page_versions(page) if versions is None else versions
    return {p.locale.language_code: p for p in versions if not p.alias_of_id}


def sub_path_in(page, sub_path, language_code):
    """`sub_path` of routable `page` (in its language) as the same sub-page is
    addressed in `language_code`: "maand/2026/12/" of a Dutch calendar is
    "monat/2026/12/" of the German one. Anything else is returned as it is."""
    if not sub_path or not isinstance(page, RoutablePageMixin):
        return sub_path
    resolver = page.get_resolver()
    try:
        with override(page_language(page)):
            match = resolver.resolve("/" + sub_path.split("?")[0])
        name = match.url_name.removesuffix(LEGACY)
        with override(language_code):
            path = resolver.reverse(name, *match.args, **match.kwargs)
    except (Resolver404, NoReverseMatch):
        return sub_path
    query = sub_path.partition("?")[2]
    return f"{path}?{query}" if query else path


def sub_path(request, page):
    """What follows the page's own URL when a routable page served a sub-route.

    `/de/wer-kann-helfen/provincie-drenthe/` is the directory page serving one
    organisation: its translations, hreflang and canonical must keep
    `provincie-drenthe/`, or every organisation would claim the directory's URL.
    Sub-route words are in the page's language: `sub_path_in` gives the same
    sub-page in another language.
    """
    if request is None or not getattr(request, "routable_resolver_match", None):
        return ""
    own = page.get_url(request) or ""
    path = request.path
    return path[len(own) :] if own and path.startswith(own) else ""


def _with_sub_path(url, suffix, query=""):
    return f"{url}{suffix}{'?' + query if query else ''}"


def language_links(request, page=None, url_for_language=None):
    """The language switcher's links.

    For a Wagtail page: its translation where one exists; else its alias in
    that language (the text in the original language, with a notice); else
    that language's home page. For other views, `url_for_language(code)` gives
    the same view in another language.
    """
    current = get_language()
    versions = page_versions(page) if page is not None else []
    suffix = sub_path(request, page) if page is not None else ""
    routed = page is not None and getattr(request, "routable_resolver_match", None)
    query = request.META.get("QUERY_STRING", "") if routed else ""
    by_language = {}
    for version in versions:
        by_language.setdefault(version.locale.language_code, []).append(version)
    links = []
    for code, _name in settings.LANGUAGES:
        name = language_name_local(code)
        if page is None:
            url = url_for_language(code) if url_for_language else None
            if url is not None:
                links.append(LanguageLink(code, name, url, code == current, True))
            else:
                home = home_page_for(request, code)
                url = home.get_url(request) if home else f"/{code}/"
                fallback = code != current
                links.append(LanguageLink(code, name, url, code == current, not fallback, fallback))
            continue
        candidates = by_language.get(code, [])
        real = next((p for p in candidates if not p.alias_of_id), None)
        alias = next((p for p in candidates if p.alias_of_id), None)
        if code == page_language(page):
            url = _with_sub_path(page.get_url(request), suffix, query)
            links.append(LanguageLink(code, name, url, True, not page.alias_of_id))
        elif real is not None:
            url = _with_sub_path(real.get_url(request), sub_path_in(page, suffix, code), query)
            links.append(LanguageLink(code, name, url, False, True))
        elif alias is not None:
            url = _with_sub_path(alias.get_url(request), sub_path_in(page, suffix, code), query)
            links.append(LanguageLink(code, name, url, False, False))
        else:
            home = home_page_for(request, code)
            url = home.get_url(request) if home else f"/{code}/"
            links.append(LanguageLink(code, name, url, False, False, is_home_fallback=True))
    return links


def alternate_links(request, page):
    """hreflang alternates: every real translation, plus x-default.

    x-default points to the Dutch version when there is one (the site's default
    language), otherwise to the first version that was created.
    """
    translations = real_translations(page)
    if not translations:
        return []
    suffix = sub_path(request, page)
    links = [
        (code, p.get_full_url(request) + sub_path_in(page, suffix, code))
        for code, p in translations.items()
    ]
    order = [code for code, _name in settings.LANGUAGES]
    links.sort(key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    default = translations.get(settings.LANGUAGE_CODE) or min(
        translations.values(), key=lambda p: p.pk
    )
    default_suffix = sub_path_in(page, suffix, default.locale.language_code)
    links.append(("x-default", default.get_full_url(request) + default_suffix))
    return links


def canonical_url(request, page):
    """A page is its own canonical; an alias points to the page whose text it shows."""
    source = content_source(page)
    suffix = sub_path_in(page, sub_path(request, page), page_language(source))
    return source.get_full_url(request) + suffix
