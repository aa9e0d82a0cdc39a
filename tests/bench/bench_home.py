"""The core's pages: home, a translated page, an untranslated (alias) page, search."""


def run(bench):
    bench.render("home page (nl)", "/nl/", target="< 50 ms")
    bench.render("home page (de)", "/de/", target="< 50 ms")
    bench.render("translated page", "/de/ueber-uns/")
    bench.render("untranslated page with notice", "/de/privacyverklaring/")
    bench.render("site search", "/nl/zoeken/?q=dorp")
    bench.render("sitemap.xml", "/sitemap.xml")
    bench.throughput_urls.append(("home page", "/nl/"))
