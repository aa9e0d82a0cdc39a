"""The article body's blocks: the core's blocks plus what knowledge articles need
(facts and figures, checklists, pull quotes, downloads, an organisation box).

Every text a reader sees is a plain CharBlock/TextBlock/RichTextBlock so
wagtail-localize offers it for translation (raw HTML never is, #888). Numbers
are CharBlocks on purpose: "7 miljoen" and "7 Millionen" differ per language.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import BaseStreamBlock


class FactBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Number"), max_length=40, help_text=_("For example 7,500"))
    label = blocks.CharBlock(label=_("What it counts"), max_length=160)


class FactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    facts = blocks.ListBlock(FactBlock(), label=_("Facts"), min_num=1, max_num=8)
    source = blocks.CharBlock(label=_("Source"), max_length=200, required=False)

    class Meta:
        icon = "table"
        label = _("Facts and figures")
        template = "blocks/facts_block.html"


class ChecklistBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Item"), max_length=300), label=_("Items"), min_num=1
    )
    numbered = blocks.BooleanBlock(
        label=_("Numbered steps"),
        required=False,
        help_text=_("Tick when the order matters; otherwise it is shown as a checklist."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Checklist or tips")
        template = "blocks/checklist_block.html"


class PullQuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), max_length=160)
    role = blocks.CharBlock(label=_("Role or organisation"), max_length=160, required=False)

    class Meta:
        icon = "openquote"
        label = _("Pull quote")
        template = "blocks/pull_quote_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        max_length=160,
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"


class OrganisationBoxBlock(blocks.StructBlock):
    # A chooser to a translatable snippet: wagtail-localize re-links it to the
    # target language's organisation when the article is translated.
    organisation = SnippetChooserBlock("home.Organisation", label=_("Organisation"))
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        required=False,
        help_text=_("Leave empty for 'About <name>'."),
    )
    text = blocks.TextBlock(
        label=_("Text"), required=False, help_text=_("Leave empty to use the short description.")
    )

    class Meta:
        icon = "group"
        label = _("About this organisation")
        template = "blocks/organisation_box_block.html"

    def get_context(self, value, parent_context=None):
        from home.i18n import localized
        from home.models import Organisation
        from kennisbank import services

        context = super().get_context(value, parent_context)
        chosen = value.get("organisation")
        organisation = None
        if chosen is not None:
            organisation = localized(Organisation, [chosen])[chosen.translation_key]
        context["organisation"] = organisation
        request = (parent_context or {}).get("request")
        context["organisation_url"] = (
            services.organisation_url(services.directory_page(), organisation, request)
            if organisation
            else None
        )
        return context


class ArticleStreamBlock(BaseStreamBlock):
    pull_quote = PullQuoteBlock()
    facts = FactsBlock()
    checklist = ChecklistBlock()
    document = DocumentBlock()
    organisation_box = OrganisationBoxBlock()
