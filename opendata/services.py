"""What the open-data API and the embedded calendar read: events (dates),
articles and organisations, filtered like the site's own pages, each in a
fixed number of queries.

The filters are the pages' own (`events.queries.CalendarFilterForm`,
`kennisbank.facets.ArticleQuery`, `kennisbank.directory.DirectoryQuery`), so a
filtered API address and a filtered page agree. `partner` (a partner page's
slug) narrows events to those organised by one of the partner's organisations.
"""

from django.db.models import Prefetch
from django.utils import timezone

from events.hooks import hidden_online_links
from events.models import EventPageOrganiser, EventPageTheme
from events.queries import (
    CalendarFilterForm,
    apply_filters,
    date_range,
    for_listing,
    in_range,
    visible_occurrences,
)
from home.i18n import localized_queryset
from home.models import Organisation, OrganisationRegion, OrganisationTheme
from kennisbank import directory
from kennisbank.facets import ArticleQuery
from kennisbank.facets import _apply as apply_article_filters
from kennisbank.models import ArticlePage, ArticleRegion, ArticleTheme
from partners.models import PartnerOrganisation, PartnerPage


def event_filter_form(data, locale):
    return CalendarFilterForm(data, locale)


def partner_choices(language):
    """(slug, title) of every live partner page in `language`, for the embed's menu."""
    return list(
        PartnerPage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .order_by("title")
        .values_list("slug", "title")
    )


def event_dates(cleaned, *, partner="", now=None):
    """Occurrences of live events matching the calendar's filters (and `partner`),
    in date order, with what a listing reads loaded along."""
    period = date_range(cleaned, now or timezone.now())
    queryset = apply_filters(in_range(visible_occurrences(), period), cleaned)
    if partner:
        organisations = PartnerOrganisation.objects.filter(page__slug=partner).values(
            "organisation__translation_key"
        )
        pages = EventPageOrganiser.objects.filter(
            organisation__translation_key__in=organisations
        ).values("page_id")
        queryset = queryset.filter(event_id__in=pages)
    return for_listing(queryset).order_by("start", "pk")


def load_event_links(occurrences):
    """Themes and organisers of the occurrences' events, and which online links
    are hidden: three queries for any number of dates. Sets `theme_slugs` and
    `organiser_slugs` on each event; returns the ids whose link is hidden."""
    events = {o.event_id: o.event for o in occurrences}
    themes, organisers = {}, {}
    for page_id, slug in EventPageTheme.objects.filter(page_id__in=events).values_list(
        "page_id", "theme__slug"
    ):
        themes.setdefault(page_id, []).append(slug)
    for page_id, slug in EventPageOrganiser.objects.filter(page_id__in=events).values_list(
        "page_id", "organisation__slug"
    ):
        organisers.setdefault(page_id, []).append(slug)
    # Every date's own event object (two dates of a series need not share one).
    for occurrence in occurrences:
        occurrence.event.theme_slugs = themes.get(occurrence.event_id, [])
        occurrence.event.organiser_slugs = organisers.get(occurrence.event_id, [])
    return hidden_online_links(list(events.values()))


def articles(request, language):
    """Live, public articles of `language`'s tree, filtered as the knowledge base is
    (`theme`, `region`, `organisation`, `kind`, `language`: the original's)."""
    query = ArticleQuery.from_request(request)
    queryset = ArticlePage.objects.live().public().filter(locale__language_code=language)
    queryset = apply_article_filters(queryset, query)
    return (
        queryset.select_related("kind")
        .prefetch_related(
            Prefetch("theme_links", ArticleTheme.objects.select_related("theme")),
            Prefetch("region_links", ArticleRegion.objects.select_related("region")),
        )
        .defer("body")
        .order_by("-publication_date", "pk")
    )


def organisations(request, language):
    """The directory in `language`, filtered as its page is (`offer`, `kind`,
    `theme`, `region`, `country`, `q`)."""
    query = directory.DirectoryQuery.from_request(request)
    queryset = directory.apply(localized_queryset(Organisation, locale=language), query)
    return queryset.order_by("name", "pk").prefetch_related(
        Prefetch("theme_links", OrganisationTheme.objects.select_related("theme")),
        Prefetch("region_links", OrganisationRegion.objects.select_related("region")),
    )
