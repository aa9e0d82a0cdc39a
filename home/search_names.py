"""The names of a page's themes and regions in its search index, as the page's
own language writes them.

A card shows a page's themes in the reader's language, so a German reader
sees "Ehrenamt" on the German version of a Dutch article: an alias, whose
text is Dutch and whose links point at the Dutch themes. Unless the German
names are in that page's index entry, a search for "Ehrenamt" finds none of
the articles the theme filter lists. A page model names its links in a
search field (`index.SearchField` on a method calling `linked_names`) and is
registered with `@indexed_with_link_names`: Wagtail indexes a page when its
row is saved, before its links are (with tasks run at once, the default
set-up, the entry would miss them), so such a page is indexed once more when
it has been published or copied into another language (an alias made or
brought up to date from its source too), links and all.

When a theme or region is translated, renamed or deleted, the pages of that
language that link to it are indexed again, in a task after the commit.
Organisations and people are left out: their names are the same in every
language, and an alias's links already point at them.
"""

import functools

from django.apps import apps
from django.db import transaction
from django.db.models import ForeignKey
from django.db.models.signals import post_save, pre_delete, pre_save
from django_tasks import task
from modelcluster.fields import ParentalKey
from modelsearch import signal_handlers
from modelsearch.backends import get_search_backends
from wagtail.models import Page
from wagtail.signals import copy_for_translation_done, page_published

from home.cache import invalidate_tags, per_generation
from home.models import Region, Theme, TranslatableLink

NAMED_MODELS = (Theme, Region)


TAG = "search-names"


def _names_table(model):
    """({pk: (translation key, name)}, {(translation key, locale id): name})
    of every object of a small taxonomy."""
    own, names = {}, {}
    for pk, key, locale_id, name in model._default_manager.values_list(
        "pk", "translation_key", "locale_id", "name"
    ):
        own[pk] = (str(key), name)
        names[(str(key), locale_id)] = name
    return own, names


def _names(model):
    return per_generation(
        f"search-names:{model._meta.label_lower}", lambda: _names_table(model), tags=(TAG,)
    )


def names_in(model, ids, locale_id):
    """The names of `model`'s objects `ids` in the language of `locale_id`:
    each one's translation there, else its own name. The whole taxonomy is
    read once and kept until one of its names changes (`TAG`)."""
    own, names = _names(model)
    if any(pk not in own for pk in ids):
        # Made since the table was kept, in a transaction not yet committed
        # (a data import): read it as it is now, for this page.
        own, names = _names_table(model)
    found = []
    for pk in ids:
        if pk in own:
            key, name = own[pk]
            found.append(names.get((key, locale_id), name))
    return found


def linked_names(page, *links):
    """The names, in `page`'s language, of what its links point at, as one
    text: `links` are (relation, field) pairs such as ("theme_links", "theme")."""
    names = []
    for relation, field in links:
        model = page._meta.get_field(relation).related_model._meta.get_field(field).related_model
        ids = [getattr(link, f"{field}_id") for link in getattr(page, relation).all()]
        names += names_in(model, ids, page.locale_id)
    return " ".join(names)


@functools.cache
def _page_links(model):
    """[(link model, parental key, field name)]: each link from a page to `model`."""
    found = []
    for link in apps.get_models():
        if not issubclass(link, TranslatableLink):
            continue
        fields = link._meta.get_fields()
        for parent in fields:
            if isinstance(parent, ParentalKey) and issubclass(parent.related_model, Page):
                found += [
                    (link, parent, target.name)
                    for target in fields
                    if isinstance(target, ForeignKey)
                    and not isinstance(target, ParentalKey)
                    and target.related_model is model
                ]
    return found


def pages_naming(model, translation_key, locale_id):
    """{page model label: [page ids]}: the pages of one language that link to
    any version of one object of `model`."""
    found = {}
    for link, parent, field in _page_links(model):
        ids = link._default_manager.filter(
            **{f"{field}__translation_key": translation_key, f"{parent.name}__locale_id": locale_id}
        ).values_list(f"{parent.name}_id", flat=True)
        if ids:
            found.setdefault(parent.related_model._meta.label, set()).update(ids)
    return {label: sorted(ids) for label, ids in found.items()}


_WITH_LINK_NAMES = set()


def indexed_with_link_names(page_model):
    """Class decorator of a page model whose index entry reads its links."""
    _WITH_LINK_NAMES.add(page_model)
    page_published.connect(
        _published, sender=page_model, dispatch_uid=f"search-names-{page_model._meta.label}"
    )
    return page_model


def _index_again(page):
    # As a save of the page does, through the search app's own handler.
    signal_handlers.post_save_signal_handler(page)


def _published(sender, instance, **kwargs):
    _index_again(instance)


def _copied(sender, target_obj, **kwargs):
    if isinstance(target_obj, Page) and target_obj.specific_class in _WITH_LINK_NAMES:
        _index_again(target_obj)


@task()
def index_pages(pages):
    """Index again the pages {page model label: [ids]} (which name a changed
    theme or region)."""
    for label, ids in pages.items():
        page_model = apps.get_model(label)
        found = list(page_model.get_indexed_objects().filter(pk__in=ids))
        if found:
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(page_model, found)


def _remember_name(sender, instance, raw=False, **kwargs):
    """pre_save: the name as stored before this save (None for a new object)."""
    if not raw and instance.pk is not None:
        stored = sender._default_manager.filter(pk=instance.pk).values_list("name", flat=True)
        instance._search_name_before = stored.first()


def _name_changed(sender, instance, created=False, **kwargs):
    """A theme or region saved or about to be deleted: the pages of its
    language that name it now are indexed again after the commit (a new
    theme has none; a new translation, a new name or a deletion changes what
    those pages are found by)."""
    if kwargs.get("raw"):  # fixtures: the pages are indexed after loading
        return
    unchanged = getattr(instance, "_search_name_before", None) == instance.name
    if kwargs["signal"] is post_save and not created and unchanged:
        return  # saved, the name as it was: every entry still holds
    pages = pages_naming(sender, str(instance.translation_key), instance.locale_id)

    def index_again():
        invalidate_tags({TAG})
        if pages:
            index_pages.enqueue(pages)

    transaction.on_commit(index_again)


def connect():
    copy_for_translation_done.connect(_copied, dispatch_uid="search-names-copied")
    for model in NAMED_MODELS:
        pre_save.connect(_remember_name, sender=model, dispatch_uid=f"search-names-before-{model}")
        post_save.connect(_name_changed, sender=model, dispatch_uid=f"search-names-{model}")
        # Before the deletion, while the pages' links to it are still there.
        pre_delete.connect(_name_changed, sender=model, dispatch_uid=f"search-names-gone-{model}")
