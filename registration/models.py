"""Registration's models: an event's registration settings, the editor's extra
questions and the registrations.

- `RegistrationSettings`: whether and how an event takes registrations (an
  inline of the page, at most one row). The confirmation text is translated;
  the rest is synchronised to the translations by wagtail-localize (the row of
  each translation shares the source row's `translation_key`). An event
  without a row takes no registrations. Read it with `settings_of` (one
  event) or `settings_for` (many at once).
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

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class RegistrationScope(models.TextChoices):
    """What one registration is for: one date, or every date of a series."""

    DATE = "date", _("One date")
    SERIES = "series", _("The whole series")


class EmailKind(models.TextChoices):
    """Which e-mail about a registration: the services queue one of these."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"
    PROMOTED = "promoted"
    CANCELLED = "cancelled"
    CHANGED = "changed"
    LINK = "link"
    REMINDER = "reminder"
    MESSAGE = "message"
    ORGANISER = "organiser"
    # The organiser changed plans: a date moved (time, venue, online link) or one
    # date of a whole-series registration was cancelled; the registration holds.
    DATE_CHANGED = "date_changed"
    # The date or the event is off (cancelled, unpublished, deleted), and the
    # registration is cancelled with it.
    EVENT_CANCELLED = "event_cancelled"


class RegistrationSettings(TranslatableMixin, models.Model):
    """How an event takes registrations. Rules in `registration.services`."""

    Scope = RegistrationScope

    page = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="registration_settings"
    )
    enabled = models.BooleanField(_("Registration"), default=False)
    scope = models.CharField(
        _("Visitors register for"),
        max_length=10,
        choices=Scope.choices,
        default=Scope.DATE,
        help_text=_("For a series: one date at a time, or all dates together (a course)."),
    )
    opens = models.DateTimeField(
        _("Registration opens"), null=True, blank=True, help_text=_("Empty: open right away.")
    )
    closes = models.DateTimeField(
        _("Registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: closes when the date (or the series) starts."),
    )
    max_places = models.PositiveSmallIntegerField(
        _("Places per registration"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("How many places one person may ask for (themselves and others)."),
    )
    waiting_list = models.BooleanField(_("Waiting list"), default=True)
    confirmation_text = models.TextField(
        _("Confirmation text"),
        blank=True,
        help_text=_("Shown in the confirmation e-mail, e.g. what to bring."),
    )
    notify_organiser = models.BooleanField(
        _("E-mail the contact address on every registration"), default=False
    )

    panels = [
        FieldPanel("enabled"),
        FieldPanel("scope"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldRowPanel([FieldPanel("max_places"), FieldPanel("waiting_list")]),
        FieldPanel("confirmation_text"),
        FieldPanel("notify_organiser"),
    ]
    override_translatable_fields = [
        SynchronizedField("enabled"),
        SynchronizedField("scope"),
        SynchronizedField("opens"),
        SynchronizedField("closes"),
        SynchronizedField("max_places"),
        SynchronizedField("waiting_list"),
        SynchronizedField("notify_organiser"),
        TranslatableField("confirmation_text"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")
        constraints = [
            models.UniqueConstraint(fields=["page"], name="one_registration_settings_per_page")
        ]

    def __str__(self):
        return str(self._meta.verbose_name)

    @property
    def is_series(self):
        return self.scope == self.Scope.SERIES

    def closes_at(self, occurrence):
        """Registration closes at the editor's moment, else when the date starts."""
        return self.closes or occurrence.start


# Cached on the page instance by `settings_of` / `settings_for`.
_CACHE = "_registration_settings"


def settings_of(page):
    """The registration settings of one page (a saved row, the editor's unsaved
    row in a preview, or a switched-off default). Read once per page instance."""
    if not hasattr(page, _CACHE):
        rows = list(page.registration_settings.all())
        setattr(page, _CACHE, rows[0] if rows else RegistrationSettings(enabled=False))
    return getattr(page, _CACHE)


def settings_for(pages):
    """Read the settings of many pages in one query (cached on each page) and
    return {page id: settings}."""
    pages = [p for p in pages if p is not None]
    missing = {p.pk for p in pages if not hasattr(p, _CACHE)}
    found = (
        {s.page_id: s for s in RegistrationSettings.objects.filter(page_id__in=missing)}
        if missing
        else {}
    )
    for page in pages:
        if not hasattr(page, _CACHE):
            setattr(page, _CACHE, found.get(page.pk) or RegistrationSettings(enabled=False))
    return {page.pk: getattr(page, _CACHE) for page in pages}


PANEL = MultiFieldPanel(
    [
        InlinePanel(
            "registration_settings",
            min_num=0,
            max_num=1,
            label=_("Registration"),
            help_text=_("Add the settings to let visitors register for this event."),
        ),
        InlinePanel(
            "registration_questions",
            label=_("Question"),
            heading=_("Extra questions"),
            help_text=_("Ask only what you need: organisation, village, dietary wishes…"),
        ),
    ],
    heading=_("Registration"),
    classname="collapsed",
)
"""The part of the event page's editor this app adds (see `apps.py`)."""


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

    # Never deleted with its date: when the event page (and so its dates) is
    # deleted, the registration keeps `snapshot` (title, times) and is
    # anonymised after the retention period like any other.
    occurrence = models.ForeignKey(
        "events.Occurrence",
        verbose_name=_("date"),
        on_delete=models.SET_NULL,
        null=True,
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
    # The kind of e-mail (EmailKind) that could not be sent yet: the mail task
    # retries it and clears this when it goes out; organisers see it in the list.
    unsent_email = models.CharField(max_length=10, blank=True, db_index=True)
    # The SEQUENCE of the calendar entries sent to this person: raised with every
    # update, so their calendar replaces the entry the confirmation added.
    calendar_sequence = models.PositiveIntegerField(default=0)
    # What the registration was for, kept when its event page is deleted:
    # {"title", "start", "end", "original_start", "all_day"} (ISO times).
    snapshot = models.JSONField(default=dict, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        # Personal data: its own permission, given together with page
        # permissions (registration.admin). Stored in English, shown translated.
        permissions = [("manage_registrations", gettext_noop("Can view and manage registrations"))]
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
