"""The admin report of organisations whose details nobody has checked for a year.

A directory is only as good as its freshest entry (the seeds' "social map that
stays current"): this list tells editors whom to call next, lets them mark an
entry checked or e-mail the organisation a link to check it itself, and leads
to the changes organisations sent that wait for approval (`kennisbank.checks`).
"""

from django.db.models import OuterRef, Subquery
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from home.models import Organisation
from home.spreadsheets import EditorsLanguageExport
from kennisbank.checks import STALE_AFTER, due_organisations, pending_changes
from kennisbank.models import OrganisationChange, OrganisationCheckRequest

__all__ = ["STALE_AFTER", "StaleOrganisationsReport", "stale_organisations"]

stale_organisations = due_organisations


class CheckActionsColumn(Column):
    """Mark as checked, ask the organisation, and review what it sent."""

    cell_template_name = "kennisbank/admin/check_actions_cell.html"

    def __init__(self):
        super().__init__("check_actions", label=_("Actions"))

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request else ""
        context["checked_url"] = reverse("kennisbank_reports:mark_checked", args=[instance.pk])
        context["ask_url"] = reverse("kennisbank_reports:ask", args=[instance.pk])
        if instance.pending_change:
            context["change_url"] = reverse(
                "kennisbank_reports:change", args=[instance.pending_change]
            )
        return context


class StaleOrganisationsReport(EditorsLanguageExport, ReportView):
    page_title = _("Organisations to check")
    header_icon = "group"
    index_url_name = "kennisbank_reports:stale_organisations"
    index_results_url_name = "kennisbank_reports:stale_organisations_results"
    permission_policy = ModelPermissionPolicy(Organisation)
    permission_required = "change"
    # Kind and country as the editor reads them, not their stored codes.
    list_export = [
        "name",
        "get_kind_display",
        "get_country_display",
        "website",
        "contact_email",
        "last_checked",
    ]
    export_headings = {
        "get_kind_display": _("Kind"),
        "get_country_display": _("Country"),
        "last_checked": _("Last checked"),
    }

    @property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=_("Name"),
                get_url=lambda obj: reverse(
                    Organisation.snippet_viewset.get_url_name("edit"), args=[obj.pk]
                ),
            ),
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
            Column("country", label=_("Country"), accessor="get_country_display"),
            Column("contact_email", label=_("Contact e-mail")),
            DateColumn("last_checked", label=_("Last checked")),
            DateColumn("last_asked", label=_("Last asked")),
            CheckActionsColumn(),
        ]

    def get_filename(self):
        return f"organisations-to-check-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        asked = OrganisationCheckRequest.objects.filter(organisation=OuterRef("pk")).order_by(
            "-sent_at"
        )
        change = pending_changes().filter(organisation=OuterRef("pk")).order_by("-submitted_at")
        return due_organisations().annotate(
            last_asked=Subquery(asked.values("sent_at")[:1]),
            pending_change=Subquery(change.values("pk")[:1]),
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["pending_count"] = OrganisationChange.objects.filter(
            status=OrganisationChange.Status.PENDING
        ).count()
        return context
