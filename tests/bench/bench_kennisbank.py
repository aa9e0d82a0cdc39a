"""The knowledge base with 1,000 and then 10,000 articles: index, filters,
search, theme page, directory and feed; each query count must be no more than
the one with the demo's dozen.

The first 1,000 articles are written one by one as an editor publishes them.
The next 9,000 go in as a data import would (pages in bulk with their tree
paths, then the search backend's bulk add, as `update_index` fills the index):
publishing 9,000 pages one by one would take most of an hour. Their titles,
introductions and bodies are drawn from a Dutch word list (a fixed seed), and
about a third mention "dorp" or "dorpen", so searches match thousands of
articles in different places and with different weights, and ordering them by
relevance is real work.
"""

import random
import uuid
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone
from faker.providers.lorem.nl_NL import Provider as DutchWords
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends
from wagtail.search.models import IndexEntry

from home import invalidation
from home.bulk_pages import bulk_add_pages
from home.db_statistics import refresh_statistics
from home.models import Region, Theme
from kennisbank.models import (
    ArticleOrganisation,
    ArticlePage,
    ArticleRegion,
    ArticleTheme,
    KennisbankIndexPage,
)

URLS = [
    ("index (nl)", "/nl/kennisbank/"),
    ("index filtered", "/nl/kennisbank/?theme=samenwerking&region=drenthe&kind=artikel"),
    ("index search", "/nl/kennisbank/?q=dorp"),
    ("index search by relevance", "/nl/kennisbank/?q=dorp&sort=relevance"),
    ("index search filtered", "/nl/kennisbank/?q=dorp&theme=samenwerking&region=drenthe"),
    ("index (de)", "/de/wissensdatenbank/"),
    ("theme page", "/nl/kennisbank/thema/samenwerking/"),
    ("directory filtered (de)", "/de/wer-kann-helfen/?offer=money&region=drenthe"),
    ("organisation page", "/nl/wie-kan-helpen/bokd/"),
    ("feed", "/nl/kennisbank/feed/"),
]
# Measured again at 10,000 articles (the target is for search).
LARGE_CASES = ["index (nl)", "index search", "index search by relevance", "index search filtered"]
BATCH = 500


def _add_articles(count):
    nl = Locale.objects.get(language_code="nl")
    index = KennisbankIndexPage.objects.get(locale=nl)
    theme = Theme.objects.get(slug="samenwerking", locale=nl)
    # Shaped like the demo's articles (kind, image), so the same queries run.
    template = ArticlePage.objects.filter(locale=nl, hero_image__isnull=False).first()
    for n in range(count):
        page = ArticlePage(
            title=f"Dorp nummer {n} werkt samen",
            slug=f"bench-dorp-{n}",
            intro="Bewoners van een dorp werken samen aan hun leefomgeving.",
            publication_date=date(2020, 1, 1) + timedelta(days=n),
            body=[("paragraph", "<p>Een verhaal over een dorp en zijn bewoners.</p>")],
            kind=template.kind,
            hero_image=template.hero_image,
        )
        page.theme_links.add(ArticleTheme(theme=theme))
        index.add_child(instance=page)
        page.save_revision().publish()
    _settle()


def _words(rng, count, village=False):
    words = rng.choices(DutchWords.word_list, k=count)
    if village:
        words[rng.randrange(count)] = rng.choice(["dorp", "dorpen", "Dorp"])
    return " ".join(words)


def _sentence(text):
    return text[:1].upper() + text[1:] + "."


def _bulk_articles(count, seed=10_000):
    """Insert `count` live Dutch articles below the Dutch knowledge base in
    bulk (no revisions), with themes and regions, and index them for search
    through the search backends' bulk add. Returns how many were added."""
    rng = random.Random(seed)  # noqa: S311 - made-up bench text, not a secret
    nl = Locale.objects.get(language_code="nl")
    index = KennisbankIndexPage.objects.get(locale=nl)
    themes = list(Theme.objects.filter(locale=nl))
    regions = list(Region.objects.filter(locale=nl))
    template = ArticlePage.objects.filter(locale=nl, hero_image__isnull=False).first()
    now = timezone.make_aware(datetime(2026, 1, 1, 9))
    articles, links = [], []
    for n in range(count):
        # Where "dorp" turns up (a third of the articles): title, intro or body.
        where = rng.choice(["title", "intro", "body"]) if rng.random() < 0.33 else None
        title = _sentence(_words(rng, rng.randint(3, 6), where == "title"))
        slug = f"bench-bulk-{n}"
        paragraphs = [
            ("paragraph", f"<p>{_sentence(_words(rng, rng.randint(25, 60), where == 'body'))}</p>")
            for _ in range(rng.randint(1, 3))
        ]
        articles.append(
            ArticlePage(
                title=title,
                slug=slug,
                intro=_sentence(_words(rng, rng.randint(8, 16), where == "intro")),
                publication_date=date(2010, 1, 1) + timedelta(days=rng.randrange(6000)),
                body=paragraphs,
                kind_id=template.kind_id if rng.random() < 0.7 else None,
                hero_image_id=template.hero_image_id,
            )
        )
        links.append(
            (rng.sample(themes, rng.randint(1, min(3, len(themes)))), rng.sample(regions, 1))
        )
    with invalidation.paused(), transaction.atomic():
        bulk_add_pages(index, articles, now)
        # Each article's themes and regions: the same kind of ordered link row.
        for index_of_kind, (model, name) in enumerate(
            ((ArticleTheme, "theme"), (ArticleRegion, "region"))
        ):
            rows = [
                model(
                    page_id=article.pk,
                    sort_order=order,
                    locale_id=nl.pk,
                    translation_key=uuid.uuid4(),
                    **{name: target},
                )
                for article, chosen in zip(articles, links, strict=True)
                for order, target in enumerate(chosen[index_of_kind])
            ]
            model.objects.bulk_create(rows, batch_size=BATCH)
        # As `update_index` does: the model's indexed objects, in chunks.
        ids = [article.pk for article in articles]
        for backend in get_search_backends():
            for first in range(0, count, BATCH):
                chunk = ArticlePage.get_indexed_objects().filter(pk__in=ids[first : first + BATCH])
                backend.add_bulk(ArticlePage, list(chunk))
    _settle()
    return count


def _settle():
    """What autovacuum does soon after many new rows on PostgreSQL (done here:
    a server may run with it off, as a test machine's did): statistics, and
    the visibility map that index-only scans read. Planned before it, the
    filtered search at 10,000 articles took 322 ms (112 after), and at 1,000
    articles published one by one the filtered index took 2,988 ms."""
    tables = (Page, ArticlePage, ArticleTheme, ArticleRegion, ArticleOrganisation, IndexEntry)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in tables:
                cursor.execute("VACUUM ANALYZE " + connection.ops.quote_name(model._meta.db_table))
    else:
        refresh_statistics(*tables)


def run(bench):
    for _case, url in URLS:  # site-wide caches warm once
        bench.client.get(url)
    before = {url: bench.render(f"{case} (demo)", url, runs=3).queries for case, url in URLS}
    existing = ArticlePage.objects.filter(locale__language_code="nl").count()
    bench.time("add articles to 1,000", lambda: _add_articles(1000 - existing), note="setup")
    for _case, url in URLS:
        bench.client.get(url)
    for case, url in URLS:
        row = bench.render(f"{case} (1,000 articles)", url, target="< 150 ms")
        # Never more than with the demo (a feed of authorless articles skips one prefetch).
        assert row.queries <= before[url], (url, before[url], row.queries)
    _polled_feed(bench, "1,000 articles")
    # One of the demo's articles, with its images, related articles and events.
    article = (
        ArticlePage.objects.live()
        .filter(locale__language_code="nl", hero_image__isnull=False)
        .exclude(slug__startswith="bench-")
        .first()
    )
    bench.render("article", article.url, target="< 50 ms")
    bench.throughput_urls.append(("article", article.url))

    existing = ArticlePage.objects.filter(locale__language_code="nl").count()
    bench.time(
        "add articles to 10,000 (bulk, indexed)",
        lambda: _bulk_articles(10_000 - existing),
        note="setup",
    )
    large = [(case, url) for case, url in URLS if case in LARGE_CASES]
    for _case, url in large:
        bench.client.get(url)
    for case, url in large:
        target = "<= 100 ms" if "search" in case else "< 150 ms"
        row = bench.render(f"{case} (10,000 articles)", url, target=target)
        assert row.queries <= before[url], (url, before[url], row.queries)
    _polled_feed(bench, "10,000 articles")


def _polled_feed(bench, size):
    """The RSS feed asked again (its stored body) and by a reader that has it
    (304), with the page cache off: the view's own path (home.conditional)."""
    url = dict(URLS)["feed"]
    etag = bench.client.get(url)["ETag"]
    bench.render(f"feed, stored body ({size})", url, target="<= 20 ms")
    bench.client.defaults["HTTP_IF_NONE_MATCH"] = etag
    try:
        bench.render(f"feed, 304 ({size})", url, target="<= 5 ms", expect_status=304)
    finally:
        bench.client.defaults.pop("HTTP_IF_NONE_MATCH", None)
