"""The models of "Add your activity".

- `SubmitActivityPage`: the public form, placed once per language by an editor
  (below the home page); `submissions.routes` attaches its sub-pages.
- `Submission`: one activity an initiative sent in, with the contact data the
  event page never shows. What the visitor typed is kept as they typed it
  (`data`), so the form can be shown again for an edit; the draft event page
  (`page`) exists from the moment the e-mail address is confirmed.

The rules live in `submissions.services`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from home.forms import PageForm
from home.routing import AttachedRoutesMixin


class SubmitActivityPage(AttachedRoutesMixin, Page):
    """ "Add your activity": the form for initiatives without an account."""

    base_form_class = PageForm

    intro = models.TextField(
        _("Introduction"),
        blank=True,
        help_text=_("What happens with a submitted activity, in one or two sentences."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("activity submission form")
        verbose_name_plural = _("activity submission forms")


class Submission(models.Model):
    """An activity sent in through the form, and who sent it (kept private)."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the e-mail address to be confirmed")
        IN_REVIEW = "in_review", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED
    )
    language = models.CharField(_("Language"), max_length=8, choices=settings.LANGUAGES)
    form_page = models.ForeignKey(
        SubmitActivityPage, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_name = models.CharField(_("Contact name"), max_length=100)
    contact_email = models.EmailField(_("Contact e-mail"), db_index=True)
    contact_phone = models.CharField(_("Contact phone"), max_length=40, blank=True)
    data = models.JSONField(_("What was typed"), default=dict)
    upload = models.CharField(max_length=200, blank=True)  # a stored file, until confirmed
    page = models.ForeignKey(
        "events.EventPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    section = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("The editor's reason"), blank=True)
    last_date = models.DateField(_("Last date of the activity"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("submitted activity")
        verbose_name_plural = _("submitted activities")
        ordering = ["-created_at"]

    def __str__(self):
        return self.data.get("title", "") or str(self.key)

    @property
    def editable(self):
        """The submitter may still change it: sent in, not yet reviewed."""
        return self.status in (self.Status.UNCONFIRMED, self.Status.IN_REVIEW)
