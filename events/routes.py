"""The sub-pages of the calendar and of an event, attached at start-up."""

from django.utils.translation import pgettext_lazy

from events import views
from events.models import EventIndexPage, EventPage
from events.queries import EVERY_DATE_PARAM, CalendarFilterForm
from home.cache import understood_params
from home.routing import page_route, route_pattern

EventIndexPage.attach_routes(
    page_route("", views.calendar_list, name="upcoming"),
    page_route(
        route_pattern("{}/", pgettext_lazy("URL path", "archive")),
        views.calendar_archive,
        name="archive",
    ),
    page_route(
        route_pattern("{}/<int:year>/<int:month>/", pgettext_lazy("URL path", "month")),
        views.calendar_month,
        name="month",
    ),
    # The calendar file keeps one address in every language: subscribers poll it.
    page_route("ical/", views.calendar_feed, name="feed"),
)
EventPage.attach_routes(
    page_route("", views.event_detail, name="event_view"),
    page_route("ical/", views.event_ical, name="ical"),
)
# The calendar's filters may be part of a page-cache key (home/cache.py).
understood_params(*CalendarFilterForm.base_fields, EVERY_DATE_PARAM)
EventIndexPage.attach_sitemap_paths(lambda index, request: [index.reverse_subpage("archive")])
