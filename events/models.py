"""The event portal's models.

- `EventType`: a translatable snippet (workshop, repair café, webinar…).
- `EventIndexPage`: the calendar of one language; `EventPage`: one real-world
  event, single or recurring, translated through wagtail-localize.
- `EventPageTheme`, `EventPageOrganiser`: translatable links to the shared snippets.
- `OccurrenceException`: an editor's change to one date (cancel, move, extra date).
- `Occurrence`: the materialised dates of an event, shared by all its translations
  (keyed by the page's `translation_key`), so listings are plain indexed queries.
- `EventSchedule`: one row per real-world event with its iCal SEQUENCE and the
  report of the last regeneration.

The rules that change occurrences live in `events.services`; the page views in
`events.views`. Models here stay declarative.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from recurrence.fields import RecurrenceField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.widgets import RecurrenceRuleField
from home.blocks import BaseStreamBlock
from home.fields import LANGUAGE_CHOICES, LanguagesField
from home.forms import PageForm
from home.models import TranslatableLink
from home.routing import AttachedRoutesMixin
from home.search_names import indexed_with_link_names, linked_names

# Languages people may speak at an event (one list for the whole site).
SPOKEN_LANGUAGES = LANGUAGE_CHOICES


class ScheduleField(RecurrenceField):
    """django-recurrence's field, edited with our Wagtail-native controls."""

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "events.models.ScheduleField", args, kwargs

    def formfield(self, **kwargs):
        return RecurrenceRuleField(
            label=self.verbose_name, help_text=self.help_text, required=False
        )


class EventType(TranslatableMixin, index.Indexed, models.Model):
    """Workshop, festival session, learning circle, repair café, meeting, study trip,
    webinar… Editors add kinds without a code change; the slug keeps filter URLs
    the same in every language."""

    name = models.CharField(_("Name"), max_length=80)
    slug = models.SlugField(_("Slug"), max_length=80)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    override_translatable_fields = [SynchronizedField("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event type")
        verbose_name_plural = _("event types")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_event_type_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class EventIndexPage(AttachedRoutesMixin, Page):
    """The calendar: upcoming occurrences with filters, a month view, an archive
    and an iCal feed of any filtered view. `events.routes` attaches its views."""

    base_form_class = PageForm

    intro = models.TextField(_("Introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(
        _("Dates per page"), default=20, help_text=_("How many dates one page of the list shows.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("per_page")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    override_translatable_fields = [SynchronizedField("per_page")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("calendar")
        verbose_name_plural = _("calendars")


class EventPageForm(PageForm):
    """Checks times and place."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end lies before the start."))
        if not cleaned.get("venue") and not cleaned.get("online_url"):
            self.add_error(
                "venue", _("Choose a venue, enter an online link, or both for a hybrid event.")
            )
        return cleaned


@indexed_with_link_names
class EventPage(AttachedRoutesMixin, Page):
    """One real-world event. Its German and English versions are translations of the
    same event: start, end, recurrence, venue and capacity are synchronised from the
    source, and its dates (`Occurrence`) are shared through `translation_key`."""

    intro = models.TextField(_("Introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Body"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("Image description"), max_length=250, blank=True)

    start = models.DateTimeField(
        _("Start"), help_text=_("Local time in the Netherlands and Germany (Europe/Amsterdam).")
    )
    end = models.DateTimeField(_("End"))
    all_day = models.BooleanField(
        _("All day"),
        default=False,
        help_text=_("Times are ignored; the event covers the whole day(s) from start to end."),
    )
    recurrence = ScheduleField(
        verbose_name=_("Repeats"),
        blank=True,
        null=True,
        help_text=_("Leave on 'Does not repeat' for a single event."),
    )

    event_type = models.ForeignKey(
        EventType,
        verbose_name=_("Event type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    venue = models.ForeignKey(
        "home.Venue",
        verbose_name=_("Venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_url = models.URLField(
        _("Online link"),
        blank=True,
        help_text=_("Video call or livestream; with a venue as well, the event is hybrid."),
    )
    languages = LanguagesField(
        _("Languages spoken"),
        blank=True,
        default="nl",
        help_text=_("Which languages visitors can follow and speak at the event."),
    )
    price = models.DecimalField(
        _("Price in euros"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty for a free event."),
    )
    price_note = models.CharField(
        _("About the price"), max_length=200, blank=True, help_text=_("E.g. 'lunch included'.")
    )
    capacity = models.PositiveIntegerField(
        _("Places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    contact_person = models.ForeignKey(
        "home.Person",
        verbose_name=_("Contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("Contact e-mail"), blank=True)
    contact_phone = models.CharField(_("Contact phone"), max_length=40, blank=True)

    base_form_class = EventPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("recurrence"),
                InlinePanel(
                    "exceptions",
                    label=_("date change"),
                    heading=_("Changes to single dates"),
                    help_text=_(
                        "Cancel one date (with a reason for visitors), move it, or add an "
                        "extra date."
                    ),
                ),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("event_type"),
                FieldPanel("languages"),
                InlinePanel("theme_links", label=_("Theme")),
                InlinePanel("organiser_links", label=_("Organiser")),
            ],
            heading=_("What and who"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price"), FieldPanel("capacity")]),
                FieldPanel("price_note"),
                FieldPanel("contact_person"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Practical"),
        ),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("theme_names"),
    ]
    override_translatable_fields = [
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("all_day"),
        SynchronizedField("recurrence"),
        SynchronizedField("online_url"),
        SynchronizedField("languages"),
        SynchronizedField("price"),
        SynchronizedField("capacity"),
        SynchronizedField("contact_email"),
        SynchronizedField("contact_phone"),
        TranslatableField("price_note"),
    ]

    # An event lives in the calendar; apps above this one add places where an
    # event may also live (a partner's section) with `allow_parent_types`. The
    # calendar lists them all.
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    @classmethod
    def allow_parent_types(cls, *page_models):
        """Let editors create events below these page types too (called from a
        higher app's `AppConfig.ready`)."""
        labels = [model._meta.label for model in page_models]
        cls.parent_page_types = [*cls.parent_page_types, *labels]

    @classmethod
    def add_panels(cls, *panels):
        """Add parts to the editor of events, below the event's own (called from
        a higher app's `AppConfig.ready`, before any editor is built). Kinds of
        event with panels of their own (a festival session) get them too."""
        models, pending = [], [cls]
        while pending:
            model = pending.pop()
            models.append(model)
            pending.extend(model.__subclasses__())
        for model in models:
            if model is cls or "content_panels" in vars(model):
                model.content_panels = [*model.content_panels, *panels]

    @property
    def language_codes(self):
        return [code for code in (self.languages or "").split(",") if code]

    @property
    def is_online(self):
        return bool(self.online_url)

    @property
    def is_hybrid(self):
        return bool(self.online_url) and self.venue_id is not None

    @property
    def is_free(self):
        return not self.price

    @classmethod
    def get_indexed_objects(cls):
        # What `theme_names` reads, for a whole chunk at once (update_index).
        return super().get_indexed_objects().prefetch_related("theme_links")

    def theme_names(self):
        """Its themes as its own language names them, for the search index."""
        return linked_names(self, ("theme_links", "theme"))


class EventPageTheme(TranslatableLink):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(
        "home.Theme", verbose_name=_("Theme"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("theme")]


class EventPageOrganiser(TranslatableLink):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organiser_links")
    organisation = models.ForeignKey(
        "home.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("organisation")]


class OccurrenceException(TranslatableMixin, Orderable):
    """An editor's change to one date of an event. Dates, times and the venue are
    synchronised to the translations; the reason visitors read is translated."""

    class Action(models.TextChoices):
        CANCEL = "cancel", _("Cancel this date")
        MOVE = "move", _("Move this date")
        EXTRA = "extra", _("Add an extra date")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(
        _("Date"), help_text=_("The date as the schedule has it, or the extra date.")
    )
    action = models.CharField(
        _("Change"), max_length=10, choices=Action.choices, default=Action.CANCEL
    )
    new_date = models.DateField(
        _("New date"), null=True, blank=True, help_text=_("Only when moving to another day.")
    )
    new_start_time = models.TimeField(_("New start time"), null=True, blank=True)
    new_end_time = models.TimeField(_("New end time"), null=True, blank=True)
    venue = models.ForeignKey(
        "home.Venue",
        verbose_name=_("Other venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(
        _("Note for visitors"),
        max_length=250,
        blank=True,
        help_text=_("Why it is cancelled or moved; shown with the date."),
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("action")]),
        FieldRowPanel(
            [FieldPanel("new_date"), FieldPanel("new_start_time"), FieldPanel("new_end_time")]
        ),
        FieldPanel("venue"),
        FieldPanel("reason"),
    ]
    override_translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("action"),
        SynchronizedField("new_date"),
        SynchronizedField("new_start_time"),
        SynchronizedField("new_end_time"),
        TranslatableField("reason"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("change to one date")
        verbose_name_plural = _("changes to single dates")
        ordering = ["sort_order"]


class Occurrence(models.Model):
    """One date of an event, generated from its schedule by `events.services`.

    `event_key` is the event's `translation_key`: every translation shows the same
    dates. `original_start` is where the schedule put the date; `start` is where it
    actually is (they differ for a moved date) and identifies the date across
    regenerations. `note` is the editor's reason in the source language; its
    translations are found through `exception_key`.
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        MOVED = "moved", _("Moved")

    class Origin(models.TextChoices):
        RULE = "rule", _("Schedule")
        EXTRA = "extra", _("Extra date")
        KEPT = "kept", _("Kept from an earlier schedule")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    event_key = models.UUIDField(db_index=True)
    original_start = models.DateTimeField()
    start = models.DateTimeField()
    end = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.RULE)
    venue = models.ForeignKey(
        "home.Venue", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=250, blank=True)
    exception_key = models.UUIDField(null=True, blank=True)

    class Meta:
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        ordering = ["start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_key", "original_start"], name="unique_occurrence_per_event_date"
            )
        ]
        indexes = [
            models.Index(fields=["start", "end"], name="occurrence_start_end"),
            models.Index(fields=["end"], name="occurrence_end"),
            # Dates in the order lists show them, so a read of the first few
            # of a day (the month view's) stops there instead of sorting the day.
            models.Index(fields=["start", "id"], name="occurrence_start_id"),
            # The few dates that are not a rule's as scheduled (moved,
            # cancelled, extra), which calendar files read for every event
            # they hold: without it, each event's dates were read to find them.
            models.Index(
                fields=["event"],
                condition=~models.Q(status="scheduled", origin="rule"),
                name="occurrence_changed",
            ),
        ]

    def __str__(self):
        return f"{self.event_id} {self.start:%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED


class EventSchedule(models.Model):
    """Bookkeeping per real-world event: the iCal SEQUENCE (raised when the
    schedule changes), how far occurrences were generated, and what the last
    regeneration had to tell the editor. Not part of page revisions, so
    publishing an older revision cannot lower the sequence."""

    event_key = models.UUIDField(unique=True)
    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="+")
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True)
    generated_until = models.DateTimeField(null=True, blank=True)
    report = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event schedule")
        verbose_name_plural = _("event schedules")
        # Every feed's ETag asks for the latest change and the number of
        # schedules: both read from this index alone (0.7 ms, not a scan of
        # the table at 3 ms, at 10,000 events on PostgreSQL).
        indexes = [models.Index(fields=["updated_at"], name="eventschedule_updated_at")]

    def __str__(self):
        return f"{self.event_key} (sequence {self.sequence})"


def is_event(page):
    """Whether a page (of any class, not yet specific) is an event: a plain event
    or a kind of event another app defines, such as a festival session."""
    return issubclass(page.specific_class or type(None), EventPage)


def horizon_days():
    """How far ahead occurrences are materialised (setting, default 18 months)."""
    return int(getattr(settings, "EVENTS_OCCURRENCE_HORIZON_DAYS", 548))
