"""The knowledge base's faceted filters: what a visitor chose (from the query
string, so every filtered list has a shareable address and works without
JavaScript), the filtered articles, and the count of each facet value.

Values combine as: any of the chosen values within a facet, all facets
together. A facet's counts apply every other facet's choice but not its own,
so a visitor sees how many articles each additional value would add. Counts
group by the snippet's `translation_key` and count distinct pages, so an
article counts once in each language's list. They are read from the facet
index (`FacetIndex`, below), not counted in the database.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from wagtail.models import Page

from home.cache import freshness
from home.i18n import localized
from home.models import Organisation, Region, Theme
from kennisbank.cache_rules import KB_LISTS
from kennisbank.models import (
    ArticleKind,
    ArticleOrganisation,
    ArticlePage,
    ArticleRegion,
    ArticleTheme,
)
from kennisbank.search import clean_query, ranked_article_ids

FACETS = ["kind", "theme", "region", "organisation", "language"]
SORTS = ["newest", "relevance"]
MAX_VALUES = 20


def _values(querydict, name):
    values = [v.strip() for v in querydict.getlist(name) if v.strip()]
    return list(dict.fromkeys(values))[:MAX_VALUES]


@dataclass
class ArticleQuery:
    kind: list = field(default_factory=list)
    theme: list = field(default_factory=list)
    region: list = field(default_factory=list)
    organisation: list = field(default_factory=list)
    language: list = field(default_factory=list)
    q: str = ""
    sort: str = "newest"

    @classmethod
    def from_request(cls, request):
        get = request.GET
        query = cls(**{name: _values(get, name) for name in FACETS})
        query.language = [c for c in query.language if c in dict(settings.LANGUAGES)]
        query.q = clean_query(get.get("q"))
        sort = get.get("sort")
        query.sort = sort if sort in SORTS else ("relevance" if query.q else "newest")
        if not query.q:
            query.sort = "newest"
        return query

    @property
    def is_filtered(self):
        return bool(self.q or any(getattr(self, name) for name in FACETS))


def _pages_with(link_model, field, slugs):
    return link_model.objects.filter(**{f"{field}__slug__in": slugs}).values("page_id")


def _apply(queryset, query, skip=None):
    """The articles matching every facet except `skip`."""
    if query.kind and skip != "kind":
        queryset = queryset.filter(kind__slug__in=query.kind)
    if query.theme and skip != "theme":
        queryset = queryset.filter(pk__in=_pages_with(ArticleTheme, "theme", query.theme))
    if query.region and skip != "region":
        queryset = queryset.filter(pk__in=_pages_with(ArticleRegion, "region", query.region))
    if query.organisation and skip != "organisation":
        queryset = queryset.filter(
            pk__in=_pages_with(ArticleOrganisation, "organisation", query.organisation)
        )
    if query.language and skip != "language":
        available = ArticlePage.objects.live().filter(
            alias_of__isnull=True, locale__language_code__in=query.language
        )
        queryset = queryset.filter(translation_key__in=available.values("translation_key"))
    return queryset


# -- The facet index ------------------------------------------------------------------
#
# Counting each facet in the database read every match again: at 10,000
# articles a search for "dorp" matched 4,557, and its five counts were two
# thirds of the page. A count needs only which articles have which value: per
# knowledge base (one language's), the ids of the articles with each value of
# each facet, read in five queries and kept in this process for as long as
# nothing they come from changed. Every such change touches `kb-lists` or
# starts a new cache generation (kennisbank/cache_rules.py, as for the cached
# lists themselves), which `home.cache.freshness` reads in one cache request.
# A count is then the size of an intersection of sets.

LINKS = {"theme": ArticleTheme, "region": ArticleRegion, "organisation": ArticleOrganisation}


@dataclass(frozen=True)
class FacetIndex:
    articles: frozenset  # ids of the knowledge base's live, public articles
    # {facet: {value: frozenset of article ids}}: by the value's slug (what a
    # visitor chooses, in any language) and by its translation key (what the
    # counts group by, so a value counts once in every language); the
    # language facet by language code in both.
    by_slug: dict
    by_key: dict

    def chosen(self, query, name):
        """The ids of the articles with any value of `name` that `query` chose."""
        sets = self.by_slug[name]
        return frozenset().union(*(sets.get(value, ()) for value in getattr(query, name)))

    def counter(self, pool, query):
        """A function: facet name -> {value's key: articles of `pool` with that
        value that every other chosen facet keeps} (values without one left out)."""
        pool = frozenset(pool)
        chosen = {name: self.chosen(query, name) for name in FACETS if getattr(query, name)}

        def counts(name):
            ids = pool
            for other, allowed in chosen.items():
                if other != name:
                    ids = ids & allowed
            found = ((key, len(ids & members)) for key, members in self.by_key[name].items())
            return {key: count for key, count in found if count}

        return counts


def _build_index(base):
    by_slug = {name: defaultdict(set) for name in FACETS}
    by_key = {name: defaultdict(set) for name in FACETS}
    rows = list(base.values_list("pk", "translation_key", "kind__slug", "kind__translation_key"))
    versions = defaultdict(list)
    for pk, translation_key, kind_slug, kind_key in rows:
        versions[translation_key].append(pk)
        if kind_key is not None:
            by_slug["kind"][kind_slug].add(pk)
            by_key["kind"][kind_key].add(pk)
    ids = base.order_by().values("pk")
    for name, link_model in LINKS.items():
        for pk, slug, key in link_model.objects.filter(page_id__in=ids).values_list(
            "page_id", f"{name}__slug", f"{name}__translation_key"
        ):
            by_slug[name][slug].add(pk)
            by_key[name][key].add(pk)
    # An article is available in a language when that language has a live
    # version of it of its own (a translation, not an alias).
    for translation_key, code in (
        Page.objects.live()
        .filter(
            alias_of__isnull=True, translation_key__in=base.order_by().values("translation_key")
        )
        .values_list("translation_key", "locale__language_code")
    ):
        by_key["language"][code].update(versions[translation_key])
    by_slug["language"] = by_key["language"]
    return FacetIndex(
        frozenset(pk for pk, *_rest in rows),
        {name: {v: frozenset(ids) for v, ids in sets.items()} for name, sets in by_slug.items()},
        {name: {v: frozenset(ids) for v, ids in sets.items()} for name, sets in by_key.items()},
    )


_KEPT = {}  # index page id -> (freshness, FacetIndex)


def facet_index(index_page, base):
    """The `FacetIndex` of `base`, the live, public articles of `index_page`:
    the one kept in this process while it is fresh, else read now (and kept
    unless the cache does not answer)."""
    fresh = freshness(KB_LISTS)
    kept = _KEPT.get(index_page.pk)
    if fresh is not None and kept is not None and kept[0] == fresh:
        return kept[1]
    index = _build_index(base)
    if fresh is not None:
        _KEPT[index_page.pk] = (fresh, index)
    return index


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    lang: str = ""


@dataclass
class Facet:
    name: str
    label: str
    options: list

    @property
    def selected(self):
        return [o for o in self.options if o.selected]


def _options(counts, snippets, selected, sort_key=None):
    options = []
    for key, count in counts.items():
        obj = snippets.get(key)
        if obj is None:
            continue
        options.append(Option(obj.slug, str(obj), count, obj.slug in selected))
    # A chosen value stays visible (to be unticked) even when nothing matches it.
    shown = {o.value for o in options}
    for obj in snippets.values():
        if obj.slug in selected and obj.slug not in shown:
            options.append(Option(obj.slug, str(obj), 0, True))
            shown.add(obj.slug)
    options.sort(key=sort_key or (lambda o: (-o.count, o.label.lower())))
    return options


@dataclass
class FacetedResult:
    query: ArticleQuery
    articles: object  # a queryset, or a list of pks in relevance order
    facets: list
    kinds: dict
    themes: dict


def run(index_page, base, query):
    """Filter `base` (one language's articles) by `query` and count every facet.

    `base`: the live, public articles of `index_page` (the knowledge base of
    one language). Queries: with a text query, one for the ids of `base` that
    match it (the pool, in order of relevance; sorted so, one more for those
    of the pool the facets keep, when a facet is chosen); four for the
    labels; the counts come from the facet index (`FacetIndex`, five more
    queries after a change); the caller paginates `articles`. With a text
    query the pool is read once and handed to the list as one parameter
    (`pk__in_ids`, `home.idsets`); without one, `base` is its subquery.
    """
    from django.utils.translation import gettext_lazy as _

    pool, ranked = base, None
    if query.q:
        # The matches, in order of relevance (one query: reading them in
        # another order would cost as much).
        ranked = ranked_article_ids(base, query.q)
        pool = ArticlePage.objects.filter(pk__in_ids=ranked)
    articles = _apply(pool, query)

    kinds = localized(ArticleKind)
    themes = localized(Theme)
    regions = localized(Region)

    index = facet_index(index_page, base)
    counted = index.counter(index.articles if ranked is None else ranked, query)
    kind_counts = counted("kind")
    theme_counts = counted("theme")
    region_counts = counted("region")
    organisation_counts = counted("organisation")
    organisations = localized(
        Organisation,
        Organisation.objects.filter(
            Q(translation_key__in=list(organisation_counts)) | Q(slug__in=query.organisation)
        ),
    )
    language_counts = counted("language")
    language_order = [code for code, _name in settings.LANGUAGES]
    language_options = [
        Option(code, str(name), language_counts.get(code, 0), code in query.language, lang=code)
        for code, name in settings.LANGUAGES
        if language_counts.get(code) or code in query.language
    ]
    language_options.sort(key=lambda o: language_order.index(o.value))

    facets = [
        Facet(
            "kind",
            _("Kind"),
            _options(kind_counts, kinds, query.kind, sort_key=lambda o: o.label.lower()),
        ),
        Facet("theme", _("Theme"), _options(theme_counts, themes, query.theme)),
        Facet("region", _("Region"), _options(region_counts, regions, query.region)),
        Facet(
            "organisation",
            _("Organisation"),
            _options(organisation_counts, organisations, query.organisation),
        ),
        Facet("language", _("Available in"), language_options),
    ]

    if ranked is not None and query.sort == "relevance":
        if any(getattr(query, name) for name in FACETS):
            shown = set(articles.order_by().values_list("pk", flat=True))
            ranked = [pk for pk in ranked if pk in shown]
        return FacetedResult(query, ranked, facets, kinds, themes)
    return FacetedResult(
        query, articles.order_by("-publication_date", "-pk"), facets, kinds, themes
    )
