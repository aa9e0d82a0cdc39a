"""RSS feeds of new articles: one per language (/<lang>/<knowledge base>/feed/)
and one per theme (/…/thema/<slug>/feed/, the same address in every language).

A language's feed lists only articles written or translated in that language;
untranslated ones (aliases showing the Dutch text) are left out, so a German
feed reader never gets Dutch items. `feeds_have_items` tells the pages whether
a feed has items, so that no page announces a feed that would be empty.

What a feed reader gets besides title, text and date:

- the article's main image as an `<enclosure>` (with the rendition's length
  and type) and as Media RSS `<media:content>` with its description, from one
  JPEG rendition at the site's configured address (`WAGTAILADMIN_BASE_URL`);
- the site's mark as the channel `<image>`;
- a `<guid isPermaLink="false">` that is a tag URI (RFC 4151) built from the
  site's host, the year the article was first published, its translation key
  and language: it survives a changed slug or a moved page, so readers do not
  show an edited article as new.
"""

from datetime import datetime, time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.templatetags.static import static
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from home.cache import per_generation, tag_versions
from home.i18n import localized
from home.models import Theme
from home.site_text import site_text_for
from kennisbank.cache_rules import KB_LISTS
from kennisbank.services import feed_articles, theme_pages

FEED_SIZE = 20
# One rendition per item image, in a format every feed reader shows.
FEED_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
# The channel image: RSS allows at most 144 pixels wide.
CHANNEL_IMAGE = ("logo-144.png", 144, 144)
MEDIA_RSS = "http://search.yahoo.com/mrss/"


def site_address(url):
    """`url` at the site's configured address, whatever Host the request had."""
    if not url or urlsplit(url).netloc:
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def guid(page):
    """A tag URI for the article in this language that no edit of its slug,
    title or place in the tree changes."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    first = page.first_published_at or page.latest_revision_created_at or timezone.now()
    return f"tag:{host},{first.year}:article/{page.translation_key}/{page.locale.language_code}"


class ArticleRss(Rss201rev2Feed):
    """RSS 2.0 with the channel's image and Media RSS for each item's image."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        image = self.feed.get("channel_image")
        if image:
            handler.startElement("image", {})
            handler.addQuickElement("url", image["url"])
            handler.addQuickElement("title", self.feed["title"])
            handler.addQuickElement("link", self.feed["link"])
            handler.addQuickElement("width", str(image["width"]))
            handler.addQuickElement("height", str(image["height"]))
            handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        media = item.get("media")
        if media:
            handler.startElement(
                "media:content",
                {
                    "url": media["url"],
                    "type": media["type"],
                    "medium": "image",
                    "width": str(media["width"]),
                    "height": str(media["height"]),
                    "fileSize": str(media["length"]),
                },
            )
            if media["description"]:
                handler.addQuickElement(
                    "media:description", media["description"], {"type": "plain"}
                )
            handler.endElement("media:content")


def last_change(index):
    """(when an article of the knowledge base or the index page was last
    published, how many articles are live, the page cache's version of the
    article lists): one query once per version of the article lists, which
    every publication, unpublication and renamed theme raises. Unpublishing
    changes the count."""
    from kennisbank.models import ArticlePage

    row = per_generation(
        f"kb-feed-changed:{index.pk}",
        lambda: ArticlePage.objects.child_of(index).aggregate(
            changed=Max("last_published_at"), live=Count("pk", filter=Q(live=True))
        ),
        tags=[KB_LISTS],
    )
    times = [t for t in (row["changed"], index.last_published_at) if t is not None]
    return (max(times) if times else None), row["live"], tag_versions(KB_LISTS)


class ArticleFeed(Feed):
    feed_type = ArticleRss

    def __call__(self, request, index_page, theme_slug=None):
        self.index_page = index_page
        self.theme_slug = theme_slug
        self.request = request
        return super().__call__(request)

    def get_object(self, request):
        theme = None
        if self.theme_slug:
            theme = next((t for t in localized(Theme).values() if t.slug == self.theme_slug), None)
            if theme is None:
                raise Http404
        return {"index": self.index_page, "theme": theme}

    def title(self, obj):
        text = site_text_for(self.request)
        site = f" · {text.organisation_name}" if text else ""
        if obj["theme"]:
            return f"{obj['index'].title}: {obj['theme'].name}{site}"
        return f"{obj['index'].title}{site}"

    def link(self, obj):
        url = obj["index"].get_url(self.request)
        if not obj["theme"]:
            return url
        return url + obj["index"].reverse_subpage("theme_view", kwargs={"slug": obj["theme"].slug})

    def description(self, obj):
        if obj["theme"]:
            return _("New articles on %(theme)s") % {"theme": obj["theme"].name}
        return obj["index"].intro or _("New articles in the knowledge base")

    def items(self, obj):
        queryset = (
            feed_articles(obj["index"])
            .select_related("kind", "locale")
            .prefetch_related(
                "author_links__person",
                Prefetch(
                    "hero_image",
                    queryset=get_image_model().objects.prefetch_renditions(FEED_IMAGE_SPEC),
                ),
            )
            .defer("body")
        )
        if obj["theme"]:
            queryset = queryset.filter(pk__in=theme_pages([obj["theme"].translation_key]))
        return queryset.order_by("-publication_date", "-pk")[:FEED_SIZE]

    def feed_extra_kwargs(self, obj):
        name, width, height = CHANNEL_IMAGE
        return {
            "channel_image": {"url": site_address(static(name)), "width": width, "height": height}
        }

    def _image(self, item):
        """The item's image rendition as {url, type, length, width, height,
        description}, or None. Read once per item (the enclosure and the Media
        RSS element both need it)."""
        if not item.hero_image_id or item.hero_image is None:
            return None
        cached = getattr(item, "_feed_image", False)
        if cached is not False:
            return cached
        rendition = item.hero_image.get_rendition(FEED_IMAGE_SPEC)
        try:
            length = rendition.file.size
        except OSError:
            length = 0  # RSS advisory: 0 when the size cannot be told
        item._feed_image = {
            "url": site_address(rendition.url),
            "type": "image/jpeg",
            "length": length,
            "width": rendition.width,
            "height": rendition.height,
            "description": item.hero_alt,
        }
        return item._feed_image

    def item_enclosures(self, item):
        image = self._image(item)
        if image is None:
            return []
        return [Enclosure(image["url"], str(image["length"]), image["type"])]

    def item_extra_kwargs(self, item):
        return {"media": self._image(item)}

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return guid(item)

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.publication_date, time(8, 0)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        names = [link.person.name for link in item.author_links.all()]
        return ", ".join(names) or None

    def item_categories(self, item):
        return [item.kind.name] if item.kind_id else []
