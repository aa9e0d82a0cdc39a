"""The reader's language, in one place.

Three rules every app above the core uses:

- `active_locale(request)`: the `Locale` of the active language, looked up once
  per request.
- `source_version(page)`: which version of a page is the source, i.e. the one its
  content, dates and settings come from.
- `localized(source, objects)`: translatable objects (snippets, pages) in the
  reader's language, in bulk, with one fallback; `localized_queryset(source)`
  is the same rule as a queryset, for lists that filter and page in SQL.

`home.languages` keeps the page-tree questions (translations, aliases, the
language switcher); it answers "the original version" with `source_version`.

The fallback
------------
For each object, `localized` takes the first of:

1. its version in the reader's language;
2. its version in the site's default language (`settings.LANGUAGE_CODE`, Dutch);
3. the object as given (when objects were given), else its first-created version.

One query, however many objects. `localized_queryset` applies the same three
steps in SQL (step 3: the first-created version).
"""

from django.conf import settings
from django.db.models import Case, IntegerField, Min, Q, QuerySet, Value, When
from django.utils.translation import get_language
from wagtail.models import Locale

from home.cache import per_generation

__all__ = ["active_locale", "localized", "localized_list", "localized_queryset", "source_version"]


def _locale_now():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def active_locale(request=None):
    """The active language's `Locale` (the default one if it has none), cached on
    the request so a view and its helpers ask once, and per cache generation
    (a change of the locales starts a new one)."""
    cached = getattr(request, "_active_locale", None) if request is not None else None
    if cached is not None and cached.language_code == get_language():
        return cached
    locale = per_generation(f"locale:{get_language()}", _locale_now)
    if request is not None:
        request._active_locale = locale
    return locale


def source_version(page, versions=None, model=None):
    """The version of `page` its content, dates and settings come from.

    Rule: the first-created real (non-alias) version with the page's
    `translation_key`. wagtail-localize makes every translation from an existing
    version, so that one is the original the others were translated (and are
    synchronised) from; it is usually, not always, the Dutch one.

    `versions` (the page's versions, already loaded) answers without a query and
    returns None when none of them is real. Otherwise one query on `model` (the
    page's own class by default); `page` itself is returned when it is the source.
    """
    if versions is not None:
        real = [v for v in versions if not v.alias_of_id]
        return min(real, key=lambda v: v.pk) if real else None
    model = model or type(page)
    real = model.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
    # Most often the page is its own source: then ask for the pk only.
    is_own = isinstance(page, model) and not page.alias_of_id
    if is_own and real.order_by("pk").values_list("pk", flat=True).first() == page.pk:
        return page
    return real.order_by("pk").first()


def _language_code(locale):
    if locale is None:
        return get_language() or settings.LANGUAGE_CODE
    return getattr(locale, "language_code", locale)


def localized(source, objects=None, *, locale=None):
    """{translation_key: object in the reader's language} in one query.

    `source` is a translatable model, or a queryset of it to add conditions
    (`Page.objects.live().specific()`, `EventPage.objects.filter(live=True)`).
    `objects` says which objects:

    - None: every object of `source` (the small taxonomies);
    - model instances (a list, None items skipped): each one's version, else itself;
    - a queryset of `source`'s model: the same, as a subquery (nothing loaded first);
    - translation keys: each key's version, else its first-created one.

    `locale` is a `Locale` or a language code; the active language by default.
    The fallback is the module's: reader's language, default language, the
    object as given. Every object given is in the result; a key without any
    version is not.
    """
    queryset = source._default_manager.all() if isinstance(source, type) else source
    reader = _language_code(locale)
    default = settings.LANGUAGE_CODE
    rank = Case(
        When(locale__language_code=reader, then=Value(0)),
        When(locale__language_code=default, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    languages = Q(locale__language_code__in={reader, default})
    given = {}
    if objects is None:
        condition = None
    elif isinstance(objects, QuerySet):
        condition = Q(pk__in=objects.values("pk")) | (
            languages & Q(translation_key__in=objects.values("translation_key"))
        )
    else:
        objects = [o for o in objects if o is not None]
        keys = set()
        for item in objects:
            if hasattr(item, "translation_key"):
                given.setdefault(item.translation_key, item)
                keys.add(item.translation_key)
            else:
                keys.add(item)
        if not keys:
            return {}
        if given and len(given) == len(keys):
            # Every object is at hand as the last fallback: load only the versions
            # of those not already in the reader's language.
            reader_pk = locale.pk if isinstance(locale, Locale) else None
            wanted = {k for k, o in given.items() if o.locale_id != reader_pk}
            if not wanted:
                return given
            condition = languages & Q(translation_key__in=wanted)
        else:
            condition = Q(translation_key__in=keys)
    if condition is not None:
        queryset = queryset.filter(condition)
    found = {}
    for row in queryset.order_by(rank, "pk"):
        found.setdefault(row.translation_key, row)
    for key, item in given.items():
        found.setdefault(key, item)
    return found


def localized_list(source, objects, locale=None):
    """`objects` (None items skipped) in the reader's language, in their order."""
    objects = [o for o in objects if o is not None]
    found = localized(source, objects, locale=locale)
    return [found[o.translation_key] for o in objects]


def localized_queryset(source, *, locale=None):
    """Every object of `source` once, in the reader's language, as a lazy queryset.

    The module's fallback, written as conditions on one query (nothing is loaded
    until the caller filters, counts or pages it): the version in the reader's
    language, else the one in the default language, else the first-created one.
    `source` is a translatable model or a queryset of it; `locale` as `localized`.
    """
    queryset = source._default_manager.all() if isinstance(source, type) else source
    reader = _language_code(locale)
    default = settings.LANGUAGE_CODE
    in_reader = queryset.filter(locale__language_code=reader).values("translation_key")
    in_default = queryset.filter(locale__language_code=default).values("translation_key")
    first = queryset.values("translation_key").annotate(first=Min("pk")).values("first")
    return queryset.filter(
        Q(locale__language_code=reader)
        | (Q(locale__language_code=default) & ~Q(translation_key__in=in_reader))
        | (Q(pk__in=first) & ~Q(translation_key__in=in_reader) & ~Q(translation_key__in=in_default))
    )
