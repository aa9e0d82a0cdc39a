"""The knowledge base's rules: reading time, snippets in the reader's language,
article cards in bulk, related articles and the article page's structured data.

Every function that touches a list costs a fixed number of queries, whatever
the number of articles: lists are decorated in bulk, never per item.
"""

import json
import math
import re
from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.db.models.functions import Length, Substr
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from home import languages
from home.i18n import localized
from home.models import Organisation, Theme
from home.site_text import site_text_for
from kennisbank.models import (
    ArticleAuthor,
    ArticleKind,
    ArticleOrganisation,
    ArticlePage,
    ArticlePhotographer,
    ArticleRegion,
    ArticleTheme,
    OrganisationDirectoryPage,
)

WORDS_PER_MINUTE = 200
# One rendition per listing image: templates use exactly this spec, so the
# prefetched rendition is the one they ask for.
CARD_IMAGE_SPEC = "fill-640x360|format-webp"
HERO_IMAGE_SPEC = "width-1200|format-webp"
# The site's mark for search engines (the publisher of every article).
# A raster logo with its size: search engines read no SVG as a publisher logo.
PUBLISHER_LOGO = ("logo-144.png", 144, 144)
WORD = re.compile(r"\w+", re.UNICODE)


# -- Reading time ----------------------------------------------------------------------


def _texts(value):
    """Every human-readable string inside a block value (rich text, lists, structs)."""
    if value is None or isinstance(value, bool | int | float):
        return
    if hasattr(value, "source"):  # RichText
        yield strip_tags(value.source)
    elif isinstance(value, str):
        yield value
    elif isinstance(value, dict):  # StructValue
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple) or hasattr(value, "__iter__"):
        try:
            items = list(value)
        except TypeError:
            return
        for item in items:
            yield from _texts(getattr(item, "value", item))


def body_text(stream):
    """The plain text of a StreamField value, block by block."""
    parts = []
    for block in stream or []:
        if block.block_type in {"image", "embed", "document"}:
            # Captions and link texts are short; they do not add reading time.
            continue
        parts.extend(_texts(block.value))
    return " ".join(parts)


def reading_time(stream, extra=""):
    """Minutes to read: words / 200, rounded up, at least one minute."""
    words = len(WORD.findall(body_text(stream))) + len(WORD.findall(extra))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


# -- Snippets in the reader's language --------------------------------------------------


def organisation_by_slug(slug):
    """The organisation with this slug, in the reader's language (home.i18n's fallback)."""
    found = localized(
        Organisation.objects.select_related("locale", "logo"),
        Organisation.objects.filter(slug=slug),
    )
    return next(iter(found.values()), None)


def directory_page():
    """The organisation directory of the active language (or None)."""
    return (
        OrganisationDirectoryPage.objects.live()
        .public()
        .filter(locale__language_code=get_language())
        .first()
    )


def organisation_url(directory, organisation, request=None):
    if directory is None:
        return None
    return f"{directory.get_url(request)}{organisation.slug}/"


# -- Article lists ----------------------------------------------------------------------


def listing_queryset(queryset):
    """What an article card needs, loaded with the articles (images with their rendition)."""
    Image = get_image_model()
    return (
        queryset.select_related("locale", "alias_of__locale", "kind")
        .prefetch_related(
            Prefetch("hero_image", queryset=Image.objects.prefetch_renditions(CARD_IMAGE_SPEC))
        )
        .defer("body")
    )


@dataclass
class Card:
    page: object
    url: str
    kind: object
    themes: list
    content_lang: str


def decorate(pages, request, kinds=None, themes=None):
    """Cards for a page of articles: kind and themes in the reader's language.

    Three queries for any number of articles (theme links, kinds, themes); pass
    `kinds`/`themes` maps already loaded to save those.
    """
    pages = list(pages)
    if not pages:
        return []
    links = ArticleTheme.objects.filter(page__in=[p.pk for p in pages]).values_list(
        "page_id", "theme__translation_key"
    )
    themes_by_page = {}
    for page_id, key in links.order_by("sort_order", "pk"):
        themes_by_page.setdefault(page_id, []).append(key)
    kinds = kinds if kinds is not None else localized(ArticleKind)
    themes = themes if themes is not None else localized(Theme)
    cards = []
    for page in pages:
        source = page.alias_of if page.alias_of_id else page
        cards.append(
            Card(
                page=page,
                url=page.get_url(request),
                kind=kinds.get(page.kind.translation_key) if page.kind_id else None,
                themes=[themes[k] for k in themes_by_page.get(page.pk, []) if k in themes],
                content_lang=source.locale.language_code,
            )
        )
    return cards


def articles_in_language():
    """Live, public articles of the active language's tree (translations and aliases)."""
    return ArticlePage.objects.live().public().filter(locale__language_code=get_language())


def latest_articles(request, count=3, theme=None):
    """The newest articles of the active language, optionally of one theme."""
    queryset = articles_in_language()
    if theme is not None:
        queryset = queryset.filter(
            pk__in=ArticleTheme.objects.filter(theme__translation_key=theme.translation_key).values(
                "page_id"
            )
        )
    pages = listing_queryset(queryset).order_by("-publication_date", "-pk")[:count]
    return decorate(pages, request)


# -- The article page -------------------------------------------------------------------


def linked(link_model, field, page):
    """The snippets `page` links to through `link_model.field`, in the editor's
    order and the reader's language: two queries."""
    links = link_model.objects.filter(page=page).select_related(field).order_by("sort_order", "pk")
    sources = [getattr(link, field) for link in links]
    if not sources:
        return []
    found = localized(type(sources[0]), sources)
    return [found[s.translation_key] for s in sources]


def related_articles(request, page, theme_keys, limit=3, **maps):
    """Other articles of this language sharing a theme, newest first (`maps`:
    `decorate`'s kinds and themes, when already loaded)."""
    if not theme_keys:
        return []
    queryset = (
        articles_in_language()
        .exclude(translation_key=page.translation_key)
        .filter(
            pk__in=ArticleTheme.objects.filter(theme__translation_key__in=theme_keys).values(
                "page_id"
            )
        )
        .order_by("-publication_date", "-pk")
    )
    return decorate(listing_queryset(queryset)[:limit], request, **maps)


def articles_of_organisations(request, organisation_keys, exclude_keys=(), limit=3, **maps):
    """Articles of this language that name one of these organisations, newest first."""
    if not organisation_keys:
        return []
    queryset = (
        articles_in_language()
        .exclude(translation_key__in=list(exclude_keys))
        .filter(
            pk__in=ArticleOrganisation.objects.filter(
                organisation__translation_key__in=list(organisation_keys)
            ).values("page_id")
        )
        .order_by("-publication_date", "-pk")
    )
    if limit:
        queryset = queryset[:limit]
    return decorate(listing_queryset(queryset), request, **maps)


def share_links(url, title):
    """Plain links to share an article: no third-party scripts, no tracking pixels."""
    from urllib.parse import quote

    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        ("email", "E-mail", f"mailto:?subject={t}&body={u}"),
        ("linkedin", "LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("whatsapp", "WhatsApp", f"https://wa.me/?text={t}%20{u}"),
        ("bluesky", "Bluesky", f"https://bsky.app/intent/compose?text={t}%20{u}"),
    ]


def json_ld(data):
    """A dict as the body of a <script type="application/ld+json">, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above; JSON cannot close the script tag


def _published_at(page):
    """The publication date with a time and offset: the moment of first
    publication when it fell on that date, else the start of the date (site's
    time zone)."""
    zone = timezone.get_default_timezone()
    first = page.first_published_at
    if first and first.astimezone(zone).date() == page.publication_date:
        moment = first.astimezone(zone)
    else:
        moment = datetime.combine(page.publication_date, time(), tzinfo=zone)
    return moment.isoformat(timespec="seconds")


def article_structured_data(request, page, authors, hero_url, publisher, canonical, organisations):
    """schema.org `Article`. The author is always named: the people who wrote
    it, else the organisations it is about, else the publisher (the site's
    organisation). `url` is the canonical page, also on an alias."""
    author = [{"@type": "Person", "name": person.name} for person in authors] or [
        {"@type": "Organization", "name": o.name, **({"url": o.website} if o.website else {})}
        for o in organisations
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "description": page.search_description or page.intro,
        "datePublished": _published_at(page),
        "inLanguage": languages.content_language(page),
        "mainEntityOfPage": canonical,
        "url": canonical,
        "author": author or [publisher],
        "publisher": publisher,
    }
    # An alias is never published itself: its text changed when its source did.
    modified = page.last_published_at or languages.content_source(page).last_published_at
    if modified:
        modified = modified.astimezone(timezone.get_default_timezone())
        data["dateModified"] = modified.isoformat(timespec="seconds")
    if hero_url:
        data["image"] = [hero_url]
    return data


def publisher_data(request):
    """The site's organisation as schema.org `Organization`, with its logo."""
    text = site_text_for(request)
    return {
        "@type": "Organization",
        "name": text.organisation_name if text else settings.WAGTAIL_SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(PUBLISHER_LOGO[0])),
            "width": PUBLISHER_LOGO[1],
            "height": PUBLISHER_LOGO[2],
        },
    }


def article_context(request, page):
    """Everything the article page shows besides its own fields."""
    themes = linked(ArticleTheme, "theme", page)
    regions = linked(ArticleRegion, "region", page)
    organisations = linked(ArticleOrganisation, "organisation", page)
    authors = linked(ArticleAuthor, "person", page)
    photographers = linked(ArticlePhotographer, "person", page)
    kind = None
    if page.kind_id:
        found = localized(ArticleKind, ArticleKind.objects.filter(pk=page.kind_id))
        kind = next(iter(found.values()), None)
    theme_keys = [t.translation_key for t in themes]
    organisation_keys = [o.translation_key for o in organisations]
    # The two lists of cards share one read of the kinds and themes.
    maps = (
        {"kinds": localized(ArticleKind), "themes": localized(Theme)}
        if theme_keys or organisation_keys
        else {}
    )
    related = related_articles(request, page, theme_keys, **maps)
    more = articles_of_organisations(
        request,
        organisation_keys,
        exclude_keys=[page.translation_key, *(c.page.translation_key for c in related)],
        **maps,
    )
    directory = directory_page()
    hero_url = None
    hero = None
    if page.hero_image_id:
        hero = page.hero_image.get_rendition(HERO_IMAGE_SPEC)
        hero_url = request.build_absolute_uri(hero.url)
    canonical = languages.canonical_url(request, page)
    data = article_structured_data(
        request, page, authors, hero_url, publisher_data(request), canonical, organisations
    )
    index = page.get_parent()
    return {
        "kind": kind,
        "themes": themes,
        "regions": regions,
        "organisations": [(o, organisation_url(directory, o, request)) for o in organisations],
        "authors": authors,
        "photographers": photographers,
        "tags": list(page.tags.all()),
        "related": related,
        "more_from_organisations": more,
        "theme_keys": theme_keys,
        "organisation_keys": organisation_keys,
        "hero": hero,
        "hero_url": hero_url,
        "share_links": share_links(page.get_full_url(request), page.title),
        "json_ld": json_ld(data),
        "index_page": index,
        "feed_url": (
            f"{index.get_url(request)}feed/" if index and feeds_have_items(index)[0] else None
        ),
    }


def kennisbank_page():
    """The knowledge base of the active language (or None)."""
    from kennisbank.models import KennisbankIndexPage

    return (
        KennisbankIndexPage.objects.live()
        .public()
        .filter(locale__language_code=get_language())
        .first()
    )


def kennisbank_url(request, directory_query=None):
    """The knowledge base's address, filtered by the directory's theme and region choices."""
    from urllib.parse import urlencode

    index = kennisbank_page()
    if index is None:
        return None
    params = []
    if directory_query is not None:
        params = [("theme", v) for v in directory_query.theme]
        params += [("region", v) for v in directory_query.region]
    url = index.get_url(request)
    return f"{url}?{urlencode(params)}" if params else url


def article_counts_by_organisation(keys):
    """{organisation translation_key: number of articles in the active language}."""
    if not keys:
        return {}
    return dict(
        ArticleOrganisation.objects.filter(
            organisation__translation_key__in=list(keys),
            page__in=articles_in_language().values("pk"),
        )
        .values("organisation__translation_key")
        .annotate(n=Count("page", distinct=True))
        .values_list("organisation__translation_key", "n")
    )


# What the knowledge base's feeds list (kennisbank.feeds writes them; pages ask
# whether a feed would be empty before they announce it).


def theme_pages(theme_keys):
    """The pages on any of the themes with these translation keys (a subquery)."""
    return ArticleTheme.objects.filter(theme__translation_key__in=theme_keys).values("page_id")


def feed_articles(index):
    """The articles a feed of this knowledge base may list: live, public and
    written or translated in its language (no aliases)."""
    return ArticlePage.objects.live().public().child_of(index).filter(alias_of__isnull=True)


def feeds_have_items(index, theme_slug=None):
    """(whether the knowledge base's feed has items, whether the feed of the
    theme with `theme_slug` has; None without a theme): one query that stops
    at the first article of each, so a page can leave out a feed that would be
    empty. Theme slugs are the same in every language.

    The same articles as `feed_articles`, with the view restrictions in the
    query (a restricted page's path is a prefix of the article's) rather than
    read first as `public()` does."""
    # Read from the restricted pages (few) by their ids: asked through the
    # restrictions' join, SQLite scanned every page for every article (0.5 s
    # at 1,000 articles).
    restricted = Page.objects.filter(
        pk__in=PageViewRestriction.objects.values("page_id"),
        path=Substr(OuterRef("path"), 1, Length("path")),
    )
    articles = (
        ArticlePage.objects.live()
        .child_of(index)
        .filter(alias_of__isnull=True)
        .exclude(Exists(restricted))
    )
    flags = {"all": Exists(articles)}
    if theme_slug:
        keys = Theme.objects.filter(slug=theme_slug).values("translation_key")
        flags["theme"] = Exists(articles.filter(pk__in=theme_pages(keys)))
    row = Page.objects.filter(pk=index.pk).values(**flags).get()
    return row["all"], row.get("theme")
