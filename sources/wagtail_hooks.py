from wagtail import hooks

from sources.views import CalendarSourceViewSet


@hooks.register("register_admin_viewset")
def register_viewset():
    return CalendarSourceViewSet()
