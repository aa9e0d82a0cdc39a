"""The festival page and what belongs to one edition.

A festival is a page in the tree; its sessions are `SessionPage`s below it: events
(so they get dates, iCal, JSON-LD and registration like any event) with their
place in the programme: `track`, `room`, `session_format` and speaker links.

Tracks and rooms are inline objects of the festival. They are translated with
the festival page; a session stores the source festival's track and room (the
fields are synchronised), and the programme shows the active language's version
through their `translation_key`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.models import EventPage, EventPageForm
from home.blocks import BaseStreamBlock
from home.forms import PageForm
from home.models import TranslatableLink
from home.routing import AttachedRoutesMixin


class SessionFormat(models.TextChoices):
    """What kind of session: the programme filters on it in every language."""

    WORKSHOP = "workshop", _("Workshop")
    TALK = "talk", _("Talk")
    MARKET = "market", _("Market")
    EXCURSION = "excursion", _("Excursion")
    ONLINE = "online", _("Online session")


class FestivalPageForm(PageForm):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day lies before the first day."))
        return cleaned


class FestivalPage(AttachedRoutesMixin, Page):
    """One edition of a festival: a single day on site, or a period online."""

    edition = models.CharField(
        _("Edition"), max_length=40, help_text=_("E.g. '2022' or 'digital edition 2027'.")
    )
    start_date = models.DateField(_("First day"))
    end_date = models.DateField(
        _("Last day"), null=True, blank=True, help_text=_("Empty for a one-day festival.")
    )
    venue = models.ForeignKey(
        "home.Venue",
        verbose_name=_("Venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_online = models.BooleanField(
        _("Online edition"), default=False, help_text=_("Sessions take place online.")
    )
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

    base_form_class = FestivalPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("edition"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("is_online")]),
            ],
            heading=_("When and where"),
        ),
        InlinePanel("partner_links", label=_("Organising partner")),
        InlinePanel(
            "tracks",
            label=_("Track"),
            heading=_("Tracks"),
            help_text=_("Themes or strands that sessions belong to."),
        ),
        InlinePanel(
            "rooms",
            label=_("Room or stage"),
            heading=_("Rooms and stages"),
            help_text=_("For an edition on site: where sessions take place."),
        ),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    override_translatable_fields = [
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("is_online"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage", "events.EventIndexPage"]
    subpage_types = ["festival.SessionPage"]

    class Meta:
        verbose_name = _("festival")
        verbose_name_plural = _("festivals")

    @property
    def last_day(self):
        return self.end_date or self.start_date

    @property
    def is_one_day(self):
        return self.last_day == self.start_date


class FestivalPartner(TranslatableLink):
    """An organising partner of one edition (the organisation snippet has the logo)."""

    page = ParentalKey(FestivalPage, on_delete=models.CASCADE, related_name="partner_links")
    organisation = models.ForeignKey(
        "home.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("organisation")]


class FestivalTrack(TranslatableMixin, Orderable):
    """A strand of the programme, e.g. a theme track. The slug keeps filter URLs
    the same in every language."""

    page = ParentalKey(FestivalPage, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Slug"), max_length=100)
    colour = models.CharField(
        _("Colour"),
        max_length=7,
        blank=True,
        help_text=_("Optional, as #rrggbb; shown as a stripe beside the sessions."),
    )

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("slug"), FieldPanel("colour")])]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("colour")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["sort_order"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.colour and not (
            len(self.colour) == 7
            and self.colour.startswith("#")
            and all(c in "0123456789abcdefABCDEF" for c in self.colour[1:])
        ):
            raise ValidationError({"colour": _("Give the colour as #rrggbb, e.g. #1b6e53.")})


class FestivalRoom(TranslatableMixin, Orderable):
    """A room or stage of an edition on site; the grid has one column per room."""

    page = ParentalKey(FestivalPage, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Slug"), max_length=100)
    capacity = models.PositiveIntegerField(_("Seats"), null=True, blank=True)
    accessibility = models.CharField(
        _("Accessibility"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'ground floor, hearing loop'."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug"), FieldPanel("capacity")]),
        FieldPanel("accessibility"),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("capacity"),
        TranslatableField("accessibility"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("room or stage")
        verbose_name_plural = _("rooms and stages")
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


class SessionPageForm(EventPageForm):
    """An event's form that offers only the parent festival's tracks and rooms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        festival = self._festival()
        for name in ("track", "room"):
            if name not in self.fields:
                continue  # a translation's synchronised fields are not edited
            field = self.fields[name]
            field.queryset = (
                field.queryset.none() if festival is None else field.queryset.filter(page=festival)
            )

    def _festival(self):
        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        parent = parent.specific if parent is not None else None
        return parent if isinstance(parent, FestivalPage) else None


class SessionPage(EventPage):
    """A session of a festival: an event with its place in the programme."""

    track = models.ForeignKey(
        FestivalTrack,
        verbose_name=_("Track"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    room = models.ForeignKey(
        FestivalRoom,
        verbose_name=_("Room or stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    session_format = models.CharField(
        _("Format"), max_length=12, choices=SessionFormat.choices, blank=True
    )

    base_form_class = SessionPageForm
    template = "festival/session_page.html"

    content_panels = [
        *EventPage.content_panels[:2],
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("track"), FieldPanel("room"), FieldPanel("session_format")]
                ),
                InlinePanel("speaker_links", label=_("Speaker")),
            ],
            heading=_("Festival programme"),
            help_text=_("Its track, room, format and speakers."),
        ),
        *EventPage.content_panels[2:],
    ]
    override_translatable_fields = [
        *EventPage.override_translatable_fields,
        SynchronizedField("track"),
        SynchronizedField("room"),
        SynchronizedField("session_format"),
    ]

    parent_page_types = ["festival.FestivalPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("festival session")
        verbose_name_plural = _("festival sessions")


class SessionSpeaker(TranslatableLink):
    """A speaker or host of a session (a shared `Person`, like authors)."""

    page = ParentalKey(SessionPage, on_delete=models.CASCADE, related_name="speaker_links")
    person = models.ForeignKey(
        "home.Person", verbose_name=_("Person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]
