"""The digest's subscription page and its subscribers.

`DigestPage` is placed once per language under the home page: its editors
write the introduction, its address is in the language's words, and the site
footer links to it. The subscribe form is the page itself; the confirmation
and manage links in e-mails are its sub-pages (`digests.routes`).

A `Subscription` keeps the translation keys of what was chosen (themes,
regions, event types, partner sections), the same in every language, so a
subscriber who changes language keeps the choice.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from home.forms import PageForm
from home.routing import AttachedRoutesMixin


class DigestPage(AttachedRoutesMixin, Page):
    """Where visitors subscribe to the e-mail digest, one per language."""

    base_form_class = PageForm

    intro = models.TextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("e-mail digest page")
        verbose_name_plural = _("e-mail digest pages")


class Subscription(models.Model):
    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")

    email = models.EmailField(_("E-mail address"), unique=True)
    language = models.CharField(_("Language"), max_length=8)
    frequency = models.CharField(
        _("How often"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    theme_keys = models.JSONField(default=list, blank=True)
    region_keys = models.JSONField(default=list, blank=True)
    event_type_keys = models.JSONField(default=list, blank=True)
    section_keys = models.JSONField(default=list, blank=True)
    # Part of every signed link: a link stops working when this changes.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    # The period of the last digest ("2026-W49", "2026-12"): one digest per period.
    last_period = models.CharField(max_length=10, blank=True)

    class Meta:
        verbose_name = _("digest subscription")
        verbose_name_plural = _("digest subscriptions")
        indexes = [models.Index(fields=["confirmed_at", "frequency"])]

    def __str__(self):
        return f"{self.pk} ({self.frequency})"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None
