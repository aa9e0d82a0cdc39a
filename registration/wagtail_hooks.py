"""Registration's admin: the registrations viewset (list, check-in, the privacy
tools), the dashboard panel, the "Registrations" buttons on event pages and the
organiser's actions in the event page's history; what the event page's
structured data says about places (`offers_from_registration`)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from events.hooks import (
    DATES_CHANGED,
    DATES_KEPT,
    EVENT_OFFERS,
    EVENT_PAGE_CONTEXT,
    ONLINE_LINK_HIDDEN,
)
from events.models import EventPage
from events.page_buttons import add_event_page_button
from home.hooks import HEALTH_CHECKS, PERSONAL_DATA
from home.privacy import PersonalData
from registration import admin, services
from registration.models import Registration, settings_for, settings_of
from registration.services import Availability, decide
from registration.views import confirmed_for, registration_context


@hooks.register(HEALTH_CHECKS)
def mail_health():
    """/healthz: "error" while some e-mail waits for a retry (the mail server failed)."""
    waiting = Registration.objects.exclude(unsent_email="").exists()
    return {"mail": "error" if waiting else "ok"}


@hooks.register(PERSONAL_DATA)
def registrations_personal_data():
    return PersonalData(
        key="registrations", export=services.export_for_email, erase=admin.erase_registrations
    )


@hooks.register("register_admin_viewset")
def register_viewset():
    return admin.RegistrationViewSet()


class RegistrationsButton(PageMenuItem):
    """Leads to the registrations list, filtered to this event."""

    label = gettext_lazy("Registrations")
    icon_name = "group"

    @cached_property
    def url(self):
        return admin.list_url(self.page.pk)

    def is_shown(self, user):
        return admin.may_manage_event(user, self.page)


add_event_page_button(RegistrationsButton, 6)


@hooks.register("construct_homepage_panels")
def add_registrations_panel(request, panels):
    if admin.may_manage(request.user):
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


def _day(log_entry, key="date"):
    """A date stored in a log entry (ISO), as the admin shows dates."""
    from datetime import datetime

    from events.schedule import to_local

    value = (log_entry.data or {}).get(key)
    if not value:
        return ""
    return date_format(to_local(datetime.fromisoformat(value)), "DATETIME_FORMAT")


CHOICE = "registrations"


def guard_pages_action(request, pages, action, *, descendants=True, title=None):
    """Deleting or unpublishing event pages that people are registered for
    (the pages themselves or, with `descendants`, events below them) needs the
    editor's choice: cancel those registrations and tell the people, or keep
    the pages. Without the choice the editor sees how many are registered;
    with it the registrations are called off and Wagtail goes on. Only
    registrations for dates still to come count, and only an event's source
    version owns its dates (`services.event_keys_below`).

    The confirmation posts back to the same address with every field the
    editor already sent (Wagtail's own confirmation, "include descendants"),
    so the action goes on as the editor asked."""
    from django.template.response import TemplateResponse
    from wagtail.log_actions import log

    keys = services.event_keys_below(pages, descendants=descendants)
    if not keys:
        return None
    count = services.ahead_for_events(keys).count()
    if not count:
        return None
    if request.method == "POST" and request.POST.get(CHOICE) == "cancel":
        for key in sorted(keys, key=str):
            cancelled = services.call_off_event(key, reason=action)
            page = EventPage.objects.filter(translation_key=key).order_by("pk").first()
            if cancelled and page is not None:
                log(
                    page,
                    "registration.call_off",
                    user=request.user,
                    data={"count": cancelled, "action": action},
                )
        return None
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CHOICE)
        for value in values
    ]
    first = pages[0]
    return TemplateResponse(
        request,
        "registration/admin/confirm_page_action.html",
        {
            "page": first,
            "keep_url": reverse("wagtailadmin_pages:edit", args=[first.pk])
            if len(pages) == 1
            else request.GET.get("next") or reverse("wagtailadmin_home"),
            "action": action,
            "count": count,
            "choice": CHOICE,
            "fields": fields,
            "post_url": request.get_full_path(),
            "header_title": title or first.get_admin_display_title(),
        },
    )


def guard_page_action(request, page, action, *, descendants=True):
    return guard_pages_action(request, [page], action, descendants=descendants)


@hooks.register("before_delete_page")
def guard_delete(request, page):
    # Deleting a page deletes everything below it, events included.
    return guard_page_action(request, page, "deleted")


@hooks.register("before_unpublish_page")
def guard_unpublish(request, page):
    descendants = bool(request.POST.get("include_descendants"))
    return guard_page_action(request, page, "unpublished", descendants=descendants)


@hooks.register("before_bulk_action")
def guard_bulk_action(request, action_type, objects, action_view):
    """The same question for the page explorer's bulk delete and unpublish."""
    from wagtail.models import Page

    if action_type not in ("delete", "unpublish") or not issubclass(action_view.model, Page):
        return None
    if action_type == "delete":
        action, descendants = "deleted", True
    else:
        action = "unpublished"
        descendants = bool(action_view.cleaned_form.cleaned_data.get("include_descendants"))
    pages = list(objects)
    if not pages:
        return None
    return guard_pages_action(
        request,
        pages,
        action,
        descendants=descendants,
        title=ngettext("%(count)s page", "%(count)s pages", len(pages)) % {"count": len(pages)},
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    """The organiser's actions on registrations, as the page history shows them.
    The log keeps numbers and dates, never a name or an address: those are
    erased with the registration."""

    @actions.register_action("registration.cancel")
    class Cancel(LogFormatter):
        label = gettext_lazy("Cancel a registration")

        def format_message(self, log_entry):
            return gettext("Registration #%(id)s for %(date)s cancelled by the organiser") % {
                "id": log_entry.data.get("registration"),
                "date": _day(log_entry),
            }

    @actions.register_action("registration.move")
    class Move(LogFormatter):
        label = gettext_lazy("Move a registration to another date")

        def format_message(self, log_entry):
            return gettext("Registration #%(id)s moved from %(date)s to %(to)s") % {
                "id": log_entry.data.get("registration"),
                "date": _day(log_entry),
                "to": _day(log_entry, "to"),
            }

    @actions.register_action("registration.promote")
    class Promote(LogFormatter):
        label = gettext_lazy("Promote from the waiting list")

        def format_message(self, log_entry):
            return gettext("Registration #%(id)s for %(date)s moved up from the waiting list") % {
                "id": log_entry.data.get("registration"),
                "date": _day(log_entry),
            }

    @actions.register_action("registration.add")
    class Add(LogFormatter):
        label = gettext_lazy("Add a registration by hand")

        def format_message(self, log_entry):
            return gettext("Registration #%(id)s for %(date)s added by the organiser") % {
                "id": log_entry.data.get("registration"),
                "date": _day(log_entry),
            }

    @actions.register_action("registration.message")
    class Message(LogFormatter):
        label = gettext_lazy("Message everyone registered")

        def format_message(self, log_entry):
            return gettext("Message to %(count)s people registered for %(date)s") % {
                "count": log_entry.data.get("count"),
                "date": _day(log_entry),
            }

    @actions.register_action("registration.view")
    class View(LogFormatter):
        label = gettext_lazy("Look at the registrations")

        def format_message(self, log_entry):
            return gettext("Registrations looked at (%(count)s shown)") % {
                "count": log_entry.data.get("count")
            }

    @actions.register_action("registration.export")
    class Export(LogFormatter):
        label = gettext_lazy("Export the registrations")

        def format_message(self, log_entry):
            return gettext("%(count)s registrations exported (%(format)s)") % {
                "count": log_entry.data.get("count"),
                "format": str(log_entry.data.get("format", "")).upper(),
            }

    @actions.register_action("registration.call_off")
    class CallOff(LogFormatter):
        label = gettext_lazy("Cancel all registrations of an event")

        def format_message(self, log_entry):
            return gettext(
                "%(count)s registrations cancelled and told before the event was taken offline"
            ) % {"count": log_entry.data.get("count")}

    @actions.register_action("registration.erase")
    class Erase(LogFormatter):
        label = gettext_lazy("Erase personal data")

        def format_message(self, log_entry):
            return gettext("Personal data of %(count)s registrations erased") % {
                "count": log_entry.data.get("count")
            }


@hooks.register(ONLINE_LINK_HIDDEN)
def online_link_for_registrants(events):
    """With registration on, only confirmed registrants get the online link."""
    return {pk for pk, rules in settings_for(events).items() if rules.enabled}


@hooks.register(DATES_CHANGED)
def tell_registrants(event, changes):
    """Cancelled and moved dates: registrations follow, and people are told."""
    services.dates_changed(event, changes)


@hooks.register(DATES_KEPT)
def series_registrants_need_every_date(event):
    """A date dropped from a series with whole-series registrations is kept as
    cancelled, so its registrants are told and their calendars updated."""
    return (
        settings_of(event).is_series
        and Registration.objects.filter(
            event_key=event.translation_key,
            status__in=Registration.ACTIVE,
            anonymised_at__isnull=True,
        ).exists()
    )


# "Few places left": at most this many, search engines read it as
# `LimitedAvailability` (the form shows the number itself).
FEW_PLACES_LEFT = 5
SCHEMA = "https://schema.org/"
OFFER_AVAILABILITY = {
    Availability.OPEN: SCHEMA + "InStock",
    Availability.WAITING: SCHEMA + "SoldOut",  # only the waiting list is open
    Availability.FULL: SCHEMA + "SoldOut",
    Availability.CLOSED: SCHEMA + "SoldOut",
    Availability.NOT_OPEN: SCHEMA + "PreOrder",
}


@hooks.register(EVENT_OFFERS)
def offers_from_registration(event, occurrences):
    """Each date's offer from the state `services.decide` gives the form:
    open, few places left, only the waiting list, not yet open; none for a
    cancelled date. `validFrom` is when registration opens. One query."""
    rules = settings_of(event)
    if not rules.enabled:
        return {}
    occurrences = list(occurrences)
    confirmed = confirmed_for(event, occurrences)
    offers = {}
    for occurrence in occurrences:
        state = decide(event, occurrence, confirmed=confirmed.get(occurrence.pk, 0))
        if state.code == Availability.CANCELLED:
            offers[occurrence.pk] = None
            continue
        availability = OFFER_AVAILABILITY[state.code]
        left = state.places_left
        if state.code == Availability.OPEN and left is not None and left <= FEW_PLACES_LEFT:
            availability = SCHEMA + "LimitedAvailability"
        offer = {"availability": availability}
        if rules.opens:
            offer["validFrom"] = timezone.localtime(rules.opens).isoformat(timespec="seconds")
        offers[occurrence.pk] = offer
    return offers
