"""How a change finds the cached pages that show it (see home/cache.py).

A published (or unpublished, moved, deleted) page touches its own views in
every language, its parent's (the listing it appears in) and, when it has
children, every page below it (breadcrumbs, addresses). Each app adds what
else shows its content, without the core knowing the app:

- `on_publish(PageClass)(fn)`: `fn(pages) -> Touch` for pages of that type
  (the events app: every event list; the knowledge base: every article list);
- `on_change(Model)(fn)`: `fn(instance) -> Touch` for a saved or deleted row
  (registration: the event's page and wherever its places are shown);
- `page_depends_on(PageClass, *tags)`: the list tags every view of that page
  type shows (the calendar: `event-lists`); template tags that draw a list on
  any page call `home.cache.depends_on` themselves.

Rows that are part of a page (its ParentalKey children) change with the page's
publication; rows of a cluster (an organisation's themes) change their
cluster. Revisions, logs, the reference index and image renditions touch
nothing. Snippets and images touch the pages that refer to them (Wagtail's
reference index), as if those pages were published again. A row of an app
whose pages show its rows (`shown_on_pages`) for which nobody declared a rule
starts a new generation, like the site-wide models (`site_wide`): nothing is
ever missed, at worst everything is rendered again.

The same pages go to Wagtail's frontend cache (`PurgeBatch`) when
`WAGTAILFRONTENDCACHE` is configured.
"""

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from modelcluster.fields import ParentalKey
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.cache import WAGTAIL_CONTENT_APPS, invalidate, invalidate_tags, shown_on_pages

logger = logging.getLogger(__name__)


@dataclass
class Touch:
    """What a change touches.

    `published`: pages to treat as published again (their views, their
    parent's, their type's lists); `pages`: pages whose own views alone show
    the change (all their languages); `tags`: more tags; `site`: everything."""

    published: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    tags: set = field(default_factory=set)
    site: bool = False

    def __or__(self, other):
        if other is None:
            return self
        return Touch(
            [*self.published, *other.published],
            [*self.pages, *other.pages],
            self.tags | set(other.tags),
            self.site or other.site,
        )


_publish_rules = {}  # page class -> [fn(pages) -> Touch]
_change_rules = {}  # model -> [fn(instance) -> Touch]
_page_tags = {}  # page class -> {tag}
_site_wide = set()
_ignored = set()
_paused = []  # inside `paused()`: changes only mark the whole cache stale at the end


def on_publish(page_class):
    """Register `fn(pages) -> Touch`: what else publishing pages of this type touches."""

    def register(fn):
        _publish_rules.setdefault(page_class, []).append(fn)
        return fn

    return register


def on_change(*models):
    """Register `fn(instance) -> Touch`: what saving or deleting such a row touches."""

    def register(fn):
        for model in models:
            _change_rules.setdefault(model, []).append(fn)
        return fn

    return register


def page_depends_on(page_class, *tags):
    """Every view of a page of this type (and its sub-pages) shows these lists."""
    _page_tags.setdefault(page_class, set()).update(tags)


def declared_tags(page_class):
    return {tag for klass in page_class.__mro__ for tag in _page_tags.get(klass, ())}


def site_wide(*models):
    """Saving such a row (settings, menus, footer) starts a new generation."""
    _site_wide.update(models)


def ignore(*models):
    """Saving such a row changes no page (logs, derived files)."""
    _ignored.update(models)


def _mro_rules(rules, klass):
    return [fn for base in klass.__mro__ for fn in rules.get(base, ())]


def referenced_by(instance):
    """The live pages that refer to `instance` (Wagtail's reference index)."""
    page_ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=ReferenceIndex._get_base_content_type(Page))
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.filter(pk__in=list(page_ids), live=True).specific())


def republished(instance):
    """A rule for snippets and images: the pages showing it, as if published again."""
    return Touch(published=referenced_by(instance))


def _parental_key(model):
    for model_field in model._meta.get_fields():
        if isinstance(model_field, ParentalKey):
            return model_field
    return None


def _parental_parent(instance):
    parental = _parental_key(type(instance))
    if parental is None:
        return None, None
    return parental, getattr(instance, parental.attname, None)


def declared(model):
    """Whether a rule says what a change of `model` rows touches (else a
    change starts a new generation: safe, but it empties the cache)."""
    return (
        issubclass(model, Page)
        or any(issubclass(model, other) for other in _ignored | _site_wide)
        or bool(_mro_rules(_change_rules, model))
        or _parental_key(model) is not None
    )


def touched_by(instance):
    """What saving or deleting `instance` touches, or None for nothing."""
    model = type(instance)
    if isinstance(instance, Page):
        return Touch(published=[instance])
    if any(issubclass(model, ignored) for ignored in _ignored):
        return None
    if any(issubclass(model, wide) for wide in _site_wide):
        return Touch(site=True)
    rules = _mro_rules(_change_rules, model)
    if not rules and model._meta.app_label in WAGTAIL_CONTENT_APPS:
        return None  # Wagtail's bookkeeping: revisions, logs, workflows, renditions
    if rules:
        touch = Touch()
        for fn in rules:
            touch = touch | fn(instance)
        return touch
    parental, parent_id = _parental_parent(instance)
    if parental is not None:
        if issubclass(parental.related_model, Page):
            return None  # part of the page: its publication shows it
        parent = parental.related_model._default_manager.filter(pk=parent_id).first()
        return touched_by(parent) if parent is not None else None
    return Touch(site=True)


def _translations(pages):
    """(path, numchild, depth) of every language version of `pages`."""
    keys = {page.translation_key for page in pages}
    return list(
        Page.objects.filter(translation_key__in=keys).values_list("path", "numchild", "depth")
    )


def _published_touch(pages):
    touch = Touch(pages=list(pages))
    for page in pages:
        if page.depth <= 3:  # the home page and the menu's level
            touch.site = True
    by_class = {}
    for page in pages:
        by_class.setdefault(type(page), []).append(page)
    for klass, group in by_class.items():
        for fn in _mro_rules(_publish_rules, klass):
            touch = touch | fn(group)
    return touch


def tags_for(touch):
    """The tags `touch` bumps, and the pages to purge from a frontend cache."""
    tags = set(touch.tags)
    purge = list(touch.pages)
    published = [page for page in touch.published if page is not None]
    if published:
        more = _published_touch(published)
        tags |= more.tags
        touch.site = touch.site or more.site
        purge.extend(more.pages)
        step = Page.steplen
        for path, numchild, depth in _translations(published) + [
            (p.path, p.numchild, p.depth) for p in published
        ]:
            tags.add(f"page:{path}")
            if depth > 1:
                tags.add(f"page:{path[:-step]}")  # the listing it appears in
            if numchild:
                tags.add(f"under:{path}")
        parents = {page.path[:-step] for page in published if page.depth > 2}
        if parents and _frontend_cache():
            purge.extend(Page.objects.filter(path__in=parents))
    own = [page for page in touch.pages if page is not None]
    if own:
        tags.update(f"page:{path}" for path, _, _ in _translations(own))
        tags.update(f"page:{page.path}" for page in own)
    return tags, purge


def apply(touch):
    """Invalidate what `touch` touches, now and again once the change is committed
    (a page rendered between the two saw the old rows)."""
    if touch is None:
        return
    tags, purge = tags_for(touch)
    site = touch.site

    def bump():
        if site:
            invalidate()
        invalidate_tags(tags)

    bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump)
    if purge and _frontend_cache():
        transaction.on_commit(lambda: _purge(purge))


def _frontend_cache():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _purge(pages):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    translations = Page.objects.filter(
        translation_key__in={page.translation_key for page in pages}, live=True
    )
    batch.add_pages({page.pk: page for page in [*pages, *translations]}.values())
    batch.purge()


# A draft or a lock changes no public page (Page.save_revision and friends
# save only these fields); publishing saves the whole page.
_DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "live_revision",
    "expired",
    "go_live_at",
    "expire_at",
}


@contextmanager
def paused():
    """Make many changes (a bulk load) without working out, row by row, which
    pages each one touches: at the end every cached page is stale at once."""
    _paused.append(True)
    try:
        yield
    finally:
        _paused.pop()
        if not _paused:
            invalidate()


def _row_changed(sender, instance, **kwargs):
    if _paused or not shown_on_pages(sender):
        return
    if kwargs.get("raw"):
        # Rows loaded as they were stored (loaddata, a test database restored):
        # their relations may not be there yet to say what they touch.
        invalidate()
        return
    if isinstance(instance, Page):
        update_fields = kwargs.get("update_fields")
        if not instance.live or (update_fields and set(update_fields) <= _DRAFT_FIELDS):
            return
    apply(touched_by(instance))


def _page_published(sender, instance, **kwargs):
    if _paused:
        return
    apply(Touch(published=[instance]))


def _page_moved(sender, instance, **kwargs):
    # Every address below the page changes, and the listings it left and joined.
    invalidate()


def connect():
    post_save.connect(_row_changed, dispatch_uid="page_cache_saved")
    post_delete.connect(_row_changed, dispatch_uid="page_cache_deleted")
    page_published.connect(_page_published, dispatch_uid="page_cache_published")
    page_unpublished.connect(_page_published, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="page_cache_moved")
