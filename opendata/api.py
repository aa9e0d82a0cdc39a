"""The read-only JSON API (Django REST framework): events (each date), articles
and organisations, per language (`/api/v1/<nl|de|en>/...`), filtered like the
pages, paginated (`page`, `per_page`), with CORS for GET and conditional GET.

Django REST framework rather than Wagtail's API v2: two of the three lists are
not pages (an event's dates are `Occurrence` rows, organisations are
snippets), and v2's filters are its own field filters, where these lists must
filter exactly as the site's pages do. DRF gives the serializers, pagination,
content negotiation and error answers; the rules stay in `opendata.services`.

Nothing personal is ever in an answer: no contact persons, no registrations,
no online link that only registrants may see (`events.hooks.hidden_online_links`).
docs/api.md documents it.
"""

import hashlib

from django.conf import settings
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.formats import date_format
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from events.queries import localise
from events.schedule import site_zone
from home.i18n import active_locale
from kennisbank.services import directory_page, organisation_url
from opendata import hsds, services

MAX_AGE = 5 * 60
# Query parameters the API reads (declared to the page cache).
PARAMS = [
    "page",
    "per_page",
    "when",
    "start",
    "end",
    "type",
    "theme",
    "region",
    "language",
    "mode",
    "organiser",
    "partner",
    "kind",
    "organisation",
    "offer",
    "country",
    "q",
    "lang",
]


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "per_page"
    max_page_size = 100


class ReadOnlyApi:
    """What every open-data endpoint shares: JSON only, no login, GET/HEAD/OPTIONS,
    the answer rendered in the language of the address, `Access-Control-Allow-
    Origin: *`, an ETag (304 to a client that has the answer) and five minutes
    of public caching."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = Pagination
    http_method_names = ["get", "head", "options"]

    def language(self):
        return self.kwargs.get("language") or settings.LANGUAGE_CODE

    def dispatch(self, request, *args, **kwargs):
        language = kwargs.get("language") or settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.render()
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Content-Language"] = translation.get_language()
        if response.status_code == 404:
            # Django's LocaleMiddleware answers a 404 outside the language
            # prefixes with a redirect to /nl/... when that address would
            # resolve (Wagtail's catch-all always does), which would turn an
            # unknown id into an HTML page. It only does so when the request's
            # URLconf uses i18n_patterns: this app's own does not.
            request._request.urlconf = "opendata.urls"
        patch_vary_headers(response, ["Accept"])
        if response.status_code == 200 and request.method in ("GET", "HEAD"):
            digest = hashlib.sha256(response.content).hexdigest()[:32]
            etag = f'"{digest}"'
            response["ETag"] = etag
            patch_cache_control(response, public=True, max_age=MAX_AGE)
            answer = get_conditional_response(request, etag=etag, response=response)
            if answer is not response:
                for header in ("Access-Control-Allow-Origin", "Cache-Control", "ETag"):
                    answer[header] = response[header]
                return answer
        return response


# -- Events ---------------------------------------------------------------------------


class EventDateSerializer(serializers.Serializer):
    """One date of an event (a `events.queries.Row`), in the address's language."""

    def to_representation(self, row):
        request = self.context["request"]
        event = row.occurrence.event
        hidden = self.context["hidden"]
        venue = row.venue
        online = bool(event.online_url)
        return {
            "id": row.occurrence.pk,
            "event_id": str(event.translation_key),
            "title": row.page.title,
            "intro": row.page.intro,
            "url": request.build_absolute_uri(row.url) if row.url else None,
            "start": row.occurrence.start.astimezone(site_zone()).isoformat(timespec="seconds"),
            "end": row.occurrence.end.astimezone(site_zone()).isoformat(timespec="seconds"),
            "all_day": row.occurrence.all_day,
            "when": date_format(
                row.start, "DATE_FORMAT" if row.occurrence.all_day else "WEEKDAY_DATETIME_FORMAT"
            ),
            "status": row.status,
            "note": row.note,
            "type": (
                {"slug": row.event_type.slug, "name": row.event_type.name}
                if row.event_type
                else None
            ),
            "venue": (
                {
                    "name": venue.name,
                    "address": venue.address,
                    "postcode": venue.postcode,
                    "city": venue.city,
                    "country": venue.country,
                    "latitude": float(venue.latitude) if venue.latitude is not None else None,
                    "longitude": float(venue.longitude) if venue.longitude is not None else None,
                }
                if venue
                else None
            ),
            "online": online,
            "online_url": event.online_url if online and event.pk not in hidden else None,
            "languages": event.language_codes,
            "themes": event.theme_slugs,
            "organisers": event.organiser_slugs,
            "free": event.is_free,
            "price": str(event.price) if event.price is not None else None,
        }


class EventList(ReadOnlyApi, generics.ListAPIView):
    """Upcoming dates of live events, one per date, filtered as the calendar is."""

    serializer_class = EventDateSerializer

    def get_queryset(self):
        locale = active_locale(self.request)
        form = services.event_filter_form(self.request.GET, locale)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        return services.event_dates(
            form.cleaned_data, partner=self.request.GET.get("partner", "").strip()
        )

    def list(self, request, *args, **kwargs):
        occurrences = self.paginate_queryset(self.get_queryset())
        hidden = services.load_event_links(occurrences)
        rows = localise(occurrences, request, active_locale(request))
        serializer = self.get_serializer(
            rows, many=True, context={"request": request, "hidden": hidden}
        )
        return self.get_paginated_response(serializer.data)

    def get_serializer(self, *args, **kwargs):
        return self.serializer_class(*args, **kwargs)


# -- Articles ---------------------------------------------------------------------------


class ArticleSerializer(serializers.Serializer):
    def to_representation(self, page):
        request = self.context["request"]
        return {
            "id": str(page.translation_key),
            "title": page.title,
            "intro": page.intro,
            "url": page.get_full_url(request),
            "publication_date": page.publication_date.isoformat(),
            "date": date_format(page.publication_date, "DATE_FORMAT"),
            "kind": page.kind.slug if page.kind_id else None,
            "themes": [link.theme.slug for link in page.theme_links.all()],
            "regions": [link.region.slug for link in page.region_links.all()],
        }


class ArticleList(ReadOnlyApi, generics.ListAPIView):
    """Live articles of the language's knowledge base, newest first."""

    serializer_class = ArticleSerializer

    def get_queryset(self):
        return services.articles(self.request, self.language())


# -- Organisations ------------------------------------------------------------------------


class OrganisationSerializer(serializers.Serializer):
    def to_representation(self, organisation):
        request = self.context["request"]
        page = organisation_url(self.context["directory"], organisation, request)
        return {
            "id": str(organisation.translation_key),
            "slug": organisation.slug,
            "name": organisation.name,
            "kind": organisation.kind,
            "country": organisation.country,
            "description": organisation.description,
            "offers": [name.removeprefix("offers_") for name, _label in organisation.offers],
            "themes": [link.theme.slug for link in organisation.theme_links.all()],
            "regions": [link.region.slug for link in organisation.region_links.all()],
            "website": organisation.website or None,
            "email": organisation.contact_email or None,
            "url": request.build_absolute_uri(page) if page else None,
        }


class OrganisationList(ReadOnlyApi, generics.ListAPIView):
    """The who-can-help directory, filtered as its page is."""

    serializer_class = OrganisationSerializer

    def get_queryset(self):
        return services.organisations(self.request, self.language())

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "directory": directory_page()}


# -- Open Referral HSDS 3.0 --------------------------------------------------------------


class HsdsPagination(PageNumberPagination):
    """The paging of HSDS 3.0's API (its `Page` schema)."""

    page_size = 50
    page_size_query_param = "per_page"
    max_page_size = 500

    def get_paginated_response(self, data):
        page = self.page
        return _response(
            {
                "total_items": page.paginator.count,
                "total_pages": page.paginator.num_pages,
                "page_number": page.number,
                "size": len(data),
                "first_page": not page.has_previous(),
                "last_page": not page.has_next(),
                "empty": page.paginator.count == 0,
                "contents": data,
            }
        )


def _response(data):
    from rest_framework.response import Response

    return Response(data)


class HsdsApi(ReadOnlyApi):
    pagination_class = HsdsPagination

    def language(self):
        return hsds.language_of(self.request)

    def dispatch(self, request, *args, **kwargs):
        kwargs.setdefault("language", hsds.language_of(request))
        return super().dispatch(request, *args, **kwargs)

    def absolute(self, path):
        return self.request.build_absolute_uri(f"/open-data/hsds/{path}")


class HsdsRoot(HsdsApi, generics.GenericAPIView):
    def get(self, request, *args, **kwargs):
        return _response(
            {
                "version": hsds.HSDS_VERSION,
                "profile": hsds.PROFILE,
                "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
            }
        )


class HsdsOrganisations(HsdsApi, generics.ListAPIView):
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(hsds.organisations(self.language()))
        data = [hsds.organisation(o, self.language(), self.absolute) for o in page]
        return self.get_paginated_response(data)


class HsdsOrganisation(HsdsApi, generics.GenericAPIView):
    def get(self, request, *args, key, **kwargs):
        found = list(hsds.organisations(self.language()).filter(translation_key=key))
        if not found:
            raise NotFound()
        return _response(hsds.organisation(found[0], self.language(), self.absolute))


def _all_services(view):
    language = view.language()
    found = []
    for organisation in hsds.organisations(language):
        for service in hsds.services_of(organisation, language, view.absolute):
            found.append((organisation, service))
    return found


class HsdsServices(HsdsApi, generics.ListAPIView):
    def list(self, request, *args, **kwargs):
        organisation_id = request.GET.get("organization_id", "")
        pairs = [
            pair
            for pair in _all_services(self)
            if not organisation_id or pair[1]["organization_id"] == organisation_id
        ]
        page = self.paginate_queryset(pairs)
        return self.get_paginated_response([service for _o, service in page])


class HsdsService(HsdsApi, generics.GenericAPIView):
    def get(self, request, *args, key, **kwargs):
        for organisation, service in _all_services(self):
            if service["id"] == str(key):
                return _response(
                    hsds.service_with_organisation(
                        organisation, service, self.language(), self.absolute
                    )
                )
        raise NotFound()
