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
    # Offer mode: a freed place is offered (accept or decline until a deadline),
    # and the offer ran out unanswered.
    OFFERED = "offered"
    OFFER_EXPIRED = "lapsed"
    # The organiser moved the registration to another date of the event.
    MOVED = "moved"


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
    offer_hours = models.PositiveSmallIntegerField(
        _("Offer freed places within (hours before the date)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 30)],
        help_text=_(
            "E.g. 48: a place that comes free this close to the date is offered to the next "
            "person on the waiting list, who accepts or declines by e-mail; unanswered, it "
            "passes on. Empty: waiting people always move up automatically."
        ),
    )
    offer_reply_hours = models.PositiveSmallIntegerField(
        _("Time to answer an offer (hours)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 7)],
        help_text=_("Never later than the start of the date."),
    )

    panels = [
        FieldPanel("enabled"),
        FieldPanel("scope"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldRowPanel([FieldPanel("max_places"), FieldPanel("waiting_list")]),
        FieldPanel("confirmation_text"),
        FieldPanel("notify_organiser"),
        FieldRowPanel([FieldPanel("offer_hours"), FieldPanel("offer_reply_hours")]),
    ]
    override_translatable_fields = [
        SynchronizedField("enabled"),
        SynchronizedField("scope"),
        SynchronizedField("opens"),
        SynchronizedField("closes"),
        SynchronizedField("max_places"),
        SynchronizedField("waiting_list"),
        SynchronizedField("notify_organiser"),
        SynchronizedField("offer_hours"),
        SynchronizedField("offer_reply_hours"),
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

    def offers_at(self, occurrence, now):
        """Offer mode applies to `occurrence` at `now`: it is on and the date
        starts within `offer_hours`."""
        from datetime import timedelta

        return bool(self.offer_hours) and occurrence.start - now <= timedelta(
            hours=self.offer_hours
        )

    def offer_deadline(self, occurrence, now):
        """Until when an offer made at `now` stands: `offer_reply_hours`, never
        past the start of the date."""
        from datetime import timedelta

        return min(now + timedelta(hours=self.offer_reply_hours), occurrence.start)

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


def settings_for(pages, *, enabled_only=False):
    """Read the settings of many pages in one query (cached on each page) and
    return {page id: settings}.

    `enabled_only`: read only the settings of pages that take registrations
    (a long list that asks no more than that); the others get the default,
    registration off, which is not cached on the page, so `settings_of` still
    reads a page's real settings when asked."""
    pages = [p for p in pages if p is not None]
    missing = {p.pk for p in pages if not hasattr(p, _CACHE)}
    rows = RegistrationSettings.objects.filter(page_id__in=missing)
    if enabled_only:
        rows = rows.filter(enabled=True)
    found = {s.page_id: s for s in rows} if missing else {}
    off = RegistrationSettings(enabled=False)
    result = {}
    for page in pages:
        if not hasattr(page, _CACHE):
            settings = found.get(page.pk)
            if settings is None and enabled_only:
                result[page.pk] = off
                continue
            setattr(page, _CACHE, settings or RegistrationSettings(enabled=False))
        result[page.pk] = getattr(page, _CACHE)
    return result


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
    """One registration: confirmed, on the waiting list, offered a freed place
    (offer mode: the place is held for them until `offer_expires_at`), or
    cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        OFFERED = "offered", _("Place offered")
        CANCELLED = "cancelled", _("Cancelled")

    class Source(models.TextChoices):
        FORM = "form", _("Registration form")
        ADMIN = "admin", _("Added by the organiser")

    class CancelledBy(models.TextChoices):
        VISITOR = "visitor", _("The visitor")
        ORGANISER = "organiser", _("The organiser")
        LAPSED = "lapsed", _("Offer not answered in time")

    ACTIVE = (Status.CONFIRMED, Status.WAITING, Status.OFFERED)
    # Statuses that hold places: an offered place is nobody else's until the
    # offer is accepted, declined or runs out.
    HOLDING = (Status.CONFIRMED, Status.OFFERED)

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
    # Offer mode: until when the offered place is held for this person.
    offer_expires_at = models.DateTimeField(_("Offer open until"), null=True, blank=True)
    # The kind of e-mail (EmailKind) that could not be sent yet: the mail task
    # retries it and clears this when it goes out; organisers see it in the list.
    unsent_email = models.CharField(max_length=20, blank=True, db_index=True)
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
                condition=Q(
                    status__in=["confirmed", "waiting", "offered"], anonymised_at__isnull=True
                ),
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
    def is_offered(self):
        return self.status == self.Status.OFFERED

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED


class Reminder(models.Model):
    """A reminder sent for one date of a registration: a whole-series
    registration is reminded before each of its dates, and each only once."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    occurrence = models.ForeignKey("events.Occurrence", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "occurrence"], name="one_reminder_per_registration_and_date"
            )
        ]

    def __str__(self):
        return f"#{self.registration_id} @ {self.occurrence_id}"
