"""The knowledge base's faceted filters: what a visitor chose (from the query
string, so every filtered list has a shareable address and works without
JavaScript), the filtered articles, and the count of each facet value.

Values combine as: any of the chosen values within a facet, all facets
together. A facet's counts apply every other facet's choice but not its own,
so a visitor sees how many articles each additional value would add. Counts
group by the snippet's `translation_key` and count distinct pages, so an
article counts once in each language's list. One query per facet.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from wagtail.models import Page

from home.i18n import localized
from home.models import Organisation, Region, Theme
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


def _link_counts(link_model, field, pages):
    rows = (
        link_model.objects.filter(page__in=pages.values("pk"))
        .values(f"{field}__translation_key")
        .annotate(n=Count("page", distinct=True))
        .values_list(f"{field}__translation_key", "n")
    )
    return dict(rows)


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


def run(base, query):
    """Filter `base` (one language's articles) by `query` and count every facet.

    Queries: with a text query, one for the ids of `base` that match it (the
    pool, in order of relevance; sorted so, one more for those of the pool
    the facets keep, when a facet is chosen); five for the counts and three
    for the labels; the caller paginates `articles`. The pool is read once
    and handed to the counts and the list as one parameter (`pk__in_ids`,
    `home.idsets`): each of them used to match the text again and find the
    live, public articles of the knowledge base among every page again.
    Without a text query, `base` is their subquery.
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

    kind_counts = dict(
        _apply(pool, query, "kind")
        .filter(kind__isnull=False)
        .order_by()  # Wagtail orders pages by path; that would split the groups
        .values("kind__translation_key")
        # An article has one kind and the facets filter by subqueries (no
        # row twice): counting rows counts articles, without a sort.
        .annotate(n=Count("pk"))
        .values_list("kind__translation_key", "n")
    )
    theme_counts = _link_counts(ArticleTheme, "theme", _apply(pool, query, "theme"))
    region_counts = _link_counts(ArticleRegion, "region", _apply(pool, query, "region"))
    organisation_counts = _link_counts(
        ArticleOrganisation, "organisation", _apply(pool, query, "organisation")
    )
    organisations = localized(
        Organisation,
        Organisation.objects.filter(
            Q(translation_key__in=list(organisation_counts)) | Q(slug__in=query.organisation)
        ),
    )
    language_counts = dict(
        # Pages, not articles: the versions of an article are articles, and
        # the count needs no join with the articles' own table.
        Page.objects.live()
        .filter(
            alias_of__isnull=True,
            translation_key__in=_apply(pool, query, "language").values("translation_key"),
        )
        .order_by()
        .values("locale__language_code")
        # A translation key is unique within a locale: counting rows counts
        # articles, without the sort that a distinct count needs.
        .annotate(n=Count("pk"))
        .values_list("locale__language_code", "n")
    )
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
