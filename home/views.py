"""Site-wide views that are not Wagtail pages: search, sitemap, robots.txt, errors."""

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.translation import get_language
from django.views.decorators.csrf import requires_csrf_token
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Page

from home.i18n import active_locale
from home.search_backend import clean_query
from home.sitemaps import SiteSitemap

SEARCH_PAGE_SIZE = 10
SEARCH_QUERY_MAX_LENGTH = 200


def search(request):
    """Full-text search over the pages of the current language only."""
    query = clean_query(request.GET.get("q", ""), max_length=10 * SEARCH_QUERY_MAX_LENGTH)
    error = None
    results = None
    if len(query) > SEARCH_QUERY_MAX_LENGTH:
        error = "too_long"
        query = query[:SEARCH_QUERY_MAX_LENGTH]
    if query and not error:
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=active_locale(request), depth__gt=1)
            .specific()
        )
        found = pages.search(query, operator="and")
        results = Paginator(found, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "home/search.html",
        {"search_query": query, "search_results": results, "search_error": error},
    )


def sitemap(request):
    """Every indexable page in every language, each with its hreflang
    alternates (`home.sitemaps`)."""
    return sitemap_views.sitemap(
        request,
        {"pages": SiteSitemap},
        template_name="home/sitemap.xml",
        content_type="application/xml",
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static file."""
    return HttpResponseRedirect(static("favicon.ico"))


@requires_csrf_token
def server_error(request):
    """The 500 page, in the language of the request, without touching the database."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"LANGUAGE_CODE": get_language(), "request": request})
    )


def healthz(request):
    """Health for load balancers: 503 only when this server cannot serve (database down).

    A cache that does not answer makes the site slower, not unusable (pages are
    served uncached, home/cache_backend.py), so it answers 200 with
    `"status": "degraded"` and the failing part named; no details leak.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.http import JsonResponse

    from home.cache_backend import cache_available
    from home.hooks import health_checks

    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = "error"
    try:
        cache.set("healthz", "1", 10)
        kept = cache.get("healthz") == "1" and cache_available()
        checks["cache"] = "ok" if kept else "error"
    except Exception:  # noqa: BLE001
        checks["cache"] = "error"
    if checks["database"] == "ok":  # the other parts' checks read the database
        checks.update(health_checks())
    if checks["database"] != "ok":
        status, code = "error", 503
    elif all(value == "ok" for value in checks.values()):
        status, code = "ok", 200
    else:
        status, code = "degraded", 200
    response = JsonResponse({"status": status, **checks}, status=code)
    response["Cache-Control"] = "no-store"
    return response
