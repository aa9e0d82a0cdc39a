"""The knowledge base's routes: the faceted index, theme pages, the organisation
directory and organisation pages. Views turn the request into calls to
`facets`, `directory` and `services` and render the result."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from home.filters import Chip, without
from home.i18n import localized, localized_queryset
from home.models import Organisation, OrganisationRegion, OrganisationTheme, Region, Theme
from kennisbank import directory as directory_filters
from kennisbank import facets, services
from kennisbank.models import ArticleOrganisation, ArticlePage, ArticleTheme


def active_filters(request, facet_list, query):
    """A chip for each chosen value and for the search words (sorting by
    relevance goes with them)."""
    chips = [
        Chip(
            facet.label,
            option.label,
            without(request.GET, facet.name, option.value, path=request.path),
        )
        for facet in facet_list
        for option in facet.selected
    ]
    if query.q:
        chips.append(
            Chip(_("Search"), query.q, without(request.GET, "q", also=["sort"], path=request.path))
        )
    return chips


def article_base(index_page):
    """The live, public articles under this language's knowledge base."""
    return ArticlePage.objects.live().public().child_of(index_page)


def article_index(request, index_page):
    query = facets.ArticleQuery.from_request(request)
    result = facets.run(index_page, article_base(index_page), query)
    page_obj = Paginator(result.articles, index_page.per_page).get_page(request.GET.get("page"))
    if query.sort == "relevance" and query.q:
        chosen = services.listing_queryset(ArticlePage.objects.filter(pk__in=page_obj.object_list))
        by_pk = {p.pk: p for p in chosen}
        pages = [by_pk[pk] for pk in page_obj.object_list if pk in by_pk]
    else:
        pages = services.listing_queryset(page_obj.object_list)
    cards = services.decorate(pages, request, kinds=result.kinds, themes=result.themes)
    index_url = index_page.get_url(request)
    feed_url, theme_feed_url = announced_feeds(index_page, index_url, query)
    theme_feed = None
    if theme_feed_url:
        name = next((t.name for t in result.themes.values() if t.slug == query.theme[0]), "")
        theme_feed = {"url": theme_feed_url, "name": name}
    return index_page.render(
        request,
        context_overrides={
            "query": query,
            "facets": result.facets,
            "active_filters": active_filters(request, result.facets, query),
            "page_obj": page_obj,
            "cards": cards,
            "result_count": page_obj.paginator.count,
            "feed_url": feed_url,
            "theme_feed": theme_feed,
            "themes": sorted(result.themes.values(), key=lambda t: t.name.lower()),
        },
    )


def announced_feeds(index_page, index_url, query):
    """(the knowledge base's feed, the feed that matches this view), each only
    when it has items. The unfiltered index is its language's feed; a view
    filtered by one theme alone is that theme's feed; other filtered views
    match no feed, so they announce none in the head."""
    theme = query.theme[0] if len(query.theme) == 1 else None
    if query.q or any(getattr(query, name) for name in facets.FACETS if name != "theme"):
        theme = None
    everything, on_theme = services.feeds_have_items(index_page, theme)
    return (
        f"{index_url}feed/" if everything else None,
        f"{index_url}thema/{theme}/feed/" if on_theme else None,
    )


def theme_landing(request, index_page, slug):
    themes = localized(Theme)
    theme = next((t for t in themes.values() if t.slug == slug), None)
    if theme is None:
        raise Http404(_("There is no such theme."))
    queryset = (
        article_base(index_page)
        .filter(
            pk__in=ArticleTheme.objects.filter(theme__translation_key=theme.translation_key).values(
                "page_id"
            )
        )
        .order_by("-publication_date", "-pk")
    )
    page_obj = Paginator(queryset, index_page.per_page).get_page(request.GET.get("page"))
    cards = services.decorate(
        services.listing_queryset(page_obj.object_list), request, themes=themes
    )
    index_url = index_page.get_url(request)
    directory = services.directory_page()
    everything, on_theme = services.feeds_have_items(index_page, theme.slug)
    return index_page.render(
        request,
        template="kennisbank/theme_page.html",
        context_overrides={
            "theme": theme,
            "theme_keys": [theme.translation_key],
            "page_obj": page_obj,
            "cards": cards,
            "index_url": index_url,
            "feed_url": f"{index_url}thema/{theme.slug}/feed/" if on_theme else None,
            "index_feed_url": f"{index_url}feed/" if everything else None,
            "other_themes": sorted(
                (t for t in themes.values() if t.translation_key != theme.translation_key),
                key=lambda t: t.name.lower(),
            ),
            "directory_url": (
                f"{directory.get_url(request)}?theme={theme.slug}" if directory else None
            ),
        },
    )


def organisation_directory(request, page):
    query = directory_filters.DirectoryQuery.from_request(request)
    base = localized_queryset(Organisation)
    themes = localized(Theme)
    regions = localized(Region)
    filter_facets = directory_filters.facets(base, query, themes, regions)
    organisations = directory_filters.apply(base, query).select_related("logo").order_by("name")
    page_obj = Paginator(organisations, page.per_page).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    keys = [o.translation_key for o in rows]
    region_keys = {}
    for org_id, key in OrganisationRegion.objects.filter(
        organisation__in=[o.pk for o in rows]
    ).values_list("organisation_id", "region__translation_key"):
        region_keys.setdefault(org_id, []).append(key)
    article_counts = services.article_counts_by_organisation(keys)
    directory_url = page.get_url(request)
    entries = [
        {
            "organisation": o,
            "url": f"{directory_url}{o.slug}/",
            "regions": [regions[k] for k in region_keys.get(o.pk, []) if k in regions],
            "article_count": article_counts.get(o.translation_key, 0),
        }
        for o in rows
    ]
    return page.render(
        request,
        context_overrides={
            "query": query,
            "facets": filter_facets,
            "active_filters": active_filters(request, filter_facets, query),
            "page_obj": page_obj,
            "entries": entries,
            "result_count": page_obj.paginator.count,
            "kennisbank_url": services.kennisbank_url(request, query),
        },
    )


def organisation_detail(request, page, slug):
    organisation = services.organisation_by_slug(slug)
    if organisation is None:
        raise Http404(_("There is no such organisation."))
    theme_keys = list(
        OrganisationTheme.objects.filter(organisation=organisation).values_list(
            "theme__translation_key", flat=True
        )
    )
    region_keys = list(
        OrganisationRegion.objects.filter(organisation=organisation).values_list(
            "region__translation_key", flat=True
        )
    )
    themes = localized(Theme, theme_keys)
    regions = localized(Region, region_keys)
    articles = services.articles_of_organisations(request, [organisation.translation_key], limit=12)
    total = (
        services.articles_in_language()
        .filter(
            pk__in=ArticleOrganisation.objects.filter(
                organisation__translation_key=organisation.translation_key
            ).values("page_id")
        )
        .count()
    )
    kennisbank = services.kennisbank_page()
    return page.render(
        request,
        template="kennisbank/organisation_page.html",
        context_overrides={
            "organisation": organisation,
            "organisation_lang": organisation.locale.language_code,
            "themes": [themes[k] for k in theme_keys if k in themes],
            "regions": [regions[k] for k in region_keys if k in regions],
            "cards": articles,
            "article_total": total,
            "all_articles_url": (
                f"{kennisbank.get_url(request)}?organisation={organisation.slug}"
                if kennisbank
                else None
            ),
            "directory_url": page.get_url(request),
            "organisation_keys": [organisation.translation_key],
            "kind_label": organisation.get_kind_display(),
            "country_label": organisation.get_country_display(),
        },
    )
