"""The registry of demo loaders and the helpers they share."""

from dataclasses import dataclass, field
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource
from wagtail_localize.synctree import synchronize_tree

from demo.images import village_scene

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


def run_loaders():
    import demo.loaders  # noqa: F401 - registers every loader

    context = DemoContext()
    for _order, _module, func in sorted(_LOADERS, key=lambda item: (item[0], item[1])):
        with transaction.atomic():
            func(context)
        _settle_page_trees()
    return context


def _settle_page_trees():
    """After each loader: fix child counts, then give new pages their aliases.

    wagtail-localize creates the aliases of a new page in the admin only, so
    pages a loader makes get theirs here, in every synchronised locale.

    wagtail-localize also publishes a translation when the transaction commits, from
    a revision taken when it was translated; a loader that adds children to that
    page in the same transaction leaves it with a stale count, and treebeard then
    believes it has no children (so they answer 404). Editors never hit this:
    they translate and add pages in separate requests.
    """
    Page.fix_tree()  # first: aliases are placed by the parents' child counts
    with transaction.atomic():
        for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
            synchronize_tree(sync.sync_from, sync.locale)


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


def translate(obj, language_code, strings, publish=True):
    """Translate a page or snippet through wagtail-localize, as an editor would.

    `strings` maps each source text (as wagtail-localize segments it) to its
    translation; anything not in it keeps the source text. Returns the
    translated object. An existing real translation is left alone, so a second
    run changes nothing.
    """
    locale = Locale.objects.get(language_code=language_code)
    existing = obj.get_translation_or_none(locale)
    if existing is not None and not getattr(existing, "alias_of_id", None):
        return existing
    source, _created = TranslationSource.get_or_create_from_instance(obj)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    for entry in po:
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
    translation.import_po(po)
    translation.save_target(publish=publish)
    return obj.get_translation(locale)


def get_or_create_child(parent, model, slug, **fields):
    """The live child page with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
