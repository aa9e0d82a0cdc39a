"""The organiser's registration tools in the Wagtail admin.

- `registrations`: per event (and per date) the counts, the list with search
  and filters, CSV/XLSX export (Wagtail's `SpreadsheetExportMixin`), adding a
  registration by hand, cancel / promote / attended per row, and a message to
  everyone registered for a date.
- `check_in`: a phone-friendly list to tick off who came.
- `privacy`: export or erase everything about one e-mail address (superusers).
- `upcoming_panel`: the dashboard panel with upcoming dates and their fill rate.

Only users who may edit the event page (Wagtail page permissions) see its
registrations. The rules are in `registration.services`.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.components import Component
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page

from events.models import EventPage, Occurrence
from events.services import source_event
from registration import services
from registration.forms import date_label
from registration.models import Registration, settings_for

PER_PAGE = 50


def editable_event(request, page_id):
    """The event, if the user may edit it (else 403): the source version."""
    page = get_object_or_404(EventPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page, source_event(page) or page


class FilterForm(forms.Form):
    date = forms.TypedChoiceField(label=gettext_lazy("Date"), coerce=int, required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), *Registration.Status.choices],
    )
    q = forms.CharField(label=gettext_lazy("Search name or e-mail"), required=False, max_length=100)

    def __init__(self, *args, dates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].choices = [("", _("All dates"))] + [
            (o.pk, date_label(o)) for o in dates
        ]


class AddForm(forms.Form):
    date = forms.TypedChoiceField(label=gettext_lazy("Date"), coerce=int)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    email = forms.EmailField(label=gettext_lazy("E-mail"), max_length=254)
    places = forms.IntegerField(label=gettext_lazy("Places"), min_value=1, max_value=1000)
    language = forms.ChoiceField(label=gettext_lazy("Language of the e-mails"))

    def __init__(self, *args, dates=(), **kwargs):
        from django.conf import settings

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


class RegistrationsView(SpreadsheetExportMixin, View):
    list_export = [
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

    def get_filename(self):
        return f"registrations-{self.event.slug}"

    def to_row_dict(self, item):
        return {
            "date": date_label(item.occurrence),
            "status_label": item.get_status_display(),
            "places": item.places,
            "name": item.name,
            "email": item.email,
            "answers_text": "; ".join(f"{a['label']}: {a['value']}" for a in item.answers),
            "language": item.language,
            "created_at": timezone.localtime(item.created_at).replace(tzinfo=None),
            "attended": _("yes") if item.attended_at else "",
        }

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
        filters = FilterForm(request.GET or None, dates=self.dates)
        rows = self.queryset()
        chosen = None
        if filters.is_valid():
            data = filters.cleaned_data
            if data.get("date"):
                rows = rows.filter(occurrence_id=data["date"])
                chosen = next((o for o in self.dates if o.pk == data["date"]), None)
            if data.get("status"):
                rows = rows.filter(status=data["status"])
            if data.get("q"):
                rows = rows.filter(
                    Q(name__icontains=data["q"]) | Q(email_key__icontains=data["q"].lower())
                )
        rows = rows.order_by("occurrence__start", "created_at", "pk")
        if self.is_export:
            return self.as_spreadsheet(rows, request.GET["export"])
        totals_scope = self.queryset()
        if chosen is not None:
            totals_scope = totals_scope.filter(occurrence=chosen)
        page_obj = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
        upcoming = [o for o in self.dates if o.end >= timezone.now()]
        default_date = chosen or (upcoming[0] if upcoming else None)
        initial = {"date": default_date.pk if default_date else None, "places": 1, "language": "nl"}
        context = {
            "page": self.page,
            "event": self.event,
            "header_title": _("Registrations: %(title)s") % {"title": self.page.title},
            "filters": filters,
            "chosen": chosen,
            "chosen_label": date_label(chosen) if chosen else "",
            "totals": services.counts(totals_scope),
            "capacity": self.event.capacity,
            "page_obj": page_obj,
            "rows": page_obj.object_list,
            "add_form": AddForm(initial=initial, dates=upcoming),
            "message_form": MessageForm(initial={"date": initial["date"]}, dates=upcoming),
            "export_query": request.GET.urlencode(),
            "can_erase": request.user.is_superuser,
        }
        return TemplateResponse(request, "registration/admin/list.html", context)

    def post(self, request, page_id):
        action = request.POST.get("action")
        back = request.POST.get("next") or request.path
        if not back.startswith("/"):
            back = request.path
        registration = None
        if request.POST.get("registration"):
            registration = get_object_or_404(
                self.queryset(), pk=request.POST.get("registration") or 0
            )
        try:
            if action == "cancel" and registration:
                result = services.cancel(registration, by="organiser")
                messages.success(
                    request,
                    _("Cancelled. %(n)s moved up from the waiting list.")
                    % {"n": len(result.promoted)},
                )
            elif action == "promote" and registration:
                services.promote(registration)
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
        messages.success(request, _("The message is being sent to %(n)s people.") % {"n": count})
        return redirect(back)


registrations = RegistrationsView.as_view()


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
    return TemplateResponse(
        request,
        "registration/admin/check_in.html",
        {
            "page": page,
            "header_title": _("Check-in: %(title)s") % {"title": page.title},
            "date_label": date_label(occurrence),
            "rows": rows,
            "totals": services.counts(rows),
        },
    )


class EmailForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))


def privacy(request):
    """Export (JSON) or erase everything about one e-mail address. Superusers
    only: it spans every event."""
    if not request.user.is_superuser:
        raise PermissionDenied
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if request.POST.get("action") == "export":
            response = JsonResponse(
                {"email": email, "registrations": services.export_for_email(email)},
                json_dumps_params={"ensure_ascii": False, "indent": 2},
            )
            response["Content-Disposition"] = 'attachment; filename="registrations.json"'
            return response
        if request.POST.get("action") == "erase":
            count = services.erase_email(email)
            messages.success(request, _("%(n)s registrations were erased.") % {"n": count})
            return redirect(request.path)
    return TemplateResponse(
        request,
        "registration/admin/privacy.html",
        {"form": form, "header_title": _("Registrations: personal data")},
    )


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
        from wagtail.permission_policies.pages import PagePermissionPolicy

        policy = PagePermissionPolicy()
        return policy.instances_user_has_any_permission_for(self.request.user, ["change"]).values(
            "pk"
        )
