"""Keeping the directory current: the e-mails that asked an organisation to
check its entry, and the changes organisations proposed through that link.

A proposed change is stored here, not on the organisation: organisations are
shared snippets without draft state (events and the directory read them
directly), so nothing an outsider sends can reach the site before an editor
approves it in the "Organisations to check" report (`kennisbank.checks`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models import Organisation


class OrganisationCheckRequest(models.Model):
    """One e-mail asking an organisation to confirm or correct its entry."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("Sent"), auto_now_add=True, db_index=True)
    email = models.EmailField(_("E-mail address"))
    language = models.CharField(_("Language"), max_length=5, choices=settings.LANGUAGES)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for the yearly reminder."),
    )

    class Meta:
        verbose_name = _("request to check an organisation")
        verbose_name_plural = _("requests to check an organisation")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.organisation} ({self.sent_at:%Y-%m-%d})"


class OrganisationChange(models.Model):
    """Details an organisation sent for its own entry, waiting for an editor."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("Language"), max_length=5, choices=settings.LANGUAGES)
    data = models.JSONField(_("Proposed details"), default=dict)
    submitted_at = models.DateTimeField(_("Submitted"), auto_now_add=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_at = models.DateTimeField(_("Decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("proposed organisation change")
        verbose_name_plural = _("proposed organisation changes")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.organisation} ({self.get_status_display()})"
