"""The registry of demo loaders and the helpers they share."""

import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.images import ImageFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils.text import slugify
from django_tasks import task_backends
from modelcluster.fields import ParentalKey
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.tasks import update_reference_index_task
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource
from wagtail_localize.synctree import PageIndex, synchronize_tree

from demo.images import initials_logo, village_scene

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
    try:
        with deferred_tasks(pending):
            for _order, _module, func in sorted(_LOADERS, key=lambda item: (item[0], item[1])):
                _run_loader(func, context, progress)
    finally:
        # Also after a failed loader: what the loaders before it made stays.
        with _timed(progress, "reference and search index") as note:
            note(*(f"{count} × {name}" for name, count in pending.run().items()))
    return context


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


class _PendingTasks:
    """The background tasks enqueued while loading, run once each afterwards."""

    def __init__(self):
        self.results = []

    def run(self):
        """Run each distinct task once, in the order of its last request.

        The index tasks read the object as it is when they run, so indexing an
        object once, at the end, gives the same index as indexing it after every
        save. The reference index of an inline child (a theme link, a speaker)
        is its page's, so a page is indexed once for all its children.
        Returns how many ran, per task.
        """
        distinct = {}
        for result in self.results:
            key = (result.task.module_path, repr(result.args), repr(result.kwargs))
            distinct.pop(key, None)
            distinct[key] = result
        ran = Counter()
        indexed = set()
        for result in distinct.values():
            try:
                with transaction.atomic():
                    if result.task.func is update_reference_index_task.func:
                        instance = _reference_index_root(*result.args)
                        key = (instance._meta.label, instance.pk) if instance else None
                        if key is None or key in indexed:
                            continue
                        indexed.add(key)
                        if ReferenceIndex.is_indexed(instance._meta.model):
                            ReferenceIndex.create_or_update_for_object(instance)
                    else:
                        result.task.call(*result.args, **result.kwargs)
            except ObjectDoesNotExist:
                continue  # made and removed again during the load
            ran[result.task.name] += 1
        self.results = []
        return ran


def _reference_index_root(app_label, model_name, pk):
    """The object whose references Wagtail's `update_reference_index_task` would
    index for this one: the object itself, or the page (or snippet) an inline
    child belongs to."""
    instance = apps.get_model(app_label, model_name).objects.get(pk=pk)
    while instance is not None:
        keys = [f for f in instance._meta.get_fields() if isinstance(f, ParentalKey)]
        if not keys:
            return instance
        instance = getattr(instance, keys[0].name)
    return None


@contextmanager
def deferred_tasks(pending):
    """Hold back the tasks that saving enqueues (the reference index after every
    save, the search index after every publish) in `pending`, to be run later.

    Loading saves most pages several times (created, published, translated,
    aliased): indexing each object once instead of after every save is most of
    what the demo saves on a fresh database.
    """
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy):
        try:
            yield pending
        finally:
            pending.results.extend(task_backends["default"].results)


def _settle_page_trees():
    """Give every page still missing in a synchronised locale its alias, as
    wagtail-localize's tree synchronisation does (it does so for new pages in
    the admin only). Returns how many it made."""
    before = Page.objects.filter(alias_of__isnull=False).count()
    index = PageIndex.from_database().sort_by_tree_position()
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        synchronize_tree(sync.sync_from, sync.locale, page_index=index)
    return Page.objects.filter(alias_of__isnull=False).count() - before


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
    """A plain logo (the initials on the partner's colour), stored once per name."""
    Image = get_image_model()
    title = f"Logo {name}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title)
        image.file = ImageFile(
            BytesIO(initials_logo(name, colour)), name=f"logo-{slugify(name)}.png"
        )
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


def _save_translation(source, locale, strings, *, is_page):
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    for entry in po:
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
    translation.import_po(po)
    if not is_page:
        translation.save_target(publish=True)
        return source.get_translated_instance(locale)
    # wagtail-localize publishes a page translation when the transaction commits,
    # from the page as it was when translated; a loader that then adds children
    # to it in the same transaction would leave it with a stale child count (its
    # children answer 404). So the translation is saved as a draft and published
    # now, as an editor who presses "Publish" in the translation editor.
    translation.save_target(publish=False)
    target = source.get_translated_instance(locale)
    target.get_latest_revision().publish()
    return target


def retranslate(obj, language_code, strings):
    """Bring an existing translation up to date with its changed source, keeping
    the strings already translated and adding `strings`."""
    locale = Locale.objects.get(language_code=language_code)
    source, _created = TranslationSource.update_or_create_from_instance(obj)
    if not Translation.objects.filter(source=source, target_locale=locale).exists():
        return None
    return _save_translation(source, locale, strings, is_page=isinstance(obj, Page))


def get_or_create_child(parent, model, slug, **fields):
    """The live child page with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
