"""The calendar sources in the Wagtail admin: a generic ModelViewSet (list, add,
edit, delete), an "Import now" button and the last reports on the edit screen.

Who may do what: the editors of a partner section (the page permissions of
its partner page, `partners.sections`) see, add and change the sources of that
section; superusers all of them. Events are created where the source says,
which must be a page the editor may add pages below.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import StatusFlagColumn
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from partners.models import PartnerPage
from sources.models import CalendarSource
from sources.tasks import import_source

ACTIONS = {"add", "change", "delete", "view"}
REPORTS_SHOWN = 10


def editable_sections(user):
    """Every language version of the partner pages `user` may edit."""
    if user.is_superuser:
        return PartnerPage.objects.all()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    keys = PartnerPage.objects.filter(pk__in=pages.values("pk")).values("translation_key")
    return PartnerPage.objects.filter(translation_key__in=keys)


class SectionEditorPolicy(BasePermissionPolicy):
    """A source belongs to its partner section: its editors manage it."""

    def __init__(self):
        super().__init__(CalendarSource)

    def user_has_permission(self, user, action):
        if not (user.is_active and action in ACTIONS):
            return False
        return user.is_superuser or editable_sections(user).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return CalendarSource.objects.none()
        if user.is_superuser:
            return CalendarSource.objects.all()
        return CalendarSource.objects.filter(section__in=editable_sections(user))

    def instances_user_has_any_permission_for(self, user, actions):
        return self.instances_user_has_permission_for(user, next(iter(actions), "view"))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()


class CalendarSourceForm(WagtailAdminModelForm):
    """Limits the sections to the editor's own and checks where events go."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and "section" in self.fields:
            self.fields["section"].queryset = editable_sections(user).order_by("title")

    def clean_parent_page(self):
        page = self.cleaned_data.get("parent_page")
        user = getattr(self, "for_user", None)
        if page is None or user is None:
            return page
        if not page.permissions_for_user(user).can_add_subpage():
            raise forms.ValidationError(gettext("You may not add events below this page."))
        if "events.EventPage" not in [
            model._meta.label for model in page.specific_class.creatable_subpage_models()
        ]:
            raise forms.ValidationError(gettext("Events cannot be placed below this page."))
        return page


class SourceIndexView(IndexView):
    def get_base_queryset(self):
        return policy.instances_user_has_permission_for(self.request.user, "view").select_related(
            "section", "locale"
        )


class OwnSourcesOnly:
    """Edit and delete only the sources of the editor's own sections."""

    def get_object(self, queryset=None):
        source = super().get_object(queryset)
        if not policy.user_has_permission_for_instance(self.request.user, "change", source):
            raise PermissionDenied
        return source


class SourceDeleteView(OwnSourcesOnly, DeleteView):
    pass


class SourceEditView(OwnSourcesOnly, EditView):
    template_name = "sources/admin/edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["runs"] = self.object.runs.all()[:REPORTS_SHOWN]
        context["import_url"] = reverse("calendar_sources:import", args=[self.object.pk])
        return context


def import_now(request, pk):
    """Run the source now (on the worker when there is one) and go back to it."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    source = get_object_or_404(CalendarSource, pk=pk)
    if not policy.user_has_permission_for_instance(request.user, "change", source):
        raise PermissionDenied
    import_source.enqueue(source.pk, request.user.pk)
    source.refresh_from_db()
    run = source.runs.first()
    if run is not None and run.finished_at and run.triggered_by_id == request.user.pk:
        messages.success(
            request,
            gettext("Import finished: %(status)s.") % {"status": run.get_status_display()},
        )
    else:
        messages.success(request, gettext("The import has started; its report follows below."))
    return redirect("calendar_sources:edit", source.pk)


policy = SectionEditorPolicy()


class CalendarSourceViewSet(ModelViewSet):
    model = CalendarSource
    name = "calendar_sources"
    url_prefix = "calendar-sources"
    icon = "calendar-alt"
    menu_label = gettext_lazy("Calendar sources")
    menu_order = 260
    add_to_admin_menu = True
    add_to_reference_index = False
    permission_policy = policy
    edit_handler = ObjectList(CalendarSource.panels, base_form_class=CalendarSourceForm)
    edit_view_class = SourceEditView
    index_view_class = SourceIndexView
    delete_view_class = SourceDeleteView
    list_display = [
        "name",
        "section",
        "locale",
        StatusFlagColumn(  # words in the editor's language, not "True"
            "active",
            label=gettext_lazy("Active"),
            true_label=gettext_lazy("Yes"),
            false_label=gettext_lazy("No"),
        ),
        "last_run_at",
        "last_status",
    ]
    list_filter = ["active", "last_status"]
    search_fields = ["name", "url"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/import/", import_now, name="import"),
        ]
