"""URLs: language-independent ones first, then everything under /nl/, /de/, /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.routing import polled_file
from opendata import embed as opendata_embed
from registration import views as registration_views
from registration.routes import manage_words

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon),
    path("healthz", home_views.healthz, name="healthz"),
    path("", include("opendata.urls")),
    path("", include("federation.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static as static_urls
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static_urls(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(_("search/"), home_views.search, name="search"),
    path("embed/calendar/", opendata_embed.calendar, name="embed_calendar"),
    # Manage links keep working when their event is unpublished or deleted
    # (their word in any language: aanmelding/, anmeldung/, registration/).
    re_path(
        rf"^(?:[\w-]+/)*(?:{'|'.join(manage_words())})/(?P<token>[A-Za-z0-9_-]+)/$",
        registration_views.manage_anywhere,
        name="registration_manage_anywhere",
    ),
    path("", include("digests.urls")),
    # Calendar files and feeds are polled: their page is found by its address.
    re_path(r"^(?P<path>(?:[\w-]+/)+)(?P<name>ical|feed)/$", polled_file),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler500 = "home.views.server_error"
