"""The sub-pages of the "Add your activity" page, attached at start-up."""

from django.utils.translation import pgettext_lazy

from home.routing import page_route, route_pattern
from submissions import views
from submissions.models import SubmitActivityPage

SubmitActivityPage.attach_routes(
    page_route("", views.form_view, name="form"),
    page_route(route_pattern("{}/", pgettext_lazy("URL path", "sent")), views.sent, name="sent"),
    page_route(
        route_pattern("{}/<str:token>/", pgettext_lazy("URL path", "confirm")),
        views.confirm,
        name="confirm",
    ),
    page_route(
        route_pattern("{}/<str:token>/", pgettext_lazy("URL path", "edit")),
        views.edit,
        name="edit",
    ),
)
