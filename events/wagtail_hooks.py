"""Admin registrations of the events app: the event type snippet, the admin URLs
(recurrence preview, an event's dates), the "Dates" buttons on event pages and
the editor's message after publishing an event."""

from django.contrib import messages
from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events import admin_views
from events.cache_rules import EVENT_LISTS
from events.models import EventPage, EventSchedule, EventType
from events.page_buttons import add_event_page_button
from events.schedule import to_local
from home.cache import depends_on
from home.choosers import LocalizedSnippetChooserViewSet
from home.hooks import HOME_LISTING_TEMPLATES, RELATED_SECTIONS

app_name = "events"


class EventTypeViewSet(SnippetViewSet):
    model = EventType
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    icon = "date"
    list_display = ["name", "slug", "locale"]
    menu_label = gettext_lazy("Event types")
    add_to_admin_menu = False


register_snippet(EventTypeViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("recurrence-preview/", admin_views.recurrence_preview, name="recurrence_preview"),
        path("<int:page_id>/dates/", admin_views.occurrences, name="occurrences"),
    ]
    return [path("events/", include((urls, "events"), namespace="events"))]


class DatesButton(PageMenuItem):
    label = gettext_lazy("Dates")
    icon_name = "date"
    url_name = "events:occurrences"

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()


add_event_page_button(DatesButton, 5)


class DatesMenuItem(ActionMenuItem):
    name = "action-event-dates"
    label = gettext_lazy("Dates and exceptions")
    icon_name = "date"
    order = 60

    def is_shown(self, context):
        page = context.get("page")
        return context.get("view") == "edit" and page is not None and isinstance(page, EventPage)

    def get_url(self, context):
        return reverse("events:occurrences", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_dates_menu_item():
    return DatesMenuItem()


@hooks.register("after_publish_page")
def report_regeneration(request, page):
    """Tell the editor what publishing did to the dates: the next ones, and any
    date kept as cancelled because it had history, or change matching no date."""
    if not isinstance(page, EventPage):
        return
    from events.services import source_event

    event = source_event(page)
    schedule = EventSchedule.objects.filter(event_key=page.translation_key).first()
    if schedule is None or event is None:
        return
    report = schedule.report or {}
    kept = report.get("kept") or []
    if kept:
        from datetime import datetime

        days = ", ".join(date_format(datetime.fromisoformat(v), "DATETIME_FORMAT") for v in kept)
        messages.warning(
            request,
            _(
                "These dates are no longer in the schedule but have history (a note, a "
                "change or registrations), so they are kept as cancelled: %(dates)s"
            )
            % {"dates": days},
        )
    unmatched = report.get("unmatched") or []
    if unmatched:
        from datetime import date

        days = ", ".join(
            date_format(date.fromisoformat(v), "SHORT_MONTH_DATE_FORMAT") for v in unmatched
        )
        messages.warning(
            request,
            _("These changes to single dates match no date of the schedule: %(dates)s")
            % {"dates": days},
        )
    from events.models import Occurrence

    upcoming = list(
        Occurrence.objects.filter(event_key=event.translation_key, end__gte=event.start)
        .exclude(status=Occurrence.Status.CANCELLED)
        .order_by("start")
        .values_list("start", flat=True)[:3]
    )
    if upcoming:
        from events.text import describe

        sentence = describe(event, upcoming) or ", ".join(
            date_format(to_local(d), "DATETIME_FORMAT") for d in upcoming
        )
        messages.info(request, sentence)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    """Changes made in an event's Dates view, as the page history shows them."""

    @actions.register_action("events.cancel_date")
    class CancelDate(LogFormatter):
        label = gettext_lazy("Cancel a date")

        def format_message(self, log_entry):
            from datetime import date

            day = date.fromisoformat(log_entry.data["date"])
            return _("Date %(date)s cancelled") % {"date": date_format(day, "DATE_FORMAT")}

    @actions.register_action("events.move_date")
    class MoveDate(LogFormatter):
        label = gettext_lazy("Move a date")

        def format_message(self, log_entry):
            from datetime import date, time

            data = log_entry.data
            day = date.fromisoformat(data["date"])
            new_day = date.fromisoformat(data["new_date"]) if data.get("new_date") else day
            when = date_format(new_day, "DATE_FORMAT")
            if data.get("new_start_time"):
                when += " " + time_format(time.fromisoformat(data["new_start_time"]))
            return _("Date %(date)s moved to %(when)s") % {
                "date": date_format(day, "DATE_FORMAT"),
                "when": when,
            }


@hooks.register(HOME_LISTING_TEMPLATES)
def home_listing_templates():
    return {"upcoming_events": "blocks/upcoming_events_block.html"}


@hooks.register(RELATED_SECTIONS)
def upcoming_events_section(context, *, theme_keys, organisation_keys, limit, heading):
    """Upcoming events on these themes / by these organisations."""
    depends_on(EVENT_LISTS)
    request = context.get("request")
    return render_to_string(
        "events/components/upcoming_events.html",
        {
            "theme_keys": theme_keys,
            "organisation_keys": organisation_keys,
            "limit": limit,
            "heading": heading,
            "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        },
        request,
    )
