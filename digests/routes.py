"""The digest page's sub-pages: the "check your e-mail" notice, and the
confirmation and manage links sent by e-mail, in the page's language's words."""

from django.utils.translation import pgettext_lazy

from digests import views
from digests.models import DigestPage
from home.routing import page_route, route_pattern

DigestPage.attach_routes(
    page_route("", views.subscribe, name="digest_subscribe"),
    page_route(
        route_pattern("{}/", pgettext_lazy("URL path", "check-your-email")),
        views.sent,
        name="digest_sent",
    ),
    page_route(
        route_pattern("{}/<str:token>/", pgettext_lazy("URL path", "confirm")),
        views.confirm,
        name="digest_confirm",
    ),
    page_route(
        route_pattern("{}/<str:token>/", pgettext_lazy("URL path", "manage")),
        views.manage,
        name="digest_manage",
    ),
)
