"""The festival's sub-pages: programme views (`festival.views`) and the files for
calendars and conference apps (`festival.exports`). Wagtail serves page paths of
words and slashes only, so the exports have no file extensions in their URLs;
their responses name the files. Each file is an exporter class, served as it is
by `export_view`."""

from django.utils.translation import pgettext_lazy

from events.exporters import export_view
from festival import exports, programme, views
from festival.models import FestivalPage
from festival.sessions import load_sessions
from home.cache import understood_params
from home.routing import page_route, route_pattern

FestivalPage.attach_routes(
    page_route("", views.overview, name="overview"),
    page_route(
        route_pattern("{}/", pgettext_lazy("URL path", "programme")),
        views.programme_list,
        name="programme",
    ),
    page_route(
        route_pattern("{}/<str:day>/", pgettext_lazy("URL path", "programme")),
        views.programme_grid,
        name="programme_day",
    ),
    page_route(
        route_pattern("{}/", pgettext_lazy("URL path", "speakers")), views.speakers, name="speakers"
    ),
    page_route(
        route_pattern("{}/<slug:slug>/", pgettext_lazy("URL path", "partners")),
        views.partner,
        name="partner",
    ),
    page_route(
        route_pattern("{}/", pgettext_lazy("URL path", "my-programme")),
        views.my_programme,
        name="my_programme",
    ),
    # Files for calendars and conference apps keep one address in every
    # language: subscribers poll them.
    page_route(
        "my-programme/ical/", export_view(exports.MyProgrammeICal), name="my_programme_ical"
    ),
    page_route("ical/", export_view(exports.ProgrammeICal), name="ical"),
    page_route("json/", export_view(exports.ScheduleJSON), name="json"),
    page_route("schedule/", export_view(exports.ScheduleXML), name="frab"),
)
# The programme's filters, the visitor's selection and the timetable's columns
# may be part of a page-cache key (home/cache.py).
understood_params(*programme.ProgrammeFilterForm.base_fields, "sessions", "by")


def sitemap_paths(page, request):
    """The programme, each day's grid, the speakers and every partner's page
    (organising partners and session organisers): what the festival's own
    navigation links to. Filtered views and "my programme" are not indexed, nor
    the day of a session outside the festival's dates (its grid answers 404)."""
    sessions = load_sessions(page, locale=page.locale)
    days = {s.day for s in sessions if page.start_date <= s.day <= page.last_day}
    if page.is_one_day or not days:
        days.add(page.start_date)
    slugs = {link.organisation.slug for link in page.partner_links.select_related("organisation")}
    slugs |= {o.slug for s in sessions for o in s.organisers}
    return [
        page.reverse_subpage("programme"),
        *(
            page.reverse_subpage("programme_day", kwargs={"day": d.isoformat()})
            for d in sorted(days)
        ),
        page.reverse_subpage("speakers"),
        *(page.reverse_subpage("partner", kwargs={"slug": s}) for s in sorted(slugs)),
    ]


FestivalPage.attach_sitemap_paths(sitemap_paths)
