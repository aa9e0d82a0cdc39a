"""The festival's sub-pages: programme views (`festival.views`) and the files for
calendars and conference apps (`festival.exports`). Wagtail serves page paths of
words and slashes only, so the exports have no file extensions in their URLs;
their responses name the files."""

from festival import exports, views
from festival.models import FestivalPage
from home.routing import page_route

FestivalPage.attach_routes(
    page_route("", views.overview, name="overview"),
    page_route("programme/", views.programme_list, name="programme"),
    page_route("programme/<str:day>/", views.programme_grid, name="programme_day"),
    page_route("speakers/", views.speakers, name="speakers"),
    page_route("partners/<slug:slug>/", views.partner, name="partner"),
    page_route("my-programme/", views.my_programme, name="my_programme"),
    page_route("my-programme/ical/", exports.my_programme_ical, name="my_programme_ical"),
    page_route("ical/", exports.programme_ical, name="ical"),
    page_route("json/", exports.programme_json, name="json"),
    page_route("schedule/", exports.programme_frab, name="frab"),
)
