"""Shared snippets: themes, regions, organisations, people and venues.

The knowledge base and the event portal both tag their content with these, so
they live in the core that both apps import. All are translatable snippets
(wagtail-localize): names and descriptions are translated, while slugs,
coordinates, flags and dates are synchronised from the source language so the
same thing is the same thing in every language.

Links between translatable objects are inline, translatable "link" models
(`TranslatableLink`) rather than many-to-many fields: wagtail-localize re-links
those to the target language's snippet when it translates the parent, where it
leaves many-to-many fields out (wagtail-localize #820, #534). Code that groups
or counts by a snippet uses its `translation_key`, which is the same in every
language.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

COUNTRY_CHOICES = [
    ("NL", _("Netherlands")),
    ("DE", _("Germany")),
    ("BE", _("Belgium")),
    ("BY", _("Belarus")),
]


class TranslatableLink(TranslatableMixin, Orderable):
    """Base of the inline links from a translatable parent to a shared snippet."""

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]


class Theme(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(
        _("Slug"),
        max_length=100,
        help_text=_("The same in every language; used in addresses of filtered lists."),
    )
    description = models.TextField(_("Description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    override_translatable_fields = [SynchronizedField("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_per_locale")
        ]
        ordering = ["name"]

    def __str__(self):
        return self.name


class Region(TranslatableMixin, index.Indexed, models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province")
        STATE = "state", _("Federal state")
        OBLAST = "oblast", _("Region (oblast)")
        MUNICIPALITY = "municipality", _("Municipality")
        COUNTRY = "country", _("Country")

    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Slug"), max_length=100)
    kind = models.CharField(_("Kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(_("Country"), max_length=2, choices=COUNTRY_CHOICES)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("country")]
    override_translatable_fields = [SynchronizedField("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_region_slug_per_locale")
        ]
        ordering = ["country", "name"]

    def __str__(self):
        return self.name


class Organisation(TranslatableMixin, index.Indexed, ClusterableModel):
    class Kind(models.TextChoices):
        FUND = "fund", _("Fund")
        NETWORK = "network", _("Network")
        KNOWLEDGE = "knowledge", _("Knowledge institute")
        WELFARE = "welfare", _("Welfare organisation")
        MUNICIPALITY = "municipality", _("Municipality or province")
        INITIATIVE = "initiative", _("Community initiative")
        OTHER = "other", _("Other")

    name = models.CharField(_("Name"), max_length=160)
    slug = models.SlugField(_("Slug"), max_length=160)
    kind = models.CharField(_("Kind"), max_length=20, choices=Kind.choices)
    country = models.CharField(_("Country"), max_length=2, choices=COUNTRY_CHOICES, default="NL")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Short description"), blank=True)
    offers_knowledge = models.BooleanField(_("Offers knowledge"), default=False)
    offers_money = models.BooleanField(_("Offers money"), default=False)
    offers_network = models.BooleanField(_("Offers a network"), default=False)
    offers_advice = models.BooleanField(_("Offers advice"), default=False)
    contact_email = models.EmailField(_("Contact e-mail"), blank=True)
    contact_phone = models.CharField(_("Contact phone"), max_length=40, blank=True)
    contact_language = models.CharField(
        _("Language of e-mails"),
        max_length=5,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language we write to this organisation in. Empty: German for "
            "organisations in Germany, Dutch for the Netherlands and Belgium, "
            "English otherwise."
        ),
    )
    last_checked = models.DateField(
        _("Last checked"),
        null=True,
        blank=True,
        help_text=_("When someone last confirmed these details are still right."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("country")]),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("offers_knowledge"),
                FieldPanel("offers_money"),
                FieldPanel("offers_network"),
                FieldPanel("offers_advice"),
            ],
            heading=_("What they offer"),
        ),
        InlinePanel("theme_links", label=_("Themes")),
        InlinePanel("region_links", label=_("Regions")),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_language"),
                FieldPanel("last_checked"),
            ],
            heading=_("Contact"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("slug"),
        SynchronizedField("contact_phone"),
        TranslatableField("description"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_organisation_slug_per_locale"
            )
        ]
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def language(self):
        """The language to write to this organisation in (see `contact_language`)."""
        if self.contact_language:
            return self.contact_language
        return {"DE": "de", "NL": "nl", "BE": "nl"}.get(self.country, "en")

    @property
    def offers(self):
        """[(flag name, label)] of what the organisation offers, in a fixed order."""
        flags = ["offers_knowledge", "offers_money", "offers_network", "offers_advice"]
        return [
            (name, self._meta.get_field(name).verbose_name) for name in flags if getattr(self, name)
        ]


class OrganisationTheme(TranslatableLink):
    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(
        Theme, verbose_name=_("Theme"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("theme")]


class OrganisationRegion(TranslatableLink):
    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="region_links")
    region = models.ForeignKey(
        Region, verbose_name=_("Region"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("region")]


class Person(TranslatableMixin, index.Indexed, models.Model):
    """An author, photographer, speaker or contact person."""

    name = models.CharField(_("Name"), max_length=120)
    role = models.CharField(_("Role"), max_length=160, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("Short biography"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    override_translatable_fields = [SynchronizedField("name")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Venue(TranslatableMixin, index.Indexed, models.Model):
    """A place where events happen; the address is the same in every language."""

    name = models.CharField(_("Name"), max_length=160)
    street = models.CharField(_("Street and number"), max_length=160, blank=True)
    postcode = models.CharField(_("Postcode"), max_length=12, blank=True)
    city = models.CharField(_("Town or city"), max_length=100)
    country = models.CharField(_("Country"), max_length=2, choices=COUNTRY_CHOICES, default="NL")
    region = models.ForeignKey(
        Region,
        verbose_name=_("Region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.DecimalField(
        _("Latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accessibility = models.TextField(
        _("Accessibility"),
        blank=True,
        help_text=_("Step-free entrance, accessible toilet, hearing loop, parking…"),
    )
    route = models.TextField(_("How to get there"), blank=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        FieldPanel("accessibility"),
        FieldPanel("route"),
    ]
    override_translatable_fields = [
        SynchronizedField("street"),
        SynchronizedField("postcode"),
        SynchronizedField("city"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("city")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.city}" if self.city else self.name

    @property
    def address_lines(self):
        """The postal address as the active language writes it, line by line:
        street and number; postcode and town; the country's name
        ("Nederland", "Niederlande", "Netherlands"). Empty parts are left out.
        The postcode precedes the town in every country the site serves."""
        town = " ".join(part for part in (self.postcode, self.city) if part)
        country = str(self.get_country_display()) if self.country else ""
        return [line for line in (self.street, town, country) if line]

    @property
    def address(self):
        """The address on one line: "Markt 1, 7511 GA Enschede, Nederland"."""
        return ", ".join(self.address_lines)

    @property
    def location(self):
        """Name and address on one line, as a calendar's LOCATION or an e-mail says it."""
        return ", ".join(part for part in (self.name, self.address) if part)

    def postal_address(self):
        """The same address as schema.org's `PostalAddress` (JSON-LD needs the
        parts); the country as its ISO code, which every language reads."""
        parts = {
            "streetAddress": self.street,
            "postalCode": self.postcode,
            "addressLocality": self.city,
            "addressCountry": self.country,
        }
        return {"@type": "PostalAddress", **{k: v for k, v in parts.items() if v}}
