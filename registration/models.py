"""Registration's models: the editor's extra questions and the registrations.

- `RegistrationQuestion`: an extra question on an event's form (an inline of the
  page). Its label, help text and choices are translated; kind and "required"
  are synchronised.
- `Registration`: one visitor's registration for one date (`Occurrence`), or
  for a whole series (then it belongs to the series' first date, the *anchor*,
  see `registration.services.anchor_occurrence`). It never points to a
  language version of the page: `event_key` is the event's `translation_key`.

Personal data (name, e-mail, answers, the manage secret) is blanked by
`anonymise_registrations` a number of days after the date; status, places and
the dates stay for statistics. The rules live in `registration.services`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class RegistrationScope(models.TextChoices):
    """What one registration is for: one date, or every date of a series."""

    DATE = "date", _("One date")
    SERIES = "series", _("The whole series")


class RegistrationQuestion(TranslatableMixin, Orderable):
    """An extra question: short text, long text, one choice or checkboxes."""

    class Kind(models.TextChoices):
        SHORT = "short", _("Short text")
        LONG = "long", _("Long text")
        CHOICE = "choice", _("Choose one")
        CHECKBOXES = "checkboxes", _("Checkboxes (several)")

    page = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="registration_questions"
    )
    label = models.CharField(_("Question"), max_length=200)
    kind = models.CharField(_("Kind"), max_length=12, choices=Kind.choices, default=Kind.SHORT)
    required = models.BooleanField(_("Required"), default=False)
    choices = models.TextField(
        _("Choices"), blank=True, help_text=_("For a choice or checkboxes: one option per line.")
    )
    help_text = models.CharField(_("Help text"), max_length=250, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
        FieldPanel("help_text"),
    ]
    override_translatable_fields = [
        SynchronizedField("kind"),
        SynchronizedField("required"),
        TranslatableField("label"),
        TranslatableField("choices"),
        TranslatableField("help_text"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["sort_order"]

    def __str__(self):
        return self.label

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Registration(models.Model):
    """One registration: confirmed, on the waiting list, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Source(models.TextChoices):
        FORM = "form", _("Registration form")
        ADMIN = "admin", _("Added by the organiser")

    class CancelledBy(models.TextChoices):
        VISITOR = "visitor", _("The visitor")
        ORGANISER = "organiser", _("The organiser")

    ACTIVE = (Status.CONFIRMED, Status.WAITING)

    occurrence = models.ForeignKey(
        "events.Occurrence",
        verbose_name=_("date"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    event_key = models.UUIDField(db_index=True)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices)
    places = models.PositiveSmallIntegerField(_("Places"), default=1)
    name = models.CharField(_("Name"), max_length=100)
    email = models.EmailField(_("E-mail"), max_length=254)
    # Lower-cased e-mail: duplicates and erasure requests match on it.
    email_key = models.CharField(max_length=254, db_index=True)
    answers = models.JSONField(_("Answers"), default=list, blank=True)
    language = models.CharField(_("Language"), max_length=8, default="nl")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.FORM)
    # The manage link is a signed (registration id, secret); blanking the secret
    # (anonymisation, a new link) makes every earlier link invalid.
    secret = models.CharField(max_length=64, blank=True)
    # The hidden token of the form that created it: a resubmitted form finds it.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("Registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.CharField(
        _("Cancelled by"), max_length=10, blank=True, choices=CancelledBy.choices
    )
    attended_at = models.DateTimeField(_("Attended"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "email_key"],
                condition=Q(status__in=["confirmed", "waiting"], anonymised_at__isnull=True),
                name="one_active_registration_per_email_and_date",
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1), name="registration_places_at_least_one"
            ),
        ]
        indexes = [
            models.Index(fields=["occurrence", "status"], name="registration_occ_status"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_status_display()} ({self.places})"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == self.Status.WAITING

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED
