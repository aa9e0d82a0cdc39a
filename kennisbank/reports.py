"""The admin report of organisations whose details nobody has checked for a year.

A directory is only as good as its freshest entry (the seeds' "social map that
stays current"): this list tells editors whom to call next.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from home.models import Organisation

STALE_AFTER = timedelta(days=365)


def stale_organisations(today=None):
    """Organisations (source language) never checked, or last checked over a year ago.

    Never-checked ones come first on every database (PostgreSQL sorts NULL last)."""
    today = today or timezone.localdate()
    return (
        Organisation.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(Q(last_checked__isnull=True) | Q(last_checked__lt=today - STALE_AFTER))
        .order_by(F("last_checked").asc(nulls_first=True), "name")
    )


class StaleOrganisationsReport(ReportView):
    page_title = _("Organisations to check")
    header_icon = "group"
    index_url_name = "kennisbank_reports:stale_organisations"
    index_results_url_name = "kennisbank_reports:stale_organisations_results"
    permission_policy = ModelPermissionPolicy(Organisation)
    permission_required = "change"
    list_export = ["name", "kind", "country", "website", "contact_email", "last_checked"]
    export_headings = {"last_checked": _("Last checked")}

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
        ]

    def get_filename(self):
        return f"organisations-to-check-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return stale_organisations()
