"""Registration's sub-pages of every event page (the addresses in e-mails that
were already sent keep working: they are the same as before the app moved)."""

from django.conf import settings
from django.utils.translation import override, pgettext_lazy

from events.models import EventPage
from home.cache import understood_params
from home.routing import page_route, route_pattern
from registration import views

MANAGE = pgettext_lazy("URL path", "registration")


def manage_words():
    """The word of the manage link's address in every language, and the
    English one links sent before had (for `manage_anywhere`)."""
    words = {"registration"}
    for code, _name in settings.LANGUAGES:
        with override(code):
            words.add(str(MANAGE))
    return sorted(words)


# In the page's language (/de/veranstaltungen/x/anmelden/); the English
# addresses they had before answer with a permanent redirect, so links in
# e-mails already sent keep working and a form posted there is posted again.
REGISTER = pgettext_lazy("URL path", "register")
EventPage.attach_routes(
    page_route(route_pattern("{}/", REGISTER), views.register, name="register"),
    page_route(
        route_pattern("{}/{}/<str:receipt>/", REGISTER, pgettext_lazy("URL path", "done")),
        views.done,
        name="registration_done",
    ),
    page_route(
        route_pattern("{}/<str:token>/", MANAGE),
        views.manage,
        name="registration_manage",
    ),
)
# The form's "done" notice (home/cache.py: page-cache keys).
understood_params("done")
