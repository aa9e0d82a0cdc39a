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
"""

from functools import wraps

from django.urls import path, re_path
from wagtail.contrib.routable_page.models import RoutablePageMixin

from home.sitemaps import sitemap_urls


def _as_method(view):
    @wraps(view)
    def method(page, request, *args, **kwargs):
        return view(request, page, *args, **kwargs)

    return method


def page_route(pattern, view, *, name):
    """A sub-page at `pattern` (Django `path()` syntax) served by `view`."""
    return path(pattern, _as_method(view), name=name)


def page_re_route(pattern, view, *, name):
    """A sub-page at a regular expression `pattern` served by `view`."""
    return re_path(pattern, _as_method(view), name=name)


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
        return (*attached, *super().get_subpage_urls())
