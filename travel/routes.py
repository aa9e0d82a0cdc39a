"""Travel together's sub-pages of every event page, with words in the page's
language (`/nl/…/samen-reizen/12/`, `/de/…/gemeinsam-reisen/12/`)."""

from django.utils.translation import pgettext_lazy

from events.models import EventPage
from home.routing import page_route, route_pattern
from travel import views

TRAVEL = pgettext_lazy("URL path", "travel-together")

EventPage.attach_routes(
    page_route(route_pattern("{}/<int:date>/", TRAVEL), views.date_page, name="travel_date"),
    page_route(
        route_pattern("{}/<int:date>/{}/", TRAVEL, pgettext_lazy("URL path", "offer-seats")),
        views.offer_form,
        name="travel_offer",
    ),
    page_route(
        route_pattern("{}/<int:date>/{}/", TRAVEL, pgettext_lazy("URL path", "ask-for-a-ride")),
        views.request_form,
        name="travel_request",
    ),
    page_route(
        route_pattern("{}/<int:date>/{}/", TRAVEL, pgettext_lazy("URL path", "public-transport")),
        views.transit_form,
        name="travel_transit",
    ),
    page_route(
        route_pattern("{}/{}/<str:token>/", TRAVEL, pgettext_lazy("URL path", "mine")),
        views.manage,
        name="travel_manage",
    ),
)
