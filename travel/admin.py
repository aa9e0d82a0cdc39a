"""Travel together in the Wagtail admin: the coordinator's page of one event.

`coordinate` (`/admin/travel/<page id>/`, the "Travel together" button on an
event page): per date of the event, the counts per place (`travel.dashboard`,
places with many open requests flagged "consider a minibus"), then every
offer, trip and request with its contact details, and the coordinator's
tools: enter a request or offer taken by phone, pair a request with an offer
by hand (at a festival also with those of the day's other sessions the
coordinator handles), cancel. The rules are `travel.services`'; the people concerned are
told by the services' e-mails.

`TravelPanel`: the admin dashboard's panel with the next dates' counts per
place (`travel.dashboard.upcoming_counts`), for everyone who may edit the
event: counts only, so no registrations permission is needed to see them.

Who: the same people who handle the event's registrations, by the same
check (`registration.admin.may_manage_event`: "Can view and manage
registrations" and permission to edit the event page), so a partner section's
group sees its own events only. Every change is written to the event page's
history (`travel.coordinator.*`, named in `travel.wagtail_hooks`); the log
keeps numbers, never names.
"""

from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.components import Component
from wagtail.log_actions import log
from wagtail.permission_policies.pages import PagePermissionPolicy

from events.models import EventPage, Occurrence
from events.schedule import to_aware, to_local
from registration.admin import editable_event, may_manage, may_manage_event
from registration.forms import date_label
from travel import dashboard, services
from travel.destinations import destination_of
from travel.models import LANGUAGES_SPOKEN, MAX_PLACES, Place, TravelEntry

Kind = TravelEntry.Kind


def may_coordinate(user, page):
    """Whether `user` may see and change the travel entries of event `page`."""
    return may_manage_event(user, page)


def coordinate_url(page_id, occurrence=None):
    url = reverse("travel_admin:coordinate", args=[page_id])
    if occurrence is not None:
        url += "?" + urlencode({"date": occurrence.pk})
    return url


def urlpatterns():
    return [path("<int:page_id>/", coordinate, name="coordinate")]


def entry_label(entry):
    """How the coordinator's lists name an entry: number, kind, place, time,
    count and name (the admin may see names)."""
    count = entry.people if entry.kind == Kind.REQUEST else entry.seats
    return (
        f"#{entry.pk} · {entry.get_kind_display()} · {entry.place.name} · "
        f"{time_format(to_local(entry.departs_at))} · {count} · {entry.name}"
    )


class EntryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return entry_label(obj)


class PhoneEntryForm(forms.Form):
    """An offer, trip or request taken by phone; the e-mail address is optional
    (without one, the person hears from the coordinator)."""

    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Kind.choices)
    place = forms.ModelChoiceField(
        label=gettext_lazy("From (village or town)"),
        queryset=Place.objects.filter(active=True).order_by("name", "municipality"),
        error_messages={"invalid_choice": gettext_lazy("Please choose a place from the list.")},
    )
    departs = forms.TimeField(
        label=gettext_lazy("Departure time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": gettext_lazy("Please give a time such as 18:30.")},
    )
    count = forms.IntegerField(
        label=gettext_lazy("Seats offered, or people travelling"),
        min_value=0,
        max_value=MAX_PLACES,
        initial=1,
        help_text=gettext_lazy("Public transport: how many may join (0: no limit)."),
    )
    wheelchair = forms.BooleanField(label=gettext_lazy("Wheelchair"), required=False)
    walker = forms.BooleanField(label=gettext_lazy("Walker"), required=False)
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages spoken"),
        choices=LANGUAGES_SPOKEN,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needs = forms.CharField(
        label=gettext_lazy("Needs"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    email = forms.EmailField(label=gettext_lazy("E-mail (optional)"), required=False)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=40, required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language of the e-mails"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES

    def clean(self):
        data = super().clean()
        count = data.get("count")
        if count is not None and count < 1 and data.get("kind") != Kind.TRANSIT:
            self.add_error("count", _("At least 1."))
        if not (data.get("email") or data.get("phone")):
            self.add_error("phone", _("Give a phone number or an e-mail address."))
        return data


class PairForm(forms.Form):
    request = EntryChoiceField(label=gettext_lazy("Request"), queryset=TravelEntry.objects.none())
    offer = EntryChoiceField(
        label=gettext_lazy("Offer or trip"), queryset=TravelEntry.objects.none()
    )

    def __init__(self, *args, occurrence, user, **kwargs):
        super().__init__(*args, **kwargs)
        active = pairable_entries(user, occurrence).select_related("place")
        self.fields["request"].queryset = active.filter(kind=Kind.REQUEST)
        self.fields["offer"].queryset = active.filter(kind__in=[Kind.OFFER, Kind.TRANSIT])


def pairable_entries(user, occurrence):
    """The active entries a coordinator may pair on this date's page: the
    date's own and, for a festival session, those of the day's other
    sessions whose registrations the coordinator handles too (one festival
    day is one destination: `travel.destinations`)."""
    ids = destination_of(occurrence).ids
    if len(ids) > 1:
        others = Occurrence.objects.filter(pk__in=ids).exclude(pk=occurrence.pk)
        allowed = {occurrence.pk} | {
            o.pk for o in others.select_related("event") if may_coordinate(user, o.event)
        }
        ids = [pk for pk in ids if pk in allowed]
    return TravelEntry.objects.filter(occurrence_id__in=ids, cancelled_at__isnull=True)


def _dates(event):
    """The event's dates whose travel entries are still kept, soonest first."""
    from datetime import timedelta

    kept_from = timezone.now() - timedelta(days=services.retention_days())
    return list(
        Occurrence.objects.filter(event_key=event.translation_key, end__gte=kept_from).order_by(
            "start", "pk"
        )
    )


def _chosen(dates, value):
    chosen = next((o for o in dates if str(o.pk) == str(value or "")), None)
    if chosen is None:
        now = timezone.now()
        chosen = next((o for o in dates if o.end >= now), dates[-1] if dates else None)
    return chosen


def coordinate(request, page_id):
    """The coordinator's page of one event (GET) and its actions (POST)."""
    page, event = editable_event(request, page_id)
    dates = _dates(event)
    occurrence = _chosen(dates, request.POST.get("date") or request.GET.get("date"))
    entry_form = PhoneEntryForm(initial={"language": request.LANGUAGE_CODE[:2]})
    pair_form = PairForm(occurrence=occurrence, user=request.user) if occurrence else None
    if request.method == "POST" and occurrence is not None:
        action = request.POST.get("action")
        if action == "add":
            entry_form = PhoneEntryForm(request.POST)
            if _add(request, event, occurrence, entry_form):
                return redirect(coordinate_url(page.pk, occurrence))
        elif action == "pair":
            pair_form = PairForm(request.POST, occurrence=occurrence, user=request.user)
            if _pair(request, event, pair_form):
                return redirect(coordinate_url(page.pk, occurrence))
        elif action == "cancel":
            _cancel(request, event, occurrence)
            return redirect(coordinate_url(page.pk, occurrence))
    context = {
        "page": page,
        "event": event,
        "header_title": _("Travel together: %(title)s") % {"title": page.title},
        "dates": [(o, date_label(o)) for o in dates],
        "occurrence": occurrence,
        "entry_form": entry_form,
        "pair_form": pair_form,
        "form_url": reverse("travel_admin:coordinate", args=[page.pk]),
        "minibus_at": dashboard.MINIBUS_AT,
    }
    if occurrence is not None:
        entries = services.entries_for(occurrence)
        for entry in entries:
            entry.departs_label = time_format(to_local(entry.departs_at))
            entry.left = (
                None
                if entry.kind == Kind.REQUEST
                else services.seats_left(entry, entry.seats_taken)
            )
            entry.active_matches = [
                m
                for m in (*entry.matches_asked.all(), *entry.matches_offered.all())
                if m.status in ("asked", "accepted")
            ]
        context.update(
            {
                "date_label": date_label(occurrence),
                "is_open": services.is_open(occurrence),
                "summary": dashboard.summary(occurrence),
                "offers": [e for e in entries if e.kind == Kind.OFFER],
                "trips": [e for e in entries if e.kind == Kind.TRANSIT],
                "requests": [e for e in entries if e.kind == Kind.REQUEST],
            }
        )
    status = 400 if entry_form.is_bound or (pair_form and pair_form.is_bound) else 200
    return TemplateResponse(request, "travel/admin/coordinate.html", context, status=status)


def _log(http_request, event, action, occurrence, **data):
    log(
        event,
        action,
        user=http_request.user,
        data={"date": occurrence.start.isoformat(), **data},
    )


def _add(request, event, occurrence, form):
    if not form.is_valid():
        messages.error(request, _("Please correct the fields marked below."))
        return False
    data = form.cleaned_data
    day = to_local(occurrence.start).date()
    kind = data["kind"]
    try:
        entry = services.create_entry(
            occurrence,
            kind=kind,
            place=data["place"],
            departs_at=to_aware(datetime.combine(day, data["departs"])),
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            seats=data["count"] if kind != Kind.REQUEST else 0,
            people=data["count"] if kind == Kind.REQUEST else 1,
            wheelchair=data["wheelchair"],
            walker=data["walker"],
            languages=data["languages"],
            needs=data["needs"],
            language=data["language"],
            entered_by=request.user,
        )
    except services.TravelError as error:
        messages.error(request, str(error.message))
        return False
    _log(request, event, "travel.coordinator.add", occurrence, entry=entry.pk, kind=kind)
    messages.success(request, _("Entered: %(entry)s.") % {"entry": entry_label(entry)})
    return True


def _pair(request, event, form):
    if not form.is_valid():
        messages.error(request, _("Choose a request and an offer of this date."))
        return False
    request_entry, offer = form.cleaned_data["request"], form.cleaned_data["offer"]
    try:
        match = services.pair(request_entry, offer, by=request.user)
    except services.TravelError as error:
        messages.error(request, str(error.message))
        return False
    _log(
        request,
        event,
        "travel.coordinator.pair",
        offer.occurrence,
        request=request_entry.pk,
        offer=offer.pk,
        match=match.pk,
    )
    messages.success(
        request,
        _("Paired #%(request)s with #%(offer)s; both are told.")
        % {"request": request_entry.pk, "offer": offer.pk},
    )
    return True


def _cancel(request, event, occurrence):
    entry = services.active_entries(occurrence).filter(pk=request.POST.get("entry") or 0).first()
    if entry is None:
        messages.error(request, _("This entry is cancelled already."))
        return
    told = services.cancel(entry, by=request.user)
    _log(request, event, "travel.coordinator.cancel", occurrence, entry=entry.pk, told=told)
    messages.success(
        request, _("Cancelled #%(id)s; %(told)s people told.") % {"id": entry.pk, "told": told}
    )


class TravelPanel(Component):
    """Dashboard panel: the next dates with travel plans of the events this
    user may edit, with how many travel together and from where. Counts only,
    so an organiser sees them without the permission to see who travels; the
    event links to the coordinator's page for those who have it. Nothing is
    drawn when there are no travel plans."""

    name = "travel_together"
    order = 160
    template_name = "travel/admin/panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
        keys = EventPage.objects.filter(pk__in=pages.values("pk")).values("translation_key")
        dates = dashboard.upcoming_counts(keys, timezone.now())
        coordinator = may_manage(user)
        for day in dates:
            day.url = coordinate_url(day.occurrence.event_id, day.occurrence) if coordinator else ""
        return {"dates": dates, "minibus_at": dashboard.MINIBUS_AT}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["dates"]:
            return ""
        return render_to_string(self.template_name, context, request=self.request)
