"""The organiser's registration tools in the Wagtail admin.

- `RegistrationViewSet`: the registrations of the events a user may edit, on
  Wagtail's generic `IndexView` (filters by event, date and status, search by
  name or e-mail, CSV/XLSX export). Filtered to one event it also shows that
  event's counts and the forms to add a registration by hand and to message
  everyone registered for a date.
- `EventActionsView` (`<page id>/`): the organiser's actions on one event's
  registrations (add, cancel, promote, attended, message); a GET leads to the
  list filtered to that event.
- `move` (`<page id>/move/<registration id>/`): move one registration to
  another date of its event.
- `check_in`: a phone-friendly list to tick off who came.
- `privacy`: export or erase everything about one e-mail address (superusers).
- `upcoming_panel`: the dashboard panel with upcoming dates and their fill rate.

Registrations are personal data: a user sees and handles an event's
registrations only with "Can view and manage registrations"
(`registration.manage_registrations`, superusers have it) *and* permission to
edit the event page (`EventEditorPolicy`), so a partner section's group, which
holds both, sees its own events only, and Wagtail's default Editors see none.
The rules are in `registration.services`; every organiser action, every look at
an event's registrations and every export is written to the event page's
history (`registration.wagtail_hooks` names them).

Exports are safe to open in a spreadsheet: cells that a spreadsheet would run
as a formula get a leading apostrophe (OWASP's CSV injection rule), the CSV
starts with a byte-order mark (so Excel reads UTF-8) and times are local, to
the minute.
"""

from collections import Counter
from datetime import timedelta

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from events.models import EventPage, Occurrence
from events.services import source_event
from home import privacy as home_privacy
from home.params import ascii_int
from home.spreadsheets import EditorsLanguageExport
from registration import services
from registration.forms import date_label, moment_label
from registration.models import Registration, settings_for, settings_of

PER_PAGE = 50
MANAGE_PERMISSION = "registration.manage_registrations"
# Cells starting with one of these run as formulas in a spreadsheet (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def may_manage(user):
    """Whether `user` may see and handle registrations at all (superusers may);
    which events, the page permissions decide."""
    return user.is_active and user.has_perm(MANAGE_PERMISSION)


def may_manage_event(user, page):
    """Whether `user` may see and handle the registrations of event `page`."""
    return may_manage(user) and page.permissions_for_user(user).can_edit()


def editable_event(request, page_id):
    """The event, if the user may handle its registrations (else 403): the
    page asked for and its source version."""
    page = get_object_or_404(EventPage, pk=page_id)
    if not may_manage_event(request.user, page):
        raise PermissionDenied
    return page, source_event(page) or page


def editable_events(user):
    """Every version (language) of the events whose registrations `user` may
    handle: those they may edit, if they hold the registrations permission."""
    if not may_manage(user):
        return EventPage.objects.none()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return EventPage.objects.filter(pk__in=pages.values("pk"))


def spreadsheet_safe(value):
    """A CSV cell that a spreadsheet shows as text: a leading apostrophe before
    anything it would run as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, tab,
    carriage return)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# Looking at one event's registrations again within this time (paging,
# filtering, searching) is the same look: one entry in the history.
VIEW_LOG_WINDOW = timedelta(minutes=10)


def log_views(user, counts):
    """Write "registrations looked at" to the history of each event in
    `counts` ({event page id: rows shown}), once per user and event within
    `VIEW_LOG_WINDOW`. The log keeps numbers, never a name or an address."""
    if not counts:
        return
    recent = set(
        PageLogEntry.objects.filter(
            action="registration.view",
            user=user,
            page_id__in=counts,
            timestamp__gte=timezone.now() - VIEW_LOG_WINDOW,
        ).values_list("page_id", flat=True)
    )
    for page in Page.objects.filter(pk__in=set(counts) - recent).specific():
        log(page, "registration.view", user=user, data={"count": counts[page.pk]})


class EventEditorPolicy(BasePermissionPolicy):
    """Registrations belong to events: whoever holds the registrations
    permission and may edit an event page sees and handles its registrations,
    in every language; nobody edits or deletes them as plain objects (the
    organiser's actions go through the services)."""

    def __init__(self):
        super().__init__(Registration)

    def user_has_permission(self, user, action):
        if action != "view" or not may_manage(user):
            return False
        return user.is_superuser or editable_events(user).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        if action != "view" or not may_manage(user):
            return Registration.objects.none()
        # Registrations of a deleted event (no date left) are kept only until
        # they are anonymised; the admin lists registrations of existing dates.
        registrations = Registration.objects.filter(occurrence__isnull=False)
        if user.is_superuser:
            return registrations
        keys = editable_events(user).values("translation_key")
        return registrations.filter(event_key__in=keys)

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" in actions:
            return self.instances_user_has_permission_for(user, "view")
        return Registration.objects.none()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.locale.language_code})"


class DateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return date_label(obj)


def _event_choices(request):
    return editable_events(request.user).select_related("locale").order_by("title", "pk")


def _date_choices(request):
    """The dates of the chosen event (none until an event is chosen)."""
    page_id = ascii_int(request.GET.get("event")) if request else None
    if not page_id:
        return Occurrence.objects.none()
    keys = editable_events(request.user).filter(pk=page_id).values("translation_key")
    return Occurrence.objects.filter(event_key__in=keys).order_by("start", "pk")


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Event"),
        queryset=_event_choices,
        method="filter_event",
    )
    event.field_class = EventChoiceField
    date = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Date"), queryset=_date_choices, field_name="occurrence"
    )
    date.field_class = DateChoiceField
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Registration.Status.choices
    )

    class Meta:
        model = Registration
        fields = []

    def filter_event(self, queryset, name, value):
        return queryset.filter(event_key=value.translation_key)


class ActionsColumn(Column):
    """The organiser's buttons on a row: promote, attended, cancel."""

    cell_template_name = "registration/admin/actions_cell.html"

    def __init__(self):
        super().__init__("actions", label=gettext_lazy("Actions"))

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["action_url"] = reverse("registration:event", args=[instance.occurrence.event_id])
        context["move_url"] = reverse(
            "registration:move", args=[instance.occurrence.event_id, instance.pk]
        )
        # Rendered on its own: hand on the page's CSRF token and list state.
        context["csrf_token"] = parent_context.get("csrf_token")
        return context


class DateColumn(Column):
    def get_value(self, instance):
        return date_label(instance.occurrence)


def status_label(registration):
    """The status as organisers read it; an offer says until when it stands."""
    if registration.is_offered and registration.offer_expires_at:
        return _("Offered until %(moment)s") % {
            "moment": moment_label(registration.offer_expires_at)
        }
    return registration.get_status_display()


class StatusColumn(Column):
    def get_value(self, instance):
        return status_label(instance)


class UnsentEmailColumn(Column):
    """Says when the last e-mail to this person has not gone out yet (it is retried)."""

    def get_value(self, instance):
        return _("Not sent yet, retrying") if instance.unsent_email else ""


class RegistrationIndexView(EditorsLanguageExport, IndexView):
    results_template_name = "registration/admin/index_results.html"
    filterset_class = RegistrationFilterSet
    default_ordering = "occurrence__start"
    paginate_by = PER_PAGE
    list_export = [
        "event_title",
        "date",
        "status_label",
        "places",
        "name",
        "email",
        "answers_text",
        "language",
        "created_at",
        "attended",
    ]
    export_headings = {
        "event_title": gettext_lazy("Event"),
        "date": gettext_lazy("Date"),
        "status_label": gettext_lazy("Status"),
        "places": gettext_lazy("Places"),
        "name": gettext_lazy("Name"),
        "email": gettext_lazy("E-mail"),
        "answers_text": gettext_lazy("Answers"),
        "language": gettext_lazy("Language"),
        "created_at": gettext_lazy("Registered at"),
        "attended": gettext_lazy("Attended"),
    }

    @cached_property
    def columns(self):
        return [
            Column("name", label=gettext_lazy("Name"), sort_key="name"),
            Column("email", label=gettext_lazy("E-mail")),
            Column("event", label=gettext_lazy("Event"), accessor="occurrence.event.title"),
            DateColumn("date", label=gettext_lazy("Date"), sort_key="occurrence__start"),
            StatusColumn("status", label=gettext_lazy("Status")),
            Column("places", label=gettext_lazy("Places"), sort_key="places"),
            Column("created_at", label=gettext_lazy("Registered at"), sort_key="created_at"),
            UnsentEmailColumn("unsent_email", label=gettext_lazy("E-mail not sent")),
            ActionsColumn(),
        ]

    custom_field_preprocess = {
        # Local time to the minute: as people read it, and sortable.
        "created_at": {
            IndexView.FORMAT_CSV: lambda value: value.strftime("%Y-%m-%d %H:%M"),
        },
    }

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return spreadsheet_safe(value)
        # The xlsx writer stores every text as text, never as a formula.
        return value

    def stream_csv(self, queryset):
        # A byte-order mark, so that Excel reads the file as UTF-8 ("Jürgen").
        yield "\ufeff".encode()
        yield from super().stream_csv(queryset)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        per_event = dict(
            queryset.order_by()
            .values_list("occurrence__event")
            .annotate(n=Count("pk"))
            .values_list("occurrence__event", "n")
        )
        for page in Page.objects.filter(pk__in=per_event).specific():
            log(
                page,
                "registration.export",
                user=self.request.user,
                data={"count": per_event[page.pk], "format": spreadsheet_format},
            )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def render_to_response(self, context, **response_kwargs):
        if not self.is_export:
            shown = Counter(item.occurrence.event_id for item in context["object_list"])
            if self.chosen_event is not None:
                # An event without registrations yet is looked at too.
                shown.setdefault(self.chosen_event.pk, 0)
            log_views(self.request.user, shown)
        return super().render_to_response(context, **response_kwargs)

    def get(self, request, *args, **kwargs):
        # Offers that ran out pass on before the organiser reads the list.
        chosen = ascii_int(request.GET.get("event"))
        if chosen is not None:
            keys = editable_events(request.user).filter(pk=chosen).values("translation_key")
            services.expire_offers(event_keys=keys)  # one query when none ran out
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).select_related("occurrence", "occurrence__event")

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "created_at", "pk")

    def filter_queryset(self, queryset):
        # Wagtail drops every filter when one value is invalid (say, a date of
        # another event); drop only that one, so the list stays on its event.
        if self.filters is not None and not self.filters.is_valid():
            return self.filters.filter_queryset(queryset)
        return super().filter_queryset(queryset)

    def cleaned_filter(self, name):
        if self.filters is None:
            return None
        self.filters.is_valid()
        return self.filters.form.cleaned_data.get(name)

    @cached_property
    def chosen_page(self):
        """The event the list is filtered to (the version the user chose), or None."""
        return self.cleaned_filter("event")

    @cached_property
    def chosen_event(self):
        """The source version of the chosen event (registrations belong to it)."""
        if self.chosen_page is None:
            return None
        return source_event(self.chosen_page) or self.chosen_page

    @cached_property
    def chosen_date(self):
        return self.cleaned_filter("date") if self.chosen_page is not None else None

    def get_page_title(self):
        if self.chosen_page is not None:
            return _("Registrations: %(title)s") % {"title": self.chosen_page.title}
        return super().get_page_title()

    def get_breadcrumbs_items(self):
        """With an event chosen, the way back to it: … › the event › Registrations."""
        items = list(super().get_breadcrumbs_items())
        if self.chosen_page is not None:
            back = {
                "url": reverse("wagtailadmin_pages:edit", args=[self.chosen_page.pk]),
                "label": self.chosen_page.get_admin_display_title(),
            }
            items.insert(max(len(items) - 1, 0), back)
        return items

    def get_filename(self):
        if self.chosen_page is not None:
            return f"registrations-{self.chosen_page.slug}"
        return "registrations"

    def to_row_dict(self, item):
        return {
            "event_title": item.occurrence.event.title,
            "date": date_label(item.occurrence),
            "status_label": status_label(item),
            "places": item.places,
            "name": item.name,
            "email": item.email,
            "answers_text": "; ".join(f"{a['label']}: {a['value']}" for a in item.answers),
            "language": item.language,
            "created_at": timezone.localtime(item.created_at).replace(
                second=0, microsecond=0, tzinfo=None
            ),
            "attended": _("yes") if item.attended_at else "",
        }

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["can_erase"] = self.request.user.is_superuser
        if self.chosen_page is not None:
            context.update(
                self.event_context(self.chosen_page, self.chosen_event, self.chosen_date)
            )
        return context

    def event_context(self, page, event, chosen):
        """The chosen event's counts and the organiser's forms."""
        scope = Registration.objects.filter(event_key=event.translation_key)
        if chosen is not None:
            scope = scope.filter(occurrence=chosen)
        upcoming = list(
            Occurrence.objects.filter(
                event_key=event.translation_key, end__gte=timezone.now()
            ).order_by("start", "pk")
        )
        default_date = chosen or (upcoming[0] if upcoming else None)
        initial = {"date": default_date.pk if default_date else None, "places": 1}
        return {
            "page": page,
            "event": event,
            "chosen": chosen,
            "chosen_label": date_label(chosen) if chosen else "",
            "totals": services.counts(scope),
            "capacity": event.capacity,
            "action_url": reverse("registration:event", args=[page.pk]),
            "add_form": AddForm(
                initial={**initial, "language": page.locale.language_code}, dates=upcoming
            ),
            "message_form": MessageForm(initial={"date": initial["date"]}, dates=upcoming),
        }


class RegistrationViewSet(ModelViewSet):
    """The registrations list; the organiser's other tools share its URLs."""

    model = Registration
    name = "registration"
    url_prefix = "registrations"
    icon = "group"
    menu_label = gettext_lazy("Registrations")
    menu_order = 250
    add_to_admin_menu = True
    add_to_reference_index = False
    index_view_class = RegistrationIndexView
    search_fields = ["name", "email"]
    permission_policy = EventEditorPolicy()

    def get_index_view_kwargs(self, **kwargs):
        # Registrations are never edited, copied or deleted as plain objects.
        return super().get_index_view_kwargs(
            add_url_name=None, edit_url_name=None, delete_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:page_id>/", EventActionsView.as_view(), name="event"),
            path("<int:page_id>/check-in/<int:occurrence_id>/", check_in, name="check_in"),
            path("<int:page_id>/move/<int:registration_id>/", move, name="move"),
            path("privacy/", privacy, name="privacy"),
        ]

    def register_admin_url_finder(self):
        pass  # no edit view to link to

    def get_permissions_to_register(self):
        # Only "Can view and manage registrations" in the group editor: the
        # rest (which events) follows the page permissions, and registrations
        # are never added, changed or deleted as plain objects.
        from django.contrib.auth.models import Permission

        app_label, codename = MANAGE_PERMISSION.split(".")
        return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


def list_url(page_id, **params):
    """The registrations list filtered to one event (and more, e.g. a date)."""
    return reverse("registration:index") + "?" + urlencode({"event": page_id, **params})


class AddForm(forms.Form):
    date = forms.TypedChoiceField(label=gettext_lazy("Date"), coerce=int)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    email = forms.EmailField(label=gettext_lazy("E-mail"), max_length=254)
    places = forms.IntegerField(label=gettext_lazy("Places"), min_value=1, max_value=1000)
    language = forms.ChoiceField(label=gettext_lazy("Language of the e-mails"))

    def __init__(self, *args, dates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].choices = [(o.pk, date_label(o)) for o in dates]
        self.fields["language"].choices = settings.LANGUAGES


class MessageForm(forms.Form):
    date = forms.TypedChoiceField(label=gettext_lazy("Date"), coerce=int)
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150)
    body = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea, max_length=5000)
    include_waiting = forms.BooleanField(
        label=gettext_lazy("Also to the waiting list"), required=False
    )

    def __init__(self, *args, dates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].choices = [(o.pk, date_label(o)) for o in dates]


def back_to_list(request, page_id, query):
    """Back to the list as the organiser left it (its filters and page)."""
    query = QueryDict(query, mutable=True)
    for internal in ("_w_filter_fragment", "export"):
        query.pop(internal, None)
    if not query:
        return list_url(page_id)
    target = reverse("registration:index") + "?" + query.urlencode()
    # Built from our own path, but every redirect target is checked all the same.
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return list_url(page_id)
    return target


class EventActionsView(View):
    """The organiser's actions on one event's registrations (POST), each written
    to the event page's history; a GET shows the list filtered to the event."""

    def dispatch(self, request, page_id):
        self.page, self.event = editable_event(request, page_id)
        self.dates = list(
            Occurrence.objects.filter(event_key=self.event.translation_key).order_by("start", "pk")
        )
        return super().dispatch(request, page_id)

    def queryset(self):
        return Registration.objects.filter(event_key=self.event.translation_key).select_related(
            "occurrence"
        )

    def get(self, request, page_id):
        params = {k: v for k, v in request.GET.items() if k in {"date", "status", "q"}}
        return redirect(list_url(self.page.pk, **params))

    def back(self, request):
        return back_to_list(request, self.page.pk, request.POST.get("query", ""))

    def log(self, action, **data):
        log(self.event, action, user=self.request.user, data=data)

    def post(self, request, page_id):
        action = request.POST.get("action")
        back = self.back(request)
        registration = None
        if request.POST.get("registration"):
            registration = get_object_or_404(
                self.queryset(), pk=request.POST.get("registration") or 0
            )
        try:
            if action == "cancel" and registration:
                result = services.cancel(registration, by=Registration.CancelledBy.ORGANISER)
                if registration.is_active:  # cancelling twice changes (and logs) nothing
                    self.log(
                        "registration.cancel",
                        registration=registration.pk,
                        date=registration.occurrence.start.isoformat(),
                        promoted=len(result.promoted),
                    )
                messages.success(
                    request,
                    _("Cancelled. %(n)s moved up from the waiting list.")
                    % {"n": len(result.promoted)},
                )
            elif action == "promote" and registration:
                result = services.promote(registration)
                if registration.is_waiting and result.registration.is_confirmed:
                    self.log(
                        "registration.promote",
                        registration=registration.pk,
                        date=registration.occurrence.start.isoformat(),
                    )
                messages.success(request, _("Moved up from the waiting list."))
            elif action in {"attended", "absent"} and registration:
                services.set_attended(registration, action == "attended")
                if request.headers.get("Accept", "").startswith("application/json"):
                    return JsonResponse({"attended": registration.attended_at is not None})
            elif action == "add":
                return self._add(request, back)
            elif action == "message":
                return self._message(request, back)
        except services.RegistrationError as error:
            messages.error(request, str(error.message))
        return redirect(back)

    def _add(self, request, back):
        upcoming = [o for o in self.dates if o.end >= timezone.now()]
        form = AddForm(request.POST, dates=upcoming)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {' '.join(errors)}")
            return redirect(back)
        occurrence = next(o for o in upcoming if o.pk == form.cleaned_data["date"])
        try:
            result = services.register(
                occurrence,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                places=form.cleaned_data["places"],
                language=form.cleaned_data["language"],
                source=Registration.Source.ADMIN,
                check_window=False,
            )
        except services.AlreadyRegistered:
            messages.error(request, _("This e-mail address is already registered for that date."))
            return redirect(back)
        except services.RegistrationError as error:
            messages.error(request, str(error.message))
            return redirect(back)
        self.log(
            "registration.add",
            registration=result.registration.pk,
            date=occurrence.start.isoformat(),
            places=result.registration.places,
            status=result.registration.status,
        )
        messages.success(
            request,
            _("Added: %(status)s.") % {"status": result.registration.get_status_display()},
        )
        return redirect(back)

    def _message(self, request, back):
        upcoming = [o for o in self.dates if o.end >= timezone.now()]
        form = MessageForm(request.POST, dates=upcoming)
        if not form.is_valid():
            messages.error(request, _("Fill in the date, subject and message."))
            return redirect(back)
        occurrence = next(o for o in upcoming if o.pk == form.cleaned_data["date"])
        count = services.message_all(
            occurrence,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            include_waiting=form.cleaned_data["include_waiting"],
        )
        self.log("registration.message", date=occurrence.start.isoformat(), count=count)
        messages.success(request, _("The message is being sent to %(n)s people.") % {"n": count})
        return redirect(back)


def check_in(request, page_id, occurrence_id):
    """Tick off who came, on a phone at the door: big rows, one tap each."""
    page, event = editable_event(request, page_id)
    occurrence = get_object_or_404(Occurrence, pk=occurrence_id, event_key=event.translation_key)
    if request.method == "POST":
        registration = get_object_or_404(
            Registration,
            pk=request.POST.get("registration") or 0,
            occurrence=occurrence,
            status=Registration.Status.CONFIRMED,
        )
        services.set_attended(registration, request.POST.get("action") == "attended")
        return redirect(request.path + f"#r{registration.pk}")
    rows = Registration.objects.filter(
        occurrence=occurrence, status=Registration.Status.CONFIRMED
    ).order_by("name", "pk")
    totals = services.counts(rows)
    log_views(request.user, {event.pk: totals["confirmed"]})
    return TemplateResponse(
        request,
        "registration/admin/check_in.html",
        {
            "page": page,
            "header_title": _("Check-in: %(title)s") % {"title": page.title},
            "date_label": date_label(occurrence),
            "rows": rows,
            "totals": totals,
        },
    )


class MoveForm(forms.Form):
    date = forms.TypedChoiceField(label=gettext_lazy("Move to"), coerce=int)
    waiting_list = forms.BooleanField(
        label=gettext_lazy("If that date is full, put them on its waiting list"), required=False
    )

    def __init__(self, *args, dates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].choices = [(o.pk, date_label(o)) for o in dates]


def move(request, page_id, registration_id):
    """Move one registration to another upcoming date of its event (the rules
    are `services.move`'s). A full date changes nothing and says so; the
    organiser may then choose its waiting list instead."""
    page, event = editable_event(request, page_id)
    registration = get_object_or_404(
        Registration.objects.select_related("occurrence"),
        pk=registration_id,
        event_key=event.translation_key,
        occurrence__isnull=False,
    )
    query = request.POST.get("query", request.GET.get("query", ""))
    back = back_to_list(request, page.pk, query)
    dates = list(
        Occurrence.objects.filter(event_key=event.translation_key, end__gte=timezone.now())
        .exclude(status=Occurrence.Status.CANCELLED)
        .exclude(pk=registration.occurrence_id)
        .order_by("start", "pk")
    )
    form = MoveForm(request.POST or None, dates=dates)
    full = False
    if request.method == "POST" and form.is_valid():
        target = next(o for o in dates if o.pk == form.cleaned_data["date"])
        before = registration.occurrence
        try:
            result = services.move(
                registration, target, waiting_list=form.cleaned_data["waiting_list"]
            )
        except services.Full as error:
            full = settings_of(event).waiting_list
            messages.error(request, str(error.message))
        except services.RegistrationError as error:
            messages.error(request, str(error.message))
        else:
            moved = result.registration
            log(
                event,
                "registration.move",
                user=request.user,
                data={
                    "registration": moved.pk,
                    "date": before.start.isoformat(),
                    "to": target.start.isoformat(),
                    "status": moved.status,
                    "promoted": len(result.promoted),
                },
            )
            messages.success(
                request,
                _("Moved to %(date)s: %(status)s.")
                % {"date": date_label(target), "status": moved.get_status_display()},
            )
            return redirect(back)
    return TemplateResponse(
        request,
        "registration/admin/move.html",
        {
            "page": page,
            "header_title": _("Move a registration: %(title)s") % {"title": page.title},
            "registration": registration,
            "current": date_label(registration.occurrence),
            "status": status_label(registration),
            "form": form,
            "full": full,
            "back": back,
            "query": query,
            "series": settings_of(event).is_series,
        },
    )


class EmailForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))


def privacy(request):
    """Export (JSON) or erase everything about one e-mail address, in every app
    that keeps personal data (`home.privacy`). Superusers only: it spans every
    event."""
    if not request.user.is_superuser:
        raise PermissionDenied
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if request.POST.get("action") == "export":
            response = JsonResponse(
                home_privacy.export_all(email),
                json_dumps_params={"ensure_ascii": False, "indent": 2},
            )
            response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
            return response
        if request.POST.get("action") == "erase":
            sentences = home_privacy.erase_all(email, user=request.user)
            messages.success(
                request, " ".join(sentences) or _("Nothing was stored about this address.")
            )
            return redirect(request.path)
    return TemplateResponse(
        request,
        "registration/admin/privacy.html",
        {"form": form, "header_title": _("Personal data")},
    )


def erase_registrations(email, *, user=None):
    """Registration's part of the erase (`home.privacy`): cancel and anonymise,
    and log per event how many were erased, for its history."""
    per_event = dict(
        services.registrations_for_email(email)
        .filter(anonymised_at__isnull=True)
        .order_by()
        .values_list("occurrence__event")
        .annotate(n=Count("pk"))
    )
    count = services.erase_email(email)
    for page in EventPage.objects.filter(pk__in=per_event):
        log(page, "registration.erase", user=user, data={"count": per_event[page.pk]})
    if not count:
        return ""
    return ngettext("%(n)s registration was erased.", "%(n)s registrations were erased.", count) % {
        "n": count
    }


class UpcomingPanel(Component):
    """Dashboard panel: the next dates with registration and how full they are,
    for the events this user may edit."""

    name = "upcoming_registrations"
    order = 150
    template_name = "registration/admin/panel.html"
    LIMIT = 8

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        editable = Page.objects.type(EventPage).filter(
            pk__in=self._editable_ids(), alias_of__isnull=True
        )
        dates = list(
            Occurrence.objects.filter(
                event__in=editable,
                event__registration_settings__enabled=True,
                end__gte=now,
            )
            .exclude(status=Occurrence.Status.CANCELLED)
            .select_related("event")
            .order_by("start", "pk")[: self.LIMIT]
        )
        taken = services.confirmed_by_occurrence(o.pk for o in dates)
        settings_for(o.event for o in dates)
        waiting = dict(
            Registration.objects.filter(occurrence__in=dates, status=Registration.Status.WAITING)
            .values_list("occurrence_id")
            .annotate(n=Count("pk"))
        )
        rows = []
        for occurrence in dates:
            state = services.decide(
                occurrence.event, occurrence, confirmed=taken.get(occurrence.pk, 0), now=now
            )
            rows.append(
                {
                    "occurrence": occurrence,
                    "label": date_label(occurrence),
                    "state": state,
                    "waiting": waiting.get(occurrence.pk, 0),
                }
            )
        return {"rows": rows}

    def _editable_ids(self):
        return editable_events(self.request.user).values("pk")
