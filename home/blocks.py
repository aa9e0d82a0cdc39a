"""StreamField blocks shared by every page type.

`BaseStreamBlock` is the body of ordinary pages; `HomeStreamBlock` adds the
home page's sections. Feature apps extend the home sections with their own
blocks (upcoming events, featured articles) in their own modules.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock

from home.hooks import listing_template
from home.i18n import localized
from home.languages import language_choices


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class FigureBlock(blocks.StructBlock):
    # Wagtail's ImageBlock makes the editor either write alt text or mark the
    # image as decorative: an accessible choice is required.
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Photo credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=160)
    language = blocks.ChoiceBlock(
        label=_("Language of the quote"),
        choices=language_choices,
        required=False,
        help_text=_("Only when the quote is in another language than the page."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an external link"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value.get("page")
        context["target"] = (
            localized(Page.objects.live(), [page])[page.translation_key] if page else None
        )
        return context

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a link."))}
            )
        return value


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"],
        template="blocks/paragraph_block.html",
    )
    image = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(
        label=_("Video or other embed"),
        help_text=_("A link to a video (YouTube, Vimeo) or another embeddable page."),
        template="blocks/embed_block.html",
    )


class FeaturedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("Pages"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Featured pages")
        template = "blocks/featured_pages_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        pages = [p for p in value["pages"] if p is not None]
        found = localized(Page.objects.live().specific(), pages)
        # A page without a live version in another language is its own, specific.
        context["targets"] = [
            p.specific if found[p.translation_key] is p else found[p.translation_key] for p in pages
        ]
        return context


class TextSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "pilcrow"
        label = _("Text section")
        template = "blocks/text_section_block.html"


# The home page's cards sit in rows of this many at full width (`.card-grid--fill`
# in site.css); a section shows whole rows (`fill_rows`), and fewer cards than
# one row stretch to fill it.
HOME_GRID_COLUMNS = 3


def fill_rows(items, columns=HOME_GRID_COLUMNS):
    """`items` cut to whole rows of `columns` (all of them when less than one row)."""
    items = list(items)
    if len(items) <= columns:
        return items
    return items[: len(items) - len(items) % columns]


class AppSectionBlock(blocks.StructBlock):
    """A home page section whose content another app owns and draws.

    The block is defined here so the home page can offer it; the app that owns
    the content names the template that draws it (`home.hooks`), so `home`
    knows neither that app nor its templates. A section no app draws, or one
    with nothing to show right now, renders nothing.
    """

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)

    def get_template(self, value=None, context=None):
        return listing_template(self.name)

    def render(self, value, context=None):
        if self.get_template(value, context) is None:
            return ""
        return super().render(value, context)


class ListingSectionBlock(AppSectionBlock):
    """A section that lists a number of items (articles, events), optionally of one theme."""

    count = blocks.IntegerBlock(
        label=_("How many"),
        default=3,
        min_value=1,
        max_value=12,
        help_text=_("Shown in whole rows of three on a wide screen."),
    )
    theme = SnippetChooserBlock("home.Theme", label=_("Only this theme"), required=False)


class HomeStreamBlock(blocks.StreamBlock):
    text_section = TextSectionBlock()
    featured_pages = FeaturedPagesBlock()
    latest_articles = ListingSectionBlock(
        label=_("Latest articles"),
        icon="doc-full-inverse",
    )
    upcoming_events = ListingSectionBlock(
        label=_("Upcoming events"),
        icon="date",
    )
    coming_festival = AppSectionBlock(
        label=_("The festival, when it is near"),
        icon="calendar-alt",
        help_text=_("Shown from 60 days before a festival until its last day."),
    )
    partners = AppSectionBlock(label=_("Partners"), icon="group")
    call_to_action = CallToActionBlock()
