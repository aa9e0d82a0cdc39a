"""The festival's sub-pages: programme views (`festival.views`) and the files for
calendars and conference apps (`festival.exports`). Wagtail serves page paths of
words and slashes only, so the exports have no file extensions in their URLs;
their responses name the files. Each file is an exporter class, served as it is
by `export_view`."""

from events.exporters import export_view
from festival import exports, programme, views
from festival.models import FestivalPage
from home.cache import understood_params
from home.routing import page_route

FestivalPage.attach_routes(
    page_route("", views.overview, name="overview"),
    page_route("programme/", views.programme_list, name="programme"),
    page_route("programme/<str:day>/", views.programme_grid, name="programme_day"),
    page_route("speakers/", views.speakers, name="speakers"),
    page_route("partners/<slug:slug>/", views.partner, name="partner"),
    page_route("my-programme/", views.my_programme, name="my_programme"),
    page_route(
        "my-programme/ical/", export_view(exports.MyProgrammeICal), name="my_programme_ical"
    ),
    page_route("ical/", export_view(exports.ProgrammeICal), name="ical"),
    page_route("json/", export_view(exports.ProgrammeJSON), name="json"),
    page_route("schedule/", export_view(exports.ScheduleXML), name="frab"),
)
# The programme's filters, the visitor's selection and the timetable's columns
# may be part of a page-cache key (home/cache.py).
understood_params(*programme.ProgrammeFilterForm.base_fields, "sessions", "by")
