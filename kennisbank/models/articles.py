"""The knowledge base index and its articles.

An article links to the shared snippets (themes, regions, organisations, people)
through inline translatable link models, not many-to-many fields:
wagtail-localize copies the links into a translation and re-links each one to
the target language's snippet (it leaves many-to-many fields alone, #820/#534).
Code that groups or counts by a snippet uses its `translation_key`, which is
the same in every language, so an article and its translation count once per
language.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.choosers import LocalizedSnippetChooser
from home.forms import PageForm
from home.models import Organisation, Person, Region, Theme, TranslatableLink
from home.routing import AttachedRoutesMixin
from home.search_names import indexed_with_link_names, linked_names
from kennisbank.blocks import ArticleStreamBlock
from kennisbank.models.kinds import ArticleKind


class SourceLocaleSnippetChooser(LocalizedSnippetChooser):
    """A snippet chooser that opens on the source (Dutch) versions (and speaks
    the editor's language, see `home.choosers`).

    The chooser would list every language's copy of each theme (#534); editors
    write in Dutch first, and the page form swaps a choice for the page's own
    language version (see ArticlePageForm.clean).
    """

    def get_chooser_modal_url(self):
        return f"{super().get_chooser_modal_url()}?locale={settings.LANGUAGE_CODE}"


def chooser_panel(field_name, model):
    return FieldPanel(field_name, widget=SourceLocaleSnippetChooser(model))


# (relation name, field on the link model)
LINK_RELATIONS = [
    ("theme_links", "theme"),
    ("region_links", "region"),
    ("organisation_links", "organisation"),
    ("author_links", "person"),
    ("photographer_links", "person"),
]


class ArticlePageForm(PageForm):
    """Keeps an article's snippet links in the article's own language."""

    def _page_locale(self):
        if self.instance.locale_id:
            return self.instance.locale
        return self.parent_page.locale if self.parent_page else None

    def _localized(self, obj, locale, field):
        if obj is None or locale is None or obj.locale_id == locale.pk:
            return obj
        translation = obj.get_translation_or_none(locale)
        if translation is None:
            field.add_error(
                None,
                _("“%(name)s” has no %(language)s version yet; translate it first.")
                % {"name": obj, "language": locale.get_display_name()},
            )
            return obj
        return translation

    def clean(self):
        cleaned = super().clean()
        locale = self._page_locale()
        if cleaned.get("kind") is not None:
            cleaned["kind"] = self._localized(cleaned["kind"], locale, self)
        for relation, field in LINK_RELATIONS:
            formset = self.formsets.get(relation)
            if formset is None:
                continue
            for form in formset.forms:
                # The inline forms are validated after this form; do it now.
                if not form.is_valid():
                    continue
                value = form.cleaned_data.get(field)
                if value is None:
                    continue
                localized = self._localized(value, locale, form)
                form.cleaned_data[field] = localized
                setattr(form.instance, field, localized)
        return cleaned


class KennisbankIndexPage(AttachedRoutesMixin, Page):
    """The knowledge base of one language: a faceted list of its articles, theme
    landing pages (/thema/<slug>/, en /theme/<slug>/) and RSS feeds (/feed/,
    /thema/<slug>/feed/).

    Theme pages are routes rather than pages: every theme snippet gets its page
    in every language the moment it exists, with no tree to keep in step.
    """

    base_form_class = PageForm

    intro = models.TextField(_("Introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("Articles per page"), default=12)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*Page.settings_panels, FieldPanel("per_page")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["kennisbank.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("knowledge base")
        verbose_name_plural = _("knowledge bases")


@indexed_with_link_names
class ArticlePage(Page):
    kind = models.ForeignKey(
        "kennisbank.ArticleKind",
        verbose_name=_("Kind"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = models.TextField(_("Introduction"), help_text=_("One or two sentences."))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("Image description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    hero_caption = models.CharField(_("Caption"), max_length=250, blank=True)
    hero_credit = models.CharField(_("Photo credit"), max_length=120, blank=True)
    publication_date = models.DateField(_("Publication date"), default=timezone.localdate)
    body = StreamField(ArticleStreamBlock(), verbose_name=_("Body"), blank=True)
    reading_time = models.PositiveSmallIntegerField(
        _("Reading time in minutes"), default=1, editable=False
    )
    tags = ClusterTaggableManager(through="kennisbank.ArticleTag", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([chooser_panel("kind", ArticleKind), FieldPanel("publication_date")]),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt"),
                FieldRowPanel([FieldPanel("hero_caption"), FieldPanel("hero_credit")]),
            ],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel("author_links", label=_("Authors")),
                InlinePanel("photographer_links", label=_("Photographers")),
            ],
            heading=_("Credits"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("theme_links", label=_("Themes")),
                InlinePanel("region_links", label=_("Regions")),
                InlinePanel("organisation_links", label=_("Organisations")),
                FieldPanel("tags"),
            ],
            heading=_("Subjects"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.SearchField("subject_names"),
        index.FilterField("publication_date"),
    ]
    base_form_class = ArticlePageForm

    parent_page_types = ["kennisbank.KennisbankIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # Every list of articles is newest first (the home page's latest,
            # an article's related ones, the index, the feed): with this the
            # database reads the newest rows and stops at the few it shows,
            # instead of sorting every article (PostgreSQL, 10,000 articles:
            # the home page's three latest took 16 ms).
            models.Index(fields=["-publication_date", "-page_ptr"], name="article_newest_first"),
        ]

    def save(self, *args, **kwargs):
        from kennisbank.services import reading_time

        self.reading_time = reading_time(self.body)
        return super().save(*args, **kwargs)

    @classmethod
    def get_indexed_objects(cls):
        # What `subject_names` reads, for a whole chunk at once (update_index).
        return super().get_indexed_objects().prefetch_related("theme_links", "region_links")

    def subject_names(self):
        """Its themes and regions as its own language names them, for the search
        index: what its cards show a reader is what a search finds it by."""
        return linked_names(self, ("theme_links", "theme"), ("region_links", "region"))

    def get_context(self, request, *args, **kwargs):
        from kennisbank.services import article_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_context(request, self))
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="tagged_items")


class ArticleTheme(TranslatableLink):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(
        "home.Theme", verbose_name=_("Theme"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [chooser_panel("theme", Theme)]


class ArticleRegion(TranslatableLink):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="region_links")
    region = models.ForeignKey(
        "home.Region", verbose_name=_("Region"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [chooser_panel("region", Region)]


class ArticleOrganisation(TranslatableLink):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="organisation_links")
    organisation = models.ForeignKey(
        "home.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [chooser_panel("organisation", Organisation)]


class ArticleAuthor(TranslatableLink):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="author_links")
    person = models.ForeignKey(
        "home.Person", verbose_name=_("Author"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [chooser_panel("person", Person)]


class ArticlePhotographer(TranslatableLink):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="photographer_links")
    person = models.ForeignKey(
        "home.Person", verbose_name=_("Photographer"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [chooser_panel("person", Person)]
