"""Registration's sub-pages of every event page (the addresses in e-mails that
were already sent keep working: they are the same as before the app moved)."""

from events.models import EventPage
from home.cache import understood_params
from home.routing import page_route
from registration import views

EventPage.attach_routes(
    page_route("register/", views.register, name="register"),
    page_route("register/done/<str:receipt>/", views.done, name="registration_done"),
    page_route("registration/<str:token>/", views.manage, name="registration_manage"),
)
# The form's "done" notice (home/cache.py: page-cache keys).
understood_params("done")
