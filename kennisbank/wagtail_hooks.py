"""Admin registrations of the knowledge base: the article kind snippet and the
report of organisations to check."""

from django.urls import include, path, reverse
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.choosers import LocalizedSnippetChooserViewSet
from home.hooks import HOME_LISTING_TEMPLATES
from home.models import Organisation
from kennisbank import admin_views
from kennisbank.models import ArticleKind
from kennisbank.reports import StaleOrganisationsReport


class ArticleKindViewSet(SnippetViewSet):
    model = ArticleKind
    chooser_viewset_class = LocalizedSnippetChooserViewSet
    icon = "doc-full"
    list_display = ["name", "slug", "locale"]
    menu_label = _("Article kinds")
    add_to_admin_menu = False


register_snippet(ArticleKindViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        path("", StaleOrganisationsReport.as_view(), name="stale_organisations"),
        path(
            "results/",
            StaleOrganisationsReport.as_view(results_only=True),
            name="stale_organisations_results",
        ),
        path("<int:pk>/checked/", admin_views.mark_checked, name="mark_checked"),
        path("<int:pk>/ask/", admin_views.ask, name="ask"),
        path("changes/<int:pk>/", admin_views.change, name="change"),
    ]
    return [
        path(
            "reports/organisations-to-check/",
            include((urls, "kennisbank_reports"), namespace="kennisbank_reports"),
        )
    ]


class StaleOrganisationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(f"home.change_{Organisation._meta.model_name}")


@hooks.register("register_reports_menu_item")
def register_stale_organisations_menu_item():
    return StaleOrganisationsMenuItem(
        _("Organisations to check"),
        reverse("kennisbank_reports:stale_organisations"),
        name="organisations-to-check",
        icon_name="group",
        order=750,
    )


@hooks.register(HOME_LISTING_TEMPLATES)
def home_listing_templates():
    return {"latest_articles": "blocks/latest_articles_block.html"}


@hooks.register("register_log_actions")
def register_check_actions(actions):
    """How the history of an organisation reads the checks of its details."""

    @actions.register_action("kennisbank.organisation_checked")
    class Checked(LogFormatter):
        label = gettext_lazy("Mark as checked")

        def format_message(self, log_entry):
            return gettext("Details marked as checked")

    @actions.register_action("kennisbank.organisation_confirmed")
    class Confirmed(LogFormatter):
        label = gettext_lazy("Confirmed by the organisation")

        def format_message(self, log_entry):
            return gettext("The organisation confirmed its details through its link")

    @actions.register_action("kennisbank.organisation_asked")
    class Asked(LogFormatter):
        label = gettext_lazy("Ask the organisation")

        def format_message(self, log_entry):
            return gettext("Link to check the details e-mailed to %(email)s") % {
                "email": log_entry.data.get("email", "")
            }

    @actions.register_action("kennisbank.organisation_change_proposed")
    class Proposed(LogFormatter):
        label = gettext_lazy("Changes proposed by the organisation")

        def format_message(self, log_entry):
            return gettext("The organisation sent changes for approval")

    @actions.register_action("kennisbank.organisation_change_approved")
    class Approved(LogFormatter):
        label = gettext_lazy("Approve proposed changes")

        def format_message(self, log_entry):
            return gettext("Changes proposed by the organisation approved and published")

    @actions.register_action("kennisbank.organisation_change_rejected")
    class Rejected(LogFormatter):
        label = gettext_lazy("Reject proposed changes")

        def format_message(self, log_entry):
            return gettext("Changes proposed by the organisation rejected")
