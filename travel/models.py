"""Travel together's models: the place list, the travel entries per event date
and the matches between them.

- `Place`: a village or town on either side of the border, with its
  municipality, country and coordinates, so that matching does not depend on
  spelling (`travel.places`: distances). Shipped as a list (`data/places.json`,
  a data migration); editors add more as a snippet.
- `TravelEntry`: one person's offer of seats in a car, request for a ride, or
  public-transport trip others may join, for one date (`events.Occurrence`).
  Name, e-mail, phone and needs are private: the public page shows only the
  place, the time and the counts. The manage link is a signed (entry id,
  secret); blanking the secret makes every earlier link invalid.
- `TravelMatch`: someone (a ride request, or a person joining a trip) asks an
  offer or a trip to travel along; the other side accepts or declines. Contact
  details are shown to each other only after both agreed (`share_by_*`).

Coordinators' changes are logged with Wagtail's log (`ModelLogEntry`), which
keeps numbers, never names. Everything is deleted a number of days after the
date (`travel.services.purge`). The rules live in `travel.services`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

MAX_PLACES = 8  # seats in a car, people in one request

COUNTRIES = [("NL", _("Netherlands")), ("DE", _("Germany"))]

LANGUAGES_SPOKEN = [("nl", "Nederlands"), ("de", "Deutsch"), ("en", "English")]


class Place(index.Indexed, models.Model):
    """A village or town people travel from."""

    name = models.CharField(_("Name"), max_length=100)
    municipality = models.CharField(_("Municipality"), max_length=100, blank=True)
    country = models.CharField(_("Country"), max_length=2, choices=COUNTRIES, default="NL")
    latitude = models.FloatField(
        _("Latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("Longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    active = models.BooleanField(
        _("Offered in the forms"), default=True, help_text=_("Off: no longer in the list.")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("municipality"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("active"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("municipality")]

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name", "municipality"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "municipality", "country"], name="travel_place_unique"
            )
        ]

    def __str__(self):
        if self.municipality and self.municipality != self.name:
            return f"{self.name} ({self.municipality}, {self.country})"
        return f"{self.name} ({self.country})"


class TravelEntry(models.Model):
    """One person's offer, request or public-transport trip for one date."""

    class Kind(models.TextChoices):
        OFFER = "offer", _("Seats in a car")
        REQUEST = "request", _("Looking for a ride")
        TRANSIT = "transit", _("Public transport, join me")

    occurrence = models.ForeignKey(
        "events.Occurrence",
        verbose_name=_("date"),
        on_delete=models.CASCADE,
        related_name="travel_entries",
    )
    # The event's translation key: the same in every language version.
    event_key = models.UUIDField(db_index=True)
    kind = models.CharField(_("Kind"), max_length=8, choices=Kind.choices)
    place = models.ForeignKey(
        Place, verbose_name=_("From"), on_delete=models.PROTECT, related_name="entries"
    )
    departs_at = models.DateTimeField(_("Departure"))
    # Offer: free seats; transit: how many may join (0: no limit).
    seats = models.PositiveSmallIntegerField(
        _("Seats"), default=0, validators=[MaxValueValidator(MAX_PLACES)]
    )
    # Request: how many people travel (the asker included).
    people = models.PositiveSmallIntegerField(
        _("People"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)]
    )
    wheelchair = models.BooleanField(_("Wheelchair"), default=False)
    walker = models.BooleanField(_("Walker"), default=False)
    languages = models.JSONField(_("Languages spoken"), default=list, blank=True)
    needs = models.TextField(_("Needs"), blank=True, max_length=1000)
    name = models.CharField(_("Name"), max_length=100)
    email = models.EmailField(_("E-mail"), max_length=254, blank=True)
    # Lower-cased e-mail: erasure requests match on it.
    email_key = models.CharField(max_length=254, db_index=True, blank=True)
    phone = models.CharField(_("Phone"), max_length=40, blank=True)
    language = models.CharField(_("Language"), max_length=8, default="nl")
    secret = models.CharField(max_length=64, blank=True)
    # A coordinator who entered it (a request taken by phone); its mails go
    # to the person only when they gave an e-mail address.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Created"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(_("Cancelled"), null=True, blank=True)
    reported_at = models.DateTimeField(_("Reported"), null=True, blank=True)
    report_count = models.PositiveSmallIntegerField(_("Reports"), default=0)

    class Meta:
        verbose_name = _("travel entry")
        verbose_name_plural = _("travel entries")
        ordering = ["departs_at", "pk"]
        indexes = [models.Index(fields=["occurrence", "kind"], name="travel_entry_date_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.place.name}"

    @property
    def is_active(self):
        return self.cancelled_at is None

    @property
    def gives_places(self):
        """Offers and trips take others along; requests ask to be taken."""
        return self.kind in (self.Kind.OFFER, self.Kind.TRANSIT)


class TravelMatch(models.Model):
    """A request (or a person joining a trip) and the offer or trip it asks."""

    class Status(models.TextChoices):
        ASKED = "asked", _("Asked")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.ASKED, Status.ACCEPTED)

    request = models.ForeignKey(
        TravelEntry,
        verbose_name=_("Request"),
        on_delete=models.CASCADE,
        related_name="matches_asked",
    )
    offer = models.ForeignKey(
        TravelEntry,
        verbose_name=_("Offer"),
        on_delete=models.CASCADE,
        related_name="matches_offered",
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.ASKED
    )
    places = models.PositiveSmallIntegerField(_("Places"), default=1)
    share_by_requester = models.BooleanField(_("Requester shares contact"), default=False)
    share_by_offerer = models.BooleanField(_("Offerer shares contact"), default=False)
    # A coordinator who paired them by hand.
    paired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Paired by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Asked at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    answered_at = models.DateTimeField(_("Answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("travel match")
        verbose_name_plural = _("travel matches")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "offer"], name="travel_match_once")
        ]

    def __str__(self):
        return f"{self.request_id} → {self.offer_id} ({self.status})"

    @property
    def contact_shared(self):
        """Both agreed: each sees the other's e-mail address and phone."""
        return (
            self.status == self.Status.ACCEPTED
            and self.share_by_requester
            and self.share_by_offerer
        )
