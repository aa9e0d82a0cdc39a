"""The sub-pages of the knowledge base and the directory, attached at start-up:
theme landing pages, RSS feeds and an address per organisation."""

from django.utils.translation import pgettext_lazy

from home import conditional
from home.cache import understood_params
from home.models import Organisation, Theme
from home.routing import page_re_route, page_route, route_pattern
from kennisbank import check_views, directory, facets, feeds, views
from kennisbank.models import KennisbankIndexPage, OrganisationDirectoryPage


def article_feed(request, index, slug=None):
    """The feed, or 304 for a reader that has the current one (see `home.conditional`)."""
    changed, *depends_on = feeds.last_change(index)
    return conditional.conditional(
        request,
        conditional.version(request, changed, *depends_on),
        lambda: feeds.ArticleFeed()(request, index_page=index, theme_slug=slug),
    )


KennisbankIndexPage.attach_routes(
    page_route("", views.article_index, name="index_view"),
    page_re_route(
        route_pattern(r"^{}/(?P<slug>[-\w]+)/$", pgettext_lazy("URL path", "theme")),
        views.theme_landing,
        name="theme_view",
        was=r"^thema/(?P<slug>[-\w]+)/$",
    ),
    # Feeds keep one address in every language: feed readers poll them.
    page_route("feed/", article_feed, name="feed_view"),
    page_re_route(r"^thema/(?P<slug>[-\w]+)/feed/$", article_feed, name="theme_feed_view"),
)
OrganisationDirectoryPage.attach_routes(
    page_route("", views.organisation_directory, name="directory_view"),
    page_re_route(
        r"^check/(?P<token>[A-Za-z0-9_-]+)/$",
        check_views.organisation_check,
        name="organisation_check",
    ),
    page_route("<slug:slug>/", views.organisation_detail, name="organisation_view"),
)
# The knowledge base's facets and the directory's filters may be part of a
# page-cache key (home/cache.py).
understood_params(*facets.FACETS, *directory.FILTERS, "sort")


def _slugs(request, model):
    """Every slug of `model` (slugs are the same in each language), read once per
    sitemap request however many language versions ask."""
    cache = getattr(request, "_sitemap_slugs", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._sitemap_slugs = cache
    if model not in cache:
        cache[model] = sorted(set(model.objects.values_list("slug", flat=True)))
    return cache[model]


def theme_paths(index, request):
    """A theme page for every theme, in each language's knowledge base."""
    return [index.reverse_subpage("theme_view", kwargs={"slug": s}) for s in _slugs(request, Theme)]


def organisation_paths(directory, request):
    """A page for every organisation in the directory."""
    return [
        directory.reverse_subpage("organisation_view", kwargs={"slug": s})
        for s in _slugs(request, Organisation)
    ]


KennisbankIndexPage.attach_sitemap_paths(theme_paths)
OrganisationDirectoryPage.attach_sitemap_paths(organisation_paths)
