"""Cross-border partners: an index of partner pages and one page per partner or
exchange (Mienthuus in Kranenburg, the exchange with Belarus, ...).

A partner page may be written in German or English first: it is then created
in that language's tree and translated into Dutch with wagtail-localize (the
German and English trees are synchronised from the Dutch one, so the English
tree shows the Dutch translation as an alias until someone translates it).

Links to the shared snippets are inline translatable link models, as on
articles. The timeline of exchanges and the gallery are StreamFields: a
timeline entry holds lists (places, organisations, photos) that an inline
panel inside an inline panel cannot hold, and wagtail-localize re-links the
snippets chosen inside a StreamField to the target language's versions.

Events of a partner live under its page (so the partner's editors manage them
and their registrations); this module never imports the events app, its
templates load the events app's template tags.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BaseStreamBlock
from home.fields import LanguagesField
from home.forms import PageForm
from home.models import COUNTRY_CHOICES, Organisation, Person, Region, TranslatableLink
from kennisbank.models.articles import ArticlePageForm, chooser_panel


class PhotoBlock(blocks.StructBlock):
    # ImageBlock makes the editor write alt text or mark the photo decorative.
    image = ImageBlock(label=_("Photo"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Photo credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Photo")


class ExchangeBlock(blocks.StructBlock):
    """One exchange or visit on a partner's timeline."""

    date = blocks.DateBlock(label=_("Date"))
    precision = blocks.ChoiceBlock(
        label=_("Show the date as"),
        choices=[("day", _("Day")), ("month", _("Month")), ("year", _("Year"))],
        default="day",
        help_text=_("Show only the month or the year when the exact day is not known."),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    places = blocks.CharBlock(
        label=_("Places visited"),
        max_length=250,
        help_text=_("As visitors should read them, e.g. “Nijmegen (Brakkenstein), Kranenburg”."),
    )
    venues = blocks.ListBlock(
        SnippetChooserBlock("home.Venue"),
        label=_("Venues on the map"),
        required=False,
        default=[],
        help_text=_("Venues with coordinates appear on the partner's map."),
    )
    organisations = blocks.ListBlock(
        SnippetChooserBlock("home.Organisation"),
        label=_("Participating organisations"),
        required=False,
        default=[],
    )
    report = blocks.TextBlock(label=_("Short report"))
    photos = blocks.ListBlock(PhotoBlock(), label=_("Photos"), required=False, default=[])

    class Meta:
        icon = "date"
        label = _("Exchange")


class TimelineBlock(blocks.StreamBlock):
    exchange = ExchangeBlock()


class GalleryBlock(blocks.StreamBlock):
    photo = PhotoBlock()


# (relation name, field on the link model) beyond the ones articles share.
PARTNER_LINK_RELATIONS = [("contact_links", "person"), ("funder_links", "organisation")]


class PartnerPageForm(ArticlePageForm):
    """Keeps a partner page's snippet links in the page's own language (which
    may be German or English: the chooser lists the Dutch versions)."""

    def clean(self):
        cleaned = super().clean()  # organisation and region links, as on articles
        locale = self._page_locale()
        for relation, field in PARTNER_LINK_RELATIONS:
            formset = self.formsets.get(relation)
            if formset is None:
                continue
            for form in formset.forms:
                if not form.is_valid() or form.cleaned_data.get(field) is None:
                    continue
                localized = self._localized(form.cleaned_data[field], locale, form)
                form.cleaned_data[field] = localized
                setattr(form.instance, field, localized)
        return cleaned


class PartnerIndexPage(Page):
    """The partners of one language: a card per partner and a map of the
    partners and their event venues on both sides of the border."""

    base_form_class = PageForm

    intro = models.TextField(_("Introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["partners.PartnerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partner index")
        verbose_name_plural = _("partner indexes")

    def get_context(self, request, *args, **kwargs):
        from partners.sections import partner_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(partner_index_context(request, self))
        return context


class PartnerPage(Page):
    """One partner organisation or exchange across the border."""

    intro = models.TextField(_("Introduction"), help_text=_("One or two sentences."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("Image description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    country = models.CharField(_("Country"), max_length=2, choices=COUNTRY_CHOICES)
    languages = LanguagesField(
        _("Working languages"),
        blank=True,
        help_text=_("The languages the partner works in."),
    )
    base = models.ForeignKey(
        "home.Venue",
        verbose_name=_("Where the partner is based"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A venue with coordinates puts the partner on the map."),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("What the partnership is about"),
        blank=True,
    )
    timeline = StreamField(TimelineBlock(), verbose_name=_("Timeline of exchanges"), blank=True)
    funding = models.TextField(
        _("Funding acknowledgement"),
        blank=True,
        help_text=_("Who made the partnership or the exchanges possible."),
    )
    gallery = StreamField(GalleryBlock(), verbose_name=_("Photo gallery"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt")],
            heading=_("Main image"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("organisation_links", label=_("Partner organisations"), min_num=1),
                FieldRowPanel([FieldPanel("country"), FieldPanel("base")]),
                InlinePanel("region_links", label=_("Regions")),
                FieldPanel("languages"),
                InlinePanel("contact_links", label=_("Contact people")),
            ],
            heading=_("Partner"),
        ),
        FieldPanel("body"),
        FieldPanel("timeline"),
        MultiFieldPanel(
            [FieldPanel("funding"), InlinePanel("funder_links", label=_("Funders"))],
            heading=_("Funding"),
        ),
        FieldPanel("gallery"),
    ]
    override_translatable_fields = [
        SynchronizedField("country"),
        SynchronizedField("languages"),
        TranslatableField("funding"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.SearchField("timeline"),
        index.SearchField("funding"),
    ]
    base_form_class = PartnerPageForm

    parent_page_types = ["partners.PartnerIndexPage"]
    # A partner's own events live under its page, so its editors manage them.
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def get_context(self, request, *args, **kwargs):
        from partners.sections import partner_context

        context = super().get_context(request, *args, **kwargs)
        context.update(partner_context(request, self))
        return context

    @property
    def language_codes(self):
        return [code for code in (self.languages or "").split(",") if code]


class PartnerOrganisation(TranslatableLink):
    page = ParentalKey(PartnerPage, on_delete=models.CASCADE, related_name="organisation_links")
    organisation = models.ForeignKey(
        "home.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [chooser_panel("organisation", Organisation)]


class PartnerRegion(TranslatableLink):
    page = ParentalKey(PartnerPage, on_delete=models.CASCADE, related_name="region_links")
    region = models.ForeignKey(
        "home.Region", verbose_name=_("Region"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [chooser_panel("region", Region)]


class PartnerContact(TranslatableLink):
    page = ParentalKey(PartnerPage, on_delete=models.CASCADE, related_name="contact_links")
    person = models.ForeignKey(
        "home.Person", verbose_name=_("Contact person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [chooser_panel("person", Person)]


class PartnerFunder(TranslatableLink):
    page = ParentalKey(PartnerPage, on_delete=models.CASCADE, related_name="funder_links")
    organisation = models.ForeignKey(
        "home.Organisation",
        verbose_name=_("Funder"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [chooser_panel("organisation", Organisation)]
