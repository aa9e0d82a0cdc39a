"""Site-wide settings.

Wagtail's settings cannot be translated (wagtail #11508), so they are split:
`SiteSettings` holds what is the same in every language (contact details,
social links, the privacy page), and points at a translatable `SiteText`
snippet for the words (organisation name, tagline, footer text), which editors
translate with wagtail-localize like any other snippet.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Site, TranslatableMixin

from home.cache import per_generation


class SiteText(TranslatableMixin, models.Model):
    """The site's words that appear on every page, one per language."""

    organisation_name = models.CharField(_("Organisation name"), max_length=120)
    tagline = models.CharField(_("Tagline"), max_length=200, blank=True)
    footer_text = RichTextField(_("Footer text"), blank=True, features=["bold", "italic", "link"])
    address = models.TextField(_("Postal address"), blank=True)

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("tagline"),
        FieldPanel("footer_text"),
        FieldPanel("address"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site text")
        verbose_name_plural = _("site texts")

    def __str__(self):
        return self.organisation_name


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    site_text = models.ForeignKey(
        SiteText,
        verbose_name=_("Site text"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Organisation name, tagline and footer; translate it under Snippets."),
    )
    contact_email = models.EmailField(_("Contact e-mail"), blank=True)
    contact_phone = models.CharField(_("Contact phone"), max_length=40, blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Privacy statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    panels = [
        FieldPanel("site_text"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone")], heading=_("Contact")
        ),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        MultiFieldPanel(
            [
                FieldPanel("linkedin_url"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("mastodon_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_request(cls, request):
        """Wagtail's, without its query on every request: the settings of a
        site are kept per cache generation (saving them starts a new one)."""
        name = cls.get_cache_attr_name()
        if hasattr(request, name):
            return getattr(request, name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        found = per_generation(f"site-settings:{site.pk}", lambda: cls.for_site(site))
        found._request = request  # as Wagtail sets it: page URLs relative to the request
        setattr(request, name, found)
        return found

    @property
    def social_links(self):
        """(label, url) for each social network that has a link."""
        fields = ["linkedin_url", "facebook_url", "instagram_url", "mastodon_url", "youtube_url"]
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in fields
            if getattr(self, name)
        ]
