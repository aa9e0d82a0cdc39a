"""Registration's admin: an event's registrations, check-in, the privacy tools,
the dashboard panel and the "Registrations" buttons on event pages."""

from django.urls import include, path
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from events.hooks import EVENT_PAGE_CONTEXT, ONLINE_LINK_HIDDEN
from events.models import is_event
from registration import admin
from registration.models import settings_for, settings_of
from registration.views import registration_context


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("<int:page_id>/", admin.registrations, name="registrations"),
        path(
            "<int:page_id>/check-in/<int:occurrence_id>/",
            admin.check_in,
            name="check_in",
        ),
        path("privacy/", admin.privacy, name="privacy"),
    ]
    return [path("registrations/", include((urls, "registration"), namespace="registration"))]


class RegistrationsButton(PageMenuItem):
    label = gettext_lazy("Registrations")
    icon_name = "group"
    url_name = "registration:registrations"

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page, user, next_url=None):
    if is_event(page):
        yield RegistrationsButton(page=page, priority=6)


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name, next_url=None):
    if is_event(page):
        yield RegistrationsButton(page=page, priority=13)


@hooks.register("construct_homepage_panels")
def add_registrations_panel(request, panels):
    panels.append(admin.UpcomingPanel(request))


@hooks.register(EVENT_PAGE_CONTEXT)
def registration_section(
    request, page, event, upcoming, registration_form=None, registration_error=None, **extra
):
    """The event page's registration section, when the event takes registrations."""
    if not settings_of(event).enabled:
        return {}
    return {
        "registration": registration_context(
            request, page, event, upcoming, form=registration_form, error=registration_error
        ),
        "sections": ["registration/form.html"],
    }


@hooks.register(ONLINE_LINK_HIDDEN)
def online_link_for_registrants(events):
    """With registration on, only confirmed registrants get the online link."""
    return {pk for pk, rules in settings_for(events).items() if rules.enabled}
