"""Template tags for every page: site text, navigation, breadcrumbs, languages."""

from django import template
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from home import hooks, languages
from home.blocks import fill_rows
from home.cache import per_generation
from home.i18n import localized
from home.models import SiteSettings
from home.site_text import site_text_for
from home.visibility import public_only

register = template.Library()


def _page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.simple_tag(takes_context=True)
def site_text(context):
    """The SiteText in the active language (see `home.site_text`)."""
    return site_text_for(context.get("request"))


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The privacy and accessibility statements in the active language: {name: page}."""
    request = context.get("request")
    if request is None:
        return {}
    settings = SiteSettings.for_request(request)
    ids = {"privacy": settings.privacy_page_id, "accessibility": settings.accessibility_page_id}
    # The chosen pages change with the settings (a new cache generation); their
    # versions in each language with their `page:` tags.
    chosen = per_generation(f"footer-pages:{settings.pk}", lambda: _chosen_pages(ids))
    return per_generation(
        f"footer-pages:{settings.pk}:{get_language()}",
        lambda: _footer_versions(chosen),
        tags=[f"page:{page.path}" for page in chosen.values()],
    )


def _chosen_pages(ids):
    pages = Page.objects.in_bulk([pk for pk in ids.values() if pk])
    return {name: pages[pk] for name, pk in ids.items() if pk in pages}


def _footer_versions(chosen):
    found = localized(Page.objects.live(), chosen.values())
    return {name: found[page.translation_key] for name, page in chosen.items()}


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The footer links other apps add (home.hooks.FOOTER_LINKS): [(label, url)]."""
    request = context.get("request")
    return hooks.footer_links(request) if request is not None else []


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """Children of the current language's home page that are marked 'show in menus'."""
    request = context["request"]
    home = languages.home_page_for(request)
    current = _page(context)
    items = []
    if home is not None:
        # Once per cache generation: a page at the menu's level that is
        # published, moved or deleted starts a new one (home.invalidation).
        # Read every time, the children of a home page with 10,000 pages below
        # it cost a scan of all of them (1.5 ms on every page).
        children = per_generation(
            f"main-menu:{home.pk}",
            lambda: public_only(
                home.get_children().live().in_menu().select_related("alias_of__locale", "locale")
            ),
        )
        for child in children:
            active = current is not None and (
                current.pk == child.pk or current.path.startswith(child.path)
            )
            lang = child.alias_of.locale.language_code if child.alias_of_id else None
            items.append(
                {"page": child, "url": child.get_url(request), "active": active, "lang": lang}
            )
    match = getattr(request, "resolver_match", None)
    return {
        "request": request,
        "home_url": home.get_url(request) if home else "/",
        "items": items,
        "search_active": match is not None and match.url_name == "search",
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = _page(context)
    request = context["request"]
    if page is None or page.depth <= 2:
        return {"crumbs": []}
    # Kept while no ancestor is published again (each raises `under:` its
    # path); a move starts a new cache generation.
    step = Page.steplen
    ancestors = per_generation(
        f"ancestors:{page.path}",
        lambda: public_only(page.get_ancestors().filter(depth__gt=1).live()),
        tags=[f"under:{page.path[:end]}" for end in range(step, len(page.path), step)],
    )
    crumbs = [{"title": a.title, "url": a.get_url(request)} for a in ancestors]
    crumbs.append({"title": page.title, "url": None})
    return {"crumbs": crumbs}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    page = _page(context)

    def same_view(code):
        # Our own views (search) live under i18n_patterns: translate the path.
        # Anything else (a 404 under Wagtail's catch-all) goes to the home page.
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name in (None, "wagtail_serve"):
            return None
        return translate_url(request.get_full_path(), code)

    links = languages.language_links(request, page=page, url_for_language=same_view)
    return {"links": links}


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """[(hreflang, url)] for the head, or [] on pages without translations."""
    page = _page(context)
    if page is None:
        return []
    return languages.alternate_links(context["request"], page)


@register.simple_tag(takes_context=True)
def extra_head_links(context):
    """[(rel, type, href)] that apps add to a page's head (home.hooks.HEAD_LINKS)."""
    page = _page(context)
    if page is None or "request" not in context:
        return []
    return hooks.head_links(context["request"], page)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    page = _page(context)
    request = context["request"]
    if page is None:
        return request.build_absolute_uri(request.path)
    return languages.canonical_url(request, page)


@register.inclusion_tag("components/fallback_notice.html", takes_context=True)
def fallback_notice(context):
    """A notice on alias pages whose text is still in another language."""
    page = _page(context)
    if page is None or not page.alias_of_id:
        return {"show": False}
    source_code = languages.content_language(page)
    page_code = languages.page_language(page)
    if source_code == page_code:
        return {"show": False}
    request = context["request"]
    source = languages.content_source(page)
    # The text shown may itself be a translation (an English alias of the Dutch
    # translation of a German page): then say so, and lead to the original.
    original = languages.original_version(page)
    original_code = original.locale.language_code
    is_translation = original.pk != source.pk and original_code != source_code
    return {
        "show": True,
        "language": languages.language_name(page_code),
        "source_language": languages.language_name(source_code),
        "source_code": source_code,
        "source_url": source.get_url(request),
        "is_translation": is_translation,
        "original_language": languages.language_name(original_code),
        "original_code": original_code,
        "original_url": original.get_url(request) if is_translation else None,
    }


@register.filter
def content_language(page):
    """The language code of the text a page shows (differs from the locale on aliases)."""
    if not isinstance(page, Page):
        return get_language()
    return languages.content_language(page)


@register.filter
def whole_rows(items):
    """The items of a home page section cut to whole rows (`home.blocks.fill_rows`)."""
    return fill_rows(items)
