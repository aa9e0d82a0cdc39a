"""Routes of routable pages, attached from outside the model.

A model declares *what* a page is; the module that serves it (its app's views,
or a higher app such as registration for event pages) attaches the routes when
the app is ready. So models never import views, and a higher app can add
sub-pages to a lower app's page type without the lower app knowing it.

    EventPage.attach_routes(page_route("register/", views.register, name="register"))

A view attached this way is called as `view(request, page, *args, **kwargs)`.

The same app says which of those sub-pages belong in the sitemap (indexable,
reached by links): `attach_sitemap_paths(fn)` with `fn(page, request) ->
iterable of paths` relative to the page's URL ("thema/wonen/").
Routes attached to a class also serve its subclasses; the subclass's own come
first.

Sub-pages that visitors read carry words in the page's language
(`/nl/agenda/maand/2026/12/`, `/de/veranstaltungen/monat/2026/12/`): their
pattern holds lazily translated words (`pgettext_lazy("URL path", "month")`
in `route_pattern`), which Django's URL patterns compile per language. A
page resolves and reverses its sub-pages in its own language, whatever the
request's. The address a translated route had before (the untranslated
pattern, or `was=`) answers with a permanent redirect to the page's own, so
old links and bookmarks keep working. Files that programs poll (iCal, JSON,
XML, feeds) keep one address in every language.
"""

import hashlib
from functools import wraps

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import path, re_path
from django.utils.encoding import iri_to_uri
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import get_language, override
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from home.cache import per_generation
from home.languages import LEGACY, page_language
from home.sitemaps import sitemap_urls
from home.visibility import restriction_paths


def route_pattern(template, *words):
    """A pattern with translated words, made in the active language when used:
    `route_pattern("{}/<int:year>/", pgettext_lazy("URL path", "month"))`."""
    return format_lazy(template, *words)


def _as_method(view):
    @wraps(view)
    def method(page, request, *args, **kwargs):
        return view(request, page, *args, **kwargs)

    return method


def _untranslated(pattern):
    with override(None):
        return str(pattern)


def _with_former_address(route, builder, pattern, was):
    """Remember the address `route` had before its words were translated."""
    if isinstance(pattern, Promise) or was is not None:
        former = was if was is not None else _untranslated(pattern)
        route.former = builder(former, _redirect_to(route.name), name=route.name + LEGACY)
    return route


def page_route(pattern, view, *, name, was=None):
    """A sub-page at `pattern` (Django `path()` syntax, a plain or translated
    string) served by `view`; `was`: its former pattern, if not the untranslated one."""
    return _with_former_address(path(pattern, _as_method(view), name=name), path, pattern, was)


def page_re_route(pattern, view, *, name, was=None):
    """A sub-page at a regular expression `pattern` served by `view`."""
    route = re_path(pattern, _as_method(view), name=name)
    return _with_former_address(route, re_path, pattern, was)


def _redirect_to(name):
    def redirect(page, request, *args, **kwargs):
        """The former address of a sub-page: permanently to its address in the
        page's language. A form sent there (from a page opened before the
        change) is sent on with its data (308), not turned into a GET."""
        target = page.get_url(request) + page.reverse_subpage(name, args=args, kwargs=kwargs)
        query = request.META.get("QUERY_STRING", "")
        response = HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
        if request.method not in ("GET", "HEAD"):
            response.status_code = 308
        return response

    return redirect


# {locale id: language code}: a page's language without reading its locale
# for every address it makes. Emptied whenever a locale is saved or deleted.
_LANGUAGE_OF_LOCALE = {}


@receiver([post_save, post_delete], sender=Locale)
def _forget_locale_languages(**kwargs):
    _LANGUAGE_OF_LOCALE.clear()


def _page_language(page):
    code = _LANGUAGE_OF_LOCALE.get(page.locale_id)
    if code is None:
        _LANGUAGE_OF_LOCALE.update(Locale.objects.values_list("pk", "language_code"))
        code = _LANGUAGE_OF_LOCALE.get(page.locale_id) or page_language(page)
    return code


class AttachedRoutesMixin(RoutablePageMixin):
    """RoutablePageMixin whose routes may be attached after the class is made."""

    @classmethod
    def attach_routes(cls, *routes):
        if "_routablepage_urlresolver" in cls.__dict__:
            raise RuntimeError(f"{cls.__name__}: routes must be attached before the first request.")
        cls._attached_routes = (*cls.__dict__.get("_attached_routes", ()), *routes)

    @classmethod
    def attach_sitemap_paths(cls, fn):
        cls._sitemap_paths = (*cls.__dict__.get("_sitemap_paths", ()), fn)

    def sitemap_paths(self, request=None):
        """The page's own address ("") and the sub-pages every app declared."""
        paths = [""]
        for klass in type(self).__mro__:
            for fn in klass.__dict__.get("_sitemap_paths", ()):
                paths.extend(fn(self, request))
        return paths

    def get_sitemap_urls(self, request=None):
        return sitemap_urls(self, request, self.sitemap_paths(request))

    @classmethod
    def get_subpage_urls(cls):
        attached = []
        for klass in cls.__mro__:
            attached.extend(klass.__dict__.get("_attached_routes", ()))
        # Former addresses last: in a language where a word kept its old form,
        # the route itself answers.
        former = [route.former for route in attached if getattr(route, "former", None)]
        return (*attached, *super().get_subpage_urls(), *former)

    def reverse_subpage(self, name, args=None, kwargs=None):
        """The sub-page's path in the page's own language."""
        with override(_page_language(self)):
            return super().reverse_subpage(name, args=args, kwargs=kwargs)

    def resolve_subpage(self, path):
        with override(_page_language(self)):
            return super().resolve_subpage(path)

    def get_view_restrictions(self):
        """Wagtail's restrictions of this page and its ancestors (an alias
        answering with its source's), in one query instead of two (the
        ancestors' paths are read off the page's own), and none where no
        restriction applies."""
        if not any(self.path.startswith(path) for path in restriction_paths()):
            # Nothing restricted above it (known per cache generation): no query.
            return PageViewRestriction.objects.none()
        steps = range(1, self.depth + 1)
        paths = [self.path[: self.steplen * depth] for depth in steps]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()


# -- Files that programs poll ------------------------------------------------------


def polled_file(request, path, name):
    """Serve the file sub-page `name/` (an .ics, a feed) of the page at `path`,
    finding the page by its address in two queries instead of Wagtail's walk
    down the tree (two per level): calendar apps and feed readers ask for these
    files again and again. Everything else is Wagtail's own serving (its hooks,
    view restrictions, 404s); an address this cannot place is routed as usual."""
    subpath = f"{name}/"
    route = _direct_route(request, path, subpath)
    if route is not None:
        request._wagtail_route_for_request = route  # what Page.route_for_request keeps
    return wagtail_views.serve(request, path + subpath)


def _direct_route(request, path, subpath):
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = get_language()
    root = next(
        (
            r.root_path
            for r in Site.get_site_root_paths()
            if r.site_id == site.pk and r.language_code == language
        ),
        None,
    )
    if not root:
        return None
    url_path = f"{root}{path}"
    # Wagtail keeps no index on url_path; the slug (its last segment) has one,
    # so this reads the few pages of that slug, not every page (1 ms at 10,000).
    slug = url_path.rstrip("/").rsplit("/", 1)[-1]
    page = _page_at(url_path, slug)
    if page is None:
        return None
    if not isinstance(page, RoutablePageMixin) or not page.live:
        return None
    try:
        match = page.resolve_subpage("/" + subpath)
    except Http404:
        return None
    request.routable_resolver_match = match
    return RouteResult(page, args=(match.func, match.args, match.kwargs))


def _page_at(url_path, slug):
    """The specific page at `url_path`: one query when its type is known (kept
    per cache generation, for pages found only; moving a page starts a new
    generation), two the first time or when a page of another type took the
    address."""
    at = Page.objects.filter(url_path=url_path, slug=slug).order_by("path")
    kind = per_generation(
        "page-type:" + hashlib.sha256(url_path.encode()).hexdigest()[:32],
        lambda: at.values_list("content_type_id", flat=True).first(),
    )
    if kind is None:
        return None
    try:
        model = ContentType.objects.get_for_id(kind).model_class()
    except ContentType.DoesNotExist:  # a page type removed since it was kept
        model = None
    if model is not None and issubclass(model, Page):
        page = model.objects.filter(url_path=url_path, slug=slug).order_by("path").first()
        if page is not None:
            return page
    found = at.first()
    return found.specific if found is not None else None


def full_urls(pages, request=None):
    """{page id: full URL} for many pages, at the cost of one `get_full_url` per
    parent page: Wagtail routes a page by its `url_path`, so a sibling's URL is
    the first one's with the last segment (the slug, as `reverse` quotes it)
    replaced. Pages (or plain rows) need `pk`, `url_path`, `slug` and `locale_id`. A page whose
    URL does not end in its slug (a site root) gets its own `get_full_url`."""
    return _urls_by_parent(pages, lambda page: page.get_full_url(request))


def page_urls(pages, request=None):
    """{page id: `page.get_url(request)`} for many pages, as `full_urls` does it:
    one `get_url` per parent page and language, the siblings' from its address.
    Relative on the request's site, full on another (as `get_url` answers)."""
    return _urls_by_parent(pages, lambda page: page.get_url(request))


def _urls_by_parent(pages, address):
    urls, bases = {}, {}
    for page in pages:
        tail = iri_to_uri(page.slug) + "/"
        key = (page.locale_id, page.url_path.removesuffix(page.slug + "/"))
        base = bases.get(key)
        if base is None:
            # Wagtail's address of a page depends on its url_path alone: plain
            # rows (a feed's) are asked through a Page holding just that.
            routed = page if hasattr(page, "get_url") else Page(url_path=page.url_path)
            url = address(routed)
            if url and url.endswith("/" + tail) and page.url_path.endswith("/" + page.slug + "/"):
                bases[key] = url.removesuffix(tail)
        else:
            url = base + tail
        urls[page.pk] = url
    return urls
