"""'Who can help?': the directory of organisations.

Organisations are shared snippets, not pages; this page gives them public
addresses in every language (/nl/wie-kan-helpen/<slug>/), so the same
organisation has one editorial home (the snippet) and a page per language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from home.forms import PageForm
from home.routing import AttachedRoutesMixin


class OrganisationDirectoryPage(AttachedRoutesMixin, Page):
    base_form_class = PageForm
    intro = models.TextField(_("Introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("Organisations per page"), default=24)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("per_page")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("organisation directory")
        verbose_name_plural = _("organisation directories")
