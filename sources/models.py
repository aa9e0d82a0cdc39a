"""Calendar sources: a partner's own iCal calendar, imported as event pages.

- `CalendarSource`: one feed (URL, the partner section it belongs to, the
  language it is written in, where and how its events are created) with the
  state of its conditional requests and its last run.
- `ImportedEvent`: the link between an event in the feed (its UID) and our event
  page, with a fingerprint per field of the values last imported, so an
  editor's own change is recognised and kept (see `sources.services`).
- `ImportRun`: the report of one run, shown with the source in the admin.

The rules live in `sources.importer` (parsing) and `sources.services` (fetching
and applying); models here stay declarative.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class CalendarSource(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("Not run yet")
        OK = "ok", _("Imported")
        NOT_MODIFIED = "not_modified", _("Unchanged since the last run")
        FAILED = "failed", _("Failed")

    name = models.CharField(_("Name"), max_length=160)
    url = models.URLField(
        _("iCal address"),
        max_length=1000,
        help_text=_("The calendar's public iCal (.ics) address, starting with https://."),
    )
    section = models.ForeignKey(
        "partners.PartnerPage",
        verbose_name=_("Partner section"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The partner whose editors look after this calendar."),
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("Language of the calendar"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Imported events are created in this language; translate them as usual."),
    )
    parent_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Create events below"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Leave empty for the partner's page in the calendar's language, or else "
            "the calendar of that language."
        ),
    )
    event_type = models.ForeignKey(
        "events.EventType",
        verbose_name=_("Event type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    themes = models.ManyToManyField("home.Theme", verbose_name=_("Themes"), blank=True)
    organiser = models.ForeignKey(
        "home.Organisation",
        verbose_name=_("Organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publish = models.BooleanField(
        _("Publish at once"),
        default=False,
        help_text=_("Otherwise imported events and changes wait as drafts for an editor."),
    )
    active = models.BooleanField(_("Active"), default=True)

    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_run_at = models.DateTimeField(_("Last run"), null=True, blank=True, editable=False)
    last_status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.NEW, editable=False
    )
    last_message = models.CharField(_("Message"), max_length=500, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("section"), FieldPanel("locale")]),
        FieldPanel("parent_page"),
        MultiFieldPanel(
            [FieldPanel("event_type"), FieldPanel("themes"), FieldPanel("organiser")],
            heading=_("Given to every imported event"),
        ),
        FieldRowPanel([FieldPanel("publish"), FieldPanel("active")]),
    ]

    class Meta:
        verbose_name = _("calendar source")
        verbose_name_plural = _("calendar sources")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ImportedEvent(models.Model):
    """An event of a source, matched on its UID, and the event page made from it.

    `fingerprints`: {field name: hash of the value last imported}. A field whose
    current value no longer has that hash was changed by an editor and is left
    alone by later imports."""

    source = models.ForeignKey(CalendarSource, on_delete=models.CASCADE, related_name="events")
    uid = models.CharField(max_length=500)
    page = models.ForeignKey(
        "events.EventPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprints = models.JSONField(default=dict)
    # Extra values our page has no field for, and the state upstream.
    sequence = models.IntegerField(default=0)
    removed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported event")
        verbose_name_plural = _("imported events")
        constraints = [
            models.UniqueConstraint(fields=["source", "uid"], name="unique_imported_uid_per_source")
        ]

    def __str__(self):
        return self.uid


class ImportRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        OK = "ok", _("Imported")
        NOT_MODIFIED = "not_modified", _("Unchanged since the last run")
        FAILED = "failed", _("Failed")

    source = models.ForeignKey(CalendarSource, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(_("Started"))
    finished_at = models.DateTimeField(_("Finished"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    message = models.CharField(_("Message"), max_length=500, blank=True)
    # The message as {"id": message id, "params": {...}}, shown translated.
    message_parts = models.JSONField(default=dict, blank=True)
    created = models.PositiveIntegerField(_("Created"), default=0)
    updated = models.PositiveIntegerField(_("Updated"), default=0)
    cancelled = models.PositiveIntegerField(_("Cancelled"), default=0)
    unchanged = models.PositiveIntegerField(_("Unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("Skipped"), default=0)
    # [{"uid", "summary", "reason", "reason_parts"}] of skipped items and
    # [{"uid", "summary", "kept": [field names]}] of fields kept for editors.
    details = models.JSONField(default=list, blank=True)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("import report")
        verbose_name_plural = _("import reports")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M}"
