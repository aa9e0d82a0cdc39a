"""The request's Wagtail Site is looked up once per cache generation
(home/sites.py): no query on the next request, and a site added or changed is
seen at once (a change of a site starts a new generation)."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from wagtail.models import Site

from home.sites import SiteMiddleware

pytestmark = pytest.mark.django_db


def test_each_host_gets_its_site_without_a_query_and_a_new_site_at_once(
    rf, settings, site_tree, django_assert_num_queries
):
    settings.ALLOWED_HOSTS = ["*"]
    cache.clear()
    seen = []

    def view(request):
        seen.append(Site.find_for_request(request))
        return HttpResponse()

    middleware = SiteMiddleware(view)
    default = Site.objects.get(is_default_site=True)
    middleware(rf.get("/", HTTP_HOST="andere.example"))
    assert seen[-1].pk == default.pk
    with django_assert_num_queries(0):
        middleware(rf.get("/", HTTP_HOST="andere.example"))
    assert seen[-1].pk == default.pk
    other = Site.objects.create(
        hostname="andere.example", port=80, root_page=default.root_page, site_name="Ander"
    )
    middleware(rf.get("/", HTTP_HOST="andere.example"))
    assert seen[-1].pk == other.pk
    middleware(rf.get("/", HTTP_HOST=default.hostname))
    assert seen[-1].pk == default.pk


def test_site_settings_come_without_a_query_and_a_change_is_seen_at_once(
    rf, site_tree, django_assert_num_queries
):
    from home.models import SiteSettings

    cache.clear()
    site = Site.objects.get(is_default_site=True)

    def settings_for_a_request():
        found = []
        request = rf.get("/", HTTP_HOST=site.hostname, SERVER_PORT=site.port)
        SiteMiddleware(lambda r: found.append(SiteSettings.for_request(r)) or HttpResponse())(
            request
        )
        return found[0]

    settings_for_a_request()
    with django_assert_num_queries(0):
        assert settings_for_a_request().site_id == site.pk
    row = SiteSettings.objects.get(site=site)
    row.contact_email = "nieuw@example.org"
    row.save()
    assert settings_for_a_request().contact_email == "nieuw@example.org"
