"""What kind of text an article is: article, inspiring example, interview, ..."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class ArticleKind(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("Name"), max_length=80)
    slug = models.SlugField(
        _("Slug"),
        max_length=80,
        help_text=_("The same in every language; used in addresses of filtered lists."),
    )
    sort_order = models.PositiveSmallIntegerField(_("Order in filters"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("article kind")
        verbose_name_plural = _("article kinds")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_article_kind_slug")
        ]

    def __str__(self):
        return self.name
