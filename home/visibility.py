"""Which pages a visitor may see, decided without a query per list.

Wagtail's `.public()` asks the database for view restrictions every time it is
used, and a page uses it for its versions, the menu and the breadcrumbs. The
restricted paths change rarely, so they are read once per cache generation
(home/cache.py starts a new one on every change): lists of pages are filtered
here, and Wagtail's own `.public()` reads them too (`read_restrictions_once`).
An alias counts as restricted with its source, which Wagtail's query misses.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from home.cache import per_generation


def restriction_paths():
    """The paths restrictions apply under: each restricted page's, and each
    of its aliases' (an alias answers with its source's restrictions)."""
    return per_generation(
        "restriction-paths",
        lambda: sorted(
            {
                path
                for pair in PageViewRestriction.objects.values_list(
                    "page__path", "page__aliases__path"
                )
                for path in pair
                if path
            }
        ),
    )


def is_public(page, paths=None):
    paths = restriction_paths() if paths is None else paths
    return not any(page.path.startswith(path) for path in paths)


def public_only(pages):
    """The pages of a list that sit under no view restriction."""
    paths = restriction_paths()
    if not paths:
        return list(pages)
    return [page for page in pages if is_public(page, paths)]


def private_q():
    """Wagtail's `PageQuerySet.private_q` without its query: the pages at or
    under a view restriction, and aliases of such pages (which answer with
    their source's restriction). Wagtail reads the restrictions joined to
    their pages on every call; on SQLite that took 1.3-1.6 ms at 10,000
    articles, asked four times by one article page and three times by the
    home page."""
    condition = Q()
    for path in restriction_paths():
        condition |= Q(path__startswith=path)
    return condition if condition else Q(pk__in=[])  # Wagtail's "no page"


def read_restrictions_once():
    """Make Wagtail's `.public()`, `.private()` and `.not_public()` (every page
    list of the site, Wagtail's own sitemap and admin included) use
    `private_q`. Called once from the app's `ready()`."""
    PageQuerySet.private_q = lambda self: private_q()
