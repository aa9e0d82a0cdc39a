"""RSS feeds of new articles: one per language (/<lang>/<knowledge base>/feed/)
and one per theme (/…/thema/<slug>/feed/, the same address in every language).

A language's feed lists only articles written or translated in that language;
untranslated ones (aliases showing the Dutch text) are left out, so a German
feed reader never gets Dutch items.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from home.i18n import localized
from home.models import Theme
from home.site_text import site_text_for
from kennisbank.models import ArticleTheme

FEED_SIZE = 20


def last_change(index):
    """(when an article of the knowledge base was last published, how many are
    live, when the index page was): one query. Unpublishing changes the count."""
    from kennisbank.models import ArticlePage

    row = ArticlePage.objects.child_of(index).aggregate(
        changed=Max("last_published_at"), live=Count("pk", filter=Q(live=True))
    )
    times = [t for t in (row["changed"], index.last_published_at) if t is not None]
    return (max(times) if times else None), row["live"]


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

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
        from kennisbank.models import ArticlePage

        queryset = (
            ArticlePage.objects.live()
            .public()
            .child_of(obj["index"])
            .filter(alias_of__isnull=True)
            .select_related("kind")
            .prefetch_related("author_links__person")
            .defer("body")
        )
        if obj["theme"]:
            queryset = queryset.filter(
                pk__in=ArticleTheme.objects.filter(
                    theme__translation_key=obj["theme"].translation_key
                ).values("page_id")
            )
        return queryset.order_by("-publication_date", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.publication_date, time(8, 0)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        names = [link.person.name for link in item.author_links.all()]
        return ", ".join(names) or None

    def item_categories(self, item):
        return [item.kind.name] if item.kind_id else []
