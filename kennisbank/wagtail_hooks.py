"""Admin registrations of the knowledge base: the article kind snippet and the
report of organisations to check."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.hooks import HOME_LISTING_TEMPLATES
from home.models import Organisation
from kennisbank.models import ArticleKind
from kennisbank.reports import StaleOrganisationsReport


class ArticleKindViewSet(SnippetViewSet):
    model = ArticleKind
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
