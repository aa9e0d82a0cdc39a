"""The organisation directory's filters: what they offer, kind, theme, region and
country. Same rules as the article facets (any value within a filter, all
filters together, counts that leave out their own filter), one query per filter.

The search box finds an organisation by a part of its name or description, and
by any form of a word in them, as every search of the site does ("Dorf" finds
"Dörfer", "volunteering" finds "volunteers"): the search index is asked once
per request (`DirectoryQuery.found_ids`).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from home.models import COUNTRY_CHOICES, Organisation, OrganisationRegion, OrganisationTheme
from home.search_backend import ranked_ids
from kennisbank.facets import MAX_VALUES, Facet, Option, _options, _values
from kennisbank.search import clean_query

OFFERS = {
    "knowledge": ("offers_knowledge", _("Knowledge")),
    "money": ("offers_money", _("Money")),
    "network": ("offers_network", _("Network")),
    "advice": ("offers_advice", _("Advice")),
}
FILTERS = ["offer", "kind", "theme", "region", "country"]


@dataclass
class DirectoryQuery:
    offer: list = field(default_factory=list)
    kind: list = field(default_factory=list)
    theme: list = field(default_factory=list)
    region: list = field(default_factory=list)
    country: list = field(default_factory=list)
    q: str = ""

    @cached_property
    def found_ids(self):
        """The organisations whose words match the search's in any of their forms."""
        return ranked_ids(Organisation, self.q, Organisation.objects.all())

    @classmethod
    def from_request(cls, request):
        get = request.GET
        query = cls(**{name: _values(get, name)[:MAX_VALUES] for name in FILTERS})
        query.offer = [o for o in query.offer if o in OFFERS]
        query.kind = [k for k in query.kind if k in Organisation.Kind.values]
        query.country = [c for c in query.country if c in dict(COUNTRY_CHOICES)]
        query.q = clean_query(get.get("q"))
        return query

    @property
    def is_filtered(self):
        return bool(self.q or any(getattr(self, name) for name in FILTERS))


def apply(queryset, query, skip=None):
    if query.q:
        queryset = queryset.filter(
            Q(name__icontains=query.q)
            | Q(description__icontains=query.q)
            | Q(pk__in=query.found_ids)
        )
    if query.offer and skip != "offer":
        condition = Q()
        for value in query.offer:
            condition |= Q(**{OFFERS[value][0]: True})
        queryset = queryset.filter(condition)
    if query.kind and skip != "kind":
        queryset = queryset.filter(kind__in=query.kind)
    if query.country and skip != "country":
        queryset = queryset.filter(country__in=query.country)
    if query.theme and skip != "theme":
        queryset = queryset.filter(
            pk__in=OrganisationTheme.objects.filter(theme__slug__in=query.theme).values(
                "organisation_id"
            )
        )
    if query.region and skip != "region":
        queryset = queryset.filter(
            pk__in=OrganisationRegion.objects.filter(region__slug__in=query.region).values(
                "organisation_id"
            )
        )
    return queryset


def _link_counts(link_model, field, organisations):
    return dict(
        link_model.objects.filter(organisation__in=organisations.values("pk"))
        .values(f"{field}__translation_key")
        .annotate(n=Count("organisation", distinct=True))
        .values_list(f"{field}__translation_key", "n")
    )


def _choice_options(counts, choices, selected):
    return [
        Option(value, str(label), counts.get(value, 0), value in selected)
        for value, label in choices
        if counts.get(value) or value in selected
    ]


def facets(base, query, themes, regions):
    """The directory's filters with counts: five queries."""
    offer_counts = apply(base, query, "offer").aggregate(
        **{name: Count("pk", filter=Q(**{flag: True})) for name, (flag, _l) in OFFERS.items()}
    )
    kind_counts = dict(
        apply(base, query, "kind").values("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    country_counts = dict(
        apply(base, query, "country")
        .values("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
    )
    theme_counts = _link_counts(OrganisationTheme, "theme", apply(base, query, "theme"))
    region_counts = _link_counts(OrganisationRegion, "region", apply(base, query, "region"))
    return [
        Facet(
            "offer",
            _("What they offer"),
            _choice_options(
                offer_counts, [(k, label) for k, (_f, label) in OFFERS.items()], query.offer
            ),
        ),
        Facet("theme", _("Theme"), _options(theme_counts, themes, query.theme)),
        Facet("region", _("Region"), _options(region_counts, regions, query.region)),
        Facet(
            "kind",
            _("Kind of organisation"),
            _choice_options(kind_counts, Organisation.Kind.choices, query.kind),
        ),
        Facet(
            "country", _("Country"), _choice_options(country_counts, COUNTRY_CHOICES, query.country)
        ),
    ]
