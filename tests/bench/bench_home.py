"""The core's pages: home, a translated page, an untranslated (alias) page, search."""

from wagtail.models import Page


def _german_alias_url():
    """A German page that is still an alias of its Dutch source (the demo's
    untranslated pages change as editors translate them)."""
    alias = (
        Page.objects.filter(locale__language_code="de", alias_of__isnull=False, depth__gte=3)
        .order_by("depth", "path")
        .first()
    )
    return alias.url if alias else None


def run(bench):
    bench.render("home page (nl)", "/nl/", target="< 50 ms")
    bench.render("home page (de)", "/de/", target="< 50 ms")
    bench.render("translated page", "/de/ueber-uns/")
    alias_url = _german_alias_url()
    if alias_url:
        bench.render("untranslated page with notice", alias_url)
    bench.render("site search", "/nl/zoeken/?q=dorp")
    bench.render("sitemap.xml", "/sitemap.xml")
    bench.throughput_urls.append(("home page", "/nl/"))
