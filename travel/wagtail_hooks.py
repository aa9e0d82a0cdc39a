"""Travel's hooks: the place list as a snippet editors extend, the event
page's "Travel together" section, the festival page's section per festival
day, the link in registration's e-mails, the
personal-data part and the coordinators' log actions."""

from collections import Counter

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.hooks import DATES_CHANGED, EVENT_PAGE_CONTEXT
from events.models import Occurrence
from events.page_buttons import add_event_page_button
from events.schedule import to_local
from festival.hooks import FESTIVAL_PAGE_CONTEXT
from home.hooks import PERSONAL_DATA
from home.privacy import PersonalData
from registration.forms import date_label
from registration.hooks import MAIL_LINKS
from travel import destinations, services
from travel.destinations import destinations_of
from travel.models import Place


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = gettext_lazy("Travel places")
    list_display = ["name", "municipality", "country", "active"]
    list_filter = ["country", "active"]
    search_fields = ["name", "municipality"]
    add_to_admin_menu = False


register_snippet(PlaceViewSet)


@hooks.register(PERSONAL_DATA)
def travel_personal_data():
    return PersonalData(key="travel", export=services.export_for_email, erase=erase)


def erase(email, user=None):
    return services.erase_for_email(email, user=user)


@hooks.register(EVENT_PAGE_CONTEXT)
def travel_section(request, page, event, upcoming, **extra):
    """Per upcoming date: who travels from where (places, times, counts; never
    who) and the link to that date's forms."""
    dates = [o for o in upcoming if o.status != Occurrence.Status.CANCELLED]
    if not dates:
        return {}
    found = destinations_of(dates, event)
    rows = services.public_rows(dates, found)
    # A festival session's section shows everyone going to the festival that
    # day, whichever session they attend.
    on_site = any(d.is_festival_day and d.place for d in found.values())
    festival = page.get_parent() if on_site else None
    travel_dates = []
    for n, occurrence in enumerate(dates):
        shown = rows.get(occurrence.pk, [])
        if n >= DATES_SHOWN and not shown:
            continue  # a long series: later dates only once someone travels
        travel_dates.append(
            _section_day(
                date_label(occurrence),
                shown,
                page.url + page.reverse_subpage("travel_date", kwargs={"date": occurrence.pk}),
                occurrence=occurrence,
            )
        )
    return {
        "travel_dates": travel_dates,
        "travel_festival": festival,
        "sections": ["travel/section.html"],
    }


@hooks.register(FESTIVAL_PAGE_CONTEXT)
def festival_travel_section(request, page, sessions):
    """The festival page of an edition on site: per festival day still to
    come with a venue, who travels from where (places, times, counts; never
    who), and the way to that day's forms (those of the day's first session
    that is on: everyone going that day travels together, whichever sessions
    they attend). A fixed number of queries whatever the festival's size."""
    if page.is_online:
        return {}
    now = timezone.now()
    # Days still to come with a place to travel to (not the online sessions).
    days = [d for d in destinations.festival_days(page) if d.place and d.is_open(now)]
    if not days:
        return {}
    by_date = {s.id: s for s in sessions}
    anchors = []
    for day in days:
        session = by_date.get(day.first_on(now))
        if session is not None and session.url:
            anchors.append((day, session))
    if not anchors:
        return {}
    rows = services.public_rows(
        [session.occurrence for _day, session in anchors],
        {session.id: day for day, session in anchors},
    )
    per_day = Counter(day.day for day, _session in anchors)
    travel_days = []
    for n, (day, session) in enumerate(anchors):
        shown = rows.get(session.id, [])
        if n >= DATES_SHOWN and not shown:
            continue
        label = date_format(day.day, "WEEKDAY_DATE_FORMAT")
        if per_day[day.day] > 1 and session.venue is not None:
            label = f"{label}, {session.venue.name}"
        travel_days.append(
            _section_day(
                label,
                shown,
                session.url
                + session.page.reverse_subpage("travel_date", kwargs={"date": session.id}),
            )
        )
    return {"travel_days": travel_days, "sections": ["travel/festival_section.html"]}


SHOWN_PER_DATE = 6


def _section_day(label, shown, url, **extra):
    """One date (or festival day) of a travel section: its first rows (with
    local departure times), how many more, and the way to its forms."""
    for row in shown[:SHOWN_PER_DATE]:
        row.local_departs = to_local(row.departs_at)
    return {
        "label": label,
        "rows": shown[:SHOWN_PER_DATE],
        "more": max(0, len(shown) - SHOWN_PER_DATE),
        "url": url,
        **extra,
    }


DATES_SHOWN = 3


@hooks.register(DATES_CHANGED)
def tell_travellers(event, changes):
    """Cancelled and moved dates: travellers are told, and a cancelled date's
    entries end."""
    services.dates_changed(changes)


@hooks.register(MAIL_LINKS)
def travel_mail_link(registration, page, occurrence):
    """Registration's confirmation and reminder: "Travel together to this
    date" (for a series' reminder, the date it reminds of)."""
    if occurrence is None:
        return []
    url = page.get_full_url() + page.reverse_subpage("travel_date", kwargs={"date": occurrence.pk})
    return [(gettext("Travel together: offer seats or find a ride"), url)]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    """Coordinators' changes; the log keeps numbers, never names."""

    @actions.register_action("travel.enter")
    class Enter(LogFormatter):
        label = gettext_lazy("Enter a travel request by phone")

        def format_message(self, log_entry):
            return gettext("Travel entry #%(id)s entered by a coordinator") % {
                "id": log_entry.object_id
            }

    @actions.register_action("travel.pair")
    class Pair(LogFormatter):
        label = gettext_lazy("Pair travellers by hand")

        def format_message(self, log_entry):
            return gettext("Request #%(request)s paired with #%(offer)s") % {
                "request": log_entry.data.get("request"),
                "offer": log_entry.object_id,
            }

    @actions.register_action("travel.cancel")
    class Cancel(LogFormatter):
        label = gettext_lazy("Cancel a travel entry")

        def format_message(self, log_entry):
            return gettext("Travel entry #%(id)s cancelled by a coordinator") % {
                "id": log_entry.object_id
            }


# -- The coordinator's page (travel.admin) ----------------------------------


@hooks.register("register_admin_urls")
def register_coordinator_urls():
    from django.urls import include, path

    from travel import admin

    return [path("travel/", include((admin.urlpatterns(), "travel_admin")))]


class TravelButton(PageMenuItem):
    """Leads to the event's coordinator page (counts, lists, phone entries)."""

    label = gettext_lazy("Travel together")
    icon_name = "site"

    @cached_property
    def url(self):
        from travel import admin

        return admin.coordinate_url(self.page.pk)

    def is_shown(self, user):
        from travel import admin

        return admin.may_coordinate(user, self.page)


add_event_page_button(TravelButton, 7)


@hooks.register("construct_homepage_panels")
def add_travel_panel(request, panels):
    """The organiser's counts on the admin dashboard (drawn only when there
    are travel plans for events the user may edit)."""
    from travel.admin import TravelPanel

    panels.append(TravelPanel(request))


def _coordinator_entry(log_entry):
    return {"id": (log_entry.data or {}).get("entry"), "date": _log_day(log_entry)}


def _log_day(log_entry):
    from datetime import datetime

    from django.utils.formats import date_format

    value = (log_entry.data or {}).get("date")
    if not value:
        return ""
    return date_format(to_local(datetime.fromisoformat(value)), "DATETIME_FORMAT")


@hooks.register("register_log_actions")
def register_coordinator_log_actions(actions):
    """The coordinator's changes as the event page's history shows them:
    numbers and dates, never a name."""

    @actions.register_action("travel.coordinator.add")
    class CoordinatorAdd(LogFormatter):
        label = gettext_lazy("Travel: entered by phone")

        def format_message(self, log_entry):
            return gettext("Travel entry #%(id)s for %(date)s entered by phone") % (
                _coordinator_entry(log_entry)
            )

    @actions.register_action("travel.coordinator.pair")
    class CoordinatorPair(LogFormatter):
        label = gettext_lazy("Travel: paired by hand")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return gettext("Travel request #%(request)s paired with #%(offer)s for %(date)s") % {
                "request": data.get("request"),
                "offer": data.get("offer"),
                "date": _log_day(log_entry),
            }

    @actions.register_action("travel.coordinator.cancel")
    class CoordinatorCancel(LogFormatter):
        label = gettext_lazy("Travel: cancelled by the coordinator")

        def format_message(self, log_entry):
            return gettext("Travel entry #%(id)s for %(date)s cancelled by the coordinator") % (
                _coordinator_entry(log_entry)
            )
