"""The registry of demo loaders and the helpers they share."""

import html
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from unittest import mock

import modelcluster.models as modelcluster_models
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Field, ForeignKey
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.db.models.signals import post_save
from django.test.utils import override_settings
from django.utils.text import slugify
from django_tasks import task_backends
from modelcluster.fields import ParentalKey
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler as search_post_save_handler
from modelsearch.tasks import insert_or_update_object_task
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.signal_handlers import update_reference_index_on_save
from wagtail.tasks import update_reference_index_task
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.synctree import PageIndex, synchronize_tree

from demo.images import emblem_logo, village_scene
from home import invalidation

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin"  # noqa: S105 - the demo app is never installed in production

_LOADERS = []


def demo_loader(order):
    """Register a function(context) that loads one app's demo content."""

    def register(func):
        _LOADERS.append((order, func.__module__, func))
        return func

    return register


@dataclass
class DemoContext:
    """What loaders share: locales, the home pages and a log of what was created."""

    locales: dict = field(default_factory=dict)
    homes: dict = field(default_factory=dict)
    created: list = field(default_factory=list)

    def log(self, message):
        self.created.append(message)


def run_loaders(progress=None):
    """Run every loader in order, each in its own transaction.

    `progress(line)`, when given, is called after every step with what it made
    and how long it took, so a long first load is not silent.
    """
    import demo.loaders  # noqa: F401 - registers every loader

    progress = progress or (lambda line: None)
    context = DemoContext()
    pending = _PendingTasks()
    # Without Django's debug cursor: in development (DEBUG on) it formats and
    # keeps every one of the load's tens of thousands of queries. Without
    # Wagtail's automatic redirects: a translated page gets its own slug a
    # moment after its alias was made with the Dutch one, an address nobody
    # has seen (a hundred redirects such as /en/over-ons, and a tenth of the
    # translations' time). Nor does it work out, page by page, what each save
    # touches in the page cache: the whole cache is stale once, at the end.
    quiet = override_settings(DEBUG=False, WAGTAILREDIRECTS_AUTO_CREATE=False)
    try:
        with (
            quiet,
            _unchecked_foreign_keys(),
            _remembered_rows(),
            deferred_tasks(pending),
            invalidation.paused(),
        ):
            for _order, _module, func in sorted(_LOADERS, key=lambda item: (item[0], item[1])):
                _run_loader(func, context, progress)
    finally:
        # Also after a failed loader: what the loaders before it made stays.
        with _timed(progress, "reference and search index") as note:
            note(*(f"{count} × {name}" for name, count in pending.run().items()))
    return context


@contextmanager
def _unchecked_foreign_keys():
    """Read page revisions and translation sources back without looking up
    every foreign key they hold.

    modelcluster checks each key of a page and of each of its inline children
    against the database when it rebuilds them from JSON (one query per key,
    for a key that may point to a deleted object), and Wagtail and
    wagtail-localize rebuild a page from JSON on every publish and
    translation: a tenth of the load's queries. The load deletes nothing it
    has made, so every key still points to its object.
    """
    original = modelcluster_models.model_from_serializable_data

    def unchecked(model, data, check_fks=True, strict_fks=False):
        return original(model, data, check_fks=False, strict_fks=strict_fks)

    with mock.patch.object(modelcluster_models, "model_from_serializable_data", unchecked):
        yield


@contextmanager
def _remembered_rows():
    """Read each locale and content type a page, revision or log entry points
    to from memory after its first read.

    Following such a key (`page.locale`, `revision.content_type`) asks the
    database every time: over two thousand queries in a load, for a handful
    of rows that the load only adds to (content types keep Django's own
    cache, locales one of their own).
    """
    original = ForwardManyToOneDescriptor.get_object
    locales = {}

    def get_object(self, instance):
        model, value = self.field.related_model, getattr(instance, self.field.attname)
        if value is None or not self.field.target_field.primary_key:
            return original(self, instance)
        if model is ContentType:
            return ContentType.objects.get_for_id(value)
        if model is Locale:
            if value not in locales:
                locales[value] = original(self, instance)
            return locales[value]
        return original(self, instance)

    def known(model, value):
        if model is ContentType:
            try:
                return ContentType.objects.get_for_id(value) is not None
            except ContentType.DoesNotExist:
                return False
        return model is Locale and value in locales

    original_validate = ForeignKey.validate

    def validate(self, value, model_instance):
        # `full_clean` checks that each key's row exists, one query per key.
        plain = self.target_field.primary_key and not self.get_limit_choices_to()
        if value is not None and plain and known(self.related_model, value):
            Field.validate(self, value, model_instance)
        else:
            original_validate(self, value, model_instance)

    with (
        mock.patch.object(ForwardManyToOneDescriptor, "get_object", get_object),
        mock.patch.object(ForeignKey, "validate", validate),
    ):
        yield


def _run_loader(func, context, progress):
    """One loader in one transaction, then aliases for the pages it made that
    stay untranslated."""
    before, pages = len(context.created), Page.objects.count()
    with _timed(progress, f"{func.__module__}.{func.__name__}") as note:
        with transaction.atomic():
            func(context)
            aliases = _settle_page_trees() if Page.objects.count() != pages else 0
        made = len(context.created) - before
        note(f"{made} new" if made else "nothing new", f"{aliases} aliases" if aliases else "")


@contextmanager
def _timed(progress, name):
    notes = []
    wall, cpu = time.perf_counter(), time.process_time()
    yield lambda *texts: notes.extend(text for text in texts if text)
    elapsed = f"{time.perf_counter() - wall:.1f} s, {time.process_time() - cpu:.1f} s CPU"
    progress(f"{name}: {elapsed}" + "".join(f"; {note}" for note in notes))


_SAVED_UID = "demo-deferred-index"


class _PendingTasks:
    """The objects saved and the background tasks enqueued while loading,
    indexed (or run) once each afterwards."""

    def __init__(self):
        self.results = []
        # The models modelsearch indexes on save (its `register_signal_handlers`).
        self.searched_models = {
            model
            for model in search_index.get_indexed_models()
            if getattr(model, "search_auto_update", True)
        }
        # {model: {pk, …}} of the objects saved, for each index.
        self.references = {}
        self.search = {}

    def saved(self, sender, instance, raw=False, **kwargs):
        """post_save: note the object for the indexes that follow its model,
        as Wagtail's and modelsearch's own handlers would enqueue it."""
        if raw:
            return
        if sender in ReferenceIndex.tracked_models:
            self.references.setdefault(sender, set()).add(str(instance.pk))
        if sender in self.searched_models:
            self.search.setdefault(sender, set()).add(str(instance.pk))

    def run(self):
        """Index every object that was saved, once, in one transaction.

        The index tasks read the object as it is when they run, so indexing an
        object once, at the end, gives the same index as indexing it after every
        save. The reference index of an inline child (a theme link, a speaker)
        is its page's, so a page is indexed once for all its children; the
        search index is written per model in bulk (as `update_index` does).
        Other tasks run once each, in the order of their last request.
        Returns how many objects were indexed (or tasks run), per task.
        """
        references, search, others = self.references, self.search, {}
        for result in self.results:
            if result.task.func is update_reference_index_task.func:
                references.setdefault(_model_of(*result.args[:2]), set()).add(str(result.args[2]))
            elif result.task.func is insert_or_update_object_task.func:
                search.setdefault(_model_of(*result.args[:2]), set()).add(str(result.args[2]))
            else:
                key = (result.task.module_path, repr(result.args), repr(result.kwargs))
                others.pop(key, None)
                others[key] = result
        self.results, self.references, self.search = [], {}, {}
        ran = Counter()
        with transaction.atomic():
            for instance in _reference_index_roots(references):
                if ReferenceIndex.is_indexed(instance._meta.model):
                    ReferenceIndex.create_or_update_for_object(instance)
                ran[update_reference_index_task.name] += 1
            for model, objects in _indexed_objects(search):
                for backend in get_search_backends(with_auto_update=True):
                    backend.add_bulk(model, objects)
                ran[insert_or_update_object_task.name] += len(objects)
            for result in others.values():
                try:
                    with transaction.atomic():
                        result.task.call(*result.args, **result.kwargs)
                except ObjectDoesNotExist:
                    continue  # made and removed again during the load
                ran[result.task.name] += 1
        return ran


def _model_of(app_label, model_name):
    return apps.get_model(app_label, model_name)


def _parental_key(model):
    keys = [f for f in model._meta.get_fields() if isinstance(f, ParentalKey)]
    return keys[0] if keys else None


def _reference_index_roots(pks_by_model):
    """The objects whose references Wagtail's `update_reference_index_task`
    would index for these: each object itself, or the page (or snippet) an
    inline child belongs to; each once, read with one query per model. Objects
    made and removed again during the load are left out."""
    roots, pending = {}, {model: set(pks) for model, pks in pks_by_model.items()}
    while pending:
        model, pks = pending.popitem()
        key = _parental_key(model)
        if key is None:
            roots.setdefault(model, set()).update(pks)
            continue
        parents = model.objects.filter(pk__in=pks, **{f"{key.attname}__isnull": False})
        pending.setdefault(key.related_model, set()).update(
            str(pk) for pk in parents.values_list(key.attname, flat=True)
        )
    # A page saved as its base class and as its own type is indexed once, as
    # its own type (as saving it in the admin does).
    pages = set().union(*(pks for model, pks in roots.items() if issubclass(model, Page)))
    if pages:
        yield from Page.objects.filter(pk__in=pages).order_by("pk").specific()
    for model, pks in roots.items():
        if not issubclass(model, Page):
            yield from model.objects.filter(pk__in=pks).order_by("pk")


def _indexed_objects(pks_by_model):
    """(model, objects) to add to the search index, as `insert_or_update_object`
    would add each: a page as its specific type, and only what the model's
    `get_indexed_objects()` holds."""
    by_type = {}
    for model, pks in pks_by_model.items():
        objects = model.objects.filter(pk__in=pks)
        if issubclass(model, Page):
            objects = objects.specific()
        for obj in objects:
            indexed = obj.get_indexed_instance()
            if indexed is not None:
                by_type.setdefault(type(indexed), {})[indexed.pk] = indexed
    for model, objects in by_type.items():
        wanted = set(
            model.get_indexed_objects().filter(pk__in=objects).values_list("pk", flat=True)
        )
        chosen = [obj for pk, obj in sorted(objects.items()) if pk in wanted]
        if chosen:
            yield model, chosen


@contextmanager
def deferred_tasks(pending):
    """Hold back the tasks that saving enqueues (the reference index after every
    save, the search index after every publish) in `pending`, to be run later.

    Loading saves most pages several times (created, published, translated,
    aliased): indexing each object once instead of after every save is most of
    what the demo saves on a fresh database.
    """
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    # The two index handlers are swapped for one that notes the object: the
    # enqueueing itself (a task result per save) cost more than the indexing.
    handlers = [
        (update_reference_index_on_save, ReferenceIndex.tracked_models),
        (search_post_save_handler, pending.searched_models),
    ]
    for handler, models in handlers:
        for model in models:
            post_save.disconnect(handler, sender=model)
    post_save.connect(pending.saved, weak=False, dispatch_uid=_SAVED_UID)
    with override_settings(TASKS=dummy):
        try:
            yield pending
        finally:
            post_save.disconnect(dispatch_uid=_SAVED_UID)
            for handler, models in handlers:
                for model in models:
                    post_save.connect(handler, sender=model)
            pending.results.extend(task_backends["default"].results)


def _settle_page_trees():
    """Give every page still missing in a synchronised locale its alias, as
    wagtail-localize's tree synchronisation does (it does so for new pages in
    the admin only). Returns how many it made."""
    before = Page.objects.filter(alias_of__isnull=False).count()
    index = _page_index().sort_by_tree_position()
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        synchronize_tree(sync.sync_from, sync.locale, page_index=index)
    return Page.objects.filter(alias_of__isnull=False).count() - before


def _page_index():
    """wagtail-localize's `PageIndex.from_database()`, read with two queries
    instead of four or five per page (its parent, content type, locale and
    language versions, one by one)."""
    rows = list(
        Page.objects.filter(depth__gt=1)
        .order_by("path")
        .values_list(
            "path", "depth", "content_type_id", "translation_key", "locale_id", "alias_of_id"
        )
    )
    key_by_path = {path: key for path, _depth, _type, key, _locale, _alias in rows}
    locales, aliased = defaultdict(list), defaultdict(list)
    for _path, _depth, _type, key, locale_id, alias_of_id in rows:
        (aliased if alias_of_id else locales)[key].append(locale_id)
    locale_by_id = Locale.objects.in_bulk()
    return PageIndex(
        [
            PageIndex.Entry(
                ContentType.objects.get_for_id(content_type_id),
                key,
                locale_by_id[locale_id],
                key_by_path[path[: -Page.steplen]] if depth > 2 else None,
                locales[key],
                aliased[key],
            )
            for path, depth, content_type_id, key, locale_id, alias_of_id in rows
            if alias_of_id is None
        ]
    )


def demo_image(title, seed, palette="morning"):
    """A generated illustration, stored once under its title."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = BytesIO(village_scene(seed, palette))
        image = Image(title=title)
        image.file = ImageFile(data, name=f"demo-{seed}.jpg")
        image.save()
    return image


def demo_logo(name, colour):
    """A drawn logo (an emblem in the partner's colour and its name), stored once per name."""
    Image = get_image_model()
    title = f"Logo {name}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title)
        image.file = ImageFile(BytesIO(emblem_logo(name, colour)), name=f"logo-{slugify(name)}.png")
        image.save()
    return image


def translate(obj, language_code, strings):
    """Translate a page or snippet through wagtail-localize, as an editor would.

    `strings` maps each source text (as wagtail-localize segments it) to its
    translation; anything not in it keeps the source text. Returns the
    translated object. An existing real translation is left alone, so a second
    run changes nothing.

    A page's parent must exist in the target language: when it does not yet
    (its aliases are made after the loader), it gets its alias now, as
    wagtail-localize's tree synchronisation would have made it.
    """
    locale = Locale.objects.get(language_code=language_code)
    existing = obj.get_translation_or_none(locale)
    if existing is not None and not getattr(existing, "alias_of_id", None):
        return existing
    is_page = isinstance(obj, Page)
    if is_page and existing is None and obj.depth > 2:
        parent = obj.get_parent()
        if parent.get_translation_or_none(locale) is None:
            parent.specific.copy_for_translation(locale, copy_parents=True, alias=True)
    source, _created = TranslationSource.get_or_create_from_instance(obj)
    return _save_translation(source, locale, strings, is_page=is_page)


@contextmanager
def _validated_once():
    """Save pages without validating them again, for the length of one
    translation.

    wagtail-localize validates a translated page three times with the same
    content: when it saves the page, when it saves the page's revision and
    when the revision is published. The revision's check stays (it raises the
    same errors, inside the same transaction, that wagtail-localize reports
    on the translation's fields); the page saves around it skip theirs.
    """
    original = Page.save

    def save(self, clean=True, **kwargs):
        return original(self, clean=False, **kwargs)

    with mock.patch.object(Page, "save", save):
        yield


def _save_translation(source, locale, strings, *, is_page):
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    _store_strings(translation, strings)
    if not is_page:
        translation.save_target(publish=True)
        return source.get_translated_instance(locale)
    # wagtail-localize publishes a page translation when the transaction commits,
    # from the page as it was when translated; a loader that then adds children
    # to it in the same transaction would leave it with a stale child count (its
    # children answer 404). So the translation is saved as a draft and published
    # now, as an editor who presses "Publish" in the translation editor.
    with _validated_once():
        translation.save_target(publish=False)
        target = source.get_translated_instance(locale)
        target.get_latest_revision().publish()
    return target


def _store_strings(translation, strings):
    """Keep `strings` ({source text: translation}) in the translation memory of
    `translation`, as an editor's PO upload (`Translation.import_po`) would,
    without writing and parsing the PO file: one query for the source's
    strings, one insert per new translation. A string already translated the
    same way is left alone; a changed one is updated."""
    segments = StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    )
    wanted = {}
    for segment in segments:
        # wagtail-localize keeps a segment as HTML ("Feiten &amp; cijfers"); the
        # loaders give plain text, which is escaped the same way.
        data = segment.string.data
        text = strings.get(data)
        if not text and "&" in data:
            text = strings.get(html.unescape(data))
            text = html.escape(text, quote=False) if text else text
        if text:
            wanted[(segment.string_id, segment.context_id)] = (segment, text)
    existing = {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            translation_of_id__in={string_id for string_id, _context in wanted},
            context_id__in={context_id for _string, context_id in wanted},
        )
    }
    for key, (segment, text) in wanted.items():
        row = existing.get(key)
        if row is not None and row.data == text:
            continue
        row = row or StringTranslation(
            translation_of=segment.string,
            locale_id=translation.target_locale_id,
            context=segment.context,
        )
        row.data = text
        row.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        row.tool_name = ""
        row.has_error = False
        row.field_error = ""
        row.save()  # checks the HTML and links, as an import does


def retranslate(obj, language_code, strings):
    """Bring an existing translation up to date with its changed source, keeping
    the strings already translated and adding `strings`."""
    locale = Locale.objects.get(language_code=language_code)
    source, _created = TranslationSource.update_or_create_from_instance(obj)
    if not Translation.objects.filter(source=source, target_locale=locale).exists():
        return None
    return _save_translation(source, locale, strings, is_page=isinstance(obj, Page))


def get_or_create_child(parent, factory, slug, **fields):
    """The child page with this slug, made and published by `factory` (one of
    `demo.factories`, the tests' own) if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    return factory(parent=parent, slug=slug, **fields)
